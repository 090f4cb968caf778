/* Bundle checks on the sample bundle and on variants that break one rule each. */
#include <glib/gstdio.h>
#include <string.h>
#include <zip.h>
#include "bundle/bundle_model.h"
#include "fx_bundle.h"
#include "fx_docx.h"
#include "fx_pdf.h"
#include "test_support.h"

#define PUB FX_BUNDLE_PUBLIC
#define INT FX_BUNDLE_INTERNAL
#define DATA FX_BUNDLE_DATA
#define PDF_NAME FX_BUNDLE_REPORT ".pdf"

static char *sample(const fx_bundle_opts *o)
{
    char *dir = ts_tmpdir();
    assert_true(fx_bundle_write(dir, o));
    return dir;
}

/* dir/rel as a new string. */
static char *at(const char *dir, const char *rel)
{
    return g_build_filename(dir, rel, NULL);
}

static void mv(const char *dir, const char *from, const char *to)
{
    char *a = at(dir, from), *b = at(dir, to);
    char *parent = g_path_get_dirname(b);
    g_mkdir_with_parents(parent, 0755);
    assert_int_equal(g_rename(a, b), 0);
    g_free(parent);
    g_free(a);
    g_free(b);
}

static void rm(const char *dir, const char *rel)
{
    char *a = at(dir, rel);
    ts_rmtree(a);
    g_free(a);
}

static void put(const char *dir, const char *rel, const char *content)
{
    char *a = at(dir, rel);
    char *parent = g_path_get_dirname(a);
    g_mkdir_with_parents(parent, 0755);
    assert_true(g_file_set_contents(a, content, -1, NULL));
    g_free(parent);
    g_free(a);
}

static void cp(const char *dir, const char *from, const char *to)
{
    char *a = at(dir, from), *data = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(a, &data, &len, NULL));
    char *b = at(dir, to);
    assert_true(g_file_set_contents(b, data, (gssize)len, NULL));
    g_free(a);
    g_free(b);
    g_free(data);
}

static size_t count_sev(const nohin_report *r, nohin_severity s)
{
    return nohin_report_count_severity(r, s);
}

static void done(nohin_report *r, char *dir)
{
    nohin_report_free(r);
    ts_rmtree(dir);
    g_free(dir);
}

static void clean_sample_passes(void **state)
{
    (void)state;
    char *dir = sample(NULL);
    nohin_report *r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    if (count_sev(r, NOHIN_SEV_ERROR) || count_sev(r, NOHIN_SEV_WARNING)) ts_dump(r);
    assert_int_equal(count_sev(r, NOHIN_SEV_ERROR), 0);
    assert_int_equal(count_sev(r, NOHIN_SEV_WARNING), 0);
    /* The one info: 写真2-1 (a photo) has no data file, which is right for a photo. */
    assert_int_equal(count_sev(r, NOHIN_SEV_INFO), 1);
    assert_int_equal(ts_count(r, "BUNDLE-FIGURE-DATA-MISSING"), 1);
    assert_int_equal(ts_page(r, "BUNDLE-FIGURE-DATA-MISSING", 0), 5);
    assert_string_equal(ts_must(r, "BUNDLE-FIGURE-DATA-MISSING", 0)->file, PUB "/" PDF_NAME);
    assert_string_equal(ts_must(r, "BUNDLE-FIGURE-DATA-MISSING", 0)->evidence,
                        "写真2-1_調査対象工場の外観");
    /* Roles come from the spec's folder names. */
    for (guint i = 0; i < r->files->len; i++) {
        const nohin_file *f = r->files->pdata[i];
        if (g_str_has_prefix(f->path, PUB "/")) assert_int_equal(f->folder_role, NOHIN_ROLE_PUBLIC);
        if (g_str_has_prefix(f->path, INT "/"))
            assert_int_equal(f->folder_role, NOHIN_ROLE_INTERNAL);
    }
    /* The CLI agrees: exit code 0. */
    assert_int_equal(ts_sh(NULL, "'%s' lint -q '%s' >/dev/null", ts_nohin_bin(), dir), 0);
    done(r, dir);
}

