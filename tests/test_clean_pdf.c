/* nohin clean on PDFs: every planted item is gone, links/bookmarks/text stay,
 * the output passes qpdf --check and extracts the same text as the input. */
#define _GNU_SOURCE
#include <qpdf/qpdf-c.h>
#include "bundle/form3.h"
#include "test_clean_common.h"

typedef struct {
    int annots_link_uri, annots_other, outline_items;
    bool embedded, javascript, openaction, aa, acroform, pieceinfo, thumb;
    char *author, *title;
    bool xmp_has_org;
} pdf_facts;

static int count_outline(qpdf_data q, qpdf_oh item, int depth)
{
    int n = 0;
    for (int guard = 0; qpdf_oh_is_dictionary(q, item) && guard < 1000 && depth < 10; guard++) {
        n += 1 + count_outline(q, qpdf_oh_get_key(q, item, "/First"), depth + 1);
        item = qpdf_oh_get_key(q, item, "/Next");
    }
    return n;
}

static pdf_facts facts(const char *path)
{
    pdf_facts f = {0};
    qpdf_data q = qpdf_init();
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    assert_false(qpdf_read(q, path, "") & QPDF_ERRORS);
    qpdf_oh root = qpdf_get_root(q);
    qpdf_oh names = qpdf_oh_get_key(q, root, "/Names");
    f.embedded = qpdf_oh_has_key(q, names, "/EmbeddedFiles");
    f.javascript = qpdf_oh_has_key(q, names, "/JavaScript");
    f.openaction = qpdf_oh_has_key(q, root, "/OpenAction");
    f.aa = qpdf_oh_has_key(q, root, "/AA");
    f.acroform = qpdf_oh_has_key(q, root, "/AcroForm");
    f.pieceinfo = qpdf_oh_has_key(q, root, "/PieceInfo");
    for (int i = 0; i < qpdf_get_num_pages(q); i++) {
        qpdf_oh p = qpdf_get_page_n(q, (size_t)i);
        f.aa |= qpdf_oh_has_key(q, p, "/AA");
        f.pieceinfo |= qpdf_oh_has_key(q, p, "/PieceInfo");
        f.thumb |= qpdf_oh_has_key(q, p, "/Thumb");
        qpdf_oh a = qpdf_oh_get_key(q, p, "/Annots");
        for (int k = 0; qpdf_oh_is_array(q, a) && k < qpdf_oh_get_array_n_items(q, a); k++) {
            qpdf_oh an = qpdf_oh_get_array_item(q, a, k);
            qpdf_oh st = qpdf_oh_get_key(q, an, "/Subtype");
            qpdf_oh s = qpdf_oh_get_key(q, qpdf_oh_get_key(q, an, "/A"), "/S");
            if (qpdf_oh_is_name(q, st) && !strcmp(qpdf_oh_get_name(q, st), "/Link") &&
                qpdf_oh_is_name(q, s) && !strcmp(qpdf_oh_get_name(q, s), "/URI"))
                f.annots_link_uri++;
            else
                f.annots_other++;
        }
    }
    f.outline_items =
        count_outline(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/Outlines"), "/First"), 0);
    qpdf_oh info = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
    qpdf_oh a = qpdf_oh_get_key(q, info, "/Author"), t = qpdf_oh_get_key(q, info, "/Title");
    f.author = g_strdup(qpdf_oh_is_string(q, a) ? qpdf_oh_get_utf8_value(q, a) : "");
    f.title = g_strdup(qpdf_oh_is_string(q, t) ? qpdf_oh_get_utf8_value(q, t) : "");
    qpdf_oh md = qpdf_oh_get_key(q, root, "/Metadata");
    if (qpdf_oh_is_stream(q, md)) {
        unsigned char *buf = NULL;
        size_t len = 0;
        qpdf_oh_get_stream_data(q, md, qpdf_dl_generalized, NULL, &buf, &len);
        char *x = g_strndup((const char *)buf, len);
        f.xmp_has_org = strstr(x, ORG) != NULL;
        g_free(x);
        free(buf);
    }
    qpdf_cleanup(&q);
    return f;
}

static void facts_free(pdf_facts *f)
{
    g_free(f->author);
    g_free(f->title);
}

static char *pdftotext(const char *path)
{
    char *q = g_shell_quote(path), *out = NULL;
    assert_int_equal(ts_sh(&out, "pdftotext -enc UTF-8 %s -", q), 0);
    g_free(q);
    return out;
}

static int count_substr(const char *path, const char *needle)
{
    gchar *data = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(path, &data, &len, NULL));
    int n = 0;
    size_t nl = strlen(needle);
    for (const char *p = data; (p = memmem(p, len - (size_t)(p - data), needle, nl)); p++)
        n++;
    g_free(data);
    return n;
}

