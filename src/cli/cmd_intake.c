/* nohin intake PATH…: scan e-mailed submissions (.eml, mbox, Maildir) unattended. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "commands.h"
#include "core/isolate.h"
#include "intake/intake.h"
#include "report_opts.h"

typedef struct {
    FILE *out;
    bool json, color;
    nohin_severity fail_on;
    bool fails;
    guint messages;
    const char *replies; /* folder for reply drafts, or NULL */
    guint replies_failed;
} sink_state;

/* The reply draft goes next to the others, named after the submission; an existing
 * draft is never replaced. */
static void write_reply(sink_state *s, const nohin_submission *sub)
{
    GBytes *eml = nohin_intake_reply_eml(sub);
    if (!eml) return;
    char *name = g_strdup_printf("reply-%s.eml", sub->id);
    g_strdelimit(name, "/\\", '_');
    char *path = g_build_filename(s->replies, name, NULL);
    gsize len;
    const void *data = g_bytes_get_data(eml, &len);
    GError *err = NULL;
    if (!nohin_write_file_atomic(path, data, len, false, &err)) {
        nohin_cli_error("%s", err->message);
        g_clear_error(&err);
        s->replies_failed++;
    }
    g_free(path);
    g_free(name);
    g_bytes_unref(eml);
}

static void submission_sink(const nohin_submission *sub, void *data)
{
    sink_state *s = data;
    if (nohin_report_fails(sub->report, s->fail_on)) s->fails = true;
    if (s->json)
        nohin_intake_write_submission_json(sub, s->out);
    else
        nohin_intake_write_submission_text(sub, s->out, s->color);
    if (s->replies) write_reply(s, sub);
}

static void sink(const nohin_mail *m, void *data)
{
    sink_state *s = data;
    if (!m->group_record) s->messages++;
    if (nohin_report_fails(m->report, s->fail_on)) s->fails = true;
    if (s->json)
        nohin_intake_write_json(m, s->out);
    else
        nohin_intake_write_text(m, s->out, s->color);
}

