/* DATA-* on workbooks (rules declared in checks/data_machine_readable.c, which
 * checks CSV): the sheet summaries the reader filled in its one pass over each
 * sheet. Registered after checks/pii.c (file name order), so for a workbook the
 * personal-data walk has made that pass already and this adds none; only a
 * sheet with blank-row, second-table or header marks is streamed again for the
 * layout (title/note blocks) that tells a defect from the usual layout. */
#include <string.h>
#include "layout/table_layout.h"
#include "bundle/bundle_model.h"
#include "readers/xlsx_classify.h"
#include "readers/xlsx_reader.h"

typedef struct {
    nohin_mark_kind kind;
    const char *rule;
    const char *fix;
    const char *msg; /* "%s!%s …" sheet, range */
    bool mask;
} cell_rule;

static void cell_mark(nohin_ctx *ctx, nohin_file *file, const nohin_xlsx_sheet *s,
                      const cell_rule *cr, const nohin_xlsx_range *r);

/* Columns of codes and identifiers (都道府県コード 01…47, 法人番号, No.): digits
 * kept as text on purpose. A column is one when its header names a code or a
 * number, or when one of its text cells has a leading zero (01, 0912). */
typedef struct {
    bool *code;
    bool *formatted; /* 1,234 or 12.5 or 12% typed as text: a quantity after all */
    int ncols;
} code_cols;

static bool code_word(const char *v)
{
    if (strstr(v, "コード") || strstr(v, "番号") || strstr(v, "ＩＤ") || strstr(v, "Ｎｏ"))
        return true;
    char *low = g_ascii_strdown(v, -1);
    g_strstrip(low);
    size_t n = strlen(low);
    bool hit = strstr(low, "code") || !strcmp(low, "id") || g_str_has_suffix(low, " id") ||
               g_str_has_suffix(low, "_id") || !strcmp(low, "no") || !strcmp(low, "no.") ||
               (n > 3 && (g_str_has_suffix(low, " no") || g_str_has_suffix(low, " no.")));
    g_free(low);
    return hit;
}

static bool code_cell(const nohin_xlsx_sheet *s, const nohin_xlsx_cell *c, void *user)
{
    (void)s;
    code_cols *cc = user;
    if (c->type != NOHIN_CELL_STRING || c->col < 1 || c->col > cc->ncols) return true;
    const char *v = c->value;
    bool lead_zero = v[0] == '0' && g_ascii_isdigit(v[1]);
    for (const char *p = v; lead_zero && *p; p++)
        lead_zero = g_ascii_isdigit(*p);
    bool number = nohin_text_is_number(v);
    if (lead_zero || (!number && strlen(v) <= 64 && code_word(v))) cc->code[c->col] = true;
    bool digits_only = *v != '\0';
    for (const char *p = v; digits_only && *p; p++)
        digits_only = g_ascii_isdigit(*p);
    if (number && !digits_only) cc->formatted[c->col] = true;
    return true;
}

/* DATA-NUMBER-AS-TEXT without the columns of codes: each range cut into the
 * runs of columns that hold quantities. */
static void number_marks(nohin_ctx *ctx, nohin_file *file, nohin_xlsx *x, guint index,
                         const nohin_xlsx_sheet *s, const cell_rule *cr)
{
    const nohin_xlsx_marks *m = &s->marks[cr->kind];
    if (!m->ranges || !m->ranges->len) return;
    code_cols cc = {.ncols = MIN(s->max_col, 16384)};
    cc.code = g_new0(bool, cc.ncols + 1);
    cc.formatted = g_new0(bool, cc.ncols + 1);
    nohin_xlsx_foreach_cell(x, index, code_cell, &cc);
    for (guint i = 0; i < m->ranges->len; i++) {
        const nohin_xlsx_range *r = &g_array_index(m->ranges, nohin_xlsx_range, i);
        for (int c = r->c0; c <= r->c1;) {
            if (c >= 1 && c <= cc.ncols && cc.code[c] && !cc.formatted[c]) {
                c++;
                continue;
            }
            int e = c;
            while (e + 1 <= r->c1 && !(e + 1 <= cc.ncols && cc.code[e + 1] && !cc.formatted[e + 1]))
                e++;
            nohin_xlsx_range part = *r;
            part.c0 = c;
            part.c1 = e;
            if (c != r->c0) part.evidence = NULL; /* the value shown is the first cell's */
            cell_mark(ctx, file, s, cr, &part);
            c = e + 1;
        }
    }
    g_free(cc.code);
    g_free(cc.formatted);
    if (m->dropped_ranges)
        nohin_emit(ctx, file, cr->rule, nohin_loc_sheet(s->name), _(cr->fix),
                   _("%llu more ranges on sheet %s are not listed."),
                   (unsigned long long)m->dropped_ranges, s->name);
}

