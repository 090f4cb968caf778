/* Helpers shared by the clean tests (header-only: tests/test_*.c are programs). */
#ifndef TEST_CLEAN_COMMON_H
#define TEST_CLEAN_COMMON_H

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include "clean/clean.h"
#include "fx_clean_docs.h"
#include "test_support.h"

#define ORG "経済産業省委託先株式会社"

/* A bundle folder with 公表用/ and 非公表/ and a nohin.ini naming the organisation. */
static inline char *tc_bundle(const char *root, bool with_org)
{
    char *b = ts_path(root, "bundle");
    char *pub = g_build_filename(b, "公表用", NULL), *in = g_build_filename(b, "非公表", NULL);
    g_mkdir_with_parents(pub, 0755);
    g_mkdir_with_parents(in, 0755);
    /* every public bundle needs its report; tests that plant items overwrite it */
    char *report = g_build_filename(pub, "report.pdf", NULL);
    if (!fxc_pdf(report, 0)) fail_msg("fixture report");
    g_free(report);
    if (with_org) {
        char *ini = ts_path(b, "nohin.ini");
        const char *text = "[bundle]\norganisation = " ORG "\n";
        g_file_set_contents(ini, text, -1, NULL);
        g_free(ini);
    }
    g_free(pub);
    g_free(in);
    return b;
}

/* One test's folders: a private root, the bundle in it (tc_bundle) and the path
 * of clean's output (root/out, not created yet). */
typedef struct {
    char *root, *b, *out;
} tc_case;

static inline tc_case tc_case_new(bool with_org)
{
    tc_case c;
    c.root = ts_tmpdir();
    c.b = tc_bundle(c.root, with_org);
    c.out = ts_path(c.root, "out");
    return c;
}

/* Removes the root with everything in it. */
static inline void tc_case_free(tc_case *c)
{
    g_free(c->out);
    g_free(c->b);
    ts_rmtree(c->root);
    g_free(c->root);
}

static inline int tc_clean(const char *bundle, const char *out, nohin_clean_options *opt)
{
    nohin_clean_options o;
    if (!opt) {
        nohin_clean_options_init(&o);
        opt = &o;
    }
    opt->quiet = true;
    const char *paths[] = {bundle};
    GError *err = NULL;
    int rc = nohin_clean_bundle(paths, 1, out, opt, &err);
    if (err) fprintf(stderr, "clean: %s\n", err->message);
    g_clear_error(&err);
    return rc;
}

/* sha256sum of every file under dir, as one string (to prove input untouched). */
static inline char *tc_tree_sums(const char *dir)
{
    char *out = NULL;
    char *q = g_shell_quote(dir);
    ts_sh(&out, "cd %s && find . -type f -print0 | sort -z | xargs -0 sha256sum", q);
    g_free(q);
    return out;
}

/* Number of fix-list entries of kind ("changed", "manual", …) and rule, read
 * from fixlist.json with Python's json module (a parser nobody here wrote). */
static inline int tc_fix_count(const char *out, const char *kind, const char *rule)
{
    char *o = NULL;
    char *q = g_shell_quote(out), *qr = g_shell_quote(rule);
    int rc = ts_sh(
        &o,
        "/usr/bin/python3 -c \"import json,sys; d=json.load(open(sys.argv[1]+"
        "'/提出記録/fixlist.json')); print(sum(1 for i in d['items'] if i['kind']==sys.argv[2] "
        "and (sys.argv[3]=='*' or i['rule']==sys.argv[3])))\" %s %s %s",
        q, kind, qr);
    g_free(q);
    g_free(qr);
    int n = rc == 0 && o ? atoi(o) : -1;
    g_free(o);
    return n;
}

/* Lints the input bundle and the output: every rule clean fixes is gone from
 * the output, and no warning or error appears that the input did not have.
 * (Meaningful for each rule once its check is in the build; until then both
 * counts are simply 0.) */
static inline void tc_lint_gone_and_nothing_new(const char *bundle, const char *out,
                                                const char *const *fixed, size_t n_fixed)
{
    nohin_report *in = ts_lint(bundle, NOHIN_ROLE_PUBLIC), *o = ts_lint(out, NOHIN_ROLE_PUBLIC);
    /* info findings are not problems (a kept web link is listed as info) */
    for (guint i = 0; i < o->findings->len; i++) {
        const nohin_finding *f = o->findings->pdata[i];
        for (size_t k = 0; k < n_fixed && f->severity != NOHIN_SEV_INFO; k++)
            if (!strcmp(f->rule, fixed[k])) {
                ts_dump(o);
                fail_msg("%s still found in the output", fixed[k]);
            }
    }
    for (guint i = 0; i < o->findings->len; i++) {
        const nohin_finding *f = o->findings->pdata[i];
        if (f->severity == NOHIN_SEV_INFO || ts_count(in, f->rule) > 0) continue;
        ts_dump(o);
        fail_msg("new finding %s in the output: %s", f->rule, f->message);
    }
    nohin_report_free(in);
    nohin_report_free(o);
}

static inline void tc_dump_fixlist(const char *out)
{
    char *p = g_build_filename(out, "提出記録", "fixlist.txt", NULL), *t = NULL;
    if (g_file_get_contents(p, &t, NULL, NULL)) fprintf(stderr, "%s", t);
    g_free(t);
    g_free(p);
}

#endif
