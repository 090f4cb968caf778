/* Column headers that name a personal attribute (氏名, 生年月日, 旅券番号, Name,
 * Date of birth…). In a table the header is the context of every cell below it:
 * the check hands the detector a canonical label word before the cell, so each
 * kind still validates its value (a plausible date, two letters and seven
 * digits) exactly as it does after a label in running text. */
#include <string.h>
#include <glib.h>
#include "pii.h"

typedef struct {
    const char *spelling; /* NFKC, no spaces or brackets, ASCII lower-cased */
    const char *context;  /* label word the detectors know */
} header;

static const header headers[] = {{"氏名", "氏名:"},
                                 {"名前", "氏名:"},
                                 {"お名前", "氏名:"},
                                 {"氏名漢字", "氏名:"},
                                 {"漢字氏名", "氏名:"},
                                 {"担当者", "氏名:"},
                                 {"担当者名", "氏名:"},
                                 {"担当者氏名", "氏名:"},
                                 {"出張者", "氏名:"},
                                 {"出張者名", "氏名:"},
                                 {"出張者氏名", "氏名:"},
                                 {"回答者", "氏名:"},
                                 {"回答者名", "氏名:"},
                                 {"回答者氏名", "氏名:"},
                                 {"参加者", "氏名:"},
                                 {"参加者名", "氏名:"},
                                 {"参加者氏名", "氏名:"},
                                 {"申請者", "氏名:"},
                                 {"申請者氏名", "氏名:"},
                                 {"代表者", "氏名:"},
                                 {"代表者氏名", "氏名:"},
                                 {"記入者", "氏名:"},
                                 {"作成者", "氏名:"},
                                 {"社員名", "氏名:"},
                                 {"職員名", "氏名:"},
                                 {"従業員名", "氏名:"},
                                 {"講師名", "氏名:"},
                                 {"委員名", "氏名:"},
                                 {"受講者名", "氏名:"},
                                 {"フリガナ", "氏名:"},
                                 {"ふりがな", "氏名:"},
                                 {"氏名カナ", "氏名:"},
                                 {"カナ氏名", "氏名:"},
                                 /* a name split over two columns: 姓 | 名 */
                                 {"姓", "氏名:"},
                                 {"氏", "氏名:"},
                                 {"苗字", "氏名:"},
                                 {"名字", "氏名:"},
                                 {"姓名", "氏名:"},
                                 {"名", PII_GIVEN_NAME_LABEL},
                                 {"lastname", "氏名:"},
                                 {"surname", "氏名:"},
                                 {"familyname", "氏名:"},
                                 {"firstname", PII_GIVEN_NAME_LABEL},
                                 {"givenname", PII_GIVEN_NAME_LABEL},
                                 {"name", "氏名:"},
                                 {"fullname", "氏名:"},
                                 {"staff", "氏名:"},
                                 {"staffname", "氏名:"},
                                 {"contactperson", "氏名:"},
                                 {"respondent", "氏名:"},
                                 {"traveler", "氏名:"},
                                 {"traveller", "氏名:"},
                                 {"生年月日", "生年月日:"},
                                 {"誕生日", "生年月日:"},
                                 {"dateofbirth", "生年月日:"},
                                 {"birthdate", "生年月日:"},
                                 {"birthday", "生年月日:"},
                                 {"dob", "生年月日:"},
                                 {"住所", "住所:"},
                                 {"現住所", "住所:"},
                                 {"自宅住所", "住所:"},
                                 {"居所", "住所:"},
                                 {"address", "住所:"},
                                 {"homeaddress", "住所:"},
                                 /* an organisation's address column: the detectors read
                                  * 所在地 before an address as a public place */
                                 {"所在地", "所在地:"},
                                 {"本社所在地", "所在地:"},
                                 {"本店所在地", "所在地:"},
                                 {"事業所所在地", "所在地:"},
                                 {"施設所在地", "所在地:"},
                                 {"会場", "所在地:"},
                                 {"開催場所", "所在地:"},
                                 {"電話", PII_PHONE_LABEL},
                                 {"電話番号", PII_PHONE_LABEL},
                                 {"携帯", PII_PHONE_LABEL},
                                 {"携帯電話", PII_PHONE_LABEL},
                                 {"携帯番号", PII_PHONE_LABEL},
                                 {"携帯電話番号", PII_PHONE_LABEL},
                                 {"自宅電話", PII_PHONE_LABEL},
                                 {"自宅電話番号", PII_PHONE_LABEL},
                                 {"連絡先", PII_PHONE_LABEL},
                                 {"連絡先電話番号", PII_PHONE_LABEL},
                                 {"緊急連絡先", PII_PHONE_LABEL},
                                 {"tel", PII_PHONE_LABEL},
                                 {"phone", PII_PHONE_LABEL},
                                 {"phonenumber", PII_PHONE_LABEL},
                                 {"telephone", PII_PHONE_LABEL},
                                 {"mobile", PII_PHONE_LABEL},
                                 {"mobilephone", PII_PHONE_LABEL},
                                 {"メール", "メール:"},
                                 {"メールアドレス", "メール:"},
                                 {"eメール", "メール:"},
                                 {"email", "メール:"},
                                 {"e-mail", "メール:"},
                                 {"emailaddress", "メール:"},
                                 {"e-mailaddress", "メール:"},
                                 {"個人番号", "個人番号:"},
                                 {"マイナンバー", "個人番号:"},
                                 {"mynumber", "個人番号:"},
                                 {"旅券番号", "旅券番号:"},
                                 {"旅券", "旅券番号:"},
                                 {"パスポート", "旅券番号:"},
                                 {"パスポート番号", "旅券番号:"},
                                 {"passport", "旅券番号:"},
                                 {"passportno", "旅券番号:"},
                                 {"passportnumber", "旅券番号:"},
                                 {"免許証番号", "免許証番号:"},
                                 {"運転免許証番号", "免許証番号:"},
                                 {"免許番号", "免許証番号:"},
                                 {"driver'slicense", "免許証番号:"},
                                 {"driverslicense", "免許証番号:"},
                                 {"driver'slicence", "免許証番号:"},
                                 {"licensenumber", "免許証番号:"},
                                 {"口座番号", "口座番号:"},
                                 {"振込先口座", "口座番号:"},
                                 {"振込口座", "口座番号:"},
                                 {"accountnumber", "口座番号:"},
                                 {"bankaccount", "口座番号:"},
                                 {NULL, NULL}};

