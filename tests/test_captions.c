/* Caption index: line parsing, contents merging, file names, and captions read
 * from PDFs made by cairo and by LibreOffice. */
#include <string.h>
#include "bundle/captions.h"
#include "fx_bundle.h"
#include "fx_docx.h"
#include "test_support.h"

typedef struct {
    const char *line;
    const char *kind, *number, *title; /* kind NULL: not a caption */
    bool toc;
    int printed;
} line_case;

static const line_case lines[] = {
    {"図3-2 地域別出荷額の推移", "図", "3-2", "地域別出荷額の推移", false, 0},
    {"図３－２　地域別出荷額の推移", "図", "3-2", "地域別出荷額の推移", false, 0},
    {"表 3.2：品目別輸出額", "表", "3-2", "品目別輸出額", false, 0},
    {"Figure 3.2: Sales by region", "Figure", "3-2", "Sales by region", false, 0},
    {"Fig. 4 Map of sites", "Fig.", "4", "Map of sites", false, 0},
    {"Table 2-1-1 Results", "Table", "2-1-1", "Results", false, 0},
    {"グラフ1 出荷額の推移", "グラフ", "1", "出荷額の推移", false, 0},
    {"写真2-1 調査対象工場の外観", "写真", "2-1", "調査対象工場の外観", false, 0},
    {"図表1-3 比較", "図表", "1-3", "比較", false, 0},
    {"図3ー2 長音符で書いた番号", "図", "3-2", "長音符で書いた番号", false, 0},
    {"図3\xe2\x80\x90"
     "2 ハイフン",
     "図", "3-2", "ハイフン", false, 0}, /* U+2010 */
    {"図3\xe2\x88\x92"
     "2 マイナス",
     "図", "3-2", "マイナス", false, 0},                   /* U+2212 */
    {"図4 データ一覧", "図", "4", "データ一覧", false, 0}, /* ー in the title stays */
    {"図2-1 地域別出荷額の推移 ........ 4", "図", "2-1", "地域別出荷額の推移", true, 4},
    {"表1 一覧\xe2\x80\xa6\xe2\x80\xa6\xe2\x80\xa6 12", "表", "1", "一覧", true, 12}, /* …… */
    {"図1 概要・・・・・・3", "図", "1", "概要", true, 3},
    {"Table 3 Costs . . . . . 17", "Table", "3", "Costs", true, 17},
    {"図3-2に示すとおり、増加している", NULL, NULL, NULL, false, 0},
    {"図3-2のとおりである。", NULL, NULL, NULL, false, 0},
    {"図3-2、図3-3を参照", NULL, NULL, NULL, false, 0},
    {"表紙", NULL, NULL, NULL, false, 0},
    {"図書館の利用状況", NULL, NULL, NULL, false, 0},
    {"第3章 まとめ", NULL, NULL, NULL, false, 0},
    {"図2019 年の推移", NULL, NULL, NULL, false, 0}, /* 4 digits: a year, not a figure */
};

static void parse_lines(void **state)
{
    (void)state;
    for (size_t i = 0; i < G_N_ELEMENTS(lines); i++) {
        const line_case *c = &lines[i];
        nohin_caption cap;
        bool toc = false;
        bool ok = nohin_caption_parse_line(c->line, &cap, &toc);
        if (ok != (c->kind != NULL)) fail_msg("%s: parsed=%d", c->line, ok);
        if (!ok) continue;
        assert_string_equal(cap.kind, c->kind);
        assert_string_equal(cap.number, c->number);
        assert_string_equal(cap.title, c->title);
        assert_int_equal(toc, c->toc);
        assert_int_equal(cap.printed_page, c->printed);
        nohin_caption_clear(&cap);
    }
}

static void contents_merge_with_body(void **state)
{
    (void)state;
    const char *pages[] = {
        "目次\n図1-1 売上の推移 ..... 2\n表1-1 品目一覧 ..... 3\n図9-9 本文にない図 ..... 9",
        "第1章\n図1-1に示すとおり増えている。\n図１－１　売上の推移",
        "表1-1\n（表の本体）",
    };
    nohin_captions *c = nohin_captions_from_pages(pages, 3);
    assert_int_equal(c->items->len, 3);
    const nohin_caption *a = nohin_captions_find(c, "図", "1-1");
    assert_non_null(a);
    assert_int_equal(a->page, 2);
    assert_int_equal(a->toc_page, 1);
    assert_int_equal(a->printed_page, 2);
    assert_string_equal(a->title, "売上の推移");
    /* The body line has no title: the contents gives it. */
    const nohin_caption *t = nohin_captions_find(c, "表", "1-1");
    assert_int_equal(t->page, 3);
    assert_string_equal(t->title, "品目一覧");
    /* Only in the contents. */
    const nohin_caption *x = nohin_captions_find(c, "図", "9-9");
    assert_int_equal(x->page, 0);
    assert_int_equal(x->toc_page, 1);
    /* 図 and 表 with the same number are two captions; 図表 matches either. */
    assert_null(nohin_captions_find(c, "表", "9-9"));
    assert_non_null(nohin_captions_find(c, "図表", "9-9"));
    assert_non_null(nohin_captions_find(c, NULL, "1-1"));
    nohin_captions_free(c);
}

