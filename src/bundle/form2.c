/* See form2.h. Labels vary between editions of the form, so each field has a few
 * spellings; spaces (also full-width) are ignored when comparing. */
#include "bundle/form2.h"
#include <stdlib.h>
#include <string.h>
#include "ooxml/ooxml.h"
#include "readers/xlsx_first_sheet.h"

static const char *const labels[NOHIN_FORM2_N][6] = {
    [NOHIN_FORM2_CONTRACTOR] = {"受注事業者名", "受注者名", "受注事業者", "委託先名", "委託先",
                                NULL},
    [NOHIN_FORM2_TITLE] = {"報告書の題名", "報告書名", "報告書題名", "題名", NULL},
    [NOHIN_FORM2_PAGES] = {"総頁数", "総ページ数", "頁数", "ページ数", NULL},
    [NOHIN_FORM2_DATA_FILES] = {"図表等データのファイル数", "図表等データファイル数",
                                "データファイル数", NULL},
};

static char *squeeze(const char *s)
{
    GString *o = g_string_new("");
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!g_unichar_isspace(c) && c != 0x3000) g_string_append_unichar(o, c);
    }
    return g_string_free(o, FALSE);
}

static int field_of(const char *text)
{
    char *t = squeeze(text);
    int hit = -1;
    for (int f = 0; f < NOHIN_FORM2_N && hit < 0; f++)
        for (const char *const *l = labels[f]; *l && hit < 0; l++)
            if (!strcmp(t, *l)) hit = f;
    g_free(t);
    return hit;
}

nohin_form2 *nohin_form2_read(const char *path)
{
    nohin_form2 *f = g_new0(nohin_form2, 1);
    nohin_form_sheet *s = nohin_form_sheet_read(path);
    if (s->error) {
        f->error = g_strdup(s->error);
        nohin_form_sheet_free(s);
        return f;
    }
    for (guint r = 0; r < s->rows->len; r++) {
        GPtrArray *row = s->rows->pdata[r];
        if (!row) continue;
        for (guint c = 0; c < row->len; c++) {
            const char *t = nohin_form_sheet_cell(s, r, c);
            int k = t ? field_of(t) : -1;
            if (k < 0 || f->items[k].value) continue;
            for (guint v = c + 1; v < row->len; v++) {
                const char *val = nohin_form_sheet_cell(s, r, v);
                if (!val) continue;
                char *x = g_strstrip(g_strdup(val));
                if (!*x) {
                    g_free(x);
                    continue;
                }
                f->items[k] = (nohin_form2_item){x, r, v};
                break;
            }
        }
    }
    nohin_form_sheet_free(s);
    return f;
}

char *nohin_form2_cell_ref(guint row, guint col)
{
    char letters[8];
    nohin_ooxml_col_name((int)col + 1, letters);
    return g_strdup_printf("%s%u", letters, row + 1);
}

/* NFKC (full-width digits and letters, U+3000 become ASCII) without white space */
static char *fold(const char *s)
{
    char *n = g_utf8_normalize(s, -1, G_NORMALIZE_NFKC);
    char *o = squeeze(n ? n : "");
    g_free(n);
    return o;
}

long nohin_form2_number(const char *value)
{
    char *f = fold(value);
    const char *p = f;
    while (*p && !g_ascii_isdigit(*p))
        p++;
    long v = *p ? strtol(p, NULL, 10) : -1;
    g_free(f);
    return v;
}

bool nohin_form2_title_differs(const char *form, const char *report)
{
    char *a = fold(form), *b = fold(report);
    bool differs = *b && strcmp(a, b);
    g_free(a);
    g_free(b);
    return differs;
}

void nohin_form2_free(nohin_form2 *f)
{
    if (!f) return;
    for (int i = 0; i < NOHIN_FORM2_N; i++)
        g_free(f->items[i].value);
    g_free(f->error);
    g_free(f);
}
