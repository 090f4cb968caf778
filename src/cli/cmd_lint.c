/* nohin lint PATH…: the fix list. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "commands.h"
#include "core/baseline.h"
#include "report_opts.h"

int nohin_cmd_lint(int argc, char **argv)
{
    char *baseline = NULL;
    gboolean quiet = FALSE, isolate = FALSE;
    int timeout = 0, jobs = 0;
    char **paths = NULL;
    nohin_cli_report_opts ro = {0};
    GOptionEntry entries[] = {
        {"baseline", 0, 0, G_OPTION_ARG_FILENAME, &baseline,
         N_("report the findings recorded in FILE (nohin baseline) as suppressed"), "FILE"},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("no progress on stderr"), NULL},
        {"isolate", 0, 0, G_OPTION_ARG_NONE, &isolate,
         N_("read each file in a child process with resource limits and a timeout"), NULL},
        {"jobs", 'j', 0, G_OPTION_ARG_INT, &jobs,
         N_("files checked at once (default: number of cores; 1: one after another)"), "N"},
        {"timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
         N_("seconds one file may take before it is stopped (implies --isolate; default 60)"),
         "SEC"},
        {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…")},
        {NULL}};
    for (GOptionEntry *e = entries; e->long_name; e++)
        if (e->description) e->description = _(e->description);
    GOptionContext *oc = g_option_context_new(_("PATH… — check a bundle and print the fix list"));
    nohin_cli_report_opts_add(
        oc, &ro, N_("output format: text, json, sarif, html"),
        N_("role of files outside a 公表用/非公表 folder: public (default), internal"));
    g_option_context_add_main_entries(oc, entries, NULL);
    GError *err = NULL;
    int rc = NOHIN_EXIT_USAGE;
    nohin_options opts;
    nohin_options_init(&opts);
    nohin_severity fail_sev = NOHIN_SEV_ERROR;
    nohin_report_format fmt = NOHIN_REPORT_TEXT;
    if (!nohin_cli_parse(oc, &argc, &argv)) goto out;
    if (!paths || !paths[0]) {
        nohin_cli_error(_("no PATH given"));
        goto out;
    }
    if (!nohin_cli_report_opts_parse(&ro, &fmt, &opts.default_role, &fail_sev)) goto out;
    if (timeout < 0) {
        nohin_cli_error(_("--timeout and --memory must be positive"));
        goto out;
    }
    if (jobs < 0 || jobs > NOHIN_MAX_JOBS) {
        nohin_cli_error(_("--jobs must be between 1 and %d (0: number of cores)"), NOHIN_MAX_JOBS);
        goto out;
    }
    if (timeout > 0) nohin_cli_set_timeout(timeout);
    opts.threads = jobs;
    opts.quiet = quiet;
    opts.isolate = isolate || timeout > 0;
    opts.config_path = ro.config;
    bool tty = isatty(1);
    nohin_cli_protect_stdout();
    nohin_report *r = nohin_lint((const char *const *)paths, g_strv_length(paths), &opts, &err);
    if (!r) {
        nohin_cli_error("%s", err ? err->message : "error");
        goto out;
    }
    if (baseline && !nohin_baseline_apply(r, baseline, &err)) {
        nohin_cli_error("%s", err->message);
        nohin_report_free(r);
        goto out;
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    bool color = fmt == NOHIN_REPORT_TEXT && !ro.output && tty && !g_getenv("NO_COLOR");
    nohin_report_write(r, fmt, mem, color);
    fclose(mem);
    bool ok = nohin_cli_emit_output(ro.output, buf, len, ro.force);
    free(buf);
    rc = !ok                               ? NOHIN_EXIT_USAGE
         : nohin_report_fails(r, fail_sev) ? NOHIN_EXIT_FINDINGS
                                           : NOHIN_EXIT_OK;
    nohin_report_free(r);
out:
    g_clear_error(&err);
    g_option_context_free(oc);
    nohin_cli_report_opts_clear(&ro);
    g_free(baseline);
    g_strfreev(paths);
    return rc;
}
