/* A digest of everything poppler's text pass reads of a PDF page: the page
 * dictionary with its inherited attributes (resources, boxes, rotation) and every
 * object it reaches — content streams, fonts and form XObjects by their bytes as
 * stored with their filters, annotations — plus the document's optional-content
 * and form settings, which change what poppler shows. Image XObjects enter by
 * their dictionary only: no text pass reads their samples (so the digest says
 * nothing about how a page renders). Object numbers do not enter it, so a page
 * keeps its digest through a rewrite that renumbers objects (qpdf, `nohin clean`);
 * any other difference changes it. Two pages with one digest give poppler's text
 * pass the same input, so what it derives from one page (its text, the text
 * layout and attributes) holds for the other. */
#ifndef NOHIN_PDF_PAGE_DIGEST_H
#define NOHIN_PDF_PAGE_DIGEST_H

#include "nohin_internal.h"

#define NOHIN_PAGE_DIGEST_SIZE 32 /* SHA-256 */

typedef struct {
    guint8 d[NOHIN_PAGE_DIGEST_SIZE];
} nohin_page_digest;

/* Digests of the file's first n_pages pages (qpdf reader), or NULL when they cannot
 * be trusted: qpdf could not read it, repaired it (warnings), its page tree is not
 * poppler's page count, or a limit stopped the walk. g_free the result. Leaves the
 * qpdf reader's warning count as it was. */
nohin_page_digest *nohin_pdf_page_digests(nohin_file *file, int n_pages);
/* Forgets the digests kept by file content (nohin_pdf_page_cache_end). */
void nohin_pdf_page_digests_forget(void);

#endif
