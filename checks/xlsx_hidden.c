/* Hidden information in a workbook (001 §5(2): 目に見えない隠し情報・非表示の行や列
 * がないこと): hidden rows and columns, hidden and very hidden sheets, hidden
 * defined names, and cells whose format makes the value invisible. One finding
 * per contiguous range, with the sheet and the range. Public files only. */
#include <string.h>
#include "clean/xlsx_lint.h"
#include "readers/xlsx_reader.h"

static const nohin_rule rules[] = {
    {"XLSX-HIDDEN-ROW", NOHIN_SEV_ERROR, true,
     N_("Hidden rows (hidden flag, zero height, collapsed group or filter)"), "001 §5(2)"},
    {"XLSX-HIDDEN-COL", NOHIN_SEV_ERROR, true,
     N_("Hidden columns (hidden flag, zero width or collapsed group)"), "001 §5(2)"},
    {"XLSX-HIDDEN-SHEET", NOHIN_SEV_ERROR, true, N_("Hidden sheet"), "001 §5(2)"},
    {"XLSX-VERYHIDDEN-SHEET", NOHIN_SEV_ERROR, true,
     N_("Very hidden sheet (cannot be unhidden from Excel's menus)"), "001 §5(2)"},
    {"XLSX-HIDDEN-NAME", NOHIN_SEV_WARNING, true, N_("Hidden defined name"), "001 §5(2)"},
    {"XLSX-INVISIBLE-CELL", NOHIN_SEV_ERROR, false,
     N_("Cell whose value is invisible (;;; format, or font colour equal to the fill)"),
     "001 §5(2)"},
    {NULL}};

static char *why_text(unsigned why)
{
    GString *g = g_string_new(NULL);
    if (why & NOHIN_HIDE_FILTER) g_string_append_printf(g, "%s, ", _("hidden by a filter"));
    if (why & NOHIN_HIDE_OUTLINE) g_string_append_printf(g, "%s, ", _("in a collapsed group"));
    if (why & NOHIN_HIDE_ZERO) g_string_append_printf(g, "%s, ", _("zero size"));
    if ((why & NOHIN_HIDE_FLAG) && !(why & (NOHIN_HIDE_FILTER | NOHIN_HIDE_OUTLINE)))
        g_string_append_printf(g, "%s, ", _("hidden"));
    if (g->len >= 2) g_string_truncate(g, g->len - 2);
    return g_string_free(g, FALSE);
}

static const char *why_key(unsigned why)
{
    if (why & NOHIN_HIDE_FILTER) return "filter";
    if (why & NOHIN_HIDE_OUTLINE) return "outline";
    if (why & NOHIN_HIDE_ZERO) return "zero";
    return "hidden";
}

static void more(nohin_ctx *ctx, nohin_file *file, const char *rule, const char *sheet, guint64 n)
{
    if (!n) return;
    nohin_emit(ctx, file, rule, nohin_loc_sheet(sheet), _("Unhide them as well."),
               _("%llu more ranges on sheet %s are not listed."), (unsigned long long)n, sheet);
}

static void hidden_rows(nohin_ctx *ctx, nohin_file *file, const nohin_xlsx_sheet *s, bool kept)
{
    for (guint i = 0; i < s->hidden_rows->len; i++) {
        const nohin_xlsx_range *r = &g_array_index(s->hidden_rows, nohin_xlsx_range, i);
        char *why = why_text(r->why);
        nohin_finding *f;
        if (r->r0 == r->r1)
            f = nohin_emit(ctx, file, "XLSX-HIDDEN-ROW", nohin_loc_rows(s->name, r->r0, r->r1),
                           _("Unhide the row (or delete it if it must not be published)."),
                           _("Row %d of sheet %s is hidden (%s)."), r->r0, s->name, why);
        else
            f = nohin_emit(ctx, file, "XLSX-HIDDEN-ROW", nohin_loc_rows(s->name, r->r0, r->r1),
                           _("Unhide the rows (or delete them if they must not be published)."),
                           _("Rows %d–%d of sheet %s are hidden (%s)."), r->r0, r->r1, s->name,
                           why);
        if (f) nohin_finding_set_evidence(f, "rows=%d-%d why=%s", r->r0, r->r1, why_key(r->why));
        if (f && kept) f->fixable = false;
        g_free(why);
    }
    more(ctx, file, "XLSX-HIDDEN-ROW", s->name, s->hidden_rows_dropped);
    if (s->default_hidden_rows)
        nohin_emit(ctx, file, "XLSX-HIDDEN-ROW", nohin_loc_sheet(s->name),
                   _("Clear \"hide unused rows\" (zero default row height) on the sheet."),
                   _("Every row of sheet %s without its own height is hidden (zero default "
                     "height)."),
                   s->name);
}

