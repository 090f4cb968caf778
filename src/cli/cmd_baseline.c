/* nohin baseline PATH… -o FILE: record today's findings as accepted (docs/baseline.md). */
#include <stdio.h>
#include "commands.h"
#include "core/baseline.h"

int nohin_cmd_baseline(int argc, char **argv)
{
    char *lang = NULL, *profile = NULL, *config = NULL, *output = NULL;
    gboolean force = FALSE;
    char **paths = NULL;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
         N_("write the baseline to FILE ('-': standard output)"), "FILE"},
        {"force", 0, 0, G_OPTION_ARG_NONE, &force, N_("replace an existing output file"), NULL},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("language of messages: ja, en"), "LANG"},
        {"profile", 0, 0, G_OPTION_ARG_STRING, &profile,
         N_("role of files outside a 公表用/非公表 folder: public (default), internal"), "ROLE"},
        {"config", 'c', 0, G_OPTION_ARG_FILENAME, &config, N_("nohin.ini to use"), "FILE"},
        {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…")},
        {NULL}};
    for (GOptionEntry *e = entries; e->long_name; e++)
        if (e->description) e->description = _(e->description);
    GOptionContext *oc =
        g_option_context_new(_("PATH… — record the current findings as accepted (a baseline)"));
    g_option_context_add_main_entries(oc, entries, NULL);
    GError *err = NULL;
    int rc = NOHIN_EXIT_USAGE;
    nohin_options opts;
    nohin_options_init(&opts);
    if (!nohin_cli_parse(oc, &argc, &argv)) goto out;
    if (!paths || !paths[0]) {
        nohin_cli_error(_("no PATH given"));
        goto out;
    }
    if (!output) {
        nohin_cli_error(_("no output file given (-o FILE)"));
        goto out;
    }
    if (!nohin_cli_parse_profile(profile, &opts.default_role)) goto out;
    opts.quiet = TRUE;
    opts.config_path = config;
    nohin_report *r = nohin_lint((const char *const *)paths, g_strv_length(paths), &opts, &err);
    if (!r) {
        nohin_cli_error("%s", err ? err->message : "error");
        goto out;
    }
    size_t len = 0;
    char *data = nohin_baseline_render(r, &len);
    rc = nohin_cli_emit_output(output, data, len, force) ? NOHIN_EXIT_OK : NOHIN_EXIT_USAGE;
    g_free(data);
    nohin_report_free(r);
out:
    g_clear_error(&err);
    g_option_context_free(oc);
    g_free(lang);
    g_free(profile);
    g_free(config);
    g_free(output);
    g_strfreev(paths);
    return rc;
}