/* Brackets whose content is a note: ([{【〔「 and )]}】〕」. */

/* Spelling -> context, built once (the table is asked about every cell). */
static gpointer build_index(gpointer unused)
{
    (void)unused;
    GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
    for (int i = 0; headers[i].spelling; i++)
        if (!g_hash_table_contains(h, headers[i].spelling)) /* the first one wins */
            g_hash_table_insert(h, (gpointer)headers[i].spelling, (gpointer)headers[i].context);
    return h;
}

/* True when every character is printable ASCII, hiragana, katakana (not the
 * half-width forms), a CJK unified ideograph or the CJK punctuation 、。〈〉《》「」
 * 『』【】: none has a compatibility or canonical mapping and none composes with
 * its neighbour, so the text is its own NFKC form (the same set as
 * normalize.c's fast path). No NUL, no invalid UTF-8. */
static bool nfkc_identity(const char *t, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char b = (unsigned char)t[i];
        if (b >= 0x20 && b < 0x7F) {
            i++;
            continue;
        }
        if ((b & 0xF0) != 0xE0 || i + 2 >= len || ((unsigned char)t[i + 1] & 0xC0) != 0x80 ||
            ((unsigned char)t[i + 2] & 0xC0) != 0x80)
            return false;
        gunichar c = ((gunichar)(b & 0x0F) << 12) | ((gunichar)(t[i + 1] & 0x3F) << 6) |
                     (gunichar)(t[i + 2] & 0x3F);
        if (!((c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FC) ||
              (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3001 && c <= 0x3006) ||
              (c >= 0x3008 && c <= 0x3011)))
            return false;
        i += 3;
    }
    return true;
}

