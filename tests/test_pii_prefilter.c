/* The personal-data pre-filter (src/pii/prefilter.c) leaves a cell unscanned
 * only when scanning it could not report anything. Checked against the full
 * scan itself: cells and rows built from labels, honorifics, names, phone
 * numbers, dates, addresses and e-mail addresses (split across cells, in
 * full-width forms, with combining marks), each scanned with and without the
 * shortcut; the hits must be the same, and both verdicts must occur. */
#include <string.h>
#include "test_support.h"
#include "pii/pii_internal.h"

typedef struct {
    GString *s;
    int n;
} hits;

static bool record(const pii_hit *h, void *user)
{
    hits *r = user;
    g_string_append_printf(r->s, "%d %zu %zu %d %s|", h->kind, h->start, h->end, h->context,
                           h->masked);
    r->n++;
    return true;
}

/* Scans with and without the shortcut; fails if they differ. Returns the number
 * of hits, and whether the pre-filter let the text go. */
static int compare(const char *context, const char *text, bool *skipped)
{
    size_t cl = context ? strlen(context) : 0, tl = strlen(text);
    hits a = {g_string_new(NULL), 0}, b = {g_string_new(NULL), 0};
    pii_scan_with_context(context, cl, text, tl, record, &a);
    pii_scan_with_context_full(context, cl, text, tl, record, &b);
    *skipped = pii_piece_cannot_hit(context, cl, text, tl);
    if (strcmp(a.s->str, b.s->str) || (*skipped && b.n))
        fail_msg("context [%s] text [%s]: with the pre-filter [%s], full scan [%s]",
                 context ? context : "", text, a.s->str, b.s->str);
    g_string_free(a.s, TRUE);
    g_string_free(b.s, TRUE);
    return b.n;
}

