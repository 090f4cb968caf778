/* nohin pack PUBLIC_OR_BUNDLE -o DIR: e-mail drafts, each under the size limit. */
#include <stdio.h>
#include <glib/gstdio.h>
#include <string.h>
#include "commands.h"
#include "pack/pack.h"

/* "10MB", "9.5MB", "500KB", "10000000": decimal units, as the procurement texts
 * count (10MB = 10,000,000 bytes); KiB/MiB are binary. */
static bool parse_size(const char *s, guint64 *out)
{
    char *end = NULL;
    double v = g_ascii_strtod(s, &end);
    if (end == s || v <= 0) return false;
    static const struct {
        const char *unit;
        double mul;
    } units[] = {{"", 1},    {"B", 1},      {"KB", 1e3},        {"K", 1e3}, {"MB", 1e6},
                 {"M", 1e6}, {"KiB", 1024}, {"MiB", 1048576.0}, {"GB", 1e9}};
    while (*end == ' ')
        end++;
    for (size_t i = 0; i < G_N_ELEMENTS(units); i++)
        if (!g_ascii_strcasecmp(end, units[i].unit)) {
            *out = (guint64)(v * units[i].mul);
            return *out > 0;
        }
    return false;
}

int nohin_cmd_pack(int argc, char **argv)
{
    char *output = NULL, *lang = NULL, *max = NULL, *to = NULL, *from = NULL, *subject = NULL;
    gboolean zip = FALSE, quiet = FALSE;
    char **paths = NULL;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
         N_("folder for the .eml drafts (new or empty)"), "DIR"},
        {"max-message", 0, 0, G_OPTION_ARG_STRING, &max,
         N_("size every draft stays under, as sent (default 10MB = 10,000,000 bytes)"), "SIZE"},
        {"to", 0, 0, G_OPTION_ARG_STRING, &to, N_("recipient address"), "ADDR"},
        {"from", 0, 0, G_OPTION_ARG_STRING, &from,
         N_("sender address (default: left to the mail program)"), "ADDR"},
        {"subject", 0, 0, G_OPTION_ARG_STRING, &subject,
         N_("title (default: the folder name), or a template with {title}, {n}, {total}"),
         "TEMPLATE"},
        {"zip", 0, 0, G_OPTION_ARG_NONE, &zip, N_("one zip attachment per mail"), NULL},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("language of messages: ja, en"), "LANG"},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("print nothing when all went well"), NULL},
        {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL,
         N_("PUBLIC_OR_BUNDLE")},
        {NULL}};
    for (GOptionEntry *e = entries; e->long_name; e++)
        if (e->description) e->description = _(e->description);
    GOptionContext *oc = g_option_context_new(
        _("PUBLIC_OR_BUNDLE -o DIR — write e-mail drafts (.eml), each under the size limit"));
    g_option_context_add_main_entries(oc, entries, NULL);
    GError *err = NULL;
    GPtrArray *written = NULL;
    int rc = NOHIN_EXIT_USAGE;
    nohin_pack_options o = {.max_message = NOHIN_PACK_DEFAULT_MAX};
    if (!nohin_cli_parse(oc, &argc, &argv)) goto out;
    if (!paths || !paths[0] || paths[1]) {
        nohin_cli_error(_("give exactly one PUBLIC_OR_BUNDLE"));
        goto out;
    }
    if (!output) {
        nohin_cli_error(_("-o DIR is required"));
        goto out;
    }
    if (max && !parse_size(max, &o.max_message)) {
        nohin_cli_error(_("--max-message: '%s' is not a size such as 10MB"), max);
        goto out;
    }
    o.to = to;
    o.from = from;
    o.subject = subject;
    o.zip = zip;
    if (!nohin_pack_run(paths[0], output, &o, &written, &err)) {
        nohin_cli_error("%s", err ? err->message : "error");
        goto out;
    }
    for (guint i = 0; !quiet && i < written->len; i++) {
        GStatBuf st;
        const char *p = written->pdata[i];
        if (g_stat(p, &st) == 0) printf("%s\t%lld\n", p, (long long)st.st_size);
    }
    rc = NOHIN_EXIT_OK;
out:
    if (written) g_ptr_array_free(written, TRUE);
    g_clear_error(&err);
    g_option_context_free(oc);
    g_free(output);
    g_free(lang);
    g_free(max);
    g_free(to);
    g_free(from);
    g_free(subject);
    g_strfreev(paths);
    return rc;
}
