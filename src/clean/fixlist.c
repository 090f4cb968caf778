/* The fix list of a clean run, as JSON for machines and text for people. */
#include <gio/gio.h>
#include <stdarg.h>
#include <string.h>
#include "clean/fixlist.h"
#include "clean/outdir.h"

nohin_fixlist *nohin_fixlist_new(void)
{
    nohin_fixlist *fl = g_new0(nohin_fixlist, 1);
    fl->items = g_ptr_array_new();
    g_mutex_init(&fl->lock);
    return fl;
}

static void fix_free(nohin_fix *f)
{
    g_free(f->rule);
    g_free(f->file);
    g_free(f->output);
    g_free(f->location);
    g_free(f->message);
    g_free(f->severity);
    g_free(f);
}

void nohin_fixlist_truncate(nohin_fixlist *fl, guint len)
{
    g_mutex_lock(&fl->lock);
    while (fl->items->len > len)
        fix_free(g_ptr_array_steal_index(fl->items, fl->items->len - 1));
    g_mutex_unlock(&fl->lock);
}

void nohin_fixlist_free(nohin_fixlist *fl)
{
    if (!fl) return;
    for (guint i = 0; i < fl->items->len; i++)
        fix_free(fl->items->pdata[i]);
    g_ptr_array_free(fl->items, TRUE);
    g_mutex_clear(&fl->lock);
    g_free(fl);
}

nohin_fix *nohin_fixlist_add(nohin_fixlist *fl, nohin_fix_kind kind, const char *rule,
                             const char *file, const char *output, const char *location,
                             const char *fmt, ...)
{
    nohin_fix *f = g_new0(nohin_fix, 1);
    f->kind = kind;
    f->rule = g_strdup(rule ? rule : "");
    f->file = g_strdup(file ? file : "");
    f->output = g_strdup(output);
    f->location = g_strdup(location);
    va_list ap;
    va_start(ap, fmt);
    f->message = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_mutex_lock(&fl->lock);
    g_ptr_array_add(fl->items, f);
    g_mutex_unlock(&fl->lock);
    return f;
}

size_t nohin_fixlist_count(const nohin_fixlist *fl, nohin_fix_kind kind)
{
    size_t n = 0;
    for (guint i = 0; i < fl->items->len; i++)
        if (((nohin_fix *)fl->items->pdata[i])->kind == kind) n++;
    return n;
}

size_t nohin_fixlist_count_rule(const nohin_fixlist *fl, nohin_fix_kind kind, const char *rule)
{
    size_t n = 0;
    for (guint i = 0; i < fl->items->len; i++) {
        const nohin_fix *f = fl->items->pdata[i];
        if (f->kind == kind && !strcmp(f->rule, rule)) n++;
    }
    return n;
}

