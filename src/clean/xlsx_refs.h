/* Cell references under row/column deletion: "B7", "A1:C9", "$A$1", "3:3",
 * "B:D", space-separated sqref lists and sheet-qualified names. */
#ifndef NOHIN_CLEAN_XLSX_REFS_H
#define NOHIN_CLEAN_XLSX_REFS_H

#include "nohin_internal.h"

#define XLSX_MAX_ROW 1048576
#define XLSX_MAX_COL 16384

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

/* "AB12" -> col 28, row 12 (either may be 0 when absent: "AB", "12"). Returns
 * the number of bytes parsed, 0 when it is not a reference. $ signs allowed. */
size_t cx_parse_cell(const char *s, int *col, int *row);
/* Column letters of a 1-based index into buf (>= 4 bytes). */
void cx_col_name(int col, char *buf);

/* Maps one reference or range; NULL when every cell of it is deleted or it does
 * not parse (then *ok is false). Keeps $ markers. Caller frees. */
char *cx_map_ref(const xlsx_shift *s, const char *ref, bool *ok);
/* Maps a space-separated list (sqref); NULL when nothing is left. */
char *cx_map_sqref(const xlsx_shift *s, const char *sqref);

#endif
