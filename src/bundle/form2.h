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

#endif