static void qpdf_check_ok(const char *path)
{
    char *q = g_shell_quote(path);
    int rc = ts_sh(NULL, "qpdf --check %s >/dev/null 2>&1", q);
    g_free(q);
    assert_int_equal(rc, 0);
}

static void every_planted_item_is_removed(void **state)
{
    (void)state;
    tc_case c = tc_case_new(true);
    char *in = g_build_filename(c.b, "公表用", "report.pdf", NULL);
    assert_true(fxc_pdf(in, FXC_PDF_ALL & ~FXC_PDF_FORM));
    pdf_facts before = facts(in);
    assert_true(before.embedded && before.javascript && before.openaction && before.aa &&
                before.pieceinfo && before.thumb);
    assert_int_equal(before.annots_link_uri, 1);
    assert_int_equal(before.annots_other, 3);
    assert_int_equal(count_substr(in, "%%EOF"), 2);
    char *sums = tc_tree_sums(c.b);
    int rc = tc_clean(c.b, c.out, NULL);
    tc_dump_fixlist(c.out);
    assert_int_equal(rc, 0);
    char *res = g_build_filename(c.out, "公表用", "report.pdf", NULL);
    qpdf_check_ok(res);
    pdf_facts after = facts(res);
    assert_false(after.embedded || after.javascript || after.openaction || after.aa ||
                 after.pieceinfo || after.thumb || after.acroform);
    assert_int_equal(after.annots_link_uri, 1); /* the web link stays */
    assert_int_equal(after.annots_other, 0);
    assert_int_equal(after.outline_items, 3); /* bookmarks stay */
    assert_string_equal(after.author, ORG);
    assert_string_equal(after.title, "Draft v2"); /* the report's own (latest) title */
    assert_true(after.xmp_has_org);
    assert_int_equal(count_substr(res, "%%EOF"), 1); /* one revision only */
    assert_int_equal(count_substr(res, "Suzuki"), 0);
    assert_int_equal(count_substr(res, "yamada"), 0);
    char *t_in = pdftotext(in), *t_out = pdftotext(res);
    assert_string_equal(t_in, t_out);
    /* the fix list names each rule */
    const char *rules[] = {"PDF-ATTACHMENT",      "PDF-JAVASCRIPT", "PDF-AUTO-ACTION",
                           "PDF-EXTERNAL-ACTION", "PDF-ANNOTATION", "PDF-PRIVATE-DATA",
                           "PDF-METADATA-PERSON", "PDF-PROPERTIES", "PDF-REVISIONS"};
    for (size_t i = 0; i < G_N_ELEMENTS(rules); i++)
        assert_true(tc_fix_count(c.out, "changed", rules[i]) >= 1);
    assert_int_equal(tc_fix_count(c.out, "changed", "PDF-FORM"), 0);
    assert_int_equal(tc_fix_count(c.out, "manual", "*"), 0);
    /* manifest verifies with sha256sum; input untouched */
    char *qo = g_shell_quote(c.out);
    assert_int_equal(ts_sh(NULL, "cd %s && sha256sum --quiet -c 提出記録/MANIFEST.sha256", qo), 0);
    char *sums2 = tc_tree_sums(c.b);
    assert_string_equal(sums, sums2);
    tc_lint_gone_and_nothing_new(c.b, c.out, rules, G_N_ELEMENTS(rules));
    /* clean output linted again: nothing fixable left */
    nohin_report *r = ts_lint(c.out, NOHIN_ROLE_PUBLIC);
    for (guint i = 0; i < r->findings->len; i++) {
        const nohin_finding *f = r->findings->pdata[i];
        const nohin_rule *rule = nohin_rule_find(f->rule);
        if (rule && rule->fixable && f->severity != NOHIN_SEV_INFO)
            fail_msg("fixable %s left", f->rule);
    }
    nohin_report_free(r);
    facts_free(&before);
    facts_free(&after);
    g_free(qo);
    g_free(sums);
    g_free(sums2);
    g_free(t_in);
    g_free(t_out);
    g_free(res);
    g_free(in);
    tc_case_free(&c);
}

