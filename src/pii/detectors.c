/* Validators and context scoring for each candidate the combined pattern finds.
 * Everything here reads the normalised text (st->n.out): ASCII digits, ASCII
 * letters, ' ' for every space, '-' for every dash. */
#define _GNU_SOURCE
#include <string.h>
#include <glib.h>
#include "pii_internal.h"

#define ARR(...) ((const char *const[]){__VA_ARGS__, NULL})

static bool has_word(const char *t, size_t from, size_t to, const char *const *words)
{
    if (to <= from) return false;
    for (int i = 0; words[i]; i++)
        if (memmem(t + from, to - from, words[i], strlen(words[i]))) return true;
    return false;
}

/* Words in the `bytes` before s (a kanji is 3 bytes). */
static bool before(const pii_state *st, size_t s, size_t bytes, const char *const *words)
{
    return has_word(st->n.out, s > bytes ? s - bytes : 0, s, words);
}

static bool after(const pii_state *st, size_t e, size_t bytes, const char *const *words)
{
    size_t to = e + bytes < st->n.len ? e + bytes : st->n.len;
    return has_word(st->n.out, e, to, words);
}

static bool starts_with(const pii_state *st, size_t at, const char *w)
{
    size_t n = strlen(w);
    return at + n <= st->n.len && memcmp(st->n.out + at, w, n) == 0;
}

static gunichar char_at(const pii_state *st, size_t at)
{
    if (at >= st->n.len) return 0;
    return g_utf8_get_char(st->n.out + at);
}

static size_t prev_start(const pii_state *st, size_t at)
{
    if (at == 0) return 0;
    const char *p = g_utf8_find_prev_char(st->n.out, st->n.out + at);
    return p ? (size_t)(p - st->n.out) : 0;
}

static bool is_kanji(gunichar c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005;
}

static bool is_kana(gunichar c)
{
    return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FC);
}

/* ---------- public places: a company's or an office's address is not personal ---------- */

static const char *const personal_place[] = {"住所", "自宅", "居住", "現住所",
                                             "本籍", "実家", NULL};
static const char *const public_place_before[] = {
    "本社", "本店",   "所在地",   "事業所",   "支社",     "支店", "営業所",
    "会場", "庁舎",   "事務所",   "株式会社", "有限会社", "工場", "研究所",
    "拠点", "開催地", "センター", "法人",     NULL};
static const char *const public_place_after[] = {
    "株式会社", "有限会社", "省",   "庁",     "役所", "役場", "大学", "本社", "支社",
    "事務所",   "センター", "会館", "ホール", "ビル", "協会", "法人", "組合", "研究所",
    "病院",     "工場",     "(株)", "ホテル", "公園", "駅",   NULL};

/* A contact block of an office ("問い合わせ先：経済産業省…構造統計室　電話…（内線…）
 * 〒100-8901 東京都…"): the address after the office, its desk and its phone is
 * the office's. A block that names no office (担当: 山田 太郎 …) stays personal. */
static const char *const contact_block[] = {
    "問い合わせ先", "問合せ先", "問い合せ先", "お問い合わせ", "お問合せ", "照会先", NULL};
static const char *const office_words[] = {
    "省",     "庁",       "局",   "課",   "室",   "グループ", "センター", "事務所",
    "事務局", "株式会社", "法人", "協会", "機構", "大学",     "研究所",   NULL};

static bool office_contact(const pii_state *st, size_t s)
{
    const char *t = st->n.out, *end = t + s, *last = NULL;
    for (int i = 0; contact_block[i]; i++) {
        size_t n = strlen(contact_block[i]);
        for (const char *p = t + (s > 160 ? s - 160 : 0); p < end; p += n) {
            p = memmem(p, (size_t)(end - p), contact_block[i], n);
            if (!p) break;
            if (!last || p > last) last = p;
        }
    }
    return last && has_word(t, (size_t)(last - t), s, office_words);
}

static bool public_place(const pii_state *st, size_t s, size_t e)
{
    if (before(st, s, 36, personal_place)) return false;
    return before(st, s, 36, public_place_before) || after(st, e, 60, public_place_after) ||
           office_contact(st, s);
}

