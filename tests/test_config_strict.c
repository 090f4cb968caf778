/* issue16 item 9: nohin.ini read strictly. A UTF-8 BOM is accepted; another
 * encoding is an error naming the file and the encoding; ` # comment` after a
 * value is not part of it; misspelt rule ids in disable= and [severity] are
 * CONFIG-KEY warnings; a missing file's error names its path. */
#include <glib/gstdio.h>
#include <string.h>
#include "test_support.h"

static char *write_ini(char *dir, const char *bytes, gssize len)
{
    char *p = ts_path(dir, "nohin.ini");
    assert_true(g_file_set_contents(p, bytes, len, NULL));
    return p;
}

static void bom_and_trailing_comment(void **state)
{
    (void)state;
    char *dir = ts_tmpdir();
    char *p = write_ini(dir,
                        "\xEF\xBB\xBF[bundle]\norganisation=株式会社テスト研究所  # our name\n"
                        "title=第#3回 調査\n[rules]\ndisable=DATA-FORMULAS; # noisy\n",
                        -1);
    GError *err = NULL;
    nohin_config *c = nohin_config_load(p, &err);
    assert_null(err);
    assert_non_null(c);
    assert_string_equal(c->organisation, "株式会社テスト研究所");
    assert_string_equal(c->title, "第#3回 調査"); /* '#' not after a space: kept */
    assert_true(nohin_config_rule_disabled(c, "DATA-FORMULAS"));
    assert_null(c->warnings[0]);
    nohin_config_free(c);
    g_free(p);
    ts_rmtree(dir);
    g_free(dir);
}

static void not_utf8_is_an_error(void **state)
{
    (void)state;
    char *dir = ts_tmpdir();
    const char *utf8 = "[bundle]\norganisation=株式会社日本産業総合研究所\n";
    gsize n = 0;
    char *sjis = g_convert(utf8, -1, "SHIFT_JIS", "UTF-8", NULL, &n, NULL);
    assert_non_null(sjis);
    char *p = write_ini(dir, sjis, (gssize)n);
    GError *err = NULL;
    nohin_config *c = nohin_config_load(p, &err);
    assert_null(c);
    assert_non_null(err);
    assert_non_null(strstr(err->message, p));
    assert_non_null(strstr(err->message, "SHIFT_JIS"));
    g_error_free(err);
    g_free(sjis);
    g_free(p);
    /* Near miss: the same text in UTF-8 loads. */
    p = write_ini(dir, utf8, -1);
    c = nohin_config_load(p, &err);
    assert_non_null(c);
    assert_string_equal(c->organisation, "株式会社日本産業総合研究所");
    nohin_config_free(c);
    g_free(p);
    ts_rmtree(dir);
    g_free(dir);
}

static void unknown_rule_ids_warn(void **state)
{
    (void)state;
    char *dir = ts_tmpdir();
    char *p = write_ini(dir,
                        "[rules]\ndisable=DATA-FORMULAS;DATA-FORMULA;\n"
                        "[severity]\nPII-PERSON-NAM=warning\nPII-EMAIL=info\n",
                        -1);
    nohin_config *c = nohin_config_load(p, NULL);
    assert_non_null(c);
    assert_int_equal(g_strv_length(c->warnings), 2);
    assert_non_null(strstr(c->warnings[0], "DATA-FORMULA"));
    assert_null(strstr(c->warnings[0], "DATA-FORMULAS"));
    assert_non_null(strstr(c->warnings[1], "PII-PERSON-NAM"));
    nohin_config_free(c);
    g_free(p);
    ts_rmtree(dir);
    g_free(dir);
}

static void missing_file_names_path(void **state)
{
    (void)state;
    GError *err = NULL;
    nohin_config *c = nohin_config_load("/nonexistent/dir/my-nohin.ini", &err);
    assert_null(c);
    assert_non_null(err);
    assert_non_null(strstr(err->message, "/nonexistent/dir/my-nohin.ini"));
    g_error_free(err);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bom_and_trailing_comment),
        cmocka_unit_test(not_utf8_is_an_error),
        cmocka_unit_test(unknown_rule_ids_warn),
        cmocka_unit_test(missing_file_names_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
