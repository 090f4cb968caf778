/* nohin serve: the checker as a small web service (docs/serve.md). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "commands.h"
#include "serve/serve.h"

static char *read_token(const char *path)
{
    char *text = NULL;
    GError *err = NULL;
    if (!g_file_get_contents(path, &text, NULL, &err)) {
        nohin_cli_error("%s", err->message);
        g_error_free(err);
        return NULL;
    }
    g_strstrip(text);
    if (strlen(text) < 16 || strchr(text, '\n') || !g_utf8_validate(text, -1, NULL)) {
        nohin_cli_error(_("the token file must hold one token of at least 16 characters"));
        g_free(text);
        return NULL;
    }
    return text;
}

int nohin_cmd_serve(int argc, char **argv)
{
    char *listen = NULL, *data = NULL, *max_upload = NULL, *keep = NULL, *token_file = NULL;
    char *lang = NULL, *job_lint = NULL, *job_clean = NULL, *profile = NULL;
    int jobs = 0;
    GOptionEntry entries[] = {
        {"listen", 0, 0, G_OPTION_ARG_STRING, &listen,
         N_("address and port to listen on (default 127.0.0.1:8080)"), "HOST:PORT"},
        {"data", 0, 0, G_OPTION_ARG_FILENAME, &data,
         N_("folder for the job folders (default: a folder under the temporary folder)"), "DIR"},
        {"max-upload", 0, 0, G_OPTION_ARG_STRING, &max_upload,
         N_("largest upload per job (default 512M)"), "SIZE"},
        {"jobs", 0, 0, G_OPTION_ARG_INT, &jobs, N_("checks run at once (default: cores)"), "N"},
        {"keep", 0, 0, G_OPTION_ARG_STRING, &keep,
         N_("remove finished jobs after this long (default 24h)"), "TIME"},
        {"token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file,
         N_("require the token in FILE (needed to listen on a non-loopback address)"), "FILE"},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("language of messages: ja, en"), "LANG"},
        {"job-lint", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &job_lint, NULL, NULL},
        {"job-clean", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &job_clean, NULL, NULL},
        {"profile", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &profile, NULL, NULL},
        {NULL}};
    for (GOptionEntry *e = entries; e->long_name; e++)
        if (e->description) e->description = _(e->description);
    GOptionContext *oc = g_option_context_new(_("— run the checker as a web service"));
    g_option_context_add_main_entries(oc, entries, NULL);
    GError *err = NULL;
    int rc = NOHIN_EXIT_USAGE;
    nohin_serve_options o = {0};
    if (!nohin_cli_parse(oc, &argc, &argv)) goto out;
    if (argc > 1) {
        nohin_cli_error(_("serve takes no PATH"));
        goto out;
    }
    /* the job children the server spawns from this same binary */
    if (job_lint) {
        rc = nohin_serve_job_lint(job_lint, profile);
        goto out;
    }
    if (job_clean) {
        rc = nohin_serve_job_clean(job_clean, profile);
        goto out;
    }
    o.listen = g_strdup(listen ? listen : "127.0.0.1:8080");
    o.max_upload = 512ull * 1024 * 1024;
    o.keep_s = 24 * 3600;
    o.max_jobs = jobs > 0 ? jobs : (int)g_get_num_processors();
    if (jobs < 0 || jobs > 256) {
        nohin_cli_error(_("--jobs must be between 1 and 256"));
        goto out;
    }
    if (max_upload && !nohin_serve_parse_size(max_upload, &o.max_upload)) {
        nohin_cli_error(_("bad size '%s' (e.g. 512M, 2G)"), max_upload);
        goto out;
    }
    if (keep && !nohin_serve_parse_duration(keep, &o.keep_s)) {
        nohin_cli_error(_("bad duration '%s' (e.g. 24h, 30m, 2d)"), keep);
        goto out;
    }
    if (token_file && !(o.token = read_token(token_file))) goto out;
    o.data_dir = data ? g_strdup(data) : g_build_filename(g_get_tmp_dir(), "nohin-serve", NULL);
    /* exec'd by the forked child, /proc/self/exe is the server's own binary even when
     * an upgrade has replaced the file on disk meanwhile */
    o.self_exe =
        g_file_test("/proc/self/exe", G_FILE_TEST_EXISTS) ? g_strdup("/proc/self/exe") : NULL;
    if (!o.self_exe) {
        nohin_cli_error(_("cannot find the nohin binary (/proc/self/exe)"));
        goto out;
    }
    rc = nohin_serve_run(&o);
out:
    g_clear_error(&err);
    g_option_context_free(oc);
    if (o.token) memset(o.token, 0, strlen(o.token));
    g_free(o.token);
    g_free(o.listen);
    g_free(o.data_dir);
    g_free(o.self_exe);
    g_free(listen);
    g_free(data);
    g_free(max_upload);
    g_free(keep);
    g_free(token_file);
    g_free(lang);
    g_free(job_lint);
    g_free(job_clean);
    g_free(profile);
    return rc;
}