static void form_values_stay_visible(void **state)
{
    (void)state;
    tc_case c = tc_case_new(true);
    char *in = g_build_filename(c.b, "公表用", "report.pdf", NULL);
    assert_true(fxc_pdf(in, FXC_PDF_FORM | FXC_PDF_URI));
    pdf_facts before = facts(in); /* freed: LeakSanitizer runs in scripts/test */
    assert_true(before.acroform);
    facts_free(&before);
    int rc = tc_clean(c.b, c.out, NULL);
    tc_dump_fixlist(c.out);
    assert_int_equal(rc, 0);
    char *res = g_build_filename(c.out, "公表用", "report.pdf", NULL);
    qpdf_check_ok(res);
    pdf_facts after = facts(res);
    assert_false(after.acroform);
    assert_int_equal(after.annots_other, 0);
    assert_int_equal(after.annots_link_uri, 1); /* links survive the flattening */
    char *t_in = pdftotext(in), *t_out = pdftotext(res);
    assert_non_null(strstr(t_out, "FORMVALUE")); /* the value is page content now */
    assert_non_null(strstr(t_out, "本調査は水銀の輸出量を分析する"));
    assert_true(tc_fix_count(c.out, "changed", "PDF-FORM") >= 1);
    facts_free(&after);
    g_free(t_in);
    g_free(t_out);
    g_free(res);
    g_free(in);
    tc_case_free(&c);
}

/* Near miss: a clean report with a web link; nothing to remove, link kept. */
static void clean_report_only_gets_properties(void **state)
{
    (void)state;
    tc_case c = tc_case_new(true);
    char *in = g_build_filename(c.b, "公表用", "report.pdf", NULL);
    assert_true(fxc_pdf(in, FXC_PDF_URI));
    assert_int_equal(tc_clean(c.b, c.out, NULL), 0);
    char *res = g_build_filename(c.out, "公表用", "report.pdf", NULL);
    qpdf_check_ok(res);
    pdf_facts after = facts(res);
    assert_int_equal(after.annots_link_uri, 1);
    assert_string_equal(after.title, "水銀調査報告書");
    const char *none[] = {
        "PDF-ATTACHMENT", "PDF-JAVASCRIPT",   "PDF-AUTO-ACTION", "PDF-EXTERNAL-ACTION",
        "PDF-ANNOTATION", "PDF-PRIVATE-DATA", "PDF-FORM"};
    for (size_t i = 0; i < G_N_ELEMENTS(none); i++)
        assert_int_equal(tc_fix_count(c.out, "changed", none[i]), 0);
    facts_free(&after);
    g_free(res);
    g_free(in);
    tc_case_free(&c);
}

static void no_organisation_is_manual_work(void **state)
{
    (void)state;
    tc_case c = tc_case_new(false);
    char *in = g_build_filename(c.b, "公表用", "report.pdf", NULL);
    assert_true(fxc_pdf(in, FXC_PDF_AUTHOR));
    assert_int_equal(tc_clean(c.b, c.out, NULL), 1);
    assert_int_equal(tc_fix_count(c.out, "manual", "PDF-METADATA-PERSON"), 1);
    char *res = g_build_filename(c.out, "公表用", "report.pdf", NULL);
    pdf_facts after = facts(res);
    assert_string_equal(after.author, ""); /* the person's name is gone anyway */
    facts_free(&after);
    g_free(res);
    g_free(in);
    tc_case_free(&c);
}

static int pages_of(const char *path)
{
    qpdf_data q = qpdf_init();
    int n = (qpdf_read(q, path, "") & QPDF_ERRORS) ? -1 : qpdf_get_num_pages(q);
    qpdf_cleanup(&q);
    return n;
}

static void form3_entries_are_appended_as_text(void **state)
{
    (void)state;
    for (int entries = 0; entries <= 2; entries += 2) {
        tc_case c = tc_case_new(true);
        char *in = g_build_filename(c.b, "公表用", "report.pdf", NULL);
        char *f3 = g_build_filename(c.b, "非公表", "様式3_二次利用未承諾リスト.xlsx", NULL);
        assert_true(fxc_pdf(in, 0));
        assert_true(fxc_form3(f3, entries));
        int rc = tc_clean(c.b, c.out, NULL);
        tc_dump_fixlist(c.out);
        assert_int_equal(rc, 0);
        char *res = g_build_filename(c.out, "公表用", "report.pdf", NULL);
        qpdf_check_ok(res);
        char *t = pdftotext(res);
        if (entries) {
            assert_int_equal(pages_of(res), 4);
            assert_non_null(strstr(t, "第三者提供の図 その1"));
            assert_non_null(strstr(t, "第三者提供の図 その2"));
            assert_int_equal(tc_fix_count(c.out, "changed", "BUNDLE-PUBLIC-PDF"), 1);
        } else {
            assert_int_equal(pages_of(res), 3);
            assert_int_equal(tc_fix_count(c.out, "note", "BUNDLE-PUBLIC-PDF"), 1);
            assert_null(strstr(t, "二次利用未承諾リスト"));
        }
        /* nothing but the report, the fix list and the manifest */
        char *listing = NULL, *qo = g_shell_quote(c.out);
        ts_sh(&listing, "cd %s && ls -A 公表用 | tr '\\n' ' '", qo);
        assert_string_equal(listing, "report.pdf ");
        g_free(listing);
        g_free(qo);
        g_free(t);
        g_free(res);
        g_free(in);
        g_free(f3);
        tc_case_free(&c);
    }
}