static void file_names(void **state)
{
    (void)state;
    char *k, *n, *t;
    assert_true(nohin_caption_parse_name("図2-1_地域別出荷額の推移.xlsx", &k, &n, &t));
    assert_string_equal(k, "図");
    assert_string_equal(n, "2-1");
    assert_string_equal(t, "地域別出荷額の推移");
    g_free(k), g_free(n), g_free(t);
    assert_true(nohin_caption_parse_name("data/表 3.2 売上.csv", &k, &n, &t));
    assert_string_equal(n, "3-2");
    assert_string_equal(t, "売上");
    g_free(k), g_free(n), g_free(t);
    assert_true(nohin_caption_parse_name("3-2_売上.csv", &k, &n, &t));
    assert_null(k);
    assert_string_equal(n, "3-2");
    g_free(k), g_free(n), g_free(t);
    assert_true(nohin_caption_parse_name("01_図２－１.xlsx", &k, &n, &t));
    assert_string_equal(n, "2-1");
    assert_string_equal(t, "");
    g_free(k), g_free(n), g_free(t);
    assert_false(nohin_caption_parse_name("2019年度集計.csv", &k, &n, &t));
    assert_false(nohin_caption_parse_name("3_売上.csv", &k, &n, &t)); /* one bare part: no */
    /* Titles compare without spaces, '_' and file-name-illegal characters. */
    char *a = nohin_caption_title_key("地域別 出荷額/推移"),
         *b = nohin_caption_title_key("地域別_出荷額推移");
    assert_string_equal(a, b);
    g_free(a);
    g_free(b);
    /* The canonical name for a caption (what `clean` renames files to). */
    const char *pages[] = {"図2-1 地域別 出荷額/推移\nTable 3 Costs: \"A\""};
    nohin_captions *c = nohin_captions_from_pages(pages, 1);
    char *name = nohin_caption_file_name(c->items->pdata[0], "xlsx");
    assert_string_equal(name, "図2-1_地域別_出荷額_推移.xlsx");
    g_free(name);
    name = nohin_caption_file_name(c->items->pdata[1], NULL);
    assert_string_equal(name, "Table3_Costs___A_");
    g_free(name);
    assert_ptr_equal(nohin_captions_for_file_name(c, "図2-1.csv"), c->items->pdata[0]);
    assert_ptr_equal(nohin_captions_for_file_name(c, "表3_x.csv"), c->items->pdata[1]);
    assert_null(nohin_captions_for_file_name(c, "図3_x.csv"));
    nohin_captions_free(c);
}

static nohin_file *file_at(const char *path)
{
    nohin_file *f = g_new0(nohin_file, 1);
    f->path = g_path_get_basename(path);
    f->abspath = g_strdup(path);
    f->format = NOHIN_FMT_PDF;
    return f;
}

static void generated_report(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), *p = ts_path(dir, "report.pdf");
    assert_true(fx_bundle_report_pdf(p, false));
    assert_int_equal(ts_sh(NULL, "qpdf --check '%s' >/dev/null", p), 0);
    nohin_file *f = file_at(p);
    const nohin_captions *c = nohin_captions_of(f);
    assert_ptr_equal(c, nohin_captions_of(f)); /* cached */
    assert_int_equal(c->items->len, 4);
    static const struct {
        const char *kind, *number, *title;
        int page;
    } want[] = {{"図", "2-1", "地域別出荷額の推移", 4},
                {"表", "2-1", "業種別事業所数", 4},
                {"図", "2-2", "設備投資額の推移", 5},
                {"写真", "2-1", "調査対象工場の外観", 5}};
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
        const nohin_caption *cap = c->items->pdata[i];
        assert_string_equal(cap->kind, want[i].kind);
        assert_string_equal(cap->number, want[i].number);
        assert_string_equal(cap->title, want[i].title);
        assert_int_equal(cap->page, want[i].page);
        assert_int_equal(cap->toc_page, 2);
        assert_int_equal(cap->printed_page, want[i].page);
    }
    nohin_file_free(f);
    ts_rmtree(dir);
    g_free(p);
    g_free(dir);
}

static void check_lo_captions(const nohin_captions *c)
{
    assert_int_equal(c->items->len, 4);
    const nohin_caption *a = nohin_captions_find(c, "図", "1-1");
    assert_non_null(a);
    assert_string_equal(a->title, "地域別出荷額の推移");
    assert_int_equal(a->page, 2);
    assert_int_equal(a->toc_page, 1);
    assert_int_equal(a->printed_page, 2);
    const nohin_caption *b = nohin_captions_find(c, "表", "1-2");
    assert_non_null(b);
    assert_string_equal(b->title, "品目別輸出額");
    assert_int_equal(b->page, 2);
    const nohin_caption *d = nohin_captions_find(c, "図", "3-2");
    assert_non_null(d);
    assert_string_equal(d->title, "全角で書いた番号の図");
    assert_int_equal(d->page, 3);
    assert_int_equal(d->printed_page, 3);
    const nohin_caption *e = nohin_captions_find(c, "Figure", "2-1");
    assert_non_null(e);
    assert_string_equal(e->kind, "Figure");
    assert_string_equal(e->title, "Sales by region");
    assert_int_equal(e->page, 3);
}

