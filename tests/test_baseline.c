/* Fingerprints and [waive] parsing (src/core/baseline.c). The end-to-end cases
 * (LibreOffice re-export, CLI, SARIF) are in tests/baseline.sh and sarif_schema.sh. */
#include <string.h>
#include "core/baseline.h"
#include "test_support.h"

static nohin_finding *mk(const char *rule, const char *file, nohin_location loc, const char *msg,
                         const char *ev)
{
    nohin_finding *f = g_new0(nohin_finding, 1);
    f->rule = g_strdup(rule);
    f->file = g_strdup(file);
    f->loc = loc;
    f->message = g_strdup(msg);
    f->evidence = g_strdup(ev);
    return f;
}

static bool same_fp(const nohin_finding *a, const nohin_finding *b)
{
    char *x = nohin_finding_fingerprint(a), *y = nohin_finding_fingerprint(b);
    bool same = !strcmp(x, y);
    assert_int_equal(strlen(x), 64);
    g_free(x);
    g_free(y);
    return same;
}

static void fingerprints(void **state)
{
    (void)state;
    nohin_finding *a = mk("PDF-METADATA-PERSON", "公表用/r.pdf", nohin_loc_object(31), "English",
                          "fields=Info/Author  value=山* **");
    /* a re-export renumbers objects and may pad differently; the message is translated */
    nohin_finding *b = mk("PDF-METADATA-PERSON", "公表用/r.pdf", nohin_loc_object(12), "日本語",
                          "fields=Info/Author value=山* **\n");
    assert_true(same_fp(a, b));
    /* near misses: another value, file, rule or page is another finding */
    nohin_finding *c = mk("PDF-METADATA-PERSON", "公表用/r.pdf", nohin_loc_object(31), "English",
                          "fields=Info/Author value=鈴* **");
    nohin_finding *d = mk("PDF-METADATA-PERSON", "公表用/s.pdf", nohin_loc_object(31), "English",
                          "fields=Info/Author value=山* **");
    nohin_finding *e = mk("PII-EMAIL", "r.pdf", nohin_loc_page(1), "", "y***@example.jp");
    nohin_finding *g = mk("PII-EMAIL", "r.pdf", nohin_loc_page(2), "", "y***@example.jp");
    nohin_finding *h = mk("PII-PHONE", "r.pdf", nohin_loc_page(1), "", "y***@example.jp");
    assert_false(same_fp(a, c));
    assert_false(same_fp(a, d));
    assert_false(same_fp(e, g));
    assert_false(same_fp(e, h));
    /* a box moves with the layout: the page is what counts */
    nohin_finding *k = mk("PII-EMAIL", "r.pdf", nohin_loc_page_box(1, (nohin_box){1, 2, 3, 4}), "",
                          "y***@example.jp");
    assert_true(same_fp(e, k));
    nohin_finding *all[] = {a, b, c, d, e, g, h, k};
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
        nohin_finding_free(all[i]);
}

static void location_keys(void **state)
{
    (void)state;
    struct {
        nohin_location l;
        const char *want;
    } cases[] = {
        {nohin_loc_page(3), "page 3"},
        {nohin_loc_cell("S", "B7"), "S!B7"},
        {nohin_loc_rows("S", 5, 9), "S!rows 5-9"},
        {nohin_loc_rows("S", 5, 0), "S!row 5"},
        {nohin_loc_columns("S", "C", NULL), "S!column C"},
        {nohin_loc_line(12, 3), "line 12, field 3"},
        {nohin_loc_sheet("S"), "sheet S"},
        {nohin_loc_none(), ""},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *k = nohin_location_key(&cases[i].l);
        assert_string_equal(k, cases[i].want);
        g_free(k);
        nohin_location_clear(&cases[i].l);
    }
}

static nohin_config *load(const char *dir, const char *text)
{
    char *p = ts_path(dir, "nohin.ini");
    assert_true(g_file_set_contents(p, text, -1, NULL));
    GError *err = NULL;
    nohin_config *c = nohin_config_load(p, &err);
    assert_non_null(c);
    g_free(p);
    return c;
}

static void waivers(void **state)
{
    (void)state;
    char *dir = ts_tmpdir();
    nohin_config *c = load(dir, "[waive a]\nrule=PII-*\nfile=公表用/*.pdf\nlocation=page 1\n"
                                "reason=公開済みの窓口\n"
                                "[waive b]\nrule=PDF-EXTERNAL-ACTION\n"
                                "[waive c]\nreason=no rule\n"
                                "[waive d]\nrule=X\nreason=r\ncolour=red\n");
    assert_non_null(c->waivers);
    assert_int_equal(c->waivers->len, 2); /* b (no reason) and c (no rule) are dropped */
    assert_int_equal(g_strv_length(c->warnings), 3);
    assert_non_null(strstr(c->warnings[0], "[waive b] reason"));
    assert_non_null(strstr(c->warnings[1], "[waive c] rule"));
    assert_non_null(strstr(c->warnings[2], "[waive d] colour"));
    GPtrArray *fs = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_finding_free);
    g_ptr_array_add(fs, mk("PII-EMAIL", "公表用/r.pdf", nohin_loc_page(1), "", "x"));
    g_ptr_array_add(fs, mk("PII-EMAIL", "公表用/r.pdf", nohin_loc_page(2), "", "x"));
    g_ptr_array_add(fs, mk("PII-EMAIL", "非公表/r.pdf", nohin_loc_page(1), "", "x"));
    g_ptr_array_add(fs, mk("PDF-EXTERNAL-ACTION", "公表用/r.pdf", nohin_loc_page(1), "", "x"));
    nohin_waivers_apply(fs, c);
    const nohin_finding *f0 = fs->pdata[0];
    assert_string_equal(f0->suppress_kind, "inSource");
    assert_string_equal(f0->suppress_reason, "公開済みの窓口");
    for (guint i = 1; i < fs->len; i++)
        assert_null(((nohin_finding *)fs->pdata[i])->suppress_kind);
    g_ptr_array_free(fs, TRUE);
    nohin_config_free(c);
    ts_rmtree(dir);
    g_free(dir);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fingerprints),
        cmocka_unit_test(location_keys),
        cmocka_unit_test(waivers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