static const char *const prefectures[] = {
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県",   "福島県", "茨城県",
    "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県",
    "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県",   "愛知県", "三重県",
    "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県",
    "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県",   "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県", NULL};

bool pii_is_prefecture(const char *t, size_t len)
{
    for (int i = 0; prefectures[i]; i++)
        if (strlen(prefectures[i]) == len && !memcmp(prefectures[i], t, len)) return true;
    return false;
}

/* ---------- digit runs: phone, My Number, card, licence, account, postal code ---------- */

typedef struct {
    char d[160];
    int nd;
    int glen[8];
    size_t gs[8], ge[8]; /* group ranges in the normalised text */
    int ng;
    bool intl, space, dash, paren;
} digits;

static void parse_digits(const pii_state *st, size_t s, size_t e, digits *x)
{
    memset(x, 0, sizeof *x);
    const char *t = st->n.out;
    size_t p = s;
    if (t[p] == '+') {
        x->intl = true;
        x->d[x->nd++] = '0';
        p += 3; /* +81 */
        if (p < e && (t[p] == '-' || t[p] == ' ')) p++;
    }
    while (p < e && x->ng < 8) {
        if (t[p] == '(') {
            x->paren = true;
            p++;
        }
        size_t gs = p;
        while (p < e && t[p] >= '0' && t[p] <= '9') {
            if (x->nd < (int)sizeof x->d - 1) x->d[x->nd++] = t[p];
            p++;
        }
        if (p > gs) {
            x->gs[x->ng] = gs;
            x->ge[x->ng] = p;
            x->glen[x->ng++] = (int)(p - gs);
        }
        if (p >= e) break;
        if (t[p] == ')') p++;
        if (p < e && t[p] == ' ') {
            x->space = true;
            p++;
        } else if (p < e && t[p] == '-') {
            x->dash = true;
            p++;
        } else if (starts_with(st, p, "ー")) {
            x->dash = true;
            p += 3;
        } else if (p < e && (t[p] < '0' || t[p] > '9') && t[p] != '(') {
            p++;
        }
    }
    x->d[x->nd] = '\0';
}

typedef enum { PH_NO, PH_PERSONAL, PH_FIXED, PH_DESK } phone_class;

static phone_class classify_phone(const digits *x)
{
    const char *d = x->d;
    if (x->nd < 10 || x->nd > 11 || d[0] != '0' || d[1] == '0') return PH_NO;
    /* Shape: contiguous, or 2-3 groups ending in the four-digit subscriber number. */
    if (x->ng == 3) {
        int first = x->glen[0] + (x->intl ? 1 : 0); /* +81 3 ...: the 0 is implied */
        if (x->glen[2] != 4 || first < 2 || first > 5 || x->glen[1] < 1 || x->glen[1] > 4)
            return PH_NO;
    } else if (x->ng == 2) {
        if (x->space || x->glen[1] < 6) return PH_NO;
    } else if (x->ng != 1) {
        return PH_NO;
    }
    if (g_str_has_prefix(d, "0120") || g_str_has_prefix(d, "0800") || g_str_has_prefix(d, "0570") ||
        g_str_has_prefix(d, "0990") || g_str_has_prefix(d, "0180"))
        return PH_DESK; /* toll-free, navi-dial, paid information services */
    bool mobile_prefix = (d[2] == '0' && strchr("256789", d[1]));
    /* 050 (IP phones) serve desks as often as people: scored like a fixed line. */
    if (x->nd == 11) return !mobile_prefix ? PH_NO : d[1] == '5' ? PH_FIXED : PH_PERSONAL;
    return mobile_prefix ? PH_NO : PH_FIXED;
}

/* Words that mark a number as an organisation's desk. "代表者" (a person) is not one. */
static const char *const desk_words[] = {
    "代表電話",   "代表番号", "代表:",  "(代表)", "代表 ", "窓口", "センター",     "ダイヤル",
    "問い合わせ", "問合せ",   "お問合", "事務局", "受付",  "相談", "ヘルプデスク", NULL};
/* A fixed line after a business's name (in the sentence or earlier in the table
 * row) is the business's number. Not applied to mobile numbers. */
