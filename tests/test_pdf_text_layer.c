/* PDF-TEXT-LAYER, PDF-TEXT-GARBLED, PDF-MALFORMED, PDF-ENCRYPTED on generated PDFs. */
#include "fx_pdf.h"
#include "test_support.h"

static const char *para = "第1章 調査の概要\n本調査は産業構造の変化を把握することを目的とする。";

static void image_page_in_text_pdf(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), *p = ts_path(dir, "report.pdf");
    fx_page pages[] = {{FX_PAGE_TEXT, para, NULL},
                       {FX_PAGE_TEXT, para, NULL},
                       {FX_PAGE_IMAGE, NULL, NULL},
                       {FX_PAGE_TEXT, para, NULL}};
    assert_true(fx_pdf_write(p, pages, 4, NULL));
    /* pdftotext (not ours) agrees: page 3 has no text, page 1 has. */
    char *out = NULL;
    assert_int_equal(ts_sh(&out, "pdftotext -f 3 -l 3 '%s' - | tr -d ' \\n\\f' | wc -c", p), 0);
    assert_int_equal(atoi(out), 0);
    g_free(out);
    nohin_report *r = ts_lint(p, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-TEXT-LAYER"), 1);
    assert_int_equal(ts_page(r, "PDF-TEXT-LAYER", 0), 3);
    assert_int_equal(ts_count(r, "PDF-TEXT-GARBLED"), 0);
    nohin_report_free(r);
    ts_rmtree(dir);
    g_free(p);
    g_free(dir);
}

static void consecutive_scans_are_one_finding(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), *p = ts_path(dir, "scan.pdf");
    fx_page pages[] = {{FX_PAGE_TEXT, para, NULL},  {FX_PAGE_IMAGE, NULL, NULL},
                       {FX_PAGE_IMAGE, NULL, NULL}, {FX_PAGE_IMAGE, NULL, NULL},
                       {FX_PAGE_TEXT, para, NULL},  {FX_PAGE_BLANK, NULL, NULL}};
    assert_true(fx_pdf_write(p, pages, 6, NULL));
    nohin_report *r = ts_lint(p, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-TEXT-LAYER"), 2);
    assert_int_equal(ts_page(r, "PDF-TEXT-LAYER", 0), 2);
    assert_int_equal(ts_page(r, "PDF-TEXT-LAYER", 1), 6);
    const nohin_finding *f = nohin_report_first(r, "PDF-TEXT-LAYER");
    assert_string_equal(f->evidence, "pages=2-4");
    nohin_report_free(r);
    ts_rmtree(dir);
    g_free(p);
    g_free(dir);
}

/* Near miss: OCR output (invisible text over a scan) is a valid text layer. */
static void ocr_page_is_fine(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), *p = ts_path(dir, "ocr.pdf");
    fx_page pages[] = {{FX_PAGE_TEXT, para, NULL}, {FX_PAGE_OCR, para, NULL}};
    assert_true(fx_pdf_write(p, pages, 2, NULL));
    char *out = NULL;
    assert_int_equal(ts_sh(&out, "pdftotext -f 2 -l 2 '%s' - | tr -d ' \\n\\f' | wc -c", p), 0);
    assert_true(atoi(out) > 10); /* pdftotext sees the OCR text too */
    g_free(out);
    nohin_report *r = ts_lint(p, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-TEXT-LAYER"), 0);
    assert_int_equal(ts_count(r, "PDF-TEXT-GARBLED"), 0);
    nohin_report_free(r);
    ts_rmtree(dir);
    g_free(p);
    g_free(dir);
}

static void garbled_font_is_reported(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), *p = ts_path(dir, "garbled.pdf");
    assert_true(fx_pdf_garbled(p));
    assert_int_equal(ts_sh(NULL, "qpdf --check '%s' >/dev/null", p), 0);
    nohin_report *r = ts_lint(p, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-TEXT-GARBLED"), 1);
    assert_int_equal(ts_page(r, "PDF-TEXT-GARBLED", 0), 1);
    assert_int_equal(ts_count(r, "PDF-TEXT-LAYER"), 0);
    nohin_report_free(r);
    ts_rmtree(dir);
    g_free(p);
    g_free(dir);
}

static void malformed_pdf_is_a_finding(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), *p = ts_path(dir, "broken.pdf");
    const char junk[] = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nthis is not a pdf\n";
    assert_true(fx_write_bytes(p, junk, sizeof junk - 1));
    nohin_report *r = ts_lint(p, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-MALFORMED"), 1);
    assert_int_equal(((nohin_file *)r->files->pdata[0])->status, NOHIN_STATUS_UNREADABLE);
    nohin_report_free(r);
    ts_rmtree(dir);
    g_free(p);
    g_free(dir);
}

static void encrypted_pdf(void **state)
{
    (void)state;
    if (!ts_have("qpdf")) skip();
    char *dir = ts_tmpdir(), *p = ts_path(dir, "plain.pdf"), *u = ts_path(dir, "user.pdf"),
         *o = ts_path(dir, "nocopy.pdf"), *ok = ts_path(dir, "open.pdf");
    fx_page pages[] = {{FX_PAGE_TEXT, para, NULL}};
    assert_true(fx_pdf_write(p, pages, 1, NULL));
    assert_int_equal(ts_sh(NULL, "qpdf --encrypt secret owner 256 -- '%s' '%s'", p, u), 0);
    assert_int_equal(ts_sh(NULL, "qpdf --encrypt '' owner 256 --extract=n -- '%s' '%s'", p, o), 0);
    assert_int_equal(ts_sh(NULL, "qpdf --encrypt '' owner 256 -- '%s' '%s'", p, ok), 0);
    nohin_report *r = ts_lint(u, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-ENCRYPTED"), 1);
    assert_int_equal(ts_count(r, "PDF-MALFORMED"), 0);
    nohin_report_free(r);
    r = ts_lint(o, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-ENCRYPTED"), 1);
    nohin_report_free(r);
    r = ts_lint(ok, NOHIN_ROLE_PUBLIC); /* near miss: encrypted, but copying allowed */
    assert_int_equal(ts_count(r, "PDF-ENCRYPTED"), 0);
    nohin_report_free(r);
    ts_rmtree(dir);
    g_free(p);
    g_free(u);
    g_free(o);
    g_free(ok);
    g_free(dir);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(image_page_in_text_pdf),
        cmocka_unit_test(consecutive_scans_are_one_finding),
        cmocka_unit_test(ocr_page_is_fine),
        cmocka_unit_test(garbled_font_is_reported),
        cmocka_unit_test(malformed_pdf_is_a_finding),
        cmocka_unit_test(encrypted_pdf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
