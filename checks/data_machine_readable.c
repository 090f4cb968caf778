/* Machine-readable figure data (総務省「統計表における機械判読可能なデータの
 * 表記方法の統一ルール」): warnings on XLSX worksheets and CSV files. One finding
 * per contiguous range. Public files (the data published as open data). */
#include <string.h>
#include "layout/table_layout.h"
#include "readers/csv_reader.h"
#include "readers/xlsx_classify.h"
#include "readers/xlsx_reader.h"

#define SPEC "総務省 機械判読ルール"
static const nohin_rule rules[] = {
    {"DATA-MERGED-CELLS", NOHIN_SEV_WARNING, false, N_("Merged cells in figure data"), SPEC},
    {"DATA-FORMULAS", NOHIN_SEV_WARNING, true, N_("Formulas in figure data instead of values"),
     SPEC},
    {"DATA-OBJECTS", NOHIN_SEV_WARNING, false,
     N_("Charts, images, shapes or text boxes in figure data"), SPEC},
    {"DATA-NUMBER-AS-TEXT", NOHIN_SEV_WARNING, false, N_("Numbers stored as text"), SPEC},
    {"DATA-LAYOUT-SPACES", NOHIN_SEV_WARNING, false,
     N_("Spaces used for layout (leading, trailing, or between characters)"), SPEC},
    {"DATA-MACHINE-DEPENDENT-CHARS", NOHIN_SEV_WARNING, false,
     N_("Machine-dependent characters (①, Ⅰ, ㈱, ㍉ …)"), SPEC},
    {"DATA-BLANK-SEPARATORS", NOHIN_SEV_WARNING, true,
     N_("Blank rows or columns used as separators inside the data"), SPEC},
    {"DATA-MULTIPLE-TABLES", NOHIN_SEV_WARNING, false, N_("More than one table on a sheet"), SPEC},
    {"DATA-MISSING-HEADER", NOHIN_SEV_WARNING, false,
     N_("Table without a header row, or with blank header cells"), SPEC},
    {NULL}};

typedef struct {
    nohin_mark_kind kind;
    const char *rule;
    const char *fix;
    const char *msg; /* "%s!%s …" sheet, range */
    bool mask;
} cell_rule;

static void cell_marks(nohin_ctx *ctx, nohin_file *file, const nohin_xlsx_sheet *s,
                       const cell_rule *cr)
{
    const nohin_xlsx_marks *m = &s->marks[cr->kind];
    for (guint i = 0; m->ranges && i < m->ranges->len; i++) {
        const nohin_xlsx_range *r = &g_array_index(m->ranges, nohin_xlsx_range, i);
        char *ref = nohin_xlsx_range_ref(r);
        /* Clean keeps the formulas of a sheet where some have no stored value (it never
         * writes an empty cell): there the fix is the user's, not clean's. */
        bool uncached = cr->kind == NOHIN_MARK_FORMULA && s->formulas_without_value > 0;
        nohin_finding *f = nohin_emit(
            ctx, file, cr->rule, nohin_loc_cell(s->name, ref),
            uncached ? _("Open and save the workbook in Excel or LibreOffice so the values are "
                         "stored, then replace the formulas with their values.")
                     : _(cr->fix),
            _(cr->msg), s->name, ref);
        if (f && uncached) f->fixable = false;
        if (f && r->evidence) {
            char *v = cr->mask ? nohin_mask(r->evidence) : g_strdup(r->evidence);
            nohin_finding_set_evidence(f, "value=%s", v);
            g_free(v);
        }
        g_free(ref);
    }
    if (m->dropped_ranges)
        nohin_emit(ctx, file, cr->rule, nohin_loc_sheet(s->name), _(cr->fix),
                   _("%llu more ranges on sheet %s are not listed."),
                   (unsigned long long)m->dropped_ranges, s->name);
}

