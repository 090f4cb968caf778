/* CSV checks: encodings (UTF-8 with and without BOM, Shift_JIS, UTF-16 with
 * BOM, EUC-JP, mixed), structure (ragged records, broken quoting), formula
 * fields and the machine-readability warnings, each at its line and field.
 * Python's csv module and iconv (nobody here wrote them) confirm the files. */
#include <string.h>
#include "fx_pdf.h"
#include "readers/csv_reader.h"
#include "readers/text_source.h"
#include "test_support.h"

static const char clean_csv[] =
    "地域,人口,増減\n北区,1010,-5\n南区,1020,\"-1,234\"\n東区,1030,+3.5\n西区,1040,-\n";

typedef struct {
    char *dir, *path;
    nohin_report *r;
} sample;

static sample write_csv(const char *name, const void *data, size_t len, nohin_role role)
{
    sample s;
    s.dir = ts_tmpdir();
    s.path = ts_path(s.dir, name);
    assert_true(fx_write_bytes(s.path, data, len));
    s.r = ts_lint(s.path, role);
    return s;
}

static void done(sample *s)
{
    nohin_report_free(s->r);
    ts_rmtree(s->dir);
    g_free(s->dir);
    g_free(s->path);
}

static void assert_count(const nohin_report *r, const char *rule, size_t want)
{
    if (ts_count(r, rule) != want) {
        ts_dump(r);
        fail_msg("%zu × %s, want %zu", ts_count(r, rule), rule, want);
    }
}

/* Field counts per record as Python's csv module reads the file. */
static char *python_field_counts(const char *path, const char *encoding)
{
    char *out = NULL;
    int rc = ts_sh(&out,
                   "/usr/bin/python3 -c 'import csv,sys; print(\" \".join(str(len(r)) for r in "
                   "csv.reader(open(sys.argv[1], encoding=sys.argv[2], newline=\"\"))))' '%s' %s",
                   path, encoding);
    assert_int_equal(rc, 0);
    g_strstrip(out);
    return out;
}

static void clean_files_have_no_findings(void **state)
{
    (void)state;
    sample s = write_csv("表1.csv", clean_csv, sizeof clean_csv - 1, NOHIN_ROLE_PUBLIC);
    char *counts = python_field_counts(s.path, "utf-8");
    assert_string_equal(counts, "3 3 3 3 3");
    g_free(counts);
    assert_int_equal(s.r->findings->len, 0); /* negative numbers are not formulas */
    done(&s);
    char *bom = g_strconcat("\xEF\xBB\xBF", clean_csv, NULL);
    s = write_csv("bom.csv", bom, strlen(bom), NOHIN_ROLE_PUBLIC);
    assert_int_equal(s.r->findings->len, 0);
    nohin_csv *c = nohin_csv_of(s.r->files->pdata[0]);
    assert_true(c->bom);
    assert_true(c->has_header);
    assert_int_equal(c->fields, 3);
    assert_int_equal(c->delimiter, ',');
    done(&s);
    g_free(bom);
}

static void shift_jis_and_utf16_are_read(void **state)
{
    (void)state;
    gsize n = 0;
    char *sjis = g_convert(clean_csv, -1, "CP932", "UTF-8", NULL, &n, NULL);
    assert_non_null(sjis);
    sample s = write_csv("sjis.csv", sjis, n, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_sh(NULL, "iconv -f CP932 -t UTF-8 '%s' >/dev/null", s.path), 0);
    /* Readable, but public open data is UTF-8: one info with the clean option as fix. */
    assert_int_equal(s.r->findings->len, 1);
    assert_int_equal(nohin_report_first(s.r, "CSV-ENCODING")->severity, NOHIN_SEV_INFO);
    assert_non_null(strstr(nohin_report_first(s.r, "CSV-ENCODING")->fix, "--normalize-csv"));
    assert_string_equal(nohin_csv_of(s.r->files->pdata[0])->encoding, "CP932");
    done(&s);
    g_free(sjis);

    /* UTF-16LE with BOM: readable (info only); tab-separated. */
    char *tsv = g_strdup("地域\t人口\t増減\n北区\t1010\t-5\n南区\t1020\t\"-1,234\"\n");
    char *u16 = g_convert(tsv, -1, "UTF-16LE", "UTF-8", NULL, &n, NULL);
    GByteArray *b = g_byte_array_new();
    g_byte_array_append(b, (const guint8 *)"\xFF\xFE", 2);
    g_byte_array_append(b, (const guint8 *)u16, (guint)n);
    s = write_csv("u16.tsv", b->data, b->len, NOHIN_ROLE_PUBLIC);
    assert_count(s.r, "CSV-ENCODING", 1);
    assert_int_equal(nohin_report_first(s.r, "CSV-ENCODING")->severity, NOHIN_SEV_INFO);
    nohin_csv *c = nohin_csv_of(s.r->files->pdata[0]);
    assert_int_equal(c->delimiter, '\t');
    assert_int_equal(c->fields, 3);
    assert_int_equal(s.r->findings->len, 1);
    done(&s);
    g_byte_array_free(b, TRUE);
    g_free(u16);
    g_free(tsv);
}