int nohin_cmd_intake(int argc, char **argv)
{
    char *replies = NULL, *watch = NULL, *state = NULL, *outdir = NULL;
    gboolean quiet = FALSE, group = FALSE, no_isolate = FALSE, once = FALSE;
    int timeout = 0, memory_mb = 0, window_h = 72;
    char **paths = NULL;
    nohin_cli_report_opts ro = {0};
    GOptionEntry entries[] = {
        {"group", 'g', 0, G_OPTION_ARG_NONE, &group,
         N_("treat all messages as one bundle (a submission split over several mails)"), NULL},
        {"window", 0, 0, G_OPTION_ARG_INT, &window_h,
         N_("hours within which the numbered mails of one submission arrive (default 72)"),
         "HOURS"},
        {"replies", 0, 0, G_OPTION_ARG_FILENAME, &replies,
         N_("write a reply draft (.eml, Japanese) per submission into DIR; nothing is sent"),
         "DIR"},
        {"watch", 0, 0, G_OPTION_ARG_FILENAME, &watch,
         N_("process messages as they arrive in MAILDIR/new, move them to cur/ (needs --out)"),
         "MAILDIR"},
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &outdir,
         N_("with --watch: folder for results.jsonl, reports/ and replies/"), "DIR"},
        {"state", 0, 0, G_OPTION_ARG_FILENAME, &state,
         N_("with --watch: state file (default DIR/state)"), "FILE"},
        {"once", 0, 0, G_OPTION_ARG_NONE, &once,
         N_("with --watch: process what is there, then exit"), NULL},
        {"no-isolate", 0, 0, G_OPTION_ARG_NONE, &no_isolate,
         N_("read files in this process (faster, unsafe for mail from outside)"), NULL},
        {"timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
         N_("seconds one file may take before it is stopped (default 60)"), "SEC"},
        {"memory", 0, 0, G_OPTION_ARG_INT, &memory_mb,
         N_("address space one file's reader may use, in MB (default 2048)"), "MB"},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("no progress on stderr"), NULL},
        {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…")},
        {NULL}};
    for (GOptionEntry *e = entries; e->long_name; e++)
        if (e->description) e->description = _(e->description);
    GOptionContext *oc =
        g_option_context_new(_("PATH… — scan e-mail (.eml, mbox, Maildir) and report per message"));
    nohin_cli_report_opts_add(oc, &ro,
                              N_("output format: text, json (JSON Lines, one message per line)"),
                              N_("role of attached files: public (default), internal"));
    g_option_context_add_main_entries(oc, entries, NULL);
    GError *err = NULL;
    int rc = NOHIN_EXIT_USAGE;
    nohin_intake_options o = {.group = false, .isolate = true};
    nohin_options_init(&o.lint);
    nohin_config *cfg = NULL;
    sink_state s = {.fail_on = NOHIN_SEV_ERROR};
    nohin_report_format fmt = NOHIN_REPORT_TEXT;
    if (!nohin_cli_parse(oc, &argc, &argv)) goto out;
    if (watch && (!outdir || (paths && paths[0]))) {
        nohin_cli_error(_("--watch MAILDIR needs --out DIR and no PATH"));
        goto out;
    }
    if (!watch && (!paths || !paths[0])) {
        nohin_cli_error(_("no PATH given"));
        goto out;
    }
    if (!nohin_cli_report_opts_parse(&ro, &fmt, &o.lint.default_role, &s.fail_on)) goto out;
    if (window_h < 0) {
        nohin_cli_error(_("--window must be positive"));
        goto out;
    }
    if (replies && g_mkdir_with_parents(replies, 0755) != 0) {
        nohin_cli_error("%s: %s", replies, g_strerror(errno));
        goto out;
    }
    if (timeout < 0 || memory_mb < 0) {
        nohin_cli_error(_("--timeout and --memory must be positive"));
        goto out;
    }
    if (timeout > 0) nohin_cli_set_timeout(timeout);
    if (memory_mb > 0) {
        nohin_isolate_limits lim = *nohin_isolate_get_limits();
        lim.memory_bytes = (guint64)memory_mb << 20;
        nohin_isolate_set_limits(&lim);
    }
    cfg = ro.config ? nohin_config_load(ro.config, &err) : nohin_config_new_default();
    if (!cfg) {
        nohin_cli_error("%s", err ? err->message : "config");
        goto out;
    }
    o.group = group;
    o.window_s = (gint64)window_h * 3600;
    o.on_submission = submission_sink;
    s.replies = replies;
    o.isolate = !no_isolate;
    o.lint.quiet = quiet;
    o.lint.progress = false; /* unattended: per-file progress would only fill logs */
    if (watch) {
        char *st = state ? g_strdup(state) : g_build_filename(outdir, "state", NULL);
        bool ok = nohin_intake_watch(watch, st, outdir, &o, cfg, once, &err);
        g_free(st);
        if (!ok) nohin_cli_error("%s", err ? err->message : "error");
        rc = ok ? NOHIN_EXIT_OK : NOHIN_EXIT_USAGE;
        goto out;
    }
    char *buf = NULL;
    size_t len = 0;
    s.out = open_memstream(&buf, &len);
    s.json = fmt == NOHIN_REPORT_JSON;
    s.color = !s.json && !ro.output && isatty(1) && !g_getenv("NO_COLOR");
    nohin_cli_protect_stdout(); /* issue16: libraries must not print into the report */
    bool ok =
        nohin_intake_run((const char *const *)paths, g_strv_length(paths), &o, cfg, sink, &s, &err);
    fclose(s.out);
    if (!ok) {
        nohin_cli_error("%s", err ? err->message : "error");
        free(buf);
        goto out;
    }
    bool written = nohin_cli_emit_output(ro.output, buf, len, ro.force);
    free(buf);
    rc = !written || s.replies_failed ? NOHIN_EXIT_USAGE
         : s.fails                    ? NOHIN_EXIT_FINDINGS
                                      : NOHIN_EXIT_OK;
out:
    nohin_config_free(cfg);
    g_clear_error(&err);
    g_option_context_free(oc);
    nohin_cli_report_opts_clear(&ro);
    g_free(replies);
    g_free(watch);
    g_free(state);
    g_free(outdir);
    g_strfreev(paths);
    return rc;
}