static const cell_rule xlsx_cell_rules[] = {
    {NOHIN_MARK_FORMULA, "DATA-FORMULAS",
     N_("Replace the formulas with their values (Paste Special > Values)."),
     N_("Cells %s!%s hold formulas; publish the values."), false},
    {NOHIN_MARK_NUMBER_AS_TEXT, "DATA-NUMBER-AS-TEXT",
     N_("Store the numbers as numbers (no thousands separators or units typed into the cell)."),
     N_("Cells %s!%s hold numbers stored as text."), true},
    {NOHIN_MARK_LAYOUT_SPACES, "DATA-LAYOUT-SPACES",
     N_("Remove the spaces; use cell alignment for layout."),
     N_("Cells %s!%s use spaces for layout."), true},
    {NOHIN_MARK_MACHINE_CHARS, "DATA-MACHINE-DEPENDENT-CHARS",
     N_("Replace the characters with plain ones: (1) for ①, I for Ⅰ, (株) for ㈱, ミリ for ㍉."),
     N_("Cells %s!%s use machine-dependent characters."), false},
};

static bool layout_cell(const nohin_xlsx_sheet *s, const nohin_xlsx_cell *c, void *user)
{
    (void)s;
    if (c->type == NOHIN_CELL_EMPTY || !*c->value) return true;
    nohin_layout_add(user, c->row, c->value, c->type == NOHIN_CELL_NUMBER);
    return true;
}

static bool has_marks(const nohin_xlsx_sheet *s)
{
    return s->marks[NOHIN_MARK_BLANK_ROWS].ranges || s->marks[NOHIN_MARK_NEW_TABLE].ranges ||
           s->marks[NOHIN_MARK_MISSING_HEADER].ranges;
}

/* Whether every row (column) a0..a1 is hidden: clean deletes hidden rows and
 * columns (the same reading of hidden="1" and zero size as the reader's). */
static bool all_hidden(const GArray *hidden, int a0, int a1, bool rows)
{
    int next = a0;
    for (guint i = 0; i < hidden->len && next <= a1; i++) {
        const nohin_xlsx_range *h = &g_array_index(hidden, nohin_xlsx_range, i);
        int h0 = rows ? h->r0 : h->c0, h1 = rows ? h->r1 : h->c1;
        if (h0 <= next && h1 >= next) next = h1 + 1;
    }
    return next > a1;
}

/* A blank gap that clean takes away: the gap itself is hidden, or all the data
 * on one side of it is (what is left is no longer between data). With the
 * hidden list cut short nobody can tell, so the finding stays for a person. */
static bool gap_cleaned(const nohin_xlsx_sheet *s, int a0, int a1, bool rows)
{
    const GArray *h = rows ? s->hidden_rows : s->hidden_cols;
    int last = rows ? s->max_row : s->max_col;
    if (!h || (rows ? s->hidden_rows_dropped : s->hidden_cols_dropped)) return false;
    return all_hidden(h, a0, a1, rows) || (a1 < last && all_hidden(h, a1 + 1, last, rows)) ||
           (a0 > 1 && all_hidden(h, 1, a0 - 1, rows));
}

static bool in_merged(const nohin_xlsx_sheet *s, const nohin_xlsx_range *r)
{
    for (guint i = 0; i < s->merged->len; i++) {
        const nohin_xlsx_range *m = &g_array_index(s->merged, nohin_xlsx_range, i);
        if (r->r0 >= m->r0 && r->r1 <= m->r1 && r->c0 >= m->c0 && r->c1 <= m->c1) return true;
    }
    return false;
}

