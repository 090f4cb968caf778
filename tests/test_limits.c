/* LIMIT-BYTES, LIMIT-PAGES, LIMIT-CHARS: errors over the limit, warnings from 90 %,
 * nothing below, and split proposals that prefer chapter starts. */
#include <string.h>
#include "fx_pdf.h"
#include "readers/pdf_reader.h"
#include "test_support.h"

static char *dir;

static int setup(void **state)
{
    (void)state;
    dir = ts_tmpdir();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ts_rmtree(dir);
    g_free(dir);
    return 0;
}

static const nohin_finding *only(const nohin_report *r, const char *rule)
{
    assert_int_equal(ts_count(r, rule), 1);
    return nohin_report_first(r, rule);
}

static void bytes_limit(void **state)
{
    (void)state;
    char *over = ts_path(dir, "over.pdf"), *near = ts_path(dir, "near.pdf"),
         *fine = ts_path(dir, "fine.pdf");
    assert_true(fx_pdf_padded(over, 129000000ull));
    assert_true(fx_pdf_padded(near, 120000000ull));
    assert_true(fx_pdf_padded(fine, 100000000ull));
    assert_int_equal(ts_sh(NULL, "qpdf --check '%s' >/dev/null", over), 0);
    nohin_report *r = ts_lint(over, NOHIN_ROLE_PUBLIC);
    assert_int_equal(only(r, "LIMIT-BYTES")->severity, NOHIN_SEV_ERROR);
    assert_non_null(strstr(only(r, "LIMIT-BYTES")->evidence, "1–1"));
    nohin_report_free(r);
    r = ts_lint(near, NOHIN_ROLE_PUBLIC);
    assert_int_equal(only(r, "LIMIT-BYTES")->severity, NOHIN_SEV_WARNING);
    nohin_report_free(r);
    r = ts_lint(fine, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "LIMIT-BYTES"), 0);
    /* The only finding: the padded fixture has no title (PDF-PROPERTIES). */
    assert_int_equal(ts_count(r, "PDF-PROPERTIES"), 1);
    assert_int_equal(r->findings->len, 1);
    nohin_report_free(r);
    g_free(over);
    g_free(near);
    g_free(fine);
}

static void pages_limit_and_chapter_splits(void **state)
{
    (void)state;
    char *p = ts_path(dir, "long.pdf");
    assert_true(fx_pdf_report(p, 2500, 30, 300)); /* chapters at pages 1, 301, 601, … */
    char *out = NULL;
    assert_int_equal(ts_sh(&out, "pdfinfo '%s' | awk '/^Pages:/{print $2}'", p), 0);
    assert_int_equal(atoi(out), 2500);
    g_free(out);
    nohin_report *r = ts_lint(p, NOHIN_ROLE_PUBLIC);
    const nohin_finding *f = only(r, "LIMIT-PAGES");
    assert_int_equal(f->severity, NOHIN_SEV_ERROR);
    /* Parts end before the last chapter start that keeps them under 89 % of the
     * limit (890 pages: below the 90 % warning, src/split/split_plan.h). */
    assert_string_equal(f->evidence,
                        "suggested parts (pages): 1–600, 601–1200, 1201–1800, 1801–2500");
    assert_int_equal(ts_count(r, "LIMIT-CHARS"), 0);
    nohin_report_free(r);
    g_free(p);
}

static void pages_warning_from_90_percent(void **state)
{
    (void)state;
    char *warn = ts_path(dir, "901.pdf"), *fine = ts_path(dir, "899.pdf");
    assert_true(fx_pdf_report(warn, 901, 10, 0));
    assert_true(fx_pdf_report(fine, 899, 10, 0));
    nohin_report *r = ts_lint(warn, NOHIN_ROLE_PUBLIC);
    const nohin_finding *f = only(r, "LIMIT-PAGES");
    assert_int_equal(f->severity, NOHIN_SEV_WARNING);
    assert_null(f->evidence); /* no split needed yet */
    nohin_report_free(r);
    r = ts_lint(fine, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "LIMIT-PAGES"), 0);
    nohin_report_free(r);
    g_free(warn);
    g_free(fine);
}

static void chars_limit(void **state)
{
    (void)state;
    char *over = ts_path(dir, "dense.pdf"), *fine = ts_path(dir, "dense-ok.pdf");
    assert_true(fx_pdf_dense(over, 150, 27000)); /* 4,050,000 characters */
    assert_true(fx_pdf_dense(fine, 120, 27000)); /* 3,240,000: 81 %, below the warning */
    char *out = NULL;
    /* pdftotext agrees on the count (letters only, without its line breaks). */
    assert_int_equal(ts_sh(&out, "pdftotext '%s' - | tr -cd 'a-z' | wc -c", over), 0);
    assert_int_equal(atol(out), 4050000);
    g_free(out);
    nohin_report *r = ts_lint(over, NOHIN_ROLE_PUBLIC);
    const nohin_finding *f = only(r, "LIMIT-CHARS");
    assert_int_equal(f->severity, NOHIN_SEV_ERROR);
    assert_non_null(strstr(f->message, "code points"));
    assert_non_null(strstr(f->evidence, "1–"));
    nohin_report_free(r);
    r = ts_lint(fine, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "LIMIT-CHARS"), 0);
    nohin_report_free(r);
    g_free(over);
    g_free(fine);
}

static void utf16_units_count_surrogates(void **state)
{
    (void)state;
    guint64 u = 0, c = 0;
    nohin_utf8_count("a漢\xF0\xA0\xAE\xB7 ", &u, &c); /* a, 漢, 𠮷 (U+20BB7), space */
    assert_int_equal(c, 4);
    assert_int_equal(u, 5);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf16_units_count_surrogates),
        cmocka_unit_test(bytes_limit),
        cmocka_unit_test(pages_warning_from_90_percent),
        cmocka_unit_test(pages_limit_and_chapter_splits),
        cmocka_unit_test(chars_limit),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