static void wrong_and_mixed_encodings(void **state)
{
    (void)state;
    gsize n = 0;
    const char jp[] =
        "氏名,住所,備考\n山田,東京都千代田区霞が関,問い合わせ先\n佐藤,大阪府大阪市北区,"
        "資料を送付済み\n鈴木,北海道札幌市中央区,確認中です\n";
    char *euc = g_convert(jp, -1, "EUC-JP", "UTF-8", NULL, &n, NULL);
    sample s = write_csv("euc.csv", euc, n, NOHIN_ROLE_PUBLIC);
    assert_count(s.r, "CSV-ENCODING", 1);
    assert_non_null(strstr(nohin_report_first(s.r, "CSV-ENCODING")->message, "EUC-JP"));
    done(&s);
    g_free(euc);

    /* UTF-8 lines with one Shift_JIS line (3): mixed, found at its line. */
    char *sj = g_convert("東区,1030,確認\n", -1, "CP932", "UTF-8", NULL, &n, NULL);
    GString *mixed = g_string_new("地域,人口,備考\n北区,1010,済み\n");
    g_string_append_len(mixed, sj, (gssize)n);
    g_string_append(mixed, "西区,1040,未定\n");
    s = write_csv("mixed.csv", mixed->str, mixed->len, NOHIN_ROLE_PUBLIC);
    assert_count(s.r, "CSV-ENCODING", 1);
    ts_assert_loc(s.r, "CSV-ENCODING", 0, "line 3");
    assert_non_null(strstr(nohin_report_first(s.r, "CSV-ENCODING")->message, "mixes"));
    done(&s);
    g_string_free(mixed, TRUE);
    g_free(sj);
}

static void ragged_records_and_broken_quotes(void **state)
{
    (void)state;
    const char data[] = "a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n11,12,13\n14,15\n16,17\n18,19,20\n";
    sample s = write_csv("ragged.csv", data, sizeof data - 1, NOHIN_ROLE_INTERNAL);
    char *counts = python_field_counts(s.path, "utf-8");
    assert_string_equal(counts, "3 3 3 4 3 2 2 3");
    g_free(counts);
    assert_count(s.r, "CSV-STRUCTURE", 2);
    ts_assert_loc(s.r, "CSV-STRUCTURE", 0, "line 4");
    ts_assert_loc(s.r, "CSV-STRUCTURE", 1, "line 6");
    assert_string_equal(nohin_report_first(s.r, "CSV-STRUCTURE")->evidence, "fields=4 expected=3");
    done(&s);

    const char quotes[] = "a,b,c\n1,2,3\n4,\"5\"x,6\n7,8,9\n10,\"11,12\n";
    s = write_csv("quotes.csv", quotes, sizeof quotes - 1, NOHIN_ROLE_PUBLIC);
    assert_count(s.r, "CSV-STRUCTURE", 2);
    ts_assert_loc(s.r, "CSV-STRUCTURE", 0, "line 3");
    ts_assert_loc(s.r, "CSV-STRUCTURE", 1, "line 5"); /* never closed */
    done(&s);

    /* Near miss: quoted delimiters, doubled quotes and line breaks are fine. */
    const char good[] = "a,b,c\n\"1,5\",\"say \"\"hi\"\"\",\"two\nlines\"\n4,5,6\n";
    s = write_csv("good.csv", good, sizeof good - 1, NOHIN_ROLE_PUBLIC);
    counts = python_field_counts(s.path, "utf-8");
    assert_string_equal(counts, "3 3 3");
    g_free(counts);
    assert_int_equal(s.r->findings->len, 0);
    done(&s);
}