/* Cells that must be scanned (each gives a hit), and data cells that need not. */
static void known_cells(void **state)
{
    (void)state;
    static const char *const must_hit[][2] = {
        {"氏名\t", "山田太郎"},               /* label in the cell to the left */
        {"氏名:", "山田 太郎"},               /* column header context */
        {"担当者・\t", "佐藤花子"},           /* label, separators, name */
        {NULL, "山田太郎様"},                 /* honorific */
        {"電話\t", "090-1234-5678"},          /* mobile */
        {NULL, "０９０－１２３４－５６７８"}, /* full-width */
        {NULL, "yamada.taro@example.co.jp"},
        {"生年月日\t", "昭和60年4月12日"},
        {"生年月日\t", "1985/04/12"},
        {"住所\t", "東京都千代田区霞が関1-2-3"},
        {"旅券番号\t", "TK1234567"},
        {"個人番号\t", "123456789018"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(must_hit); i++) {
        bool skipped;
        if (compare(must_hit[i][0], must_hit[i][1], &skipped) == 0)
            fail_msg("%s%s: no hit", must_hit[i][0] ? must_hit[i][0] : "", must_hit[i][1]);
        assert_false(skipped);
    }
    /* The bench workbook's text cells after their row. */
    static const char *const data[][2] = {{"1\t43832\t", "大阪"},
                                          {"1\t43832\t大阪\t", "品目00001"},
                                          {"1\t43832\t大阪\t品目00001\t919\t47.29\t0\t", "C-0001"},
                                          {"", "名古屋"},
                                          {NULL, "区分"}};
    for (size_t i = 0; i < G_N_ELEMENTS(data); i++) {
        bool skipped;
        assert_int_equal(compare(data[i][0], data[i][1], &skipped), 0);
        assert_true(skipped);
    }
}

static const char *const pieces[] = {
    /* labels, header contexts, honorifics, names */
    "氏名", "担当者", "回答者", "代表者", "記入者", "連絡先", "お名前", "名前", "申請者", "申込者",
    "出張者", "氏名:", "生年月日:", "住所:", "電話:", "メール:", "個人番号:", "旅券番号:",
    "免許証番号:", "口座番号:", "様", "殿", "氏", "さん", "君", "くん", "先生", "教授", "准教授",
    "部長", "課長", "社長", "理事長", "山田", "太郎", "佐藤", "花子", "鈴木", "一郎", "森", "林",
    "ヤマダ", "タロウ", "氏族", "様式",
    /* separators, spaces, dashes in several forms */
    " ", "\t", ":", "：", "-", "=", "・", "　", "－", "‐", "−", "･", "ー", ".", "/", ",", "(", ")",
    /* digits and numbers */
    "0", "1", "2", "3", "5", "7", "8", "9", "00", "090", "1234", "5678", "0120", "03", "(03)", "(0",
    "+81", "+8", "526018159084", "4111111111111111", "1234567", "12345678", "1985", "2020", "1899",
    "19", "20", "18", "０", "１", "９", "１２３４", "①",
    /* dates */
    "昭和", "平成", "令和", "明治", "大正", "S", "H", "R", "M", "T", "年", "月", "日", "元", "一",
    "十", "二", "㍻", "生まれ", "誕生日",
    /* e-mail */
    "@", "example.com", "taro", "info", "co.jp", "＠", "ｘ",
    /* addresses and postal codes */
    "東京都", "大阪府", "神奈川県", "北海道", "千代田区", "市", "丁目", "番地", "番", "号", "〒",
    "〶", "100-0001", "東京", "大阪", "名古屋",
    /* passport, context words, business words */
    "TK", "AB", "旅券", "パスポート", "口座", "普通", "免許", "電話", "個人番号", "株式会社",
    "品目", "C-", "Tel", "No.",
    /* whole values */
    "山田太郎", "佐藤 花子", "090-1234-5678", "03-1234-5678", "yamada@example.com",
    "昭和60年4月12日", "S60.4.12", "1985年4月12日", "東京都千代田区霞が関1-2-3", "〒100-0001",
    "TK1234567", "123456789018",
    /* forms the filter does not know: combining marks, half-width kana, Latin-1, bad UTF-8 */
    "か\xe3\x82\x99", "ｶﾞ", "é", "\xff", "\xe3\x81", "\xcc\x81", "x", "Q", "z"};

static void random_text(GRand *rnd, GString *out, int max_pieces)
{
    int n = g_rand_int_range(rnd, 0, max_pieces + 1);
    for (int i = 0; i < n; i++)
        g_string_append(out, pieces[g_rand_int_range(rnd, 0, G_N_ELEMENTS(pieces))]);
}

/* Rows as the check builds them: earlier cells, each followed by a tab, then
 * perhaps a column header's label word; or a plain paragraph before. */
static void random_rows(void **state)
{
    (void)state;
    GRand *rnd = g_rand_new_with_seed(20261206);
    GString *ctx = g_string_new(NULL), *text = g_string_new(NULL);
    int skipped_n = 0, scanned_hits = 0, trials = 100000;
    for (int t = 0; t < trials; t++) {
        g_string_truncate(ctx, 0);
        g_string_truncate(text, 0);
        int cells = g_rand_int_range(rnd, 0, 4);
        for (int c = 0; c < cells; c++) {
            random_text(rnd, ctx, 3);
            g_string_append_c(ctx, '\t');
        }
        if (g_rand_int_range(rnd, 0, 4) == 0) random_text(rnd, ctx, 2);
        random_text(rnd, text, 4);
        bool skipped;
        int n = compare(ctx->len || g_rand_boolean(rnd) ? ctx->str : NULL, text->str, &skipped);
        skipped_n += skipped;
        if (!skipped) scanned_hits += n;
    }
    g_string_free(ctx, TRUE);
    g_string_free(text, TRUE);
    g_rand_free(rnd);
    /* Both verdicts occur often, and scanned cells do hit. */
    print_message("%d rows: %d left unscanned, %d hits in the scanned ones\n", trials, skipped_n,
                  scanned_hits);
    assert_true(skipped_n > trials / 10);
    assert_true(scanned_hits > trials / 20);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_cells),
        cmocka_unit_test(random_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