static const char *const business_words[] = {
    "株式会社", "(株)",       "有限会社", "合同会社", "公社", "営業所", "支店",   "本店",
    "本社",     "事務所",     "ホテル",   "旅館",     "観光", "協会",   "組合",   "役場",
    "役所",     "会館",       "商店",     "商会",     "工業", "製作所", "研究所", "病院",
    "医院",     "クリニック", "大学",     "学校",     "法人", "県庁",   "都庁",   "府庁",
    "道庁",     "振興局",     "商工会",   NULL};
static const char *const mynumber_words[] = {"個人番号",  "マイナンバー", "My Number", "my number",
                                             "MY NUMBER", "MyNumber",     NULL};
static const char *const not_personal_number[] = {
    "法人番号", "注文",           "伝票",       "受付", "管理番号", "会員",     "口座",
    "追跡",     "問い合わせ番号", "問合せ番号", "証券", "品番",     "型番",     "JAN",
    "ISBN",     "電話",           "TEL",        "Tel",  "FAX",      "整理番号", "事業者番号",
    "登録番号", "契約番号",       "請求",       "発注", "案件番号", "No.",      NULL};

static bool iin_ok(const digits *x)
{
    const char *d = x->d;
    int n = x->nd;
    int p2 = (d[0] - '0') * 10 + (d[1] - '0');
    int p4 = p2 * 100 + (d[2] - '0') * 10 + (d[3] - '0');
    if (d[0] == '4') return n == 16 || n == 19;                               /* Visa */
    if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n == 16; /* Mastercard */
    if (p2 == 34 || p2 == 37) return n == 15;                                 /* American Express */
    if (p2 == 35) return n == 16;                                             /* JCB */
    if (p2 == 36 || p2 == 30 || p2 == 38) return n == 14;                     /* Diners */
    if (p4 == 6011 || p2 == 65) return n == 16;                               /* Discover */
    return false;
}

static bool card_shape(const digits *x)
{
    if (x->ng == 1) return true;
    if (x->ng == 4) return x->glen[0] == 4 && x->glen[1] == 4 && x->glen[2] == 4 && x->glen[3] >= 2;
    if (x->ng == 3) return x->glen[0] == 4 && x->glen[1] == 6 && x->glen[2] >= 4;
    return false;
}

static bool postal_then_address(const pii_state *st, size_t e)
{
    size_t p = e;
    while (p < st->n.len && st->n.out[p] == ' ')
        p++;
    for (int i = 0; prefectures[i]; i++)
        if (starts_with(st, p, prefectures[i])) return true;
    return false;
}

/* Returns true when the run was recognised as something (even something public). */
static bool classify_num(pii_state *st, size_t s, size_t e)
{
    digits x;
    parse_digits(st, s, e, &x);
    if (x.nd < 7) return false;
    /* 法人番号 is public: a valid one is never reported as anything. */
    if (x.nd == 13 && (x.ng == 1 || (x.ng == 4 && x.glen[0] == 1)) &&
        (pii_corporate_number_valid(x.d) || before(st, s, 45, ARR("法人番号"))))
        return true;
    phone_class pc = classify_phone(&x);
    if (pc == PH_DESK) return true;
    if (pc == PH_PERSONAL) {
        pii_emit(st, PII_PHONE, s, e, true, NULL);
        return true;
    }
    if (pc == PH_FIXED) {
        if (!before(st, s, 60, desk_words) && !before(st, s, 150, business_words) &&
            !after(st, e, 12, ARR("(代表)", "代表", "(内線")))
            pii_emit(st, PII_PHONE, s, e, false, NULL);
        return true;
    }
    bool four = x.ng == 3 && x.glen[0] == 4 && x.glen[1] == 4 && x.glen[2] == 4;
    if (x.nd == 12 && (x.ng == 1 || four)) {
        if (before(st, s, 60, ARR("免許"))) {
            pii_emit(st, PII_DRIVER_LICENSE, s, e, true, NULL);
            return true;
        }
        if (!pii_my_number_valid(x.d)) return false;
        bool ctx = before(st, s, 60, mynumber_words);
        if (!ctx && before(st, s, 36, not_personal_number)) return true;
        pii_emit(st, PII_MY_NUMBER, s, e, ctx, NULL);
        return true;
    }
    if (x.nd >= 14 && x.nd <= 19 && card_shape(&x) && iin_ok(&x) && pii_luhn_valid(x.d)) {
        bool ctx = before(st, s, 45, ARR("カード", "card", "Card", "CARD", "クレジット"));
        if (!ctx && before(st, s, 36, not_personal_number)) return true;
        pii_emit(st, PII_CARD, s, e, ctx, NULL);
        return true;
    }
    if (x.ng == 1 && (x.nd == 7 || x.nd == 8)) {
        bool ctx = x.nd == 7 ? before(st, s, 45, ARR("口座", "普通", "当座", "預金", "振込"))
                             : before(st, s, 45, ARR("ゆうちょ", "記号"));
        if (ctx) {
            pii_emit(st, PII_BANK_ACCOUNT, s, e, true, NULL);
            return true;
        }
    }
    if (x.ng == 2 && x.dash && x.glen[0] == 3 && x.glen[1] == 4 && postal_then_address(st, e)) {
        if (!public_place(st, s, e)) pii_emit(st, PII_POSTAL_CODE, s, e, true, NULL);
        return true;
    }
    return false;
}

