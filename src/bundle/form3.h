/* 様式3 二次利用未承諾リスト: the figures whose reuse the rights holder has not
 * allowed. Each row names a page, a figure/table number and a title.
 * The one reading of the table that lint (bundle checks) and clean both use. */
#ifndef NOHIN_FORM3_H
#define NOHIN_FORM3_H

#include "nohin_internal.h"

typedef struct {
    int row;      /* 1-based row of the sheet */
    char *kind;   /* may be NULL when only a number is written */
    char *number; /* canonical ("3-2"); "" when the row names no figure */
    char *title;  /* "" when none */
    char **cells; /* the row's cell texts ("" for empty cells) */
} nohin_form3_entry;

typedef struct {
    char *error;        /* why the sheet could not be read */
    char **header;      /* the header row's cell texts, NULL when none was found */
    int header_row;     /* its 1-based row, 0 when none */
    GPtrArray *entries; /* nohin_form3_entry* */
} nohin_form3;

/* Reads the entries of a 様式3 workbook: the header row is the first row with two
 * or more column labels (図表番号, タイトル, 出典, ページ…), so the title lines above
 * it (報告書の題名, 受注事業者名) are not entries; after it, an entry is a row that
 * names a figure or has two or more filled cells (running numbers aside), except
 * 該当なし. Without a header row only rows naming a figure count. Never NULL. */
nohin_form3 *nohin_form3_read(const char *path);
void nohin_form3_free(nohin_form3 *f);

#endif