/* A committed PDF exported by LibreOffice (fixtures/samples/lo_captions.md). */
static void libreoffice_sample(void **state)
{
    (void)state;
    char *p = g_build_filename(g_getenv("NOHIN_SOURCE_DIR"), "fixtures", "samples",
                               "lo_captions.pdf", NULL);
    nohin_file *f = file_at(p);
    check_lo_captions(nohin_captions_of(f));
    nohin_file_free(f);
    g_free(p);
}

/* The same, converted now from the committed .fodt and from a .docx we generate
 * (when LibreOffice is installed; CI without it uses the committed PDF above). */
static void libreoffice_live(void **state)
{
    (void)state;
    if (!ts_have("soffice")) skip();
    char *dir = ts_tmpdir();
    char *src = g_build_filename(g_getenv("NOHIN_SOURCE_DIR"), "fixtures", "samples",
                                 "lo_captions.fodt", NULL);
    char *docx = ts_path(dir, "report.docx");
    fx_docx_para paras[] = {
        {"第1章 概要", true},
        {"売上は図1-1に示すとおり増加した。", false},
        {"図1-1 売上の推移", false},
        {"表１．２　品目別の内訳", false},
    };
    fx_docx_opts o = {"報告書", FX_BUNDLE_ORG, 1, false};
    assert_true(fx_docx_write(docx, paras, 4, &o));
    int rc = ts_sh(NULL,
                   "cd '%s' && HOME='%s' timeout 180 soffice --headless --convert-to pdf '%s' "
                   "report.docx >/dev/null 2>&1",
                   dir, dir, src);
    assert_int_equal(rc, 0);
    char *pdf1 = ts_path(dir, "lo_captions.pdf"), *pdf2 = ts_path(dir, "report.pdf");
    nohin_file *f = file_at(pdf1);
    check_lo_captions(nohin_captions_of(f));
    nohin_file_free(f);
    f = file_at(pdf2);
    const nohin_captions *c = nohin_captions_of(f);
    assert_int_equal(c->items->len, 2);
    assert_non_null(nohin_captions_find(c, "図", "1-1"));
    assert_string_equal(nohin_captions_find(c, "表", "1-2")->title, "品目別の内訳");
    nohin_file_free(f);
    ts_rmtree(dir);
    g_free(dir);
    g_free(src);
    g_free(docx);
    g_free(pdf1);
    g_free(pdf2);
}

/* A caption line on a contents page (no dot leaders) refers to the figure: the body's
 * page is the figure's; a caption only in such a list keeps page 0. */
static void contents_page_without_leaders(void **state)
{
    (void)state;
    const char *pages[] = {
        "図表目次\n図4-2 都道府県別の事業所数の推移\n図9-1 本文にない図",
        "第4章\n図4-2 都道府県別の事業所数の推移",
    };
    nohin_captions *c = nohin_captions_from_pages(pages, 2);
    const nohin_caption *a = nohin_captions_find(c, "図", "4-2");
    assert_non_null(a);
    assert_int_equal(a->page, 2);
    assert_int_equal(a->toc_page, 1);
    const nohin_caption *b = nohin_captions_find(c, "図", "9-1");
    assert_non_null(b);
    assert_int_equal(b->page, 0);
    nohin_captions_free(c);
    /* near miss: a first page that is not a list keeps its captions as figures */
    const char *body[] = {"概要\n図1-1 売上の推移"};
    c = nohin_captions_from_pages(body, 1);
    assert_int_equal(nohin_captions_find(c, "図", "1-1")->page, 1);
    nohin_captions_free(c);
}

static void title_distance(void **state)
{
    (void)state;
    assert_true(nohin_caption_title_distance("地域別出荷額の推移", "地域別出荷額の推移") == 0.0);
    assert_true(nohin_caption_title_distance("地域別 出荷額の推移", "地域別出荷額の推移") == 0.0);
    assert_true(nohin_caption_title_distance("都道府県別事業所数の推移",
                                             "都道府県別の事業所数の推移") < 0.2);
    assert_true(nohin_caption_title_distance("全く別の内容", "地域別出荷額の推移") > 0.6);
    assert_true(nohin_caption_title_distance("", "x") == 1.0);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_lines),
        cmocka_unit_test(contents_merge_with_body),
        cmocka_unit_test(file_names),
        cmocka_unit_test(generated_report),
        cmocka_unit_test(libreoffice_sample),
        cmocka_unit_test(libreoffice_live),
        cmocka_unit_test(contents_page_without_leaders),
        cmocka_unit_test(title_distance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
