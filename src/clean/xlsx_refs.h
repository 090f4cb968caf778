/* Cell references under row/column deletion: "B7", "A1:C9", "$A$1", "3:3",
 * "B:D", space-separated sqref lists and sheet-qualified names. */
#ifndef NOHIN_CLEAN_XLSX_REFS_H
#define NOHIN_CLEAN_XLSX_REFS_H

#include "nohin_internal.h"
#include "ooxml/ooxml.h"

#define XLSX_MAX_ROW NOHIN_OOXML_MAX_ROWS
#define XLSX_MAX_COL NOHIN_OOXML_MAX_COLS

/* Which rows and columns of one sheet go: sorted, unique, 1-based. */
typedef struct {
    GArray *rows; /* int */
    GArray *cols; /* int */
} xlsx_shift;

void cx_shift_init(xlsx_shift *s);
void cx_shift_clear(xlsx_shift *s);
bool cx_shift_empty(const xlsx_shift *s);
/* Sorts and de-duplicates after adding. */
void cx_shift_finish(xlsx_shift *s);
bool cx_row_deleted(const xlsx_shift *s, int row);
bool cx_col_deleted(const xlsx_shift *s, int col);
/* New index of a kept row/column (deleted ones: the index they collapse to). */
int cx_row_map(const xlsx_shift *s, int row);
int cx_col_map(const xlsx_shift *s, int col);

/* Maps one reference or range; NULL when every cell of it is deleted or it does
 * not parse (then *ok is false). Keeps $ markers. Caller frees. */
char *cx_map_ref(const xlsx_shift *s, const char *ref, bool *ok);
/* Maps a space-separated list (sqref); NULL when nothing is left. */
char *cx_map_sqref(const xlsx_shift *s, const char *sqref);

#endif