static void figure_name_number_and_title(void **state)
{
    (void)state;
    char *dir = sample(NULL);
    mv(dir, PUB "/" DATA "/図2-2_設備投資額の推移.xlsx",
       PUB "/" DATA "/図2-9_設備投資額の推移.xlsx");
    mv(dir, PUB "/" DATA "/図2-1_地域別出荷額の推移.xlsx", PUB "/" DATA "/図2-1_地域別売上高.xlsx");
    nohin_report *r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-FIGURE-NAME"), 2);
    const nohin_finding *e = NULL, *w = NULL;
    for (size_t i = 0; i < 2; i++) {
        const nohin_finding *f = ts_must(r, "BUNDLE-FIGURE-NAME", i);
        if (f->severity == NOHIN_SEV_ERROR) e = f;
        if (f->severity == NOHIN_SEV_WARNING) w = f;
    }
    assert_non_null(e);
    assert_non_null(w);
    assert_string_equal(e->file, PUB "/" DATA "/図2-9_設備投資額の推移.xlsx");
    assert_string_equal(w->file, PUB "/" DATA "/図2-1_地域別売上高.xlsx");
    /* The warning shows both titles and the canonical name. */
    assert_non_null(strstr(w->message, "地域別売上高"));
    assert_non_null(strstr(w->message, "地域別出荷額の推移"));
    assert_string_equal(w->evidence, "図2-1_地域別出荷額の推移");
    /* `clean` can rename to the caption's title, not guess a missing figure. */
    assert_true(w->fixable);
    assert_false(e->fixable);
    /* 図2-2 lost its data file. */
    assert_int_equal(ts_count(r, "BUNDLE-FIGURE-DATA-MISSING"), 2);
    done(r, dir);
}

static void figure_name_near_misses(void **state)
{
    (void)state;
    char *dir = sample(NULL);
    /* Full-width digits, a full-width dash and an ideographic space are the same name;
     * a bare number without a title is enough. */
    mv(dir, PUB "/" DATA "/図2-1_地域別出荷額の推移.xlsx",
       PUB "/" DATA "/図２－１　地域別出荷額の推移.xlsx");
    mv(dir, PUB "/" DATA "/表2-1_業種別事業所数.csv", PUB "/" DATA "/表2.1.csv");
    nohin_report *r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-FIGURE-NAME"), 0);
    assert_int_equal(ts_count(r, "BUNDLE-FIGURE-DATA-MISSING"), 1);
    nohin_report_free(r);
    /* A name with no number at all is an error. */
    mv(dir, PUB "/" DATA "/表2.1.csv", PUB "/" DATA "/集計表.csv");
    r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-FIGURE-NAME"), 1);
    assert_string_equal(ts_must(r, "BUNDLE-FIGURE-NAME", 0)->file, PUB "/" DATA "/集計表.csv");
    done(r, dir);
}

static void third_party_data(void **state)
{
    (void)state;
    fx_bundle_opts o = {.form3_entry = true, .merge_form3 = true};
    char *dir = sample(&o);
    nohin_report *r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-THIRD-PARTY"), 1);
    const nohin_finding *f = ts_must(r, "BUNDLE-THIRD-PARTY", 0);
    assert_string_equal(f->file, PUB "/" DATA "/図2-2_設備投資額の推移.xlsx");
    assert_non_null(strstr(f->message, "row 3"));
    assert_int_equal(ts_count(r, "BUNDLE-PUBLIC-PDF"), 0); /* 様式3 is merged */
    nohin_report_free(r);
    /* Near miss: without the public data file all is well, and 図2-2 is not "missing". */
    rm(dir, PUB "/" DATA "/図2-2_設備投資額の推移.xlsx");
    r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-THIRD-PARTY"), 0);
    assert_int_equal(ts_count(r, "BUNDLE-FIGURE-DATA-MISSING"), 1);
    assert_int_equal(count_sev(r, NOHIN_SEV_ERROR), 0);
    done(r, dir);
}

