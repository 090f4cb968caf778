/* Whether a page could hide text from a reader's eye, decided from its structure
 * without rendering it: the PDF-HIDDEN-TEXT check renders only the pages that
 * could (a plain page of text on white cannot hide anything but by colour or
 * size, which the text attributes already tell). */
#ifndef NOHIN_PDF_PAINT_H
#define NOHIN_PDF_PAINT_H

#include "qpdf_reader.h"

/* True unless page (0-based) provably only draws text and strokes: no fills,
 * images, shadings, clips, XObjects, Type 3 fonts, transparency, non-default text
 * render modes or annotations other than links. Anything not understood: true. */
bool nohin_pdf_page_may_hide_text(nohin_qpdf *qp, int page);

#endif