static void hidden_cols(nohin_ctx *ctx, nohin_file *file, const nohin_xlsx_sheet *s, bool kept)
{
    for (guint i = 0; i < s->hidden_cols->len; i++) {
        const nohin_xlsx_range *r = &g_array_index(s->hidden_cols, nohin_xlsx_range, i);
        char *a = nohin_xlsx_col_name(r->c0), *b = nohin_xlsx_col_name(r->c1);
        char *why = why_text(r->why);
        nohin_finding *f;
        if (r->c0 == r->c1)
            f = nohin_emit(ctx, file, "XLSX-HIDDEN-COL", nohin_loc_columns(s->name, a, b),
                           _("Unhide the column (or delete it if it must not be published)."),
                           _("Column %s of sheet %s is hidden (%s)."), a, s->name, why);
        else
            f = nohin_emit(ctx, file, "XLSX-HIDDEN-COL", nohin_loc_columns(s->name, a, b),
                           _("Unhide the columns (or delete them if they must not be published)."),
                           _("Columns %s–%s of sheet %s are hidden (%s)."), a, b, s->name, why);
        if (f) nohin_finding_set_evidence(f, "columns=%s-%s why=%s", a, b, why_key(r->why));
        if (f && kept) f->fixable = false;
        g_free(why);
        g_free(a);
        g_free(b);
    }
    more(ctx, file, "XLSX-HIDDEN-COL", s->name, s->hidden_cols_dropped);
}

static void invisible_cells(nohin_ctx *ctx, nohin_file *file, const nohin_xlsx_sheet *s)
{
    const nohin_xlsx_marks *m = &s->marks[NOHIN_MARK_INVISIBLE];
    for (guint i = 0; m->ranges && i < m->ranges->len; i++) {
        const nohin_xlsx_range *r = &g_array_index(m->ranges, nohin_xlsx_range, i);
        char *ref = nohin_xlsx_range_ref(r);
        nohin_finding *f = nohin_emit(
            ctx, file, "XLSX-INVISIBLE-CELL", nohin_loc_cell(s->name, ref),
            _("Give the cells a visible format and font colour, or delete the values."),
            _("Cells %s!%s hold values that cannot be seen (format ;;; or font colour equal to "
              "the background)."),
            s->name, ref);
        if (f && r->evidence) {
            char *mv = nohin_mask(r->evidence);
            nohin_finding_set_evidence(f, "value=%s", mv);
            g_free(mv);
        }
        g_free(ref);
    }
    more(ctx, file, "XLSX-INVISIBLE-CELL", s->name, m->dropped_ranges);
}

/* A hidden name often holds a constant ("山田太郎 090-…"): the text inside a
 * formula's string literals is masked; references and functions stay readable. */
static char *mask_literals(const char *v)
{
    GString *out = g_string_new(NULL);
    const char *p = v;
    while (*p) {
        const char *q = strchr(p, '"');
        if (!q) {
            g_string_append(out, p);
            break;
        }
        g_string_append_len(out, p, q - p + 1);
        const char *e = q + 1; /* "" inside a literal is one quote */
        while (*e && !(e[0] == '"' && e[1] != '"'))
            e += e[0] == '"' ? 2 : 1;
        char *lit = g_strndup(q + 1, (gsize)(e - q - 1)), *m = nohin_mask(lit);
        g_string_append(out, m);
        g_free(lit);
        g_free(m);
        if (!*e) break;
        g_string_append_c(out, '"');
        p = e + 1;
    }
    return g_string_free(out, FALSE);
}

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_xlsx *x = nohin_xlsx_of(file);
    if (x->status != NOHIN_XLSX_OK) return;
    for (guint i = 0; i < x->sheets->len; i++) {
        const nohin_xlsx_sheet *s = x->sheets->pdata[i];
        if (s->state == NOHIN_SHEET_HIDDEN)
            nohin_emit(ctx, file, "XLSX-HIDDEN-SHEET", nohin_loc_sheet(s->name),
                       _("Unhide the sheet (or delete it if it must not be published)."),
                       _("Sheet %s is hidden."), s->name);
        else if (s->state == NOHIN_SHEET_VERYHIDDEN)
            nohin_emit(ctx, file, "XLSX-VERYHIDDEN-SHEET", nohin_loc_sheet(s->name),
                       _("Delete the sheet, or unhide it from the VBA editor's properties "
                         "(Visible = xlSheetVisible)."),
                       _("Sheet %s is very hidden: Excel's Unhide menu does not even list it."),
                       s->name);
        bool kept = nohin_clean_xlsx_keeps_hidden(x, s); /* src/clean/xlsx_lint.c */
        hidden_rows(ctx, file, s, kept);
        hidden_cols(ctx, file, s, kept);
        invisible_cells(ctx, file, s);
    }
    for (guint i = 0; i < x->names->len; i++) {
        const nohin_xlsx_name *n = x->names->pdata[i];
        /* _xlnm._FilterDatabase and friends are Excel's own bookkeeping. */
        if (!n->hidden || g_str_has_prefix(n->name, "_xlnm.")) continue;
        nohin_finding *f =
            nohin_emit(ctx, file, "XLSX-HIDDEN-NAME",
                       n->sheet >= 0 && (guint)n->sheet < x->sheets->len
                           ? nohin_loc_sheet(((nohin_xlsx_sheet *)x->sheets->pdata[n->sheet])->name)
                           : nohin_loc_none(),
                       _("Delete the name (Formulas > Name Manager cannot show it; remove it with "
                         "a macro-free "
                         "tool or `nohin clean`)."),
                       _("The defined name %s is hidden."), n->name);
        if (f) {
            char *m = mask_literals(n->value ? n->value : "");
            nohin_finding_set_evidence(f, "refers_to=%s", m);
            g_free(m);
        }
    }
}

NOHIN_CHECK(xlsx_hidden) = {.name = "xlsx_hidden",
                            .rules = rules,
                            .formats = NOHIN_FMT_XLSX,
                            .roles = NOHIN_ROLE_PUBLIC,
                            .run_file = run};
