/* nohin rules: every rule with id, severity, formats, one line and spec clause. */
#include <stdio.h>
#include <string.h>
#include "commands.h"

static char *formats_of(const nohin_check *c)
{
    GString *s = g_string_new(NULL);
    static const nohin_format all[] = {NOHIN_FMT_PDF,  NOHIN_FMT_XLSX, NOHIN_FMT_CSV,
                                       NOHIN_FMT_DOCX, NOHIN_FMT_ZIP,  NOHIN_FMT_OTHER};
    if (c->run_file && (c->formats & NOHIN_FMT_ANY) == NOHIN_FMT_ANY)
        g_string_append(s, "any");
    else if (c->run_file)
        for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
            if (c->formats & all[i])
                g_string_append_printf(s, "%s%s", s->len ? "," : "", nohin_format_name(all[i]));
    if (c->run_bundle) g_string_append_printf(s, "%sbundle", s->len ? "," : "");
    return g_string_free(s, FALSE);
}

static gint cmp_rule(gconstpointer a, gconstpointer b)
{
    return strcmp((*(const nohin_rule *const *)a)->id, (*(const nohin_rule *const *)b)->id);
}

int nohin_cmd_rules(int argc, char **argv)
{
    gboolean json = FALSE;
    char *lang = NULL;
    GOptionEntry entries[] = {
        {"json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("language of messages: ja, en"), "LANG"},
        {NULL}};
    for (GOptionEntry *e = entries; e->long_name; e++) /* help in the user's language */
        if (e->description) e->description = _(e->description);
    GOptionContext *oc = g_option_context_new(_("— list every rule"));
    g_option_context_add_main_entries(oc, entries, NULL);
    if (!nohin_cli_parse(oc, &argc, &argv)) {
        g_option_context_free(oc);
        return NOHIN_EXIT_USAGE;
    }
    g_option_context_free(oc);
    g_free(lang);
    size_t n = 0;
    const nohin_check *const *checks = nohin_checks(&n);
    GPtrArray *rules = g_ptr_array_new();
    GHashTable *fmt_of = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    for (size_t i = 0; i < n; i++)
        for (const nohin_rule *r = checks[i]->rules; r && r->id; r++) {
            g_ptr_array_add(rules, (gpointer)r);
            g_hash_table_insert(fmt_of, (gpointer)r->id, formats_of(checks[i]));
        }
    g_ptr_array_sort(rules, cmp_rule);
    GString *o = g_string_new(json ? "[" : "");
    for (guint i = 0; i < rules->len; i++) {
        const nohin_rule *r = rules->pdata[i];
        const char *fm = g_hash_table_lookup(fmt_of, r->id);
        if (json) {
            g_string_append(o, i ? ",\n {\"id\":" : "\n {\"id\":");
            nohin_json_string(o, r->id);
            g_string_append_printf(o, ",\"severity\":\"%s\",\"fixable\":%s,\"formats\":",
                                   nohin_severity_name(r->severity), r->fixable ? "true" : "false");
            nohin_json_string(o, fm);
            g_string_append(o, ",\"summary\":");
            nohin_json_string(o, _(r->summary));
            g_string_append(o, ",\"spec\":");
            nohin_json_string(o, r->spec);
            g_string_append_c(o, '}');
        } else {
            g_string_append_printf(o, "%-30s %-8s %-16s %s  [%s]\n", r->id,
                                   nohin_severity_name(r->severity), fm, _(r->summary), r->spec);
        }
    }
    if (json) g_string_append(o, "\n]\n");
    fwrite(o->str, 1, o->len, stdout);
    g_string_free(o, TRUE);
    g_ptr_array_free(rules, TRUE);
    g_hash_table_destroy(fmt_of);
    return NOHIN_EXIT_OK;
}
