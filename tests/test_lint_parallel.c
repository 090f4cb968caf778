/* Files linted in parallel (nohin_options.threads): the same findings in the same
 * order as one after another, each file's reader state freed after its checks (only
 * the small summaries bundle checks need stay), and kept on request (keep_readers). */
#include <string.h>
#include "bundle/bundle_model.h"
#include "fx_bundle.h"
#include "test_support.h"

static nohin_report *lint(const char *dir, int threads, bool keep)
{
    nohin_options o;
    nohin_options_init(&o);
    o.quiet = true;
    o.threads = threads;
    o.keep_readers = keep;
    const char *paths[] = {dir};
    GError *err = NULL;
    nohin_report *r = nohin_lint(paths, 1, &o, &err);
    if (!r) fail_msg("lint %s: %s", dir, err ? err->message : "?");
    return r;
}

/* The sample bundle with a few findings of file checks and of bundle checks. */
static char *bundle(void)
{
    char *dir = ts_tmpdir();
    assert_true(fx_bundle_write(dir, NULL));
    char *junk = g_build_filename(dir, FX_BUNDLE_PUBLIC, ".DS_Store", NULL);
    assert_true(g_file_set_contents(junk, "x", 1, NULL));
    g_free(junk);
    char *csv = g_build_filename(dir, FX_BUNDLE_PUBLIC, FX_BUNDLE_DATA, "図9-9_名簿.csv", NULL);
    assert_true(g_file_set_contents(csv, "名前,電話\n山田太郎,03-1234-5678\n=1+2,x\n", -1, NULL));
    g_free(csv);
    return dir;
}

static void same_findings_any_threads(void **state)
{
    (void)state;
    char *dir = bundle();
    nohin_report *a = lint(dir, 1, false);
    assert_true(a->findings->len >= 3);
    bool file_level = false, bundle_level = false;
    for (guint i = 0; i < a->findings->len; i++) {
        const nohin_finding *f = a->findings->pdata[i];
        if (g_str_has_prefix(f->rule, "BUNDLE-"))
            bundle_level = true;
        else
            file_level = true;
    }
    assert_true(file_level && bundle_level);
    for (int threads = 2; threads <= 4; threads++) {
        nohin_report *b = lint(dir, threads, false);
        assert_int_equal(a->files->len, b->files->len);
        assert_int_equal(a->findings->len, b->findings->len);
        for (guint i = 0; i < a->findings->len; i++) {
            const nohin_finding *x = a->findings->pdata[i], *y = b->findings->pdata[i];
            assert_string_equal(x->rule, y->rule);
            assert_string_equal(x->file, y->file);
            assert_string_equal(x->message, y->message);
            assert_int_equal(nohin_finding_compare(x, y), 0);
        }
        for (guint i = 0; i < a->files->len; i++) {
            const nohin_file *x = a->files->pdata[i], *y = b->files->pdata[i];
            assert_string_equal(x->path, y->path);
            assert_string_equal(x->sha256, y->sha256);
            assert_int_equal(x->format, y->format);
        }
        nohin_report_free(b);
    }
    nohin_report_free(a);
    ts_rmtree(dir);
    g_free(dir);
}

static bool heavy_slot_set(const nohin_file *f)
{
    static const nohin_reader_slot heavy[] = {NOHIN_READER_PDF,  NOHIN_READER_QPDF,
                                              NOHIN_READER_XLSX, NOHIN_READER_CSV,
                                              NOHIN_READER_DOCX, NOHIN_READER_TEXT};
    for (size_t i = 0; i < G_N_ELEMENTS(heavy); i++)
        if (nohin_file_reader(f, heavy[i])) return true;
    return false;
}

static void readers_freed_after_checks(void **state)
{
    (void)state;
    char *dir = bundle();
    nohin_report *r = lint(dir, 2, false);
    guint pdfs = 0, captions = 0;
    for (guint i = 0; i < r->files->len; i++) {
        nohin_file *f = r->files->pdata[i];
        /* a report PDF may be opened again by a bundle check (its page count, title):
         * then only its poppler document is back, never the structure or texts */
        if (f->format == NOHIN_FMT_PDF) {
            pdfs++;
            assert_null(nohin_file_reader(f, NOHIN_READER_QPDF));
            assert_null(nohin_file_reader(f, NOHIN_READER_TEXT));
            if (f->role == NOHIN_ROLE_PUBLIC && nohin_file_reader(f, NOHIN_READER_CAPTIONS))
                captions++;
        } else if (nohin_bundle_form_of(f) == NOHIN_FORM_1) {
            assert_non_null(nohin_file_reader(f, NOHIN_READER_DOCX)); /* kept for the bundle */
        } else if (heavy_slot_set(f)) {
            fail_msg("%s: reader state kept after its checks", f->path);
        }
    }
    assert_true(pdfs >= 2);
    assert_int_equal(captions, 1); /* the public report's captions stay for the bundle */
    nohin_report_free(r);

    r = lint(dir, 2, true); /* kept on request */
    guint kept = 0;
    for (guint i = 0; i < r->files->len; i++)
        if (heavy_slot_set(r->files->pdata[i])) kept++;
    assert_true(kept >= 5);
    nohin_report_free(r);
    ts_rmtree(dir);
    g_free(dir);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_findings_any_threads),
        cmocka_unit_test(readers_freed_after_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