static void on_num(pii_state *st, size_t s, size_t e)
{
    if (classify_num(st, s, e)) return;
    /* Space-separated table cells: each run on its own. */
    digits x;
    parse_digits(st, s, e, &x);
    if (!x.space || x.ng < 2) return;
    size_t a = s;
    for (size_t p = s; p <= e; p++) {
        if (p == e || st->n.out[p] == ' ') {
            if (p > a) classify_num(st, a, p);
            a = p + 1;
        }
    }
}

/* ---------- e-mail ---------- */

static const char *const role_locals[] = {
    "info",     "contact",   "support",   "admin",     "webmaster", "postmaster", "hostmaster",
    "sales",    "office",    "press",     "pr",        "koho",      "kouhou",     "kohou",
    "inquiry",  "inquiries", "toiawase",  "otoiawase", "noreply",   "no-reply",   "donotreply",
    "help",     "helpdesk",  "desk",      "service",   "jimu",      "jimukyoku",  "secretariat",
    "soumu",    "somu",      "recruit",   "saiyo",     "saiyou",    "hr",         "mail",
    "master",   "root",      "abuse",     "security",  "privacy",   "customer",   "cs",
    "team",     "staff",     "all",       "news",      "media",     "marketing",  "billing",
    "accounts", "ir",        "contactus", "feedback",  "system",    "general",    "reception",
    "event",    "seminar",   "query",     "opendata",  "kikaku",    NULL};
static const char *const file_tlds[] = {"png", "jpg",  "jpeg", "gif",  "svg", "pdf",  "xlsx",
                                        "xls", "docx", "doc",  "csv",  "txt", "html", "htm",
                                        "js",  "css",  "zip",  "webp", NULL};

static bool in_list(const char *s, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (!g_ascii_strcasecmp(s, list[i])) return true;
    return false;
}

static void on_email(pii_state *st, size_t s, size_t e)
{
    const char *t = st->n.out;
    const char *at = t + s; /* the pattern starts at '@'; the mailbox is before it */
    size_t ls = s;
    while (ls > 0 && s - ls < 64 &&
           (g_ascii_isalnum(t[ls - 1]) || strchr("._%+-", t[ls - 1]) != NULL))
        ls--;
    while (ls < s && !g_ascii_isalnum(t[ls]))
        ls++;
    if (ls == s) return;
    s = ls;
    char *local = g_ascii_strdown(t + s, at - (t + s));
    const char *dot = NULL;
    for (const char *p = t + e - 1; p > at; p--)
        if (*p == '.') {
            dot = p;
            break;
        }
    char *tld = dot ? g_strndup(dot + 1, (gsize)(t + e - dot - 1)) : g_strdup("");
    bool tld_ok = strlen(tld) >= 2;
    for (const char *p = tld; *p; p++)
        if (!g_ascii_isalpha(*p)) tld_ok = false;
    bool role = in_list(local, role_locals);
    /* info-jp@, support.tokyo@: a role word and a qualifier. */
    size_t cut = strcspn(local, "-_.+");
    if (!role && local[cut]) {
        char *head = g_strndup(local, cut);
        role = in_list(head, role_locals);
        g_free(head);
    }
    if (tld_ok && !in_list(tld, file_tlds) && !role) pii_emit(st, PII_EMAIL, s, e, true, NULL);
    g_free(local);
    g_free(tld);
}