static void public_pdf(void **state)
{
    (void)state;
    /* 様式3 has an entry but the public PDF does not contain it. */
    fx_bundle_opts o = {.form3_entry = true, .merge_form3 = false};
    char *dir = sample(&o);
    rm(dir, PUB "/" DATA "/図2-2_設備投資額の推移.xlsx");
    nohin_report *r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-PUBLIC-PDF"), 1);
    assert_string_equal(ts_must(r, "BUNDLE-PUBLIC-PDF", 0)->file, PUB "/" PDF_NAME);
    nohin_report_free(r);
    /* Two public PDFs: a warning, and 様式2 no longer matches. */
    cp(dir, PUB "/" PDF_NAME, PUB "/概要版.pdf");
    char *p = at(dir, PUB "/" PDF_NAME);
    assert_true(fx_bundle_report_pdf(p, true));
    g_free(p);
    r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-PUBLIC-PDF"), 1);
    assert_int_equal(ts_must(r, "BUNDLE-PUBLIC-PDF", 0)->severity, NOHIN_SEV_WARNING);
    assert_int_equal(ts_count(r, "BUNDLE-FORM"), 1);
    nohin_report_free(r);
    /* No PDF at all. */
    rm(dir, PUB "/" PDF_NAME);
    rm(dir, PUB "/概要版.pdf");
    r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-PUBLIC-PDF"), 1);
    assert_string_equal(ts_must(r, "BUNDLE-PUBLIC-PDF", 0)->file, "");
    done(r, dir);
}

static void data_folder(void **state)
{
    (void)state;
    char *dir = sample(NULL);
    mv(dir, PUB "/" DATA "/表2-1_業種別事業所数.csv", PUB "/別フォルダ/表2-1_業種別事業所数.csv");
    nohin_report *r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-DATA-FOLDER"), 1);
    assert_string_equal(ts_must(r, "BUNDLE-DATA-FOLDER", 0)->file,
                        PUB "/別フォルダ/表2-1_業種別事業所数.csv");
    nohin_report_free(r);
    /* All loose beside the PDF: one warning. */
    mv(dir, PUB "/別フォルダ/表2-1_業種別事業所数.csv", PUB "/表2-1_業種別事業所数.csv");
    mv(dir, PUB "/" DATA "/図2-1_地域別出荷額の推移.xlsx", PUB "/図2-1_地域別出荷額の推移.xlsx");
    mv(dir, PUB "/" DATA "/図2-2_設備投資額の推移.xlsx", PUB "/図2-2_設備投資額の推移.xlsx");
    r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-DATA-FOLDER"), 1);
    assert_int_equal(ts_must(r, "BUNDLE-DATA-FOLDER", 0)->severity, NOHIN_SEV_WARNING);
    done(r, dir);
}

