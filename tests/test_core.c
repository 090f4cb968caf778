/* Core pieces: masking, roles, locations, atomic writes. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include "test_support.h"

static void mask_hides_the_middle(void **state)
{
    (void)state;
    char *m = nohin_mask("山田太郎");
    assert_string_equal(m, "山***");
    g_free(m);
    m = nohin_mask("taro.yamada");
    assert_string_equal(m, "t*********a");
    g_free(m);
    m = nohin_mask("090-1234-5678");
    assert_string_equal(m, "0**-****-***8");
    g_free(m);
}

static void roles_follow_folder_names(void **state)
{
    (void)state;
    nohin_config *c = nohin_config_new_default();
    assert_int_equal(
        nohin_role_for("bundle", "調査報告書等一式（公表用）/a.pdf", c, NOHIN_ROLE_INTERNAL),
        NOHIN_ROLE_PUBLIC);
    assert_int_equal(nohin_role_for("bundle", "非公表用/a.pdf", c, NOHIN_ROLE_PUBLIC),
                     NOHIN_ROLE_INTERNAL);
    assert_int_equal(nohin_role_for("公表用", "data/a.csv", c, NOHIN_ROLE_INTERNAL),
                     NOHIN_ROLE_PUBLIC);
    assert_int_equal(nohin_role_for("x", "Public/a.csv", c, NOHIN_ROLE_INTERNAL),
                     NOHIN_ROLE_PUBLIC);
    /* A file named like the folder is not a folder. */
    assert_int_equal(nohin_role_for("x", "公表用.pdf", c, NOHIN_ROLE_INTERNAL),
                     NOHIN_ROLE_INTERNAL);
    assert_int_equal(nohin_role_for("x", "a.pdf", c, NOHIN_ROLE_PUBLIC), NOHIN_ROLE_PUBLIC);
    nohin_config_free(c);
}

static void atomic_write_never_overwrites(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), *p = ts_path(dir, "out.txt");
    GError *err = NULL;
    assert_true(nohin_write_file_atomic(p, "one", 3, false, &err));
    assert_false(nohin_write_file_atomic(p, "two", 3, false, &err));
    assert_true(g_error_matches(err, G_IO_ERROR, G_IO_ERROR_EXISTS));
    g_clear_error(&err);
    char *got = NULL;
    assert_true(g_file_get_contents(p, &got, NULL, NULL));
    assert_string_equal(got, "one");
    g_free(got);
    assert_true(nohin_write_file_atomic(p, "two", 3, true, &err));
    assert_true(g_file_get_contents(p, &got, NULL, NULL));
    assert_string_equal(got, "two");
    g_free(got);
    /* No temporary files are left behind. */
    GDir *d = g_dir_open(dir, 0, NULL);
    int n = 0;
    while (g_dir_read_name(d))
        n++;
    g_dir_close(d);
    assert_int_equal(n, 1);
    ts_rmtree(dir);
    g_free(p);
    g_free(dir);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mask_hides_the_middle),
        cmocka_unit_test(roles_follow_folder_names),
        cmocka_unit_test(atomic_write_never_overwrites),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
