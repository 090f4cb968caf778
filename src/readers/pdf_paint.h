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

/* A word as poppler's text layout gives it: box in points from the top-left of the
 * page as shown (crop box), and the range of its characters' fill luminance (0–255). */
typedef struct {
    double x1, y1, x2, y2;
    double lum_lo, lum_hi;
    double size; /* font size, 0 when unknown */
} nohin_word_box;

/* Narrower than nohin_pdf_page_may_hide_text: follows the content (transformation
 * matrix, rectangle clips, fill colours, fills and images with their positions) and
 * is true unless every word is provably drawn on top, inside every clip in force
 * when text is shown, in a colour far enough from every fill beneath it, and not
 * overlapped by any fill or image drawn after text. Anything not understood
 * (non-rectangular clips, form XObjects, inline images, shadings, patterns, rotated
 * pages, other colour spaces under a word…) makes it true. */
bool nohin_pdf_page_may_hide_words(nohin_qpdf *qp, int page, const nohin_word_box *words,
                                   size_t n_words);

#endif
