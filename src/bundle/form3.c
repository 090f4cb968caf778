/* Reading 様式3's table: in each row, the first cell that names a figure
 * ("図3-2", "表 2.1", or "3-2" in a 図表番号 column) gives its number, and the next
 * text cell after it is the title. */
#include <string.h>
#include "bundle/captions.h"
#include "bundle/form3.h"
#include "readers/xlsx_first_sheet.h"

static void entry_free(nohin_form3_entry *e)
{
    if (!e) return;
    g_free(e->kind);
    g_free(e->number);
    g_free(e->title);
    g_strfreev(e->cells);
    g_free(e);
}

void nohin_form3_free(nohin_form3 *f)
{
    if (!f) return;
    g_free(f->error);
    g_strfreev(f->header);
    g_ptr_array_free(f->entries, TRUE);
    g_free(f);
}

/* Column labels of the form's table (after NFKC). 題名 is not one: 「報告書の題名」
 * heads the title line above the table. */
static bool is_label(const char *cell)
{
    static const char *const labels[] = {"図表", "番号",   "タイトル", "出典", "ページ", "頁",
                                         "理由", "権利者", "著作",     "名称", "備考"};
    if (!cell || !*cell) return false;
    char *s = nohin_caption_fold(cell);
    bool hit = false;
    if (g_utf8_strlen(s, -1) <= 30)
        for (guint i = 0; i < G_N_ELEMENTS(labels) && !hit; i++)
            hit = strstr(s, labels[i]) != NULL;
    g_free(s);
    return hit;
}

/* Filled cells other than running numbers ("1", "12", "3.") and page numbers. */
static int filled(GPtrArray *row)
{
    int n = 0;
    for (guint c = 0; c < row->len; c++) {
        const char *t = row->pdata[c];
        if (!t) continue;
        char *s = g_strstrip(g_strdup(t));
        if (*s && strspn(s, "0123456789.") != strlen(s)) n++;
        g_free(s);
    }
    return n;
}

static bool says_none(GPtrArray *row)
{
    for (guint c = 0; c < row->len; c++) {
        const char *t = row->pdata[c];
        if (!t) continue;
        char *s = nohin_caption_fold(t);
        bool none = strstr(s, "該当なし") || strstr(s, "該当無し") || strstr(s, "該当する図表なし");
        g_free(s);
        if (none) return true;
    }
    return false;
}

static char **cells_of(GPtrArray *row)
{
    char **v = g_new0(char *, row->len + 1);
    for (guint c = 0; c < row->len; c++)
        v[c] = g_strdup(row->pdata[c] ? (const char *)row->pdata[c] : "");
    return v;
}

/* The figure a row names, if any. A cell with 図/表 wins over a bare "12-13"
 * (which may be a page range). */
static bool names_figure(GPtrArray *row, char **kind, char **number, char **title)
{
    for (int bare = 0; bare < 2; bare++)
        for (guint c = 0; c < row->len; c++) {
            const char *t = row->pdata[c];
            if (!t || !nohin_caption_parse_ref(t, bare, kind, number, title)) continue;
            if (!**title) /* the title is in its own column */
                for (guint k = c + 1; k < row->len; k++) {
                    const char *n = row->pdata[k];
                    if (n && *n && !g_ascii_isdigit(n[0])) {
                        g_free(*title);
                        *title = nohin_caption_fold(n);
                        break;
                    }
                }
            return true;
        }
    return false;
}

/* The first text cell of a row that names no figure (its title, as far as one can tell). */
static char *first_text(GPtrArray *row)
{
    for (guint c = 0; c < row->len; c++) {
        const char *n = row->pdata[c];
        if (n && *n && !g_ascii_isdigit(n[0])) return nohin_caption_fold(n);
    }
    return g_strdup("");
}

nohin_form3 *nohin_form3_read(const char *path)
{
    nohin_form3 *out = g_new0(nohin_form3, 1);
    out->entries = g_ptr_array_new_with_free_func((GDestroyNotify)entry_free);
    nohin_form_sheet *s = nohin_form_sheet_read(path);
    if (s->error) out->error = g_strdup(s->error);
    guint start = 0;
    for (guint r = 0; r < s->rows->len && !out->header; r++) {
        GPtrArray *row = s->rows->pdata[r];
        if (!row) continue;
        int labels = 0;
        for (guint c = 0; c < row->len; c++)
            labels += is_label(row->pdata[c]);
        if (labels < 2) continue;
        out->header = cells_of(row);
        out->header_row = (int)r + 1;
        start = r + 1;
    }
    for (guint r = start; r < s->rows->len; r++) {
        GPtrArray *row = s->rows->pdata[r];
        if (!row) continue;
        char *kind = NULL, *number = NULL, *title = NULL;
        bool named = names_figure(row, &kind, &number, &title);
        if (!named && (!out->header || filled(row) < 2 || says_none(row))) continue;
        nohin_form3_entry *e = g_new0(nohin_form3_entry, 1);
        e->row = (int)r + 1;
        e->kind = kind;
        e->number = named ? number : g_strdup("");
        e->title = named ? title : first_text(row);
        e->cells = cells_of(row);
        g_ptr_array_add(out->entries, e);
    }
    nohin_form_sheet_free(s);
    return out;
}
