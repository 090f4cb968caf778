/* Reading 様式3's table: in each row, the first cell that names a figure
 * ("図3-2", "表 2.1", or "3-2" in a 図表番号 column) makes an entry, and the next
 * text cell after it is the title. Header and note rows hold no number. */
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
    g_free(e);
}

void nohin_form3_free(nohin_form3 *f)
{
    if (!f) return;
    g_free(f->error);
    g_ptr_array_free(f->entries, TRUE);
    g_free(f);
}

nohin_form3 *nohin_form3_read(const char *path)
{
    nohin_form3 *out = g_new0(nohin_form3, 1);
    out->entries = g_ptr_array_new_with_free_func((GDestroyNotify)entry_free);
    nohin_form_sheet *s = nohin_form_sheet_read(path);
    if (s->error) out->error = g_strdup(s->error);
    for (guint r = 0; r < s->rows->len; r++) {
        GPtrArray *row = s->rows->pdata[r];
        if (!row) continue;
        /* A cell with 図/表 wins over a bare "12-13" (which may be a page range). */
        char *kind = NULL, *number = NULL, *title = NULL;
        guint at = 0;
        bool found = false;
        for (int bare = 0; bare < 2 && !found; bare++)
            for (guint c = 0; c < row->len && !found; c++) {
                const char *t = row->pdata[c];
                if (t && nohin_caption_parse_ref(t, bare, &kind, &number, &title)) {
                    found = true;
                    at = c;
                }
            }
        if (!found) continue;
        if (!*title) { /* the title is in its own column */
            for (guint k = at + 1; k < row->len; k++) {
                const char *n = row->pdata[k];
                if (n && *n && !g_ascii_isdigit(n[0])) {
                    g_free(title);
                    title = nohin_caption_fold(n);
                    break;
                }
            }
        }
        nohin_form3_entry *e = g_new0(nohin_form3_entry, 1);
        e->row = (int)r + 1;
        e->kind = kind;
        e->number = number;
        e->title = title;
        g_ptr_array_add(out->entries, e);
    }
    nohin_form_sheet_free(s);
    return out;
}