static void cell_marks(nohin_ctx *ctx, nohin_file *file, const nohin_xlsx_sheet *s,
                       const cell_rule *cr)
{
    const nohin_xlsx_marks *m = &s->marks[cr->kind];
    for (guint i = 0; m->ranges && i < m->ranges->len; i++)
        cell_mark(ctx, file, s, cr, &g_array_index(m->ranges, nohin_xlsx_range, i));
    if (m->dropped_ranges)
        nohin_emit(ctx, file, cr->rule, nohin_loc_sheet(s->name), _(cr->fix),
                   _("%llu more ranges on sheet %s are not listed."),
                   (unsigned long long)m->dropped_ranges, s->name);
}

static void cell_mark(nohin_ctx *ctx, nohin_file *file, const nohin_xlsx_sheet *s,
                      const cell_rule *cr, const nohin_xlsx_range *r)
{
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

static bool has_marks(const nohin_xlsx_sheet *s, nohin_mark_kind k)
{
    return s->marks[k].ranges && s->marks[k].ranges->len > 0;
}

/* The layout is only asked about these marks: without any, no second pass. (The
 * scan creates every mark array, so testing the array alone streamed every
 * sheet again.) */
static bool needs_layout(const nohin_xlsx_sheet *s)
{
    return has_marks(s, NOHIN_MARK_BLANK_ROWS) || has_marks(s, NOHIN_MARK_NEW_TABLE) ||
           has_marks(s, NOHIN_MARK_MISSING_HEADER);
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

/* Rows (columns) of a0..a1 that are not hidden. */
static int visible_count(const GArray *hidden, int a0, int a1, bool rows)
{
    int n = 0;
    for (int a = a0; a <= a1; a++)
        n += !all_hidden(hidden, a, a, rows);
    return n;
}

/* A merge over hidden rows or columns that clean deletes, leaving one cell or
 * none: clean's output has no merge there (A6:B6 with B hidden). */
static bool merge_cleaned(const nohin_xlsx_sheet *s, const nohin_xlsx_range *r)
{
    if (!s->hidden_rows || !s->hidden_cols || s->hidden_rows_dropped || s->hidden_cols_dropped)
        return false;
    if (r->r1 - r->r0 > 4096 || r->c1 - r->c0 > 4096) return false;
    return visible_count(s->hidden_rows, r->r0, r->r1, true) <= 1 &&
           visible_count(s->hidden_cols, r->c0, r->c1, false) <= 1;
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
    if (s->kind == NOHIN_SHEET_WORKSHEET && needs_layout(s)) {
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
        nohin_finding *f = nohin_emit(ctx, file, "DATA-MERGED-CELLS", nohin_loc_cell(s->name, ref),
                                      _("Unmerge the cells and repeat the value in each cell."),
                                      _("Cells %s!%s are merged."), s->name, ref);
        if (f) f->fixable = merge_cleaned(s, r);
        g_free(ref);
    }
    if (s->merged_count > s->merged->len) {
        nohin_finding *f =
            nohin_emit(ctx, file, "DATA-MERGED-CELLS", nohin_loc_sheet(s->name),
                       _("Unmerge the cells and repeat the value in each cell."),
                       _("%llu more ranges on sheet %s are not listed."),
                       (unsigned long long)(s->merged_count - s->merged->len), s->name);
        if (f) f->fixable = false;
    }
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
    for (size_t k = 0; k < G_N_ELEMENTS(xlsx_cell_rules); k++) {
        if (xlsx_cell_rules[k].kind == NOHIN_MARK_NUMBER_AS_TEXT)
            number_marks(ctx, file, x, index, s, &xlsx_cell_rules[k]);
        else
            cell_marks(ctx, file, s, &xlsx_cell_rules[k]);
    }
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

static void run(nohin_ctx *ctx, nohin_file *file)
{
    /* A 様式 is METI's form (項目 | 内容, a title typed with spaces), not a data
     * table. Clean's copy of 様式2 (in 提出記録, nohin's own folder, where only
     * the name says the form) is linted with its output. */
    if (nohin_bundle_form_by_name(file->path) || nohin_bundle_form_of(file)) return;
    nohin_xlsx *x = nohin_xlsx_of(file);
    if (x->status != NOHIN_XLSX_OK) return;
    for (guint i = 0; i < x->sheets->len; i++)
        xlsx_sheet(ctx, file, x, i, x->sheets->pdata[i]);
}

NOHIN_CHECK(xlsx_data) = {.name = "xlsx_data",
                          .rules = NULL,
                          .formats = NOHIN_FMT_XLSX,
                          .roles = NOHIN_ROLE_PUBLIC,
                          .run_file = run};
