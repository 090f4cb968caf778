/* The cell texts of a workbook's first sheet as rows × columns: what the 様式
 * readers (様式2/様式3 headings and tables) need. Read through the XLSX reader
 * (src/readers/xlsx_*, on the OOXML model in src/ooxml), so the forms see the
 * same workbook lint and clean see: the workbook part found through the
 * package relationships, the same shared strings and cell references.
 * Replaces src/bundle/form_sheet.h with the same functions. */
#ifndef NOHIN_XLSX_FIRST_SHEET_H
#define NOHIN_XLSX_FIRST_SHEET_H

#include "nohin_internal.h"

typedef struct {
    char *error;     /* why the sheet could not be read; NULL when read */
    GPtrArray *rows; /* GPtrArray* per row (index = row - 1), each char* per column
                        (index = column - 1), NULL for empty cells; a row with no
                        cells is NULL */
} nohin_form_sheet;

#define NOHIN_FORM_SHEET_MAX_ROWS 5000
#define NOHIN_FORM_SHEET_MAX_COLS 64

nohin_form_sheet *nohin_form_sheet_read(const char *path);
/* The first rows × cols of a walked workbook, from lint's reader of the file
 * (nohin_xlsx_of: no second open and scan of the whole workbook). */
nohin_form_sheet *nohin_form_sheet_head(nohin_file *file, guint rows, guint cols);
void nohin_form_sheet_free(nohin_form_sheet *s);
/* Cell text at 0-based row/column, or NULL. */
const char *nohin_form_sheet_cell(const nohin_form_sheet *s, guint row, guint col);

#endif