/* ---------- dates of birth ---------- */

static int kanji_digit(gunichar c)
{
    static const char k[] = "〇一二三四五六七八九";
    int i = 0;
    for (const char *p = k; *p; p = g_utf8_next_char(p), i++)
        if (g_utf8_get_char(p) == c) return i;
    return -1;
}

/* Reads numbers (arabic or kanji, 元 = 1) out of a date, in order. */
static int date_numbers(const pii_state *st, size_t s, size_t e, int *out, int max)
{
    int n = 0, cur = -1, tens = 0;
    bool kanji = false;
    for (const char *p = st->n.out + s; p < st->n.out + e && n < max; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        int kd = kanji_digit(c);
        if (c >= '0' && c <= '9') {
            cur = (cur < 0 ? 0 : cur) * 10 + (int)(c - '0');
        } else if (kd >= 0) {
            kanji = true;
            cur = (cur < 0 ? 0 : cur) * 10 + kd;
        } else if (c == 0x5341) { /* 十 */
            kanji = true;
            tens += (cur <= 0 ? 1 : cur) * 10;
            cur = 0;
        } else if (c == 0x5143) { /* 元 */
            cur = 1;
        } else if (cur >= 0 || tens) {
            out[n++] = tens + (cur < 0 ? 0 : cur);
            cur = -1;
            tens = 0;
        }
    }
    if ((cur >= 0 || tens) && n < max) out[n++] = tens + (cur < 0 ? 0 : cur);
    (void)kanji;
    return n;
}

static bool birth_context(const pii_state *st, size_t s, size_t e)
{
    if (before(st, s, 40, ARR("生年月日", "誕生日", "生まれ", "出生", "誕生", "DOB", "Birth")))
        return true;
    size_t p = e;
    while (p < st->n.len && (st->n.out[p] == ' ' || st->n.out[p] == ')'))
        p++;
    if (starts_with(st, p, "生まれ") || starts_with(st, p, "出生")) return true;
    if (!starts_with(st, p, "生")) return false;
    gunichar next = char_at(st, p + 3);
    return !(is_kanji(next) || is_kana(next));
}

static void on_date(pii_state *st, size_t s, size_t e, bool wareki)
{
    int v[4];
    int n = date_numbers(st, s, e, v, 4);
    if (n < 3) return;
    int y = v[n - 3], m = v[n - 2], d = v[n - 1];
    if (m < 1 || m > 12 || d < 1 || d > 31) return;
    if (wareki && (y < 1 || y > 64)) return;
    /* A birth date lies between 1900 and now; 2035-04-01 is a deadline. */
    GDateTime *now = g_date_time_new_now_utc();
    int this_year = g_date_time_get_year(now);
    g_date_time_unref(now);
    if (!wareki && (y < 1900 || y > this_year)) return;
    if (!birth_context(st, s, e)) return;
    pii_emit(st, PII_BIRTHDATE, s, e, true, NULL);
}

/* ---------- names ---------- */

#define MAXRUN 8

/* Kanji characters ending right before `end` (at most MAXRUN), as char starts. */
static int run_before(const pii_state *st, size_t end, size_t *cs)
{
    size_t tmp[MAXRUN + 1];
    int n = 0;
    size_t p = end;
    while (p > 0 && n < MAXRUN) {
        size_t q = prev_start(st, p);
        if (!is_kanji(char_at(st, q))) break;
        tmp[n++] = q;
        p = q;
    }
    for (int i = 0; i < n; i++)
        cs[i] = tmp[n - 1 - i];
    cs[n] = end;
    return n;
}

static const char *const titles[] = {
    "部長", "課長", "社長", "会長", "教授",   "准教授", "理事長", "理事", "所長",
    "室長", "局長", "係長", "主任", "委員長", "委員",   "議員",   "専務", "常務",
    "院長", "校長", "店長", "代表", "審議官", "参事官", "副社長", NULL};

/* The longest tail of the run cs[0..n) that is surname (+ given name).
 * strict: a given name must be in the dictionary. Returns the start index or -1. */
