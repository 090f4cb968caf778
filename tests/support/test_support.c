#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "test_support.h"

void ts_init(void)
{
    nohin_i18n_init("en");
}

char *ts_tmpdir(void)
{
    GError *err = NULL;
    char *d = g_dir_make_tmp("nohin-test-XXXXXX", &err);
    if (!d) fail_msg("tmpdir: %s", err->message);
    return d;
}

void ts_rmtree(const char *dir)
{
    if (!dir || strlen(dir) < 8) return;
    char *q = g_shell_quote(dir);
    char *cmd = g_strdup_printf("rm -rf -- %s", q);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    g_free(cmd);
    g_free(q);
}

char *ts_path(const char *dir, const char *name)
{
    return g_build_filename(dir, name, NULL);
}

nohin_report *ts_lint(const char *path, nohin_role role)
{
    nohin_options o;
    nohin_options_init(&o);
    o.quiet = true;
    o.default_role = role;
    const char *paths[] = {path};
    GError *err = NULL;
    nohin_report *r = nohin_lint(paths, 1, &o, &err);
    if (!r) fail_msg("lint %s: %s", path, err ? err->message : "?");
    return r;
}

size_t ts_count(const nohin_report *r, const char *rule)
{
    return nohin_report_count(r, rule);
}

const nohin_finding *ts_nth(const nohin_report *r, const char *rule, size_t n)
{
    for (guint i = 0; i < r->findings->len; i++) {
        const nohin_finding *f = r->findings->pdata[i];
        if (!strcmp(f->rule, rule) && n-- == 0) return f;
    }
    return NULL;
}

const nohin_finding *ts_must(const nohin_report *r, const char *rule, size_t n)
{
    const nohin_finding *f = ts_nth(r, rule, n);
    if (!f) {
        ts_dump(r);
        fail_msg("no finding %s #%zu", rule, n);
    }
    return f;
}

void ts_assert_loc(const nohin_report *r, const char *rule, size_t n, const char *want)
{
    const nohin_finding *f = ts_nth(r, rule, n);
    char *got = f ? nohin_location_format(&f->loc) : g_strdup("(none)");
    if (strcmp(got, want) != 0) {
        ts_dump(r);
        fail_msg("%s #%zu: location '%s', want '%s'", rule, n, got, want);
    }
    g_free(got);
}

int ts_page(const nohin_report *r, const char *rule, size_t n)
{
    const nohin_finding *f = ts_nth(r, rule, n);
    return f && f->loc.kind == NOHIN_LOC_PAGE ? f->loc.page : -1;
}

void ts_dump(const nohin_report *r)
{
    nohin_report_write_text(r, stderr, false);
}

int ts_sh(char **out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *cmd = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    char *sout = NULL;
    int status = -1;
    const char *argv[] = {"/bin/sh", "-c", cmd, NULL};
    GError *err = NULL;
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &sout, NULL, &status,
                      &err)) {
        fprintf(stderr, "spawn failed: %s\n", err->message);
        g_error_free(err);
        g_free(cmd);
        return -1;
    }
    g_free(cmd);
    if (out)
        *out = sout;
    else
        g_free(sout);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

const char *ts_nohin_bin(void)
{
    const char *b = getenv("NOHIN_BIN");
    return b ? b : "build/nohin";
}

bool ts_have(const char *program)
{
    char *p = g_find_program_in_path(program);
    bool ok = p != NULL;
    g_free(p);
    return ok;
}
