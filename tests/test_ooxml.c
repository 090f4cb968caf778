/* The OOXML model's small rules: the one cell-reference parser, the one
 * visibility rule (ht="0" hides with or without customHeight), and the main
 * part found through _rels/.rels in a package written by Python's zipfile. */
#include <string.h>
#include "ooxml/ooxml.h"
#include "test_support.h"

static void cell_refs(void **state)
{
    (void)state;
    int c = -1, r = -1;
    assert_int_equal(nohin_ooxml_parse_cell("AB12", &c, &r), 4);
    assert_int_equal(c, 28);
    assert_int_equal(r, 12);
    assert_int_equal(nohin_ooxml_parse_cell("$XFD$1048576:", &c, &r), 12);
    assert_int_equal(c, 16384);
    assert_int_equal(nohin_ooxml_parse_cell("B", &c, &r), 1);
    assert_int_equal(r, 0);
    assert_int_equal(nohin_ooxml_parse_cell("$7", &c, &r), 2);
    assert_int_equal(c, 0);
    assert_int_equal(r, 7);
    assert_int_equal(nohin_ooxml_parse_cell("XFE1", &c, &r), 0); /* past Excel's last column */
    assert_int_equal(nohin_ooxml_parse_cell("A1048577", &c, &r), 0);
    assert_int_equal(nohin_ooxml_parse_cell("A$", &c, &r), 0);
    assert_int_equal(nohin_ooxml_parse_cell("#REF!", &c, &r), 0);
    assert_true(nohin_ooxml_parse_ref("b7", &r, &c));
    assert_int_equal(c, 2);
    assert_false(nohin_ooxml_parse_ref("B7:C9", &r, &c));
    assert_false(nohin_ooxml_parse_ref("A0", &r, &c));
    assert_false(nohin_ooxml_parse_ref("ABCD1", &r, &c));
    char name[8];
    nohin_ooxml_col_name(28, name);
    assert_string_equal(name, "AB");
    nohin_ooxml_col_name(16384, name);
    assert_string_equal(name, "XFD");
}

static void visibility(void **state)
{
    (void)state;
    assert_int_equal(nohin_ooxml_row_hidden(NULL, "0", NULL), NOHIN_OOXML_HIDE_ZERO);
    assert_int_equal(nohin_ooxml_row_hidden(NULL, "0.0", NULL), NOHIN_OOXML_HIDE_ZERO);
    assert_int_equal(nohin_ooxml_row_hidden(NULL, "3", NULL), 0); /* low, still shown */
    assert_int_equal(nohin_ooxml_row_hidden(NULL, NULL, NULL), 0);
    assert_int_equal(nohin_ooxml_row_hidden("1", "15", "1"),
                     NOHIN_OOXML_HIDE_FLAG | NOHIN_OOXML_HIDE_OUTLINE);
    assert_int_equal(nohin_ooxml_row_hidden("0", "15", "1"), 0);
    assert_int_equal(nohin_ooxml_col_hidden(NULL, "0", NULL), NOHIN_OOXML_HIDE_ZERO);
    assert_int_equal(nohin_ooxml_col_hidden(NULL, "0.5", NULL), 0);
    assert_int_equal(nohin_ooxml_col_hidden("true", NULL, NULL), NOHIN_OOXML_HIDE_FLAG);
    assert_int_equal(nohin_ooxml_sheet_state("veryHidden"), 2);
    assert_int_equal(nohin_ooxml_sheet_state("hidden"), 1);
    assert_int_equal(nohin_ooxml_sheet_state(NULL), 0);
}

/* A package written by Python's zipfile: main part at a non-standard name,
 * stored before the relationships, a DTD in one part. */
static void main_part(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("ooxml-XXXXXX", NULL);
    char *p = g_build_filename(dir, "w.xlsx", NULL);
    int rc = ts_sh(
        NULL,
        "/usr/bin/python3 - '%s' <<'PY'\n"
        "import sys, zipfile\n"
        "with zipfile.ZipFile(sys.argv[1], 'w') as z:\n"
        "    z.writestr('data/Book.xml', '<workbook "
        "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>')\n"
        "    z.writestr('other.xml', '<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e SYSTEM "
        "\"file:///etc/passwd\">]><a>&e;</a>')\n"
        "    z.writestr('[Content_Types].xml', '<Types "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override "
        "PartName=\"/data/Book.xml\" "
        "ContentType=\"application/"
        "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/"
        "></Types>')\n"
        "    z.writestr('_rels/.rels', '<Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
        "Id=\"rId1\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        "officeDocument\" Target=\"data/Book.xml\"/></Relationships>')\n"
        "PY",
        p);
    if (rc != 0) skip();
    nohin_zip *z = nohin_zip_open(p, NULL);
    assert_non_null(z);
    nohin_ooxml_kind kind;
    char *main = nohin_ooxml_main_part(z, &kind);
    assert_string_equal(main, "data/Book.xml");
    assert_int_equal(kind, NOHIN_OOXML_WORKBOOK);
    char *dtd = nohin_ooxml_dtd_part(z);
    assert_string_equal(dtd, "other.xml");
    GPtrArray *rels = nohin_ooxml_read_rels(z, "", NULL);
    assert_int_equal(rels->len, 1);
    assert_non_null(nohin_ooxml_rel_by_id(rels, "rId1"));
    g_ptr_array_free(rels, TRUE);
    g_free(main);
    g_free(dtd);
    nohin_zip_close(z);
    ts_sh(NULL, "rm -rf '%s'", dir);
    g_free(p);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(cell_refs), cmocka_unit_test(visibility),
                                       cmocka_unit_test(main_part)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