/* 様式3 as the form has it: a 報告書の題名 line (and the contractor's name) above the
 * table, made by openpyxl. Lint's reading and clean's count agree: one entry. */
static void form3_title_lines_are_not_entries(void **state)
{
    (void)state;
    tc_case c = tc_case_new(true);
    char *f3 = g_build_filename(c.b, "非公表", "様式3_二次利用未承諾リスト.xlsx", NULL);
    char *q = g_shell_quote(f3);
    assert_int_equal(
        ts_sh(NULL,
              "/usr/bin/python3 -c \"import openpyxl,sys; wb=openpyxl.Workbook(); ws=wb.active; "
              "ws.title='様式3'; ws.append(['二次利用未承諾リスト']); "
              "ws.append(['報告書の題名', '令和6年度産業構造調査報告書']); "
              "ws.append(['受注事業者名', '株式会社テスト']); ws.append([]); "
              "ws.append(['報告書のページ', '図表番号', 'タイトル', '出典']); "
              "ws.append([5, '図2-2', '設備投資額の推移', '民間調査会社資料']); "
              "ws.append([]); wb.save(sys.argv[1])\" %s",
              q),
        0);
    nohin_form3 *lint = nohin_form3_read(f3);
    assert_null(lint->error);
    assert_int_equal(lint->header_row, 5);
    assert_string_equal(lint->header[1], "図表番号");
    assert_int_equal(lint->entries->len, 1);
    assert_string_equal(((nohin_form3_entry *)lint->entries->pdata[0])->number, "2-2");
    nohin_form3_free(lint);
    assert_int_equal(tc_clean(c.b, c.out, NULL), 0);
    char *o = NULL, *qo = g_shell_quote(c.out);
    assert_int_equal(ts_sh(&o,
                           "/usr/bin/python3 -c \"import json,sys; d=json.load(open(sys.argv[1]+"
                           "'/提出記録/fixlist.json')); print([i['message'] for i in d['items'] "
                           "if i['rule']=='BUNDLE-PUBLIC-PDF' and i['kind']=='note'])\" %s",
                           qo),
                     0);
    /* "1件" in Japanese, "1 entries" in English: the count is 1, not 4 */
    assert_true(strstr(o, "1件") || strstr(o, " 1 entries"));
    assert_null(strstr(o, "4件"));
    char *res = g_build_filename(c.out, "公表用", "report.pdf", NULL);
    char *t = pdftotext(res);
    assert_non_null(strstr(t, "設備投資額の推移"));
    assert_null(strstr(t, "株式会社テスト"));
    g_free(t);
    g_free(res);
    g_free(o);
    g_free(qo);
    g_free(q);
    g_free(f3);
    tc_case_free(&c);
}

static void outdir_is_never_silently_replaced(void **state)
{
    (void)state;
    tc_case c = tc_case_new(true);
    char *in = g_build_filename(c.b, "公表用", "report.pdf", NULL);
    assert_true(fxc_pdf(in, 0));
    g_mkdir(c.out, 0755);
    char *keep = ts_path(c.out, "keep.txt");
    g_file_set_contents(keep, "x", 1, NULL);
    assert_int_equal(tc_clean(c.b, c.out, NULL), 2);
    assert_true(g_file_test(keep, G_FILE_TEST_EXISTS));
    nohin_clean_options o;
    nohin_clean_options_init(&o);
    o.force = true;
    assert_int_equal(tc_clean(c.b, c.out, &o), 0);
    assert_false(g_file_test(keep, G_FILE_TEST_EXISTS));
    char *res = g_build_filename(c.out, "公表用", "report.pdf", NULL);
    assert_true(g_file_test(res, G_FILE_TEST_EXISTS));
    /* no temporary folder left next to it */
    char *listing = NULL, *qr = g_shell_quote(c.root);
    ts_sh(&listing, "cd %s && ls -A | tr '\\n' ' '", qr);
    assert_string_equal(listing, "bundle out ");
    /* the output inside the bundle is refused */
    char *inside = g_build_filename(c.b, "out", NULL);
    assert_int_equal(tc_clean(c.b, inside, NULL), 2);
    g_free(inside);
    g_free(listing);
    g_free(qr);
    g_free(res);
    g_free(keep);
    g_free(in);
    tc_case_free(&c);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_planted_item_is_removed),
        cmocka_unit_test(form_values_stay_visible),
        cmocka_unit_test(clean_report_only_gets_properties),
        cmocka_unit_test(no_organisation_is_manual_work),
        cmocka_unit_test(form3_entries_are_appended_as_text),
        cmocka_unit_test(form3_title_lines_are_not_entries),
        cmocka_unit_test(outdir_is_never_silently_replaced),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