static void xlsx_sheet(nohin_ctx *ctx, nohin_file *file, nohin_xlsx *x, guint index,
                       const nohin_xlsx_sheet *s)
{
    nohin_layout *lay = NULL;
    if (s->kind == NOHIN_SHEET_WORKSHEET && has_marks(s)) {
        lay = nohin_layout_new();
        nohin_xlsx_foreach_cell(x, index, layout_cell, lay);
    }
    if (s->kind == NOHIN_SHEET_CHARTSHEET) {
        nohin_emit(ctx, file, "DATA-OBJECTS", nohin_loc_sheet(s->name),
                   _("Publish the data behind the chart, not the chart sheet."),
                   _("Sheet %s is a chart sheet."), s->name);
        return;
    }
    if (s->kind != NOHIN_SHEET_WORKSHEET) return;
    for (guint i = 0; i < s->merged->len; i++) {
        const nohin_xlsx_range *r = &g_array_index(s->merged, nohin_xlsx_range, i);
        char *ref = nohin_xlsx_range_ref(r);
        nohin_emit(ctx, file, "DATA-MERGED-CELLS", nohin_loc_cell(s->name, ref),
                   _("Unmerge the cells and repeat the value in each cell."),
                   _("Cells %s!%s are merged."), s->name, ref);
        g_free(ref);
    }
    if (s->merged_count > s->merged->len)
        nohin_emit(ctx, file, "DATA-MERGED-CELLS", nohin_loc_sheet(s->name),
                   _("Unmerge the cells and repeat the value in each cell."),
                   _("%llu more ranges on sheet %s are not listed."),
                   (unsigned long long)(s->merged_count - s->merged->len), s->name);
    if (s->pictures || s->shapes) {
        nohin_finding *f = nohin_emit(
            ctx, file, "DATA-OBJECTS", nohin_loc_sheet(s->name),
            _("Move charts, images and text boxes out of the data file; notes go in cells."),
            _("Sheet %s holds %d chart(s), %d image(s) and %d shape(s) or text box(es)."), s->name,
            s->charts, s->pictures, s->shapes);
        if (f)
            nohin_finding_set_evidence(f, "charts=%d pictures=%d shapes=%d", s->charts, s->pictures,
                                       s->shapes);
    } else if (s->charts) {
        /* A figure's data file with the chart drawn from its cells reads fine by machine. */
        nohin_finding *f =
            nohin_emit(ctx, file, "DATA-OBJECTS", nohin_loc_sheet(s->name),
                       _("Nothing needed for machine reading; to publish only the data, move "
                         "the chart to its own sheet or file."),
                       _("Sheet %s holds %d chart(s) beside the data."), s->name, s->charts);
        if (f) {
            nohin_finding_set_severity(ctx, f, NOHIN_SEV_INFO);
            nohin_finding_set_evidence(f, "charts=%d pictures=0 shapes=0", s->charts);
        }
    }
    for (size_t k = 0; k < G_N_ELEMENTS(xlsx_cell_rules); k++)
        cell_marks(ctx, file, s, &xlsx_cell_rules[k]);
    const nohin_xlsx_marks *m = &s->marks[NOHIN_MARK_BLANK_ROWS];
    for (guint i = 0; m->ranges && i < m->ranges->len; i++) {
        const nohin_xlsx_range *r = &g_array_index(m->ranges, nohin_xlsx_range, i);
        if (lay && !nohin_layout_gap_real(lay, r->r0, r->r1)) continue;
        nohin_finding *f;
        if (r->r1 > r->r0)
            f = nohin_emit(
                ctx, file, "DATA-BLANK-SEPARATORS", nohin_loc_rows(s->name, r->r0, r->r1),
                _("Delete the blank rows inside the table."),
                _("Rows %d–%d of sheet %s are blank inside the data."), r->r0, r->r1, s->name);
        else
            f = nohin_emit(ctx, file, "DATA-BLANK-SEPARATORS",
                           nohin_loc_rows(s->name, r->r0, r->r1),
                           _("Delete the blank rows inside the table."),
                           _("Row %d of sheet %s is blank inside the data."), r->r0, s->name);
        if (f) f->fixable = gap_cleaned(s, r->r0, r->r1, true);
    }
    m = &s->marks[NOHIN_MARK_BLANK_COLS];
    for (guint i = 0; m->ranges && i < m->ranges->len; i++) {
        const nohin_xlsx_range *r = &g_array_index(m->ranges, nohin_xlsx_range, i);
        char *a = nohin_xlsx_col_name(r->c0), *b = nohin_xlsx_col_name(r->c1);
        nohin_finding *f =
            nohin_emit(ctx, file, "DATA-BLANK-SEPARATORS", nohin_loc_columns(s->name, a, b),
                       _("Delete the blank columns inside the table."),
                       _("Columns %s–%s of sheet %s are blank inside the data."), a, b, s->name);
        if (f) f->fixable = gap_cleaned(s, r->c0, r->c1, false);
        g_free(a);
        g_free(b);
    }
    m = &s->marks[NOHIN_MARK_NEW_TABLE];
    for (guint i = 0; m->ranges && i < m->ranges->len; i++) {
        const nohin_xlsx_range *r = &g_array_index(m->ranges, nohin_xlsx_range, i);
        if (lay && !nohin_layout_new_table_real(lay, r->r0)) continue;
        nohin_emit(ctx, file, "DATA-MULTIPLE-TABLES", nohin_loc_rows(s->name, r->r0, r->r0),
                   _("Put each table on its own sheet (or in its own file)."),
                   _("Another table starts at row %d of sheet %s."), r->r0, s->name);
    }
    m = &s->marks[NOHIN_MARK_MISSING_HEADER];
    for (guint i = 0; m->ranges && i < m->ranges->len; i++) {
        const nohin_xlsx_range *r = &g_array_index(m->ranges, nohin_xlsx_range, i);
        bool numbers = r->evidence && !strcmp(r->evidence, "numbers");
        /* A merged header (DATA-MERGED-CELLS says so), a second header level, years as
         * column names: the columns are named. */
        if (!numbers && (in_merged(s, r) || (lay && nohin_layout_two_level_header(lay, r->r0))))
            continue;
        if (numbers && lay && nohin_layout_year_header(lay, r->r0)) continue;
        char *ref = nohin_xlsx_range_ref(r);
        nohin_emit(ctx, file, "DATA-MISSING-HEADER", nohin_loc_cell(s->name, ref),
                   _("Add one header row that names every column."),
                   numbers
                       ? _("The first row of the table (%s!%s) holds numbers, not column names.")
                       : _("Header cells %s!%s are blank above columns that hold data."),
                   s->name, ref);
        g_free(ref);
    }
    nohin_layout_free(lay);
}

