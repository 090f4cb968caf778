/* Visual lines of a PDF page rebuilt from character positions, for label | value
 * table rows that poppler yields column by column (all labels, then all values). */
#ifndef NOHIN_PII_PDF_LINES_H
#define NOHIN_PII_PDF_LINES_H

#include <poppler.h>
#include <stdbool.h>
#include <stddef.h>

/* A page text line that is a personal-attribute label on its own (氏名, 生年月日…):
 * only pages with one need their lines rebuilt. */
bool pii_page_has_label_line(const char *text, size_t len);

/* label: the label word (static); value: the runs right of the label on the same
 * baseline band, left to right, separated by spaces; orig[i]: the byte of the page
 * text that value byte i came from. */
typedef void (*pii_label_row_cb)(const char *label, const char *value, size_t len,
                                 const unsigned *orig, void *user);

/* Calls cb for every rebuilt line whose leftmost run is a label and which has
 * runs after it. rects: poppler's text layout, one rectangle per character of
 * text (n characters). */
void pii_pdf_label_rows(const char *text, const PopplerRectangle *rects, unsigned n,
                        pii_label_row_cb cb, void *user);

#endif
