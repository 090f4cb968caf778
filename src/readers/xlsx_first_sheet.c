/* The first sheet's cell texts, streamed by nohin_xlsx_foreach_cell. */
#include "readers/xlsx_first_sheet.h"
#include "readers/xlsx_reader.h"

static void free_row(gpointer row)
{
    if (row) g_ptr_array_free(row, TRUE);
}

void nohin_form_sheet_free(nohin_form_sheet *s)
{
    if (!s) return;
    g_free(s->error);
    g_ptr_array_free(s->rows, TRUE);
    g_free(s);
}

const char *nohin_form_sheet_cell(const nohin_form_sheet *s, guint row, guint col)
{
    if (!s || row >= s->rows->len) return NULL;
    GPtrArray *r = s->rows->pdata[row];
    if (!r || col >= r->len) return NULL;
    return r->pdata[col];
}

typedef struct {
    nohin_form_sheet *s;
    int max_rows, max_cols;
} fill;

static bool put_cell(const nohin_xlsx_sheet *sheet, const nohin_xlsx_cell *c, void *user)
{
    (void)sheet;
    fill *fl = user;
    nohin_form_sheet *s = fl->s;
    if (c->row > fl->max_rows) return false; /* row-major: nothing more to keep */
    if (c->col < 1 || c->col > fl->max_cols || !c->value || !*c->value) return true;
    guint row = (guint)c->row, col = (guint)c->col;
    while (s->rows->len < row)
        g_ptr_array_add(s->rows, NULL);
    GPtrArray *r = s->rows->pdata[row - 1];
    if (!r) r = s->rows->pdata[row - 1] = g_ptr_array_new_with_free_func(g_free);
    while (r->len < col)
        g_ptr_array_add(r, NULL);
    g_free(r->pdata[col - 1]);
    r->pdata[col - 1] = g_strdup(c->value);
    return true;
}

static nohin_form_sheet *read_from(nohin_xlsx *x, int max_rows, int max_cols)
{
    nohin_form_sheet *s = g_new0(nohin_form_sheet, 1);
    s->rows = g_ptr_array_new_with_free_func(free_row);
    fill fl = {s, max_rows, max_cols};
    if (x->status != NOHIN_XLSX_OK)
        s->error = g_strdup(x->error ? x->error : "not a workbook");
    else if (!x->sheets->len)
        s->error = g_strdup("no worksheet");
    else if (!nohin_xlsx_foreach_cell(x, 0, put_cell, &fl) && !s->rows->len)
        s->error = g_strdup("worksheet is not well-formed");
    return s;
}

nohin_form_sheet *nohin_form_sheet_read(const char *path)
{
    /* Only the first rows of the first sheet are read: no summary scan of every
     * sheet (that was a whole extra pass over a large workbook). */
    nohin_xlsx *x = xlsx_open_unscanned(path, NULL);
    nohin_form_sheet *s = read_from(x, NOHIN_FORM_SHEET_MAX_ROWS, NOHIN_FORM_SHEET_MAX_COLS);
    nohin_xlsx_free(x);
    return s;
}

nohin_form_sheet *nohin_form_sheet_head(nohin_file *file, guint rows, guint cols)
{
    return read_from(nohin_xlsx_of(file), (int)MIN(rows, NOHIN_FORM_SHEET_MAX_ROWS),
                     (int)MIN(cols, NOHIN_FORM_SHEET_MAX_COLS));
}
