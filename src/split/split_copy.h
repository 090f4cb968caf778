/* What a part takes over from the input besides its pages, rebuilt for the
 * part: internal links and bookmarks that point into the part, the page
 * labels from the part's first page on, the form fields of the part's pages
 * and the catalog entries that refer to no page. Everything pointing at a page
 * of another part is left out. The input is read once (src); each part is a
 * new qpdf handle (dst) its pages were copied into. */
#ifndef NOHIN_SPLIT_COPY_H
#define NOHIN_SPLIT_COPY_H

#include <glib.h>
#include <qpdf/qpdf-c.h>
#include <stdbool.h>

typedef struct {
    qpdf_data q;
    int n;                  /* pages */
    GHashTable *page_index; /* page object id -> index + 1 */
    GHashTable *named;      /* destination name -> destination (qpdf_oh of q) */
} nohin_split_src;

/* Fills page_index and named from src->q (read already). */
void nohin_split_src_index(nohin_split_src *src);

/* Annotations of the part's pages whose page target is in the part get it
 * again (the copy points at the part's page); those pointing into another part
 * are removed. Returns the number removed. */
int nohin_split_links(nohin_split_src *src, qpdf_data dst, int first, int last);

/* The bookmarks whose target, or a descendant's, is in the part, as the part's
 * outline. Returns the number of bookmarks kept. */
int nohin_split_outline(nohin_split_src *src, qpdf_data dst, int first, int last);

/* Catalog entries: language, viewer settings, optional content, page labels
 * (rebased), names other than destinations, the form with the part's fields. */
void nohin_split_catalog(nohin_split_src *src, qpdf_data dst, int first, int last);

#endif
