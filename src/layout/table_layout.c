/* Which layout marks are defects: see table_layout.h. */
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "table_layout.h"

typedef struct {
    int row;
    int values, numbers, years;
    bool note; /* the row's first value opens a note */
} lrow;

struct nohin_layout {
    GArray *rows; /* lrow, by row */
    bool sorted;
};

nohin_layout *nohin_layout_new(void)
{
    nohin_layout *l = g_new0(nohin_layout, 1);
    l->rows = g_array_new(FALSE, TRUE, sizeof(lrow));
    l->sorted = true;
    return l;
}

void nohin_layout_free(nohin_layout *l)
{
    if (!l) return;
    g_array_free(l->rows, TRUE);
    g_free(l);
}

static const char *const note_heads[] = {"出典", "資料",  "注",     "(注",    "（注",  "〔注",
                                         "【注", "※",     "備考",   "参考",   "(備考", "（備考",
                                         "*",    "＊",    "Source", "source", "Note",  "note",
                                         "NOTE", "(出典", "（出典", "【出典", NULL};

bool nohin_layout_is_note(const char *text)
{
    while (*text == ' ' || !strncmp(text, "　", 3))
        text += *text == ' ' ? 1 : 3;
    for (int i = 0; note_heads[i]; i++)
        if (g_str_has_prefix(text, note_heads[i])) {
            /* 注意, 注文 are words, not a note mark. */
            if (!strcmp(note_heads[i], "注")) {
                gunichar c = g_utf8_get_char(text + 3);
                if (c && g_utf8_strchr("意文目力射入視", -1, c)) return false;
            }
            return true;
        }
    return false;
}

static bool year_like(const char *text)
{
    char *end = NULL;
    double v = g_ascii_strtod(text, &end);
    return end && end != text && !*end && v >= 1900 && v <= 2100 && v == (int)v;
}

void nohin_layout_add(nohin_layout *l, int row, const char *text, bool number)
{
    lrow *last = l->rows->len ? &g_array_index(l->rows, lrow, l->rows->len - 1) : NULL;
    if (!last || last->row != row) {
        lrow r = {.row = row, .note = nohin_layout_is_note(text)};
        if (last && row < last->row) l->sorted = false;
        g_array_append_val(l->rows, r);
        last = &g_array_index(l->rows, lrow, l->rows->len - 1);
    }
    last->values++;
    if (number) {
        last->numbers++;
        if (year_like(text)) last->years++;
    }
}

static int cmp_row(const void *a, const void *b)
{
    const lrow *x = a, *y = b;
    return (x->row > y->row) - (x->row < y->row);
}

static guint find(nohin_layout *l, int row)
{
    if (!l->sorted) {
        g_array_sort(l->rows, cmp_row); /* a row's cells stay together: one pass fed them */
        l->sorted = true;
    }
    guint lo = 0, hi = l->rows->len;
    while (lo < hi) {
        guint mid = (lo + hi) / 2;
        if (g_array_index(l->rows, lrow, mid).row < row)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo; /* first index with row >= row */
}

static const lrow *at(nohin_layout *l, guint i)
{
    return i < l->rows->len ? &g_array_index(l->rows, lrow, i) : NULL;
}

/* Every row before index i is a title or unit line (one value each). */
static bool only_titles_before(nohin_layout *l, guint i)
{
    for (guint k = 0; k < i; k++)
        if (at(l, k)->values > 1 && !at(l, k)->note) return false;
    return true;
}

/* Rows from index i to the end are notes: the first opens a note, none is a
 * table row of numbers. */
static bool notes_from(nohin_layout *l, guint i)
{
    const lrow *r = at(l, i);
    if (!r || !r->note) return false;
    for (; (r = at(l, i)) != NULL; i++)
        if (r->values > 2 || (r->numbers > 0 && r->numbers == r->values)) return false;
    return true;
}

bool nohin_layout_new_table_real(nohin_layout *l, int row)
{
    guint i = find(l, row);
    const lrow *r = at(l, i);
    if (!r || r->row != row) return true;
    if (only_titles_before(l, i)) return false;
    if (notes_from(l, i)) return false;
    const lrow *next = at(l, i + 1);
    /* A header needs data right under it to be a table. */
    return next && next->row == row + 1 && !next->note;
}

bool nohin_layout_gap_real(nohin_layout *l, int r0, int r1)
{
    (void)r0;
    guint i = find(l, r1 + 1);
    if (only_titles_before(l, i)) return false;
    return !notes_from(l, i);
}

bool nohin_layout_year_header(nohin_layout *l, int row)
{
    guint i = find(l, row);
    const lrow *r = at(l, i);
    return r && r->row == row && r->numbers > 0 && r->numbers == r->years && r->values > r->numbers;
}

bool nohin_layout_two_level_header(nohin_layout *l, int header_row)
{
    guint i = find(l, header_row + 1);
    const lrow *r = at(l, i);
    if (!r || r->row != header_row + 1 || r->values < 2) return false;
    return r->numbers == r->years;
}

bool nohin_layout_in_notes(nohin_layout *l, int row)
{
    guint i = find(l, row);
    const lrow *r = at(l, i);
    if (!r || r->row != row) return false;
    /* Notes right under the table's last row (合計, then 注：… and 出典：… with no
     * blank line between): back to the first note line of the run. */
    guint k = i;
    while (k > 0 && at(l, k - 1)->row == at(l, k)->row - 1 && at(l, k - 1)->note)
        k--;
    if (k > 0 && notes_from(l, k)) return true;
    /* Back to the first row of this block. */
    while (i > 0 && at(l, i - 1)->row == at(l, i)->row - 1)
        i--;
    return i > 0 && notes_from(l, i);
}