static void csv_marks(nohin_ctx *ctx, nohin_file *file, const nohin_csv *c, nohin_csv_mark_kind k,
                      const char *rule, const char *fix, const char *msg, bool mask)
{
    const nohin_csv_marks *m = &c->marks[k];
    for (guint i = 0; m->items && i < m->items->len; i++) {
        const nohin_csv_mark *mk = &g_array_index(m->items, nohin_csv_mark, i);
        nohin_finding *f = nohin_emit(ctx, file, rule, nohin_loc_line(mk->line, mk->field), fix,
                                      msg, mk->line, mk->field);
        if (f && mk->evidence) {
            char *v = mask ? nohin_mask(mk->evidence) : g_strdup(mk->evidence);
            nohin_finding_set_evidence(f, "value=%s", v);
            g_free(v);
        }
    }
    if (m->items && m->total > m->items->len)
        nohin_emit(ctx, file, rule, nohin_loc_none(), fix, _("%llu more are not listed."),
                   (unsigned long long)(m->total - m->items->len));
}

static bool layout_field(const nohin_csv_field *f, void *user)
{
    if (f->len == 0 || nohin_text_blank(f->text)) return true;
    nohin_layout_add(user, f->record_line, f->text, nohin_text_is_number(f->text));
    return true;
}

