/* Whether a page's extracted text is a text layer: PDF-TEXT-LAYER and
 * PDF-TEXT-GARBLED judge with this, and OCR uses the same judgement to pick
 * the pages it recognises. */
#ifndef NOHIN_PDF_TEXT_STATS_H
#define NOHIN_PDF_TEXT_STATS_H

#include <glib.h>
#include <stdbool.h>

typedef struct {
    int visible; /* characters other than white space */
    int garbage; /* of those: private use, U+FFFD, controls, invalid UTF-8 */
} nohin_text_stats;

nohin_text_stats nohin_pdf_text_stats(const char *text);
/* No visible character: the page has no text layer (PDF-TEXT-LAYER). */
bool nohin_pdf_text_lacks_layer(const char *text);
/* Mostly characters without a Unicode meaning (PDF-TEXT-GARBLED). */
bool nohin_pdf_text_garbled(const char *text);

#endif