static int name_in_run(const pii_state *st, const size_t *cs, int n, bool strict)
{
    const char *t = st->n.out;
    for (int i = 0; i < n; i++) {
        for (int j = 1; j <= 4 && i + j <= n; j++) {
            if (!pii_is_surname(t + cs[i], cs[i + j] - cs[i])) continue;
            int gl = n - i - j;
            if (gl == 0) {
                /* A one-kanji surname (森, 林) only when it is the whole run. */
                if (j >= 2 || (i == 0 && n == 1)) return i;
                continue;
            }
            if (strict && j == 1 && gl == 1) continue; /* 社長, 校長: too ambiguous */
            if (gl > 3) continue;
            if (pii_is_given_name(t + cs[i + j], cs[n] - cs[i + j]) || (!strict && gl <= 2))
                return i;
        }
    }
    return -1;
}

static void emit_name(pii_state *st, size_t ns, size_t ne, size_t suffix_end)
{
    if (st->have_last_name && st->last_name_start == ns) return;
    st->have_last_name = true;
    st->last_name_start = ns;
    char *suffix = NULL;
    if (suffix_end > ne) {
        size_t os = st->n.oend[ne - 1], oe = st->n.oend[suffix_end - 1];
        suffix = g_strndup(st->orig + os, oe - os);
    }
    pii_emit(st, PII_PERSON_NAME, ns, ne, true, suffix);
    g_free(suffix);
}

static void on_honorific(pii_state *st, size_t s, size_t e)
{
    gunichar next = char_at(st, e);
    if (starts_with(st, s, "様") && next && g_utf8_strchr("式子相々態", -1, next)) return;
    if (starts_with(st, s, "氏") && next && g_utf8_strchr("名族", -1, next)) return;
    if (starts_with(st, s, "殿") && next && g_utf8_strchr("堂下様", -1, next)) return;
    if (starts_with(st, s, "教授") && next && g_utf8_strchr("会陣法", -1, next)) return;
    if (starts_with(st, s, "君") && next && g_utf8_strchr("主臨", -1, next)) return;
    size_t end = s;
    if (end > 0 && st->n.out[end - 1] == ' ') end--;
    size_t cs[MAXRUN + 1];
    int n = run_before(st, end, cs);
    if (n == 0) return;
    /* 山田部長様: the title goes with the honorific. */
    for (int i = 0; titles[i]; i++) {
        size_t tl = strlen(titles[i]);
        if (n >= 2 && cs[n] - cs[0] > tl && !memcmp(st->n.out + cs[n] - tl, titles[i], tl)) {
            int k = n;
            while (k > 0 && cs[n] - cs[k] < tl)
                k--;
            if (cs[n] - cs[k] == tl && k > 0) n = k;
            break;
        }
    }
    size_t name_end = cs[n];
    /* 山田 太郎 様: surname, a space, a given name. */
    if (cs[0] > 1 && st->n.out[cs[0] - 1] == ' ' &&
        pii_is_given_name(st->n.out + cs[0], name_end - cs[0])) {
        size_t cs1[MAXRUN + 1];
        int n1 = run_before(st, cs[0] - 1, cs1);
        for (int i = 0; i < n1; i++) {
            if (pii_is_surname(st->n.out + cs1[i], cs1[n1] - cs1[i])) {
                emit_name(st, cs1[i], name_end, e);
                return;
            }
        }
    }
    int i = name_in_run(st, cs, n, true);
    if (i < 0) return;
    /* 源氏物語, 氏神: a one-kanji "name" with a word glued after the honorific. */
    if (name_end - cs[i] <= 3 && is_kanji(next)) return;
    emit_name(st, cs[i], name_end, e);
}

