/* 様式3 (二次利用未承諾リスト): its entries, and a PDF rendering of them with
 * real text so the merged public PDF keeps a text layer. */
#ifndef NOHIN_CLEAN_FORM3_H
#define NOHIN_CLEAN_FORM3_H

#include "nohin_internal.h"

/* Rows of the first worksheet of an XLSX, each a NULL-terminated strv of cell
 * texts (empty cells as ""). At most max_rows rows. NULL on error. */
GPtrArray *nohin_xlsx_first_sheet_rows(const char *path, int max_rows, GError **error);

/* The entry rows of a 様式3 table: the rows after the header row (the first row
 * with at least two filled cells) that hold something other than a running
 * number. Returns a new array of borrowed rows (free with g_ptr_array_free(, TRUE)). */
GPtrArray *nohin_form3_entries(GPtrArray *rows, char ***header);

/* Draws header + entries as a table on A4 landscape pages with cairo and the
 * IPAGothic font (text, not an image). */
bool nohin_form3_render_pdf(char **header, GPtrArray *entries, const char *title, const char *path,
                            GError **error);

#endif
