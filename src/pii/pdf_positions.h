/* Boxes of personal-data findings on PDF pages (for the "box" of a location). */
#ifndef NOHIN_PII_PDF_POSITIONS_H
#define NOHIN_PII_PDF_POSITIONS_H

#include <poppler.h>
#include "nohin_internal.h"

typedef struct pii_pdf_boxes pii_pdf_boxes;

pii_pdf_boxes *pii_pdf_boxes_new(nohin_file *file);
/* The box of bytes [start, end) of page's text (the text the PDF text source
 * yielded for that 1-based page). False when poppler's layout does not map. */
bool pii_pdf_boxes_get(pii_pdf_boxes *b, int page, const char *text, size_t start, size_t end,
                       nohin_box *out);
/* Poppler's rectangles of page's characters, one per character of text (owned by b,
 * valid until another page is asked for). False when they do not map. */
bool pii_pdf_boxes_layout(pii_pdf_boxes *b, int page, const char *text,
                          const PopplerRectangle **rects, unsigned *n);
void pii_pdf_boxes_free(pii_pdf_boxes *b);

#endif
