/* DOCX reader and form sheets: what 様式1 and 様式3 checks read, on generated files,
 * files written by LibreOffice, and hostile ones. */
#include <string.h>
#include <zip.h>
#include "bundle/form3.h"
#include "readers/xlsx_first_sheet.h"
#include "fx_bundle.h"
#include "fx_docx.h"
#include "fx_pdf.h"
#include "readers/docx_reader.h"
#include "readers/text_source.h"
#include "test_support.h"

static void paragraphs_headings_pages(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), *p = ts_path(dir, "a.docx");
    fx_docx_para paras[] = {{"委託調査報告書骨子", true}, {"本文 & <記号>", false}};
    fx_docx_opts o = {"骨子", "株式会社日本産業総合研究所", 3, true};
    assert_true(fx_docx_write(p, paras, 2, &o));
    nohin_docx *d = nohin_docx_read(p);
    assert_null(d->error);
    assert_int_equal(d->pages, 3);
    assert_int_equal(d->media, 1);
    assert_int_equal(d->drawings, 1);
    assert_int_equal(d->paras->len, 3); /* two, plus the picture's paragraph */
    const nohin_docx_para *a = d->paras->pdata[0], *b = d->paras->pdata[1];
    assert_true(a->heading);
    assert_string_equal(a->text, "委託調査報告書骨子");
    assert_false(b->heading);
    assert_string_equal(b->text, "本文 & <記号>");
    assert_string_equal(d->creator, "株式会社日本産業総合研究所");
    assert_string_equal(d->title, "骨子");
    nohin_docx_free(d);
    ts_rmtree(dir);
    g_free(p);
    g_free(dir);
}

static bool collect(const nohin_text_piece *piece, void *user)
{
    g_string_append_printf(user, "%d:%.*s|", piece->kind, (int)piece->len, piece->text);
    return true;
}

static void text_walker(void **state)
{
    (void)state;
    char *dir = ts_tmpdir();
    assert_true(fx_bundle_write(dir, NULL));
    const char *paths[] = {dir};
    nohin_options o;
    nohin_options_init(&o);
    o.quiet = true;
    nohin_report *r = nohin_lint(paths, 1, &o, NULL);
    nohin_file *f = NULL;
    for (guint i = 0; i < r->files->len; i++) {
        nohin_file *x = r->files->pdata[i];
        if (g_str_has_suffix(x->path, "様式1_委託調査報告書骨子.docx")) f = x;
    }
    assert_non_null(f);
    assert_int_equal(f->format, NOHIN_FMT_DOCX);
    GString *all = g_string_new(NULL);
    nohin_file_foreach_text(f, collect, all);
    char *want_meta = g_strdup_printf("%d:株式会社日本産業総合研究所|", NOHIN_TEXT_METADATA);
    char *want_body = g_strdup_printf("%d:1. 調査の目的|", NOHIN_TEXT_BODY);
    assert_non_null(strstr(all->str, want_meta));
    assert_non_null(strstr(all->str, want_body));
    g_free(want_meta);
    g_free(want_body);
    g_string_free(all, TRUE);
    nohin_report_free(r);
    ts_rmtree(dir);
    g_free(dir);
}

static void add_entry(zip_t *z, const char *name, const char *data)
{
    size_t len = strlen(data);
    zip_source_t *s = zip_source_buffer(z, g_memdup2(data, len), len, 1);
    assert_true(zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8) >= 0);
}

static void hostile_docx(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), *p = ts_path(dir, "bad.docx"), *q = ts_path(dir, "deep.docx");
    assert_true(fx_write_bytes(p, "PK\x03\x04 not really", 16));
    nohin_docx *d = nohin_docx_read(p);
    assert_non_null(d->error);
    assert_int_equal(d->paras->len, 0);
    nohin_docx_free(d);
    /* Deep nesting, an entity declaration and broken XML: read what is there, stop. */
    int err = 0;
    zip_t *z = zip_open(q, ZIP_CREATE | ZIP_TRUNCATE, &err);
    GString *deep = g_string_new("<!DOCTYPE x [<!ENTITY e \"boom\">]><w:document "
                                 "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/"
                                 "2006/main\"><w:body><w:p><w:r><w:t>前&e;</w:t></w:r></w:p>");
    for (int i = 0; i < 5000; i++)
        g_string_append(deep, "<w:p>");
    add_entry(z, "word/document.xml", deep->str);
    add_entry(z, "docProps/app.xml", "<Properties><Pages>-5</Pages></Properties>");
    g_string_free(deep, TRUE);
    assert_int_equal(zip_close(z), 0);
    d = nohin_docx_read(q);
    assert_int_equal(d->pages, -1); /* a negative count is no count */
    assert_true(d->paras->len <= 1);
    if (d->paras->len) /* entities are not expanded */
        assert_null(strstr(((nohin_docx_para *)d->paras->pdata[0])->text, "boom"));
    nohin_docx_free(d);
    ts_rmtree(dir);
    g_free(p);
    g_free(q);
    g_free(dir);
}

static void form3_entries(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), *p = ts_path(dir, "f3.xlsx");
    static const char *const cells[] = {
        "二次利用未承諾リスト",
        "",
        "",
        "",
        "ページ",
        "図表番号",
        "タイトル",
        "出典",
        "12-13",
        "図3.2",
        "市場規模の推移",
        "民間調査",
        "15",
        "3-4",
        "価格の比較",
        "業界団体",
        "注：該当なし以外",
        "",
        "",
        "",
    };
    assert_true(fx_xlsx_table(p, "様式3", "二次利用未承諾リスト", "org", cells, 5, 4));
    nohin_form_sheet *s = nohin_form_sheet_read(p);
    assert_null(s->error);
    assert_string_equal(nohin_form_sheet_cell(s, 2, 1), "図3.2");
    assert_string_equal(nohin_form_sheet_cell(s, 3, 0), "15"); /* a number cell */
    nohin_form_sheet_free(s);
    nohin_form3 *f = nohin_form3_read(p);
    assert_int_equal(f->entries->len, 2);
    const nohin_form3_entry *a = f->entries->pdata[0], *b = f->entries->pdata[1];
    /* The 図 cell wins over the page range 12-13 before it. */
    assert_string_equal(a->kind, "図");
    assert_string_equal(a->number, "3-2");
    assert_string_equal(a->title, "市場規模の推移");
    assert_int_equal(a->row, 3);
    assert_null(b->kind);
    assert_string_equal(b->number, "3-4");
    assert_string_equal(b->title, "価格の比較");
    nohin_form3_free(f);
    /* Cross-check with openpyxl that the file says what we read. */
    char *out = NULL;
    assert_int_equal(ts_sh(&out,
                           "/usr/bin/python3 -c \"import openpyxl,sys; "
                           "print(openpyxl.load_workbook(sys.argv[1]).active['B3'].value)\" '%s'",
                           p),
                     0);
    assert_string_equal(g_strstrip(out), "図3.2");
    g_free(out);
    ts_rmtree(dir);
    g_free(p);
    g_free(dir);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paragraphs_headings_pages),
        cmocka_unit_test(text_walker),
        cmocka_unit_test(hostile_docx),
        cmocka_unit_test(form3_entries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
