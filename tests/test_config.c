/* nohin.ini: unknown keys warn, disabled rules are silent, severities are
 * overridden, folder names are configurable, and `nohin init` never overwrites. */
#include <glib/gstdio.h>
#include <string.h>
#include "fx_bundle.h"
#include "test_support.h"

static char *bundle_with_ini(const char *ini)
{
    char *dir = ts_tmpdir();
    fx_bundle_opts o = {.no_nohin_ini = true};
    assert_true(fx_bundle_write(dir, &o));
    char *p = ts_path(dir, "nohin.ini");
    assert_true(g_file_set_contents(p, ini, -1, NULL));
    g_free(p);
    return dir;
}

static void unknown_key_warns(void **state)
{
    (void)state;
    char *dir = bundle_with_ini("[bundle]\norganisaton=株式会社日本産業総合研究所\n"
                                "[severity]\nBUNDLE-JUNK=fatal\n");
    nohin_report *r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "CONFIG-KEY"), 2);
    const nohin_finding *f = nohin_report_first(r, "CONFIG-KEY");
    assert_int_equal(f->severity, NOHIN_SEV_WARNING);
    assert_non_null(strstr(f->message, "organisaton"));
    nohin_report_free(r);
    ts_rmtree(dir);
    g_free(dir);
    /* Near miss: the sample's own nohin.ini is all known keys. */
    dir = ts_tmpdir();
    assert_true(fx_bundle_write(dir, NULL));
    r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "CONFIG-KEY"), 0);
    nohin_report_free(r);
    ts_rmtree(dir);
    g_free(dir);
}

static void disabled_rule_is_silent(void **state)
{
    (void)state;
    char *dir = bundle_with_ini("[rules]\ndisable=BUNDLE-JUNK;BUNDLE-FIGURE-DATA-MISSING;\n");
    char *junk = g_build_filename(dir, FX_BUNDLE_PUBLIC, "Thumbs.db", NULL);
    assert_true(g_file_set_contents(junk, "x", 1, NULL));
    nohin_report *r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-JUNK"), 0);
    assert_int_equal(ts_count(r, "BUNDLE-FIGURE-DATA-MISSING"), 0);
    assert_int_equal(r->findings->len, 0);
    nohin_report_free(r);
    /* The same bundle with another configuration: the rule speaks again. */
    nohin_options o;
    nohin_options_init(&o);
    o.quiet = true;
    nohin_config *cfg = nohin_config_new_default();
    const char *paths[] = {dir};
    r = nohin_lint_with_config(paths, 1, &o, cfg, NULL);
    assert_int_equal(ts_count(r, "BUNDLE-JUNK"), 1);
    nohin_report_free(r);
    nohin_config_free(cfg);
    g_free(junk);
    ts_rmtree(dir);
    g_free(dir);
}

static void severity_override(void **state)
{
    (void)state;
    char *dir = bundle_with_ini("[severity]\nBUNDLE-FIGURE-DATA-MISSING=warning\n");
    nohin_report *r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(nohin_report_first(r, "BUNDLE-FIGURE-DATA-MISSING")->severity,
                     NOHIN_SEV_WARNING);
    nohin_report_free(r);
    assert_int_equal(ts_sh(NULL, "'%s' lint -q '%s' >/dev/null", ts_nohin_bin(), dir), 0);
    assert_int_equal(
        ts_sh(NULL, "'%s' lint -q --fail-on warning '%s' >/dev/null", ts_nohin_bin(), dir), 1);
    ts_rmtree(dir);
    g_free(dir);
}

static void folder_names_from_config(void **state)
{
    (void)state;
    char *dir = bundle_with_ini("[bundle]\npublic_folders=公開\ninternal_folders=社内\n");
    /* With these names the spec's folder names mean nothing: nothing is in a package. */
    nohin_report *r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    for (guint i = 0; i < r->files->len; i++)
        assert_int_equal(((nohin_file *)r->files->pdata[i])->folder_role, 0);
    nohin_report_free(r);
    ts_rmtree(dir);
    g_free(dir);
}

static void init_refuses_to_overwrite(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), *p = ts_path(dir, "nohin.ini");
    assert_int_equal(ts_sh(NULL, "'%s' init '%s' >/dev/null", ts_nohin_bin(), dir), 0);
    char *first = NULL;
    assert_true(g_file_get_contents(p, &first, NULL, NULL));
    /* The template loads cleanly: every key in it is known. */
    GError *err = NULL;
    nohin_config *cfg = nohin_config_load(p, &err);
    assert_non_null(cfg);
    assert_null(cfg->warnings[0]);
    nohin_config_free(cfg);
    assert_true(g_file_set_contents(p, "[bundle]\ntitle=mine\n", -1, NULL));
    assert_int_equal(ts_sh(NULL, "'%s' init '%s' 2>/dev/null", ts_nohin_bin(), dir), 2);
    char *second = NULL;
    assert_true(g_file_get_contents(p, &second, NULL, NULL));
    assert_string_equal(second, "[bundle]\ntitle=mine\n");
    g_free(first);
    g_free(second);
    g_free(p);
    ts_rmtree(dir);
    g_free(dir);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unknown_key_warns),         cmocka_unit_test(disabled_rule_is_silent),
        cmocka_unit_test(severity_override),         cmocka_unit_test(folder_names_from_config),
        cmocka_unit_test(init_refuses_to_overwrite),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
