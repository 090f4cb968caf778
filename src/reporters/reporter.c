#include <stdlib.h>
#include <string.h>
#include "reporter.h"

static const struct {
    const char *name;
    nohin_report_format fmt;
} formats[] = {{"text", NOHIN_REPORT_TEXT},
               {"json", NOHIN_REPORT_JSON},
               {"sarif", NOHIN_REPORT_SARIF},
               {"html", NOHIN_REPORT_HTML}};

bool nohin_report_format_parse(const char *name, nohin_report_format *out)
{
    for (size_t i = 0; i < G_N_ELEMENTS(formats); i++)
        if (!strcmp(name, formats[i].name)) {
            *out = formats[i].fmt;
            return true;
        }
    return false;
}

const char *nohin_report_format_names(void)
{
    return "text, json, sarif, html";
}

void nohin_report_write(const nohin_report *r, nohin_report_format fmt, FILE *out, bool color)
{
    switch (fmt) {
    case NOHIN_REPORT_JSON:
        nohin_report_write_json(r, out);
        break;
    case NOHIN_REPORT_SARIF:
        nohin_report_write_sarif(r, out);
        break;
    case NOHIN_REPORT_HTML:
        nohin_report_write_html(r, out);
        break;
    default:
        nohin_report_write_text(r, out, color);
    }
}

typedef struct {
    const nohin_finding *f;
    int group;
    guint index;
} ordered;

int nohin_report_group_of(const nohin_report *r, const char *file)
{
    if (!file || !*file) return NOHIN_GROUP_BUNDLE;
    for (guint i = 0; i < r->files->len; i++) {
        const nohin_file *f = r->files->pdata[i];
        if (!strcmp(f->path, file))
            return f->role == NOHIN_ROLE_INTERNAL ? NOHIN_GROUP_INTERNAL : NOHIN_GROUP_PUBLIC;
    }
    return NOHIN_GROUP_BUNDLE; /* not a file of the bundle (nohin.ini, an output folder) */
}

static int cmp_ordered(const void *a, const void *b)
{
    const ordered *x = a, *y = b;
    if (x->group != y->group) return x->group - y->group;
    int c = strcmp(x->f->file, y->f->file);
    if (c) return c;
    if (x->f->severity != y->f->severity) return (int)y->f->severity - (int)x->f->severity;
    return (x->index > y->index) - (x->index < y->index);
}

GPtrArray *nohin_report_display_order(const nohin_report *r)
{
    guint n = r->findings->len;
    ordered *v = g_new(ordered, n ? n : 1);
    GHashTable *groups = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < n; i++) {
        const nohin_finding *f = r->findings->pdata[i];
        gpointer g;
        if (!g_hash_table_lookup_extended(groups, f->file, NULL, &g)) {
            g = GINT_TO_POINTER(nohin_report_group_of(r, f->file));
            g_hash_table_insert(groups, f->file, g);
        }
        v[i] = (ordered){f, GPOINTER_TO_INT(g), i};
    }
    qsort(v, n, sizeof *v, cmp_ordered);
    GPtrArray *out = g_ptr_array_sized_new(n);
    for (guint i = 0; i < n; i++)
        g_ptr_array_add(out, (gpointer)v[i].f);
    g_hash_table_destroy(groups);
    g_free(v);
    return out;
}

const char *nohin_report_group_title(int group)
{
    return group == NOHIN_GROUP_PUBLIC     ? _("Public package (公表用)")
           : group == NOHIN_GROUP_INTERNAL ? _("Internal package (非公表)")
                                           : _("Whole bundle");
}