/* The length of one or two ASCII digits ending a text after something else
 * (住所1, 電話番号2, 携帯12); 0 otherwise (品目00001, 2024, C-0001 stay data). */
static size_t trailing_number(const char *t, size_t len)
{
    size_t n = 0;
    while (n < len && n < 3 && g_ascii_isdigit(t[len - 1 - n]))
        n++;
    if (n == 0 || n > 2 || n == len) return 0;
    unsigned char b = (unsigned char)t[len - 1 - n];
    return b == '-' || b == '_' || b == '.' || b == '/' ? 0 : n;
}

const char *pii_header_context(const char *text, size_t len)
{
    if (len == 0 || len > 96) return NULL;
    /* Most cells hold only ASCII, kana and kanji, which NFKC leaves as they are:
     * they are used as they stand (a data column costs no normalisation). */
    char stable[97];
    char *n = NULL;
    if (nfkc_identity(text, len)) {
        /* No spelling holds a digit, and a digit outside brackets stays in the
         * key: a data cell (品目00001, C-0001, 2024年度) is answered at once. */
        bool digit = false, bracket = false;
        size_t tail = trailing_number(text, len); /* 住所1, 電話番号2: a numbered header */
        for (size_t i = 0; i < len - tail; i++) {
            unsigned char b = (unsigned char)text[i];
            digit |= b >= '0' && b <= '9';
            bracket |= b == '(' || b == '[' || b == '{';
            if (b == 0xE3 && i + 2 < len && (unsigned char)text[i + 1] == 0x80) {
                unsigned char c = (unsigned char)text[i + 2]; /* 「 【 〔 */
                bracket |= c == 0x8C || c == 0x90 || c == 0x94;
            }
        }
        if (digit && !bracket) return NULL;
        memcpy(stable, text, len);
        stable[len] = '\0';
    } else {
        n = g_utf8_normalize(text, (gssize)len, G_NORMALIZE_NFKC);
        if (!n) return NULL;
    }
    /* Keep letters, digits and the rest; drop spaces, bracketed notes ((漢字), [必須])
     * and a trailing colon or "No." mark. */
    GString *k = g_string_new(NULL);
    int depth = 0;
    for (const char *p = n ? n : stable; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == '(' || c == '[' || c == '{' || c == 0x3010 || c == 0x3014 || c == 0x300C) {
            depth++;
            continue;
        }
        if (c == ')' || c == ']' || c == '}' || c == 0x3011 || c == 0x3015 || c == 0x300D) {
            if (depth > 0) depth--;
            continue;
        }
        if (depth > 0 || g_unichar_isspace(c) || c == 0x3000 || c == '_' || c == '*' || c == 0x203B)
            continue;
        g_string_append_unichar(k, g_unichar_tolower(c));
    }
    g_free(n);
    while (k->len > 0 && strchr(":.#", k->str[k->len - 1]))
        g_string_truncate(k, k->len - 1);
    if (g_str_has_suffix(k->str, "no") && k->len > 2 && !g_str_has_suffix(k->str, "passportno"))
        g_string_truncate(k, k->len - 2);
    while (k->len > 0 && strchr(":.#", k->str[k->len - 1]))
        g_string_truncate(k, k->len - 1);
    g_string_truncate(k, k->len - trailing_number(k->str, k->len));
    static GOnce once = G_ONCE_INIT;
    const char *out = g_hash_table_lookup(g_once(&once, build_index, NULL), k->str);
    g_string_free(k, TRUE);
    return out;
}
