/* 様式2 (委託調査報告書公表用書誌情報): the few fields nohin uses, found by their
 * label in the first sheet (the value is the next filled cell to the right). */
#ifndef NOHIN_BUNDLE_FORM2_H
#define NOHIN_BUNDLE_FORM2_H

#include "nohin_internal.h"

typedef enum {
    NOHIN_FORM2_CONTRACTOR = 0, /* 受注事業者名 */
    NOHIN_FORM2_TITLE,          /* 報告書の題名 */
    NOHIN_FORM2_PAGES,          /* 総頁数 */
    NOHIN_FORM2_DATA_FILES,     /* 図表等データのファイル数 */
    NOHIN_FORM2_N
} nohin_form2_field;

typedef struct {
    char *value;    /* NULL when the label or its value is missing */
    guint row, col; /* 0-based cell of the value (meaningful when value is set) */
} nohin_form2_item;

typedef struct {
    char *error; /* why the sheet could not be read; NULL when read */
    nohin_form2_item items[NOHIN_FORM2_N];
} nohin_form2;

nohin_form2 *nohin_form2_read(const char *path);
void nohin_form2_free(nohin_form2 *f);
/* The A1 reference ("B7") of an item's 0-based cell: the cell lint names and
 * clean rewrites. */
char *nohin_form2_cell_ref(guint row, guint col);
/* Lint's check and clean's correction decide with these two, so what lint calls a
 * mismatch is what clean corrects, and nothing else. */
/* The number in a value such as "120", "120頁", "１２０ページ"; -1 when none. */
long nohin_form2_number(const char *value);
/* Whether 様式2's title differs from the report's. Compared after NFKC without any
 * white space (U+3000 too): "令和6年度　調査報告書" is the same title as
 * "令和6年度調査報告書", as spaces in a Japanese title are layout, not words.
 * False when the report's title is blank (nothing to compare with). */
bool nohin_form2_title_differs(const char *form, const char *report);

#endif
