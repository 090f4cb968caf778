/* clean's decisions about a workbook as lint reads it (src/readers/xlsx_reader.h). */
#ifndef NOHIN_CLEAN_XLSX_LINT_H
#define NOHIN_CLEAN_XLSX_LINT_H

#include "readers/xlsx_reader.h"

/* Whether clean, which deletes hidden rows and columns, leaves the workbook to a
 * person because of those of sheet s (src/clean/clean_xlsx.c scan_sheets). */
bool nohin_clean_xlsx_keeps_hidden(const nohin_xlsx *x, const nohin_xlsx_sheet *s);

#endif
