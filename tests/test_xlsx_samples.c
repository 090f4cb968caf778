/* The readers on files written by LibreOffice and openpyxl (committed under
 * fixtures/samples/, see its README): the same rules fire at the same places
 * as on our own fixtures. openpyxl opens every workbook read here. */
#include <string.h>
#include "test_support.h"

static char *sample(const char *name)
{
    const char *src = g_getenv("NOHIN_SOURCE_DIR");
    return g_build_filename(src ? src : ".", "fixtures", "samples", name, NULL);
}

static void openpyxl_opens(const char *p)
{
    assert_int_equal(
        ts_sh(NULL,
              "/usr/bin/python3 -c 'import sys,openpyxl; openpyxl.load_workbook(sys.argv[1])' '%s'",
              p),
        0);
}

static void libreoffice_workbook(void **state)
{
    (void)state;
    char *p = sample("lo_book.xlsx");
    openpyxl_opens(p);
    nohin_report *r = ts_lint(p, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "XLSX-HIDDEN-ROW"), 1);
    ts_assert_loc(r, "XLSX-HIDDEN-ROW", 0, "Data! rows 3–4");
    assert_int_equal(ts_count(r, "XLSX-HIDDEN-COL"), 1);
    ts_assert_loc(r, "XLSX-HIDDEN-COL", 0, "Data! column B");
    assert_int_equal(ts_count(r, "XLSX-HIDDEN-SHEET"), 1);
    ts_assert_loc(r, "XLSX-HIDDEN-SHEET", 0, "sheet Memo");
    assert_int_equal(ts_count(r, "XLSX-COMMENT"), 1);
    ts_assert_loc(r, "XLSX-COMMENT", 0, "Data!A5");
    assert_non_null(strstr(nohin_report_first(r, "XLSX-COMMENT")->message, "佐***"));
    ts_assert_loc(r, "DATA-MERGED-CELLS", 0, "Data!A6:B6");
    ts_assert_loc(r, "DATA-FORMULAS", 0, "Data!C6");
    assert_int_equal(ts_count(r, "XLSX-METADATA-PERSON"), 2);
    assert_int_equal(ts_count(r, "XLSX-PROPERTIES"), 0);
    assert_int_equal(ts_count(r, "XLSX-INVISIBLE-CELL"), 0);
    assert_int_equal(ts_count(r, "DATA-BLANK-SEPARATORS"), 0);
    nohin_report_free(r);
    g_free(p);
}

static void openpyxl_workbook(void **state)
{
    (void)state;
    char *p = sample("openpyxl_book.xlsx");
    openpyxl_opens(p);
    nohin_report *r = ts_lint(p, NOHIN_ROLE_PUBLIC);
    ts_assert_loc(r, "XLSX-HIDDEN-ROW", 0, "Data! rows 3–4");
    assert_int_equal(ts_count(r, "XLSX-HIDDEN-ROW"), 1);
    ts_assert_loc(r, "XLSX-HIDDEN-COL", 0, "Data! column C");
    ts_assert_loc(r, "XLSX-VERYHIDDEN-SHEET", 0, "sheet Secret");
    assert_int_equal(ts_count(r, "XLSX-HIDDEN-NAME"), 1);
    ts_assert_loc(r, "XLSX-INVISIBLE-CELL", 0, "Data!A6");
    assert_int_equal(ts_count(r, "XLSX-INVISIBLE-CELL"), 1);
    ts_assert_loc(r, "XLSX-COMMENT", 0, "Data!B2");
    ts_assert_loc(r, "DATA-FORMULAS", 0, "Data!B7");
    assert_int_equal(ts_count(r, "XLSX-PROPERTIES"), 1);
    nohin_report_free(r);
    g_free(p);
}

static void libreoffice_csv(void **state)
{
    (void)state;
    char *p = sample("lo_book.csv");
    nohin_report *r = ts_lint(p, NOHIN_ROLE_PUBLIC);
    /* UTF-8, quoted text, a negative number: nothing to report. */
    if (r->findings->len) ts_dump(r);
    assert_int_equal(r->findings->len, 0);
    nohin_report_free(r);
    g_free(p);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(libreoffice_workbook),
        cmocka_unit_test(openpyxl_workbook),
        cmocka_unit_test(libreoffice_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