static void layout(void **state)
{
    (void)state;
    char *dir = sample(NULL);
    put(dir, "メモ.txt", "提出前に確認すること\n");
    cp(dir, INT "/様式1_委託調査報告書骨子.docx", PUB "/様式1_委託調査報告書骨子.docx");
    nohin_report *r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-LAYOUT"), 2);
    assert_string_equal(ts_must(r, "BUNDLE-LAYOUT", 0)->file, "メモ.txt");
    assert_string_equal(ts_must(r, "BUNDLE-LAYOUT", 1)->file, PUB "/様式1_委託調査報告書骨子.docx");
    nohin_report_free(r);
    done(NULL, dir);

    /* Reviewer's view: the public package alone is fine (no forms asked for). */
    dir = sample(NULL);
    rm(dir, INT);
    r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-LAYOUT"), 0);
    assert_int_equal(ts_count(r, "BUNDLE-FORM"), 0);
    assert_int_equal(count_sev(r, NOHIN_SEV_ERROR), 0);
    nohin_report_free(r);
    done(NULL, dir);

    /* Internal package only: the public one is missing. */
    dir = sample(NULL);
    rm(dir, PUB);
    r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-LAYOUT"), 1);
    assert_string_equal(ts_must(r, "BUNDLE-LAYOUT", 0)->file, "");
    nohin_report_free(r);
    done(NULL, dir);

    /* Everything in one flat folder: not separated. */
    dir = sample(NULL);
    char *flat = ts_tmpdir();
    assert_int_equal(
        ts_sh(NULL, "cp '%s/%s/'*.* '%s/%s/%s/'*.* '%s/'", dir, INT, dir, PUB, DATA, flat), 0);
    r = ts_lint(flat, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-LAYOUT"), 1);
    nohin_report_free(r);
    ts_rmtree(flat);
    g_free(flat);
    done(NULL, dir);
}

static void form1_variants(void **state)
{
    (void)state;
    char *dir = sample(NULL);
    char *f1 = at(dir, INT "/様式1_委託調査報告書骨子.docx");
    fx_docx_para paras[] = {{"委託調査報告書骨子", true}, {"本文", false}};
    fx_docx_opts four = {"骨子", FX_BUNDLE_ORG, 4, false};
    assert_true(fx_docx_write(f1, paras, 2, &four));
    nohin_report *r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-FORM"), 1);
    assert_non_null(strstr(ts_must(r, "BUNDLE-FORM", 0)->message, "4 pages"));
    nohin_report_free(r);
    fx_docx_opts pic = {"骨子", FX_BUNDLE_ORG, 3, true}; /* 3 pages is fine; the picture is not */
    assert_true(fx_docx_write(f1, paras, 2, &pic));
    assert_int_equal(ts_sh(NULL, "unzip -tq '%s' >/dev/null", f1), 0);
    r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-FORM"), 1);
    assert_string_equal(ts_must(r, "BUNDLE-FORM", 0)->evidence, "media=1 drawings=1");
    nohin_report_free(r);
    /* Found by its heading under another name: not missing. */
    fx_docx_opts ok = {"骨子", FX_BUNDLE_ORG, 1, false};
    assert_true(fx_docx_write(f1, paras, 2, &ok));
    mv(dir, INT "/様式1_委託調査報告書骨子.docx", INT "/summary.docx");
    r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-FORM"), 0);
    nohin_report_free(r);
    /* As a PDF: wrong format. */
    rm(dir, INT "/summary.docx");
    cp(dir, INT "/" PDF_NAME, INT "/様式1_骨子.pdf");
    r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-FORM"), 1);
    assert_string_equal(ts_must(r, "BUNDLE-FORM", 0)->file, INT "/様式1_骨子.pdf");
    nohin_report_free(r);
    /* Missing altogether. */
    rm(dir, INT "/様式1_骨子.pdf");
    r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-FORM"), 1);
    assert_non_null(strstr(ts_must(r, "BUNDLE-FORM", 0)->message, "様式1"));
    g_free(f1);
    done(r, dir);
}

static void form2_form3_variants(void **state)
{
    (void)state;
    char *dir = sample(NULL);
    rm(dir, INT "/様式3_二次利用未承諾リスト.xlsx");
    cp(dir, INT "/様式1_委託調査報告書骨子.docx", INT "/様式2_書誌情報.docx");
    rm(dir, INT "/様式2_委託調査報告書公表用書誌情報.xlsx");
    nohin_report *r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    /* 様式2 not Excel, 様式3 missing. */
    assert_int_equal(ts_count(r, "BUNDLE-FORM"), 2);
    assert_string_equal(ts_must(r, "BUNDLE-FORM", 0)->file, "");
    assert_non_null(strstr(ts_must(r, "BUNDLE-FORM", 0)->message, "様式3"));
    assert_string_equal(ts_must(r, "BUNDLE-FORM", 1)->file, INT "/様式2_書誌情報.docx");
    done(r, dir);
}

static void machine_readable(void **state)
{
    (void)state;
    char *dir = sample(NULL);
    rm(dir, INT "/" FX_BUNDLE_REPORT ".docx");
    nohin_report *r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-MACHINE-READABLE"), 1);
    assert_string_equal(ts_must(r, "BUNDLE-MACHINE-READABLE", 0)->file, INT "/" PDF_NAME);
    nohin_report_free(r);
    /* An HTML counterpart counts; an image as data is a warning. */
    put(dir, INT "/" FX_BUNDLE_REPORT ".html", "<html><body><h1>報告書</h1></body></html>\n");
    char *png = at(dir, PUB "/" DATA "/図2-1_地域別出荷額の推移.png");
    fx_page pages[] = {{FX_PAGE_IMAGE, NULL, NULL}};
    char *tmp_pdf = at(dir, "scan.pdf");
    assert_true(fx_pdf_write(tmp_pdf, pages, 1, NULL));
    assert_int_equal(ts_sh(NULL, "pdftoppm -png -r 10 -singlefile '%s' '%s' && mv '%s.png' '%s'",
                           tmp_pdf, tmp_pdf, tmp_pdf, png),
                     0);
    g_unlink(tmp_pdf);
    r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-MACHINE-READABLE"), 1);
    const nohin_finding *f = ts_must(r, "BUNDLE-MACHINE-READABLE", 0);
    assert_int_equal(f->severity, NOHIN_SEV_WARNING);
    assert_string_equal(f->file, PUB "/" DATA "/図2-1_地域別出荷額の推移.png");
    g_free(png);
    g_free(tmp_pdf);
    done(r, dir);
}

static void executables(void **state)
{
    (void)state;
    char *dir = sample(NULL);
    put(dir, INT "/tools/run.bat", "@echo off\r\necho hello\r\n");
    put(dir, INT "/tools/setup.exe", "MZ\x90");
    cp(dir, PUB "/" DATA "/図2-1_地域別出荷額の推移.xlsx", INT "/集計マクロ.xlsm");
    put(dir, INT "/readme.txt", "説明\n"); /* near miss: text is fine */
    nohin_report *r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-EXECUTABLE"), 3);
    assert_string_equal(ts_must(r, "BUNDLE-EXECUTABLE", 0)->file, INT "/tools/run.bat");
    assert_string_equal(ts_must(r, "BUNDLE-EXECUTABLE", 1)->file, INT "/tools/setup.exe");
    assert_string_equal(ts_must(r, "BUNDLE-EXECUTABLE", 2)->file, INT "/集計マクロ.xlsm");
    done(r, dir);
}

static void junk(void **state)
{
    (void)state;
    char *dir = sample(NULL);
    put(dir, PUB "/~$令和6年度産業構造調査報告書.docx", "\x0a山田");
    put(dir, PUB "/" DATA "/.DS_Store", "Bud1");
    put(dir, PUB "/" DATA "/Thumbs.db", "x");
    put(dir, PUB "/__MACOSX/" DATA "/._図2-1.xlsx", "x");
    put(dir, INT "/desktop.ini", "[.ShellClassInfo]\r\n");
    put(dir, INT "/報告書_最終.docx.bak", "x");
    put(dir, INT "/.git/config", "[core]\n");
    put(dir, INT "/集計~1.csv", "a,b\n1,2\n"); /* near miss: ~ inside a name */
    nohin_report *r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-JUNK"), 7);
    size_t errors = 0, warnings = 0;
    for (size_t i = 0; i < 7; i++) {
        const nohin_finding *f = ts_must(r, "BUNDLE-JUNK", i);
        if (f->severity == NOHIN_SEV_ERROR) errors++;
        if (f->severity == NOHIN_SEV_WARNING) warnings++;
        assert_null(strstr(f->file, "集計~1"));
    }
    assert_int_equal(errors, 4);   /* in the public package */
    assert_int_equal(warnings, 3); /* internal */
    /* Junk is neither data nor misplaced: no other bundle rule speaks of it. */
    assert_int_equal(ts_count(r, "BUNDLE-FIGURE-NAME"), 0);
    assert_int_equal(ts_count(r, "BUNDLE-LAYOUT"), 0);
    done(r, dir);
}

/* --- zip input --- */

static void tzip_add(zip_t *z, const char *name, const void *data, size_t len)
{
    zip_source_t *s = zip_source_buffer(z, g_memdup2(data, len), len, 1);
    assert_non_null(s);
    zip_int64_t i = zip_file_add(z, name, s, ZIP_FL_ENC_GUESS);
    assert_true(i >= 0);
    zip_file_set_mtime(z, (zip_uint64_t)i, 1711962000, 0);
}

static const nohin_file *find_file(const nohin_report *r, const char *path)
{
    for (guint i = 0; i < r->files->len; i++)
        if (!strcmp(((nohin_file *)r->files->pdata[i])->path, path)) return r->files->pdata[i];
    return NULL;
}

static void zip_of_clean_bundle(void **state)
{
    (void)state;
    if (!ts_have("zip")) skip();
    char *dir = sample(NULL), *zdir = ts_tmpdir(), *zp = at(zdir, "bundle.zip");
    assert_int_equal(ts_sh(NULL, "cd '%s' && zip -qrX '%s' .", dir, zp), 0);
    nohin_report *r = ts_lint(zp, NOHIN_ROLE_PUBLIC);
    if (count_sev(r, NOHIN_SEV_ERROR) || count_sev(r, NOHIN_SEV_WARNING)) ts_dump(r);
    assert_int_equal(count_sev(r, NOHIN_SEV_ERROR), 0);
    assert_int_equal(count_sev(r, NOHIN_SEV_WARNING), 0);
    assert_int_equal(ts_count(r, "BUNDLE-FIGURE-DATA-MISSING"), 1);
    assert_string_equal(ts_must(r, "BUNDLE-FIGURE-DATA-MISSING", 0)->file,
                        "bundle.zip/" PUB "/" PDF_NAME);
    const nohin_file *f = find_file(r, "bundle.zip/" PUB "/" DATA "/図2-1_地域別出荷額の推移.xlsx");
    assert_non_null(f);
    assert_int_equal(f->folder_role, NOHIN_ROLE_PUBLIC);
    assert_int_equal(f->format, NOHIN_FMT_XLSX);
    /* The private folder is 0700 and goes away with the report. */
    char *tmp = g_strdup(r->tmpdir);
    GStatBuf st;
    assert_int_equal(g_stat(tmp, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_true(g_str_has_prefix(f->abspath, tmp));
    nohin_report_free(r);
    assert_false(g_file_test(tmp, G_FILE_TEST_EXISTS));
    g_free(tmp);
    ts_rmtree(zdir);
    g_free(zdir);
    g_free(zp);
    done(NULL, dir);
}

/* The nohin.ini at the zip's root is the bundle's configuration. */
static void zip_config(void **state)
{
    (void)state;
    if (!ts_have("zip")) skip();
    char *dir = sample(NULL), *zdir = ts_tmpdir(), *zp = at(zdir, "bundle.zip");
    put(dir, "nohin.ini", "[rules]\ndisable=BUNDLE-FIGURE-DATA-MISSING\n[bundle]\ntitel=x\n");
    assert_int_equal(ts_sh(NULL, "cd '%s' && zip -qrX '%s' .", dir, zp), 0);
    nohin_report *r = ts_lint(zp, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-FIGURE-DATA-MISSING"), 0);
    assert_int_equal(ts_count(r, "CONFIG-KEY"), 1);
    assert_non_null(strstr(ts_must(r, "CONFIG-KEY", 0)->message, "bundle.zip/nohin.ini"));
    nohin_report_free(r);
    ts_rmtree(zdir);
    g_free(zdir);
    g_free(zp);
    done(NULL, dir);
}

static void zip_hostile_members(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), *zp = at(dir, "bad.zip");
    int err = 0;
    zip_t *z = zip_open(zp, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    tzip_add(z, "../evil.txt", "x", 1);
    tzip_add(z, "/etc/abs.txt", "x", 1);
    tzip_add(z, "ok/..\\..\\win.txt", "x", 1);
    /* A Windows zip: the name in CP932, without the UTF-8 flag. */
    char *cp932 = g_convert(PUB "/メモ.csv", -1, "CP932", "UTF-8", NULL, NULL, NULL);
    assert_non_null(cp932);
    tzip_add(z, cp932, "a,b\n1,2\n", 8);
    g_free(cp932);
    /* A bomb: 4 MiB of zeros deflate to a few KiB (ratio far above the limit). */
    size_t big = 4u << 20;
    char *zeros = g_malloc0(big);
    tzip_add(z, "zeros.csv", zeros, big);
    g_free(zeros);
    assert_int_equal(zip_close(z), 0);
    assert_int_equal(ts_sh(NULL, "unzip -l '%s' >/dev/null", zp), 0); /* a valid zip for unzip */
    nohin_report *r = ts_lint(zp, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-ZIP"), 4);
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(ts_must(r, "BUNDLE-ZIP", i)->file, "bad.zip");
    /* Only the CP932 member was taken out, with its name decoded. */
    assert_non_null(find_file(r, "bad.zip/" PUB "/メモ.csv"));
    assert_int_equal(r->files->len, 2);
    bool limit = false;
    for (size_t i = 0; i < 4; i++)
        if (strstr(ts_must(r, "BUNDLE-ZIP", i)->message, "zeros.csv")) limit = true;
    assert_true(limit);
    nohin_report_free(r);
    ts_rmtree(dir);
    g_free(dir);
    g_free(zp);
}

static void zip_encrypted(void **state)
{
    (void)state;
    if (!ts_have("zip")) skip();
    char *dir = ts_tmpdir(), *zp = at(dir, "secret.zip");
    put(dir, "in/図2-1.csv", "a,b\n1,2\n");
    assert_int_equal(ts_sh(NULL, "cd '%s/in' && zip -q -P secret '%s' 図2-1.csv", dir, zp), 0);
    nohin_report *r = ts_lint(zp, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "BUNDLE-ZIP"), 1);
    assert_non_null(strstr(ts_must(r, "BUNDLE-ZIP", 0)->message, "password"));
    assert_int_equal(r->files->len, 1);
    nohin_report_free(r);
    ts_rmtree(dir);
    g_free(dir);
    g_free(zp);
}

/* Near miss: a zip-based document (.pptx) is a file, not a folder to expand; a zip
 * under another name is still expanded. */
static void zip_based_document_not_expanded(void **state)
{
    (void)state;
    char *dir = sample(NULL), *pptx = at(dir, INT "/説明資料.pptx"),
         *dat = at(dir, INT "/data.dat");
    int err = 0;
    zip_t *z = zip_open(pptx, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    tzip_add(z, "[Content_Types].xml", "<Types/>", 8);
    tzip_add(z, "ppt/presentation.xml", "<p:presentation/>", 17);
    tzip_add(z, "docProps/thumbnail.jpeg", "\xff\xd8\xff", 3);
    assert_int_equal(zip_close(z), 0);
    nohin_report *r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    const nohin_file *f = find_file(r, INT "/説明資料.pptx");
    assert_non_null(f);
    assert_int_equal(f->format, NOHIN_FMT_ZIP);
    assert_null(r->tmpdir);
    assert_int_equal(count_sev(r, NOHIN_SEV_ERROR), 0);
    nohin_report_free(r);
    assert_int_equal(g_rename(pptx, dat), 0);
    r = ts_lint(dir, NOHIN_ROLE_PUBLIC);
    assert_non_null(find_file(r, INT "/data.dat/ppt/presentation.xml"));
    g_free(pptx);
    g_free(dat);
    done(r, dir);
}

static void package_roles(void **state)
{
    (void)state;
    nohin_config *c = nohin_config_new_default();
    assert_int_equal(nohin_role_for("b", PUB "/a.pdf", c, 0), NOHIN_ROLE_PUBLIC);
    assert_int_equal(nohin_role_for("b", INT "/a.pdf", c, 0), NOHIN_ROLE_INTERNAL);
    assert_int_equal(nohin_role_for("b", "非公表用/a.pdf", c, 0), NOHIN_ROLE_INTERNAL);
    assert_int_equal(nohin_role_for(INT, "x/a.pdf", c, 0), NOHIN_ROLE_INTERNAL);
    assert_int_equal(nohin_role_for(INT, PUB "/a.pdf", c, 0), NOHIN_ROLE_PUBLIC);
    assert_int_equal(nohin_role_for("b", "a.pdf", c, 0), 0);
    nohin_config_free(c);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clean_sample_passes),
        cmocka_unit_test(figure_name_number_and_title),
        cmocka_unit_test(figure_name_near_misses),
        cmocka_unit_test(third_party_data),
        cmocka_unit_test(public_pdf),
        cmocka_unit_test(data_folder),
        cmocka_unit_test(layout),
        cmocka_unit_test(form1_variants),
        cmocka_unit_test(form2_form3_variants),
        cmocka_unit_test(machine_readable),
        cmocka_unit_test(executables),
        cmocka_unit_test(junk),
        cmocka_unit_test(zip_of_clean_bundle),
        cmocka_unit_test(zip_hostile_members),
        cmocka_unit_test(zip_encrypted),
        cmocka_unit_test(zip_config),
        cmocka_unit_test(zip_based_document_not_expanded),
        cmocka_unit_test(package_roles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
