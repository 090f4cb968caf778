/* 様式3 (二次利用未承諾リスト): a PDF rendering of its entries (read by
 * src/bundle/form3.c) with real text so the merged public PDF keeps a text layer. */
#ifndef NOHIN_CLEAN_FORM3_H
#define NOHIN_CLEAN_FORM3_H

#include "nohin_internal.h"

/* Draws header + entries as a table on A4 landscape pages with cairo and the
 * IPAGothic font (text, not an image). */
bool nohin_form3_render_pdf(char **header, GPtrArray *entries, const char *title, const char *path,
                            GError **error);

#endif
