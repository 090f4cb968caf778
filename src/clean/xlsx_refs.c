/* Reference arithmetic for deleting hidden rows and columns. */
#include <gio/gio.h>
#include <string.h>
#include "clean/xlsx_refs.h"

void cx_shift_init(xlsx_shift *s)
{
    s->rows = g_array_new(FALSE, FALSE, sizeof(int));
    s->cols = g_array_new(FALSE, FALSE, sizeof(int));
}

void cx_shift_clear(xlsx_shift *s)
{
    if (s->rows) g_array_free(s->rows, TRUE);
    if (s->cols) g_array_free(s->cols, TRUE);
    s->rows = s->cols = NULL;
}

bool cx_shift_empty(const xlsx_shift *s)
{
    return s->rows->len == 0 && s->cols->len == 0;
}

static gint cmp_int(gconstpointer a, gconstpointer b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

static void uniq(GArray *a)
{
    g_array_sort(a, cmp_int);
    guint o = 0;
    for (guint i = 0; i < a->len; i++)
        if (o == 0 || g_array_index(a, int, o - 1) != g_array_index(a, int, i))
            g_array_index(a, int, o++) = g_array_index(a, int, i);
    g_array_set_size(a, o);
}

void cx_shift_finish(xlsx_shift *s)
{
    uniq(s->rows);
    uniq(s->cols);
}

/* Number of entries < v. */
static int count_below(const GArray *a, int v)
{
    int lo = 0, hi = (int)a->len;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (g_array_index(a, int, mid) < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool contains(const GArray *a, int v)
{
    int i = count_below(a, v);
    return i < (int)a->len && g_array_index(a, int, i) == v;
}

bool cx_row_deleted(const xlsx_shift *s, int row)
{
    return contains(s->rows, row);
}
bool cx_col_deleted(const xlsx_shift *s, int col)
{
    return contains(s->cols, col);
}
int cx_row_map(const xlsx_shift *s, int row)
{
    return row - count_below(s->rows, row);
}
int cx_col_map(const xlsx_shift *s, int col)
{
    return col - count_below(s->cols, col);
}

/* First kept index >= lo and last kept <= hi in [lo, hi]; false when none. */
static bool kept_span(const GArray *del, int lo, int hi, int *nlo, int *nhi)
{
    while (lo <= hi && contains(del, lo))
        lo++;
    while (hi >= lo && contains(del, hi))
        hi--;
    if (lo > hi) return false;
    *nlo = lo - count_below(del, lo);
    *nhi = hi - count_below(del, hi);
    return true;
}

typedef struct {
    int col, row;
    bool dcol, drow; /* $ markers */
} cellref;

static size_t parse_ref(const char *s, cellref *c)
{
    size_t n = nohin_ooxml_parse_cell(s, &c->col, &c->row);
    if (!n) return 0;
    c->dcol = s[0] == '$' && c->col;
    /* the row is absolute when a '$' stands right before its digits */
    const char *dig = s + n;
    while (dig > s && dig[-1] >= '0' && dig[-1] <= '9')
        dig--;
    c->drow = c->row && dig > s && dig[-1] == '$';
    return n;
}

static void put_ref(GString *o, const cellref *c)
{
    char name[8];
    if (c->col) {
        nohin_ooxml_col_name(c->col, name);
        g_string_append_printf(o, "%s%s", c->dcol ? "$" : "", name);
    }
    if (c->row) g_string_append_printf(o, "%s%d", c->drow ? "$" : "", c->row);
}

char *cx_map_ref(const xlsx_shift *s, const char *ref, bool *ok)
{
    cellref a = {0}, b = {0};
    size_t n = parse_ref(ref, &a);
    *ok = false;
    if (!n) return NULL;
    if (ref[n] == ':') {
        size_t m = parse_ref(ref + n + 1, &b);
        if (!m || ref[n + 1 + m] != '\0') return NULL;
    } else if (ref[n] == '\0') {
        b = a;
    } else {
        return NULL;
    }
    if ((a.col == 0) != (b.col == 0) || (a.row == 0) != (b.row == 0)) return NULL;
    *ok = true;
    if (a.row) {
        int lo = MIN(a.row, b.row), hi = MAX(a.row, b.row);
        if (!kept_span(s->rows, lo, hi, &a.row, &b.row)) return NULL;
    }
    if (a.col) {
        int lo = MIN(a.col, b.col), hi = MAX(a.col, b.col);
        if (!kept_span(s->cols, lo, hi, &a.col, &b.col)) return NULL;
    }
    GString *o = g_string_new("");
    put_ref(o, &a);
    if (ref[n] == ':' && (a.col != b.col || a.row != b.row || a.row == 0 || a.col == 0)) {
        g_string_append_c(o, ':');
        put_ref(o, &b);
    }
    return g_string_free(o, FALSE);
}

char *cx_map_sqref(const xlsx_shift *s, const char *sqref)
{
    char **parts = g_strsplit(sqref, " ", -1);
    GString *o = g_string_new("");
    for (char **p = parts; *p; p++) {
        if (!**p) continue;
        bool ok;
        char *m = cx_map_ref(s, *p, &ok);
        if (!m) continue;
        if (o->len) g_string_append_c(o, ' ');
        g_string_append(o, m);
        g_free(m);
    }
    g_strfreev(parts);
    if (!o->len) {
        g_string_free(o, TRUE);
        return NULL;
    }
    return g_string_free(o, FALSE);
}