static int nstrcmp(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static gint cmp_fix(gconstpointer pa, gconstpointer pb)
{
    const nohin_fix *a = *(nohin_fix *const *)pa, *b = *(nohin_fix *const *)pb;
    int c;
    if (a->kind != b->kind) return (int)a->kind - (int)b->kind;
    if ((c = strcmp(a->file, b->file))) return c;
    if ((c = strcmp(a->rule, b->rule))) return c;
    if ((c = nstrcmp(a->location, b->location))) return c;
    return strcmp(a->message, b->message);
}

void nohin_fixlist_sort(nohin_fixlist *fl)
{
    g_ptr_array_sort(fl->items, cmp_fix);
}

static const char *kind_name(nohin_fix_kind k)
{
    switch (k) {
    case NOHIN_FIX_CHANGED:
        return "changed";
    case NOHIN_FIX_MANUAL:
        return "manual";
    case NOHIN_FIX_LEFT_OUT:
        return "left_out";
    case NOHIN_FIX_REMAINING:
        return "remaining";
    case NOHIN_FIX_NOTE:
        return "note";
    }
    return "?";
}

static void json_member(GString *s, const char *key, const char *value, bool comma)
{
    g_string_append_printf(s, "\"%s\": ", key);
    if (value)
        nohin_json_string(s, value);
    else
        g_string_append(s, "null");
    if (comma) g_string_append(s, ", ");
}

GString *nohin_fixlist_json(const nohin_fixlist *fl, int exit_code)
{
    GString *s = g_string_new("{\n");
    g_string_append_printf(s, "  \"tool\": \"nohin %s\",\n  \"exit_code\": %d,\n", NOHIN_VERSION,
                           exit_code);
    g_string_append_printf(
        s,
        "  \"counts\": {\"changed\": %zu, \"manual\": %zu, \"left_out\": %zu, "
        "\"remaining\": %zu, \"note\": %zu},\n",
        nohin_fixlist_count(fl, NOHIN_FIX_CHANGED), nohin_fixlist_count(fl, NOHIN_FIX_MANUAL),
        nohin_fixlist_count(fl, NOHIN_FIX_LEFT_OUT), nohin_fixlist_count(fl, NOHIN_FIX_REMAINING),
        nohin_fixlist_count(fl, NOHIN_FIX_NOTE));
    g_string_append(s, "  \"items\": [");
    for (guint i = 0; i < fl->items->len; i++) {
        const nohin_fix *f = fl->items->pdata[i];
        g_string_append(s, i ? ",\n    {" : "\n    {");
        json_member(s, "kind", kind_name(f->kind), true);
        json_member(s, "rule", f->rule, true);
        json_member(s, "file", f->file, true);
        json_member(s, "output", f->output, true);
        json_member(s, "location", f->location, true);
        if (f->severity) json_member(s, "severity", f->severity, true);
        json_member(s, "message", f->message, false);
        g_string_append(s, "}");
    }
    g_string_append(s, fl->items->len ? "\n  ]\n}\n" : "]\n}\n");
    return s;
}

static void text_section(GString *s, const nohin_fixlist *fl, nohin_fix_kind kind,
                         const char *title)
{
    size_t n = nohin_fixlist_count(fl, kind);
    g_string_append_printf(s, "== %s (%zu)\n", title, n);
    for (guint i = 0; i < fl->items->len; i++) {
        const nohin_fix *f = fl->items->pdata[i];
        if (f->kind != kind) continue;
        /* names and texts come from the input: a newline or an escape sequence in
         * them must not break the list's lines or drive the terminal */
        /* Lint of the output knows only the output's file: that file is the label,
         * not the bundle. */
        bool out_only = !*f->file && f->output && *f->output;
        char *file = nohin_escape_controls(*f->file   ? f->file
                                           : out_only ? f->output
                                                      : _("(bundle)"));
        char *loc = nohin_escape_controls(f->location);
        char *out = out_only ? NULL : nohin_escape_controls(f->output);
        char *msg = nohin_escape_controls(f->message);
        g_string_append(s, "- ");
        if (*f->rule) g_string_append_printf(s, "[%s] ", f->rule);
        if (f->severity) g_string_append_printf(s, "(%s) ", f->severity);
        g_string_append(s, file);
        if (loc) g_string_append_printf(s, " %s", loc);
        if (out) g_string_append_printf(s, " -> %s", out);
        g_string_append_printf(s, ": %s\n", msg);
        g_free(file);
        g_free(loc);
        g_free(out);
        g_free(msg);
    }
    g_string_append(s, "\n");
}

GString *nohin_fixlist_text(const nohin_fixlist *fl, int exit_code)
{
    GString *s = g_string_new("");
    g_string_append_printf(s, "nohin %s clean\n\n", NOHIN_VERSION);
    text_section(s, fl, NOHIN_FIX_CHANGED, _("Changed automatically"));
    text_section(s, fl, NOHIN_FIX_MANUAL, _("Still needs a person"));
    text_section(s, fl, NOHIN_FIX_LEFT_OUT, _("Not carried into the public bundle"));
    text_section(s, fl, NOHIN_FIX_REMAINING, _("Lint of the output"));
    text_section(s, fl, NOHIN_FIX_NOTE, _("Notes"));
    g_string_append_printf(s, "%s %d\n", _("Exit code:"), exit_code);
    return s;
}
