/* PDF text source: page text, document properties (Info, XMP), annotation
 * authors and contents, and link addresses the page does not show, so the
 * personal-data detector sees all of them. */
#include <string.h>
#include "pdf_meta.h"
#include "pdf_reader.h"
#include "qpdf_reader.h"
#include "text_source.h"

static bool piece(nohin_text_cb cb, void *user, const char *text, nohin_text_kind kind,
                  const nohin_location *loc, const char *label)
{
    nohin_text_piece p = {text, strlen(text), kind, loc, label};
    return cb(&p, user);
}

static bool metadata(nohin_qpdf *qp, nohin_text_cb cb, void *user)
{
    GPtrArray *fields = nohin_pdf_meta_fields(qp, true);
    bool go = true;
    for (guint i = 0; i < fields->len && go; i++) {
        const nohin_pdf_meta_field *f = fields->pdata[i];
        nohin_location loc = nohin_loc_part("properties", NULL, 0); /* not an object number */
        go = piece(cb, user, f->value, NOHIN_TEXT_METADATA, &loc, f->label);
        nohin_location_clear(&loc);
    }
    g_ptr_array_unref(fields);
    return go;
}

static bool is_link(nohin_qpdf *qp, qpdf_oh annot)
{
    char *sub = nohin_qpdf_name(qp, annot, "/Subtype");
    bool link = !strcmp(sub, "/Link");
    g_free(sub);
    return link;
}

/* A link's web or mail address that the page does not show: a form address
 * carrying ?user=…&tel=…, a mailto: behind 「担当者へのメール」. Personal data
 * there is in the file but not on the page. */
static char *hidden_link_address(nohin_qpdf *qp, qpdf_oh annot, const char *page_text)
{
    qpdf_oh act = nohin_qpdf_get(qp, annot, "/A");
    char *uri = nohin_qpdf_key_text(qp, act, "/URI", 4096);
    if (!uri) return NULL;
    const char *shown = g_str_has_prefix(uri, "mailto:") ? uri + 7 : uri;
    if (!*shown || (page_text && strstr(page_text, shown))) {
        g_free(uri);
        return NULL;
    }
    return uri;
}

static bool annotations(nohin_qpdf *qp, nohin_pdf *pdf, nohin_text_cb cb, void *user)
{
    qpdf_data q = qp->q;
    for (int p = 0; p < qp->n_pages; p++) {
        qpdf_oh annots = nohin_qpdf_get(qp, qpdf_get_page_n(q, (size_t)p), "/Annots");
        int n = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
        nohin_location loc = nohin_loc_page(p + 1);
        bool go = true;
        for (int i = 0; i < n && i < 100000 && go; i++) {
            qpdf_oh a = qpdf_oh_get_array_item(q, annots, i);
            char *author = nohin_qpdf_key_text(qp, a, "/T", 4096);
            char *contents = nohin_qpdf_key_text(qp, a, "/Contents", 65536);
            /* LibreOffice gives every link its visible text as /Contents: read
             * already with the page, not a second time as a comment */
            if (contents && *contents && pdf->page_text[p] && strstr(pdf->page_text[p], contents) &&
                is_link(qp, a))
                *contents = '\0';
            if (author && *author)
                go = piece(cb, user, author, NOHIN_TEXT_COMMENT, &loc, "comment author");
            if (go && contents && *contents)
                go = piece(cb, user, contents, NOHIN_TEXT_COMMENT, &loc, "comment");
            char *link = go ? hidden_link_address(qp, a, pdf->page_text[p]) : NULL;
            if (link) go = piece(cb, user, link, NOHIN_TEXT_HIDDEN, &loc, "link address");
            g_free(link);
            g_free(author);
            g_free(contents);
        }
        nohin_location_clear(&loc);
        if (!go) return false;
    }
    return true;
}

void nohin_pdf_foreach_text(nohin_file *file, nohin_text_cb cb, void *user)
{
    nohin_pdf *pdf = nohin_pdf_of(file);
    if (!pdf->doc) return;
    nohin_pdf_load_texts(file, NULL);
    for (int i = 0; i < pdf->n_pages; i++) {
        nohin_location loc = nohin_loc_page(i + 1);
        nohin_text_piece p = {pdf->page_text[i], strlen(pdf->page_text[i]), NOHIN_TEXT_BODY, &loc,
                              NULL};
        if (!cb(&p, user)) return;
    }
    nohin_qpdf *qp = nohin_qpdf_of(file);
    if (!qp->q) return;
    if (metadata(qp, cb, user)) annotations(qp, pdf, cb, user);
    nohin_qpdf_drain_warnings(qp);
}
