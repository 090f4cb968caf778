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

/* ---- totals over hidden rows and columns ----
 * A 合計 row whose formula sums a hidden row keeps, as a value, what it was with
 * that row: once the row is deleted (by clean or by hand) the total minus the
 * visible rows gives the hidden value away. The first visible formula cell
 * that reads each hidden range is named in the finding. */

typedef struct {
    const nohin_xlsx_sheet *s;
    char **row_user, **col_user; /* per hidden range: "C8" or NULL */
} users;

static void overlaps(const GArray *hidden, int a0, int a1, bool rows, char **user, const char *ref)
{
    for (guint i = 0; i < hidden->len; i++) {
        const nohin_xlsx_range *h = &g_array_index(hidden, nohin_xlsx_range, i);
        int h0 = rows ? h->r0 : h->c0, h1 = rows ? h->r1 : h->c1;
        if (h0 <= a1 && a0 <= h1 && !user[i]) user[i] = g_strdup(ref);
    }
}

/* One A1 reference at p ($C$3, C3, C:C, 3:3 are read; a name, a function
 * (LOG10() or another sheet's reference (Sheet2!C3) is not). */
static const char *read_ref(const char *p, int *col, int *row)
{
    const char *q = p;
    if (*q == '$') q++;
    int c = 0, letters = 0;
    while (g_ascii_isalpha(*q) && letters < 4) {
        c = c * 26 + (g_ascii_toupper(*q) - 'A' + 1);
        q++, letters++;
    }
    if (*q == '$') q++;
    int r = 0, digits = 0;
    while (g_ascii_isdigit(*q) && digits < 8) {
        r = r * 10 + (*q - '0');
        q++, digits++;
    }
    if (letters > 3 || (!letters && !digits) || g_ascii_isalnum(*q) || *q == '(' || *q == '_' ||
        *q == '.')
        return NULL;
    *col = letters ? c : 0;
    *row = digits ? r : 0;
    return q;
}

static bool formula_cell(const nohin_xlsx_sheet *s, const nohin_xlsx_cell *c, void *user)
{
    users *u = user;
    if (!c->formula || c->hidden) return true;
    const char *f = c->formula;
    for (const char *p = f; *p;) {
        if (*p == '"') { /* a string literal */
            p = strchr(p + 1, '"');
            if (!p) break;
            p++;
            continue;
        }
        bool start = p == f || !(g_ascii_isalnum(p[-1]) || p[-1] == '_' || p[-1] == '.' ||
                                 p[-1] == '!' || p[-1] == '$' || p[-1] == '\'' || p[-1] == ']');
        int c0, r0, c1, r1;
        const char *e = start ? read_ref(p, &c0, &r0) : NULL;
        if (!e) {
            p++;
            continue;
        }
        c1 = c0, r1 = r0;
        bool colon = false;
        if (*e == ':') {
            const char *e2 = read_ref(e + 1, &c1, &r1);
            if (e2) e = e2, colon = true;
        }
        p = e;
        /* C3 or C3:E7; C:E (whole columns); 3:5 (whole rows). A bare number is
         * a constant, a bare word a name. */
        bool cell = c0 && r0 && (!colon || (c1 && r1));
        bool cols = c0 && !r0 && colon && c1 && !r1;
        bool rows = !c0 && r0 && colon && !c1 && r1;
        if (!cell && !cols && !rows) continue;
        int ra = cols ? 1 : MIN(r0, r1), rb = cols ? G_MAXINT : MAX(r0, r1);
        int ca = rows ? 1 : MIN(c0, c1), cb = rows ? G_MAXINT : MAX(c0, c1);
        overlaps(s->hidden_rows, ra, rb, true, u->row_user, c->ref);
        overlaps(s->hidden_cols, ca, cb, false, u->col_user, c->ref);
    }
    return true;
}

static void find_users(nohin_xlsx *x, guint index, const nohin_xlsx_sheet *s, users *u)
{
    u->s = s;
    u->row_user = g_new0(char *, s->hidden_rows->len + 1);
    u->col_user = g_new0(char *, s->hidden_cols->len + 1);
    if (s->state != NOHIN_SHEET_VISIBLE || !s->marks[NOHIN_MARK_FORMULA].cells ||
        (!s->hidden_rows->len && !s->hidden_cols->len))
        return;
    nohin_xlsx_foreach_cell(x, index, formula_cell, u);
}

static void users_clear(users *u)
{
    g_strfreev(u->row_user);
    g_strfreev(u->col_user);
}

/* The finding's fix names the formula cell that reads the hidden range. */
static void note_user(nohin_finding *f, const nohin_xlsx_sheet *s, const char *user,
                      const char *evidence_fmt, int a, int b, const char *sa, const char *sb,
                      const char *why)
{
    if (!f) return;
    if (!user) {
        if (sa)
            nohin_finding_set_evidence(f, evidence_fmt, sa, sb, why);
        else
            nohin_finding_set_evidence(f, evidence_fmt, a, b, why);
        return;
    }
    char *fix = g_strdup_printf(
        _("%s The formula in %s!%s reads the hidden cells: its value (a copy, a total) stays as it "
          "was "
          "with them and lets the hidden values be worked out; recompute or remove it too."),
        f->fix, s->name, user);
    g_free(f->fix);
    f->fix = fix;
    char *fmt = g_strconcat(evidence_fmt, " used_by=%s", NULL);
    if (sa)
        nohin_finding_set_evidence(f, fmt, sa, sb, why, user);
    else
        nohin_finding_set_evidence(f, fmt, a, b, why, user);
    g_free(fmt);
}

static void hidden_rows(nohin_ctx *ctx, nohin_file *file, const nohin_xlsx_sheet *s, bool kept,
                        const users *u)
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
        note_user(f, s, u->row_user[i], "rows=%d-%d why=%s", r->r0, r->r1, NULL, NULL,
                  why_key(r->why));
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

static void hidden_cols(nohin_ctx *ctx, nohin_file *file, const nohin_xlsx_sheet *s, bool kept,
                        const users *u)
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
        note_user(f, s, u->col_user[i], "columns=%s-%s why=%s", 0, 0, a, b, why_key(r->why));
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
        users u;
        find_users(x, i, s, &u);
        hidden_rows(ctx, file, s, kept, &u);
        hidden_cols(ctx, file, s, kept, &u);
        users_clear(&u);
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
