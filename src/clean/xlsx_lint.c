/* What lint needs to know of clean's XLSX decisions, read on lint's model of
 * the workbook (nohin_xlsx). */
#include "clean/xlsx_lint.h"

/* clean deletes hidden rows and columns, but leaves the workbook to a person
 * when their deletion would move what it cannot follow (src/clean/clean_xlsx.c
 * scan_sheets): formulas without stored values, what the sheet's drawing
 * anchors to cells (charts, pictures, shapes; an empty drawing, as LibreOffice
 * writes for every sheet, is no obstacle), charts anywhere in the workbook; and
 * any workbook with pivot tables. Then lint does not promise the fix. */
bool nohin_clean_xlsx_keeps_hidden(const nohin_xlsx *x, const nohin_xlsx_sheet *s)
{
    if (s->state != NOHIN_SHEET_VISIBLE || (!s->hidden_rows->len && !s->hidden_cols->len))
        return false; /* a hidden sheet goes whole */
    if (s->formulas_without_value || s->charts || s->pictures || s->shapes || x->pivot_records->len)
        return true;
    for (guint i = 0; i < x->sheets->len; i++) {
        const nohin_xlsx_sheet *o = x->sheets->pdata[i];
        if (o->state == NOHIN_SHEET_VISIBLE && (o->charts || o->kind == NOHIN_SHEET_CHARTSHEET))
            return true;
    }
    return false;
}
