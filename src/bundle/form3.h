/* 様式3 二次利用未承諾リスト: the figures whose reuse the rights holder has not
 * allowed. Each row names a page, a figure/table number and a title. */
#ifndef NOHIN_FORM3_H
#define NOHIN_FORM3_H

#include "nohin_internal.h"

typedef struct {
    int row;      /* 1-based row of the sheet */
    char *kind;   /* may be NULL when only a number is written */
    char *number; /* canonical ("3-2") */
    char *title;  /* "" when none */
} nohin_form3_entry;

typedef struct {
    char *error;        /* why the sheet could not be read */
    GPtrArray *entries; /* nohin_form3_entry* */
} nohin_form3;

/* Reads the entries of a 様式3 workbook. Never NULL. */
nohin_form3 *nohin_form3_read(const char *path);
void nohin_form3_free(nohin_form3 *f);

#endif