static void formula_fields(void **state)
{
    (void)state;
    const char data[] = "項目,値,式\n"
                        "a,-5,=1+2\n"         /* line 2 field 3 */
                        "@SUM(A1),+3.5,-\n"   /* line 3 field 1 */
                        "b,-2+3,\"-1,234\"\n" /* line 4 field 2 */
                        "c,\t=cmd,1E5\n";     /* line 5 field 2 (tab) */
    sample s = write_csv("f.csv", data, sizeof data - 1, NOHIN_ROLE_INTERNAL);
    assert_count(s.r, "CSV-FORMULA", 4);
    ts_assert_loc(s.r, "CSV-FORMULA", 0, "line 2, field 3");
    ts_assert_loc(s.r, "CSV-FORMULA", 1, "line 3, field 1");
    ts_assert_loc(s.r, "CSV-FORMULA", 2, "line 4, field 2");
    ts_assert_loc(s.r, "CSV-FORMULA", 3, "line 5, field 2");
    done(&s);
}

static void machine_readability(void **state)
{
    (void)state;
    const char data[] = "地域,人口\n"
                        "北区,10\n"
                        " 南区,20\n" /* line 3: leading space */
                        "①東区,30\n" /* line 4: machine-dependent */
                        "\n"         /* line 5: blank separator */
                        "西区,40\n"
                        "港区,50\n"
                        "\n"          /* line 8 */
                        "項目,名称\n" /* line 9: another table */
                        "x,y\n";
    sample s = write_csv("m.csv", data, sizeof data - 1, NOHIN_ROLE_PUBLIC);
    assert_count(s.r, "DATA-LAYOUT-SPACES", 1);
    ts_assert_loc(s.r, "DATA-LAYOUT-SPACES", 0, "line 3, field 1");
    assert_count(s.r, "DATA-MACHINE-DEPENDENT-CHARS", 1);
    ts_assert_loc(s.r, "DATA-MACHINE-DEPENDENT-CHARS", 0, "line 4, field 1");
    assert_count(s.r, "DATA-BLANK-SEPARATORS", 1);
    ts_assert_loc(s.r, "DATA-BLANK-SEPARATORS", 0, "line 5");
    assert_count(s.r, "DATA-MULTIPLE-TABLES", 1);
    ts_assert_loc(s.r, "DATA-MULTIPLE-TABLES", 0, "line 9");
    assert_count(s.r, "DATA-MISSING-HEADER", 0);
    done(&s);
    /* Internal files: machine-readability warnings are for published data. */
    s = write_csv("m.csv", data, sizeof data - 1, NOHIN_ROLE_INTERNAL);
    assert_int_equal(s.r->findings->len, 0);
    done(&s);

    const char nohead[] = "1,2,3\n4,5,6\n";
    s = write_csv("n.csv", nohead, sizeof nohead - 1, NOHIN_ROLE_PUBLIC);
    assert_count(s.r, "DATA-MISSING-HEADER", 1);
    ts_assert_loc(s.r, "DATA-MISSING-HEADER", 0, "line 1");
    done(&s);
    const char blankhead[] = "地域,,人口\n北区,a,10\n";
    s = write_csv("b.csv", blankhead, sizeof blankhead - 1, NOHIN_ROLE_PUBLIC);
    assert_count(s.r, "DATA-MISSING-HEADER", 1);
    ts_assert_loc(s.r, "DATA-MISSING-HEADER", 0, "line 1, field 2");
    done(&s);
}

typedef struct {
    int n;
    bool saw;
} walk;

static bool on_text(const nohin_text_piece *p, void *user)
{
    walk *w = user;
    if (p->kind != NOHIN_TEXT_BODY) return true;
    w->n++;
    char *where = nohin_location_format(p->loc);
    if (!strcmp(where, "line 3, field 2") && !strncmp(p->text, "1020", p->len)) w->saw = true;
    g_free(where);
    return true;
}

static void text_source_fields(void **state)
{
    (void)state;
    gsize n = 0;
    char *sjis = g_convert(clean_csv, -1, "CP932", "UTF-8", NULL, &n, NULL);
    sample s = write_csv("t.csv", sjis, n, NOHIN_ROLE_PUBLIC);
    walk w = {0, false};
    nohin_file_foreach_text(s.r->files->pdata[0], on_text, &w);
    assert_int_equal(w.n, 15);
    assert_true(w.saw);
    done(&s);
    g_free(sjis);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clean_files_have_no_findings),
        cmocka_unit_test(shift_jis_and_utf16_are_read),
        cmocka_unit_test(wrong_and_mixed_encodings),
        cmocka_unit_test(ragged_records_and_broken_quotes),
        cmocka_unit_test(formula_fields),
        cmocka_unit_test(machine_readability),
        cmocka_unit_test(text_source_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