static void on_label(pii_state *st, size_t s, size_t e)
{
    (void)s;
    size_t p = e;
    gunichar next = char_at(st, p);
    if (next && g_utf8_strchr("数率欄名等別のはがをにとやへ様各一全", -1, next)) return;
    /* 氏名(名): the given-name column of a name split over 姓 | 名. */
    bool given = starts_with(st, p, "(名)");
    if (given) p += strlen("(名)");
    /* A label in the cell to the left may be a header beside another header
     * (連絡先 | 所属): across a cell boundary the name must be a known full name.
     * The check's column-header context ends in ':' and reads as in text. */
    bool other_cell = false;
    while (p < st->n.len &&
           (st->n.out[p] == ' ' || st->n.out[p] == '\t' || st->n.out[p] == ':' ||
            st->n.out[p] == '-' || st->n.out[p] == '=' || starts_with(st, p, "・"))) {
        if (st->n.out[p] == '\t' && p > 0 && st->n.out[p - 1] != ':') other_cell = true;
        p += st->n.out[p] & 0x80 ? 3 : 1;
    }
    /* A kanji run (surname, optionally a space and a given name)... */
    size_t cs[MAXRUN + 1];
    int n = 0;
    size_t q = p;
    while (q < st->n.len && n < MAXRUN && is_kanji(char_at(st, q))) {
        cs[n++] = q;
        q = (size_t)(g_utf8_next_char(st->n.out + q) - st->n.out);
    }
    cs[n] = q;
    /* 氏名 over a column that holds companies or offices: 山田商店, 佐藤工業(株). */
    size_t tok = p;
    while (tok < st->n.len && !strchr(" \t\n,", st->n.out[tok]) && !starts_with(st, tok, "、") &&
           !starts_with(st, tok, "。"))
        tok++;
    if (has_word(st->n.out, p, tok, business_words) ||
        has_word(st->n.out, p, tok,
                 ARR("会社", "商事", "商店", "省", "庁", "協会", "機構", "財団", "Inc", "Ltd")))
        return;
    if (n > 0 && given && n <= 4 && !is_kanji(char_at(st, q)) &&
        (q >= st->n.len || strchr(" \t\n", st->n.out[q])) &&
        pii_is_given_name(st->n.out + p, q - p)) {
        emit_name(st, p, q, q);
        return;
    }
    if (given) return; /* 東京 under 名 is no name (after 氏名 it reads as 東 + 京) */
    if (n > 0) {
        if (n <= 4 && q + 1 < st->n.len && st->n.out[q] == ' ' && is_kanji(char_at(st, q + 1)) &&
            pii_is_surname(st->n.out + p, q - p)) {
            size_t r = q + 1;
            int m = 0;
            while (r < st->n.len && m < 4 && is_kanji(char_at(st, r))) {
                m++;
                r = (size_t)(g_utf8_next_char(st->n.out + r) - st->n.out);
            }
            if (!is_kanji(char_at(st, r))) {
                emit_name(st, p, r, r);
                return;
            }
        }
        if (n <= 7 && name_in_run(st, cs, n, other_cell) == 0) emit_name(st, p, q, q);
        return;
    }
    /* ...or katakana words separated by a space or ・ (ヤマダ タロウ). */
    size_t r = p;
    int words = 0, len = 0;
    while (r < st->n.len) {
        gunichar c = char_at(st, r);
        if (c >= 0x30A1 && c <= 0x30FC && c != 0x30FB) {
            len++;
        } else if ((c == ' ' || c == 0x30FB) && len >= 2 && words == 0) {
            words++;
            len = 0;
        } else {
            break;
        }
        r = (size_t)(g_utf8_next_char(st->n.out + r) - st->n.out);
    }
    if (words == 1 && len >= 2) emit_name(st, p, r, r);
}

/* ---------- dispatch ---------- */

void pii_handle(pii_state *st, pii_group g, size_t s, size_t e)
{
    switch (g) {
    case G_EMAIL:
        on_email(st, s, e);
        break;
    case G_WAREKI:
    case G_WESTERN:
        on_date(st, s, e, g == G_WAREKI);
        break;
    case G_POSTAL:
        if (!public_place(st, s, e)) pii_emit(st, PII_POSTAL_CODE, s, e, true, NULL);
        break;
    case G_PASSPORT:
        if (before(st, s, 60, ARR("旅券", "パスポート", "passport", "Passport", "PASSPORT")))
            pii_emit(st, PII_PASSPORT, s, e, true, NULL);
        break;
    case G_NUM:
        on_num(st, s, e);
        break;
    case G_ADDR:
        if (!public_place(st, s, e)) pii_emit(st, PII_ADDRESS, s, e, true, NULL);
        break;
    case G_LABEL:
        on_label(st, s, e);
        break;
    case G_HON:
        on_honorific(st, s, e);
        break;
    default:
        break;
    }
}