static void csv_file(nohin_ctx *ctx, nohin_file *file)
{
    nohin_csv *c = nohin_csv_of(file);
    if (c->error) return;
    nohin_layout *lay = NULL;
    if (c->marks[NOHIN_CSV_MARK_BLANK_ROWS].items || c->marks[NOHIN_CSV_MARK_NEW_TABLE].items ||
        c->marks[NOHIN_CSV_MARK_MISSING_HEADER].items) {
        lay = nohin_layout_new();
        nohin_csv_foreach_field(file->abspath, c, layout_field, lay);
    }
    csv_marks(ctx, file, c, NOHIN_CSV_MARK_LAYOUT_SPACES, "DATA-LAYOUT-SPACES",
              _("Remove the spaces used for layout."),
              _("Line %d, field %d uses spaces for layout."), true);
    csv_marks(
        ctx, file, c, NOHIN_CSV_MARK_MACHINE_CHARS, "DATA-MACHINE-DEPENDENT-CHARS",
        _("Replace the characters with plain ones: (1) for ①, I for Ⅰ, (株) for ㈱, ミリ for ㍉."),
        _("Line %d, field %d uses machine-dependent characters."), false);
    const nohin_csv_marks *m = &c->marks[NOHIN_CSV_MARK_BLANK_ROWS];
    for (guint i = 0; m->items && i < m->items->len; i++) {
        const nohin_csv_mark *mk = &g_array_index(m->items, nohin_csv_mark, i);
        if (lay && !nohin_layout_gap_real(lay, mk->line, mk->line_end)) continue;
        nohin_finding *f;
        if (mk->line_end > mk->line)
            f = nohin_emit(ctx, file, "DATA-BLANK-SEPARATORS", nohin_loc_line(mk->line, 0),
                           _("Delete the blank lines inside the table."),
                           _("Lines %d–%d are blank inside the data."), mk->line, mk->line_end);
        else
            f = nohin_emit(ctx, file, "DATA-BLANK-SEPARATORS", nohin_loc_line(mk->line, 0),
                           _("Delete the blank lines inside the table."),
                           _("Line %d is blank inside the data."), mk->line);
        if (f) f->fixable = false; /* clean copies a CSV as it is */
    }
    m = &c->marks[NOHIN_CSV_MARK_NEW_TABLE];
    for (guint i = 0; m->items && i < m->items->len; i++) {
        const nohin_csv_mark *mk = &g_array_index(m->items, nohin_csv_mark, i);
        if (lay && !nohin_layout_new_table_real(lay, mk->line)) continue;
        nohin_emit(ctx, file, "DATA-MULTIPLE-TABLES", nohin_loc_line(mk->line, 0),
                   _("Put each table in its own file."), _("Another table starts at line %d."),
                   mk->line);
    }
    m = &c->marks[NOHIN_CSV_MARK_MISSING_HEADER];
    for (guint i = 0; m->items && i < m->items->len; i++) {
        const nohin_csv_mark *mk = &g_array_index(m->items, nohin_csv_mark, i);
        if (lay && (mk->field ? nohin_layout_two_level_header(lay, mk->line)
                              : nohin_layout_year_header(lay, mk->line)))
            continue;
        if (mk->field)
            nohin_emit(ctx, file, "DATA-MISSING-HEADER", nohin_loc_line(mk->line, mk->field),
                       _("Add one header row that names every column."),
                       _("Header field %d on line %d is blank."), mk->field, mk->line);
        else
            nohin_emit(ctx, file, "DATA-MISSING-HEADER", nohin_loc_line(mk->line, 0),
                       _("Add one header row that names every column."),
                       _("The first record (line %d) holds numbers, not column names."), mk->line);
    }
    nohin_layout_free(lay);
}

static void run(nohin_ctx *ctx, nohin_file *file)
{
    if (file->format == NOHIN_FMT_CSV) {
        csv_file(ctx, file);
        return;
    }
    nohin_xlsx *x = nohin_xlsx_of(file);
    if (x->status != NOHIN_XLSX_OK) return;
    for (guint i = 0; i < x->sheets->len; i++)
        xlsx_sheet(ctx, file, x, i, x->sheets->pdata[i]);
}

NOHIN_CHECK(data_machine_readable) = {.name = "data_machine_readable",
                                      .rules = rules,
                                      .formats = NOHIN_FMT_XLSX | NOHIN_FMT_CSV,
                                      .roles = NOHIN_ROLE_PUBLIC,
                                      .run_file = run};
