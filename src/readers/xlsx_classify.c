/* Text classification for DATA-* and CSV-FORMULA (see xlsx_classify.h). */
#include <string.h>
#include "xlsx_classify.h"

bool nohin_text_blank(const char *s)
{
    if (!s) return true;
    const char *a = s;
    while (*a == ' ' || *a == '\t' || *a == '\r' || *a == '\n')
        a++;
    if (!*a) return true;
    if ((unsigned char)*a < 0x80) return false; /* an ASCII non-blank */
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char_validated(p, -1);
        if (c == (gunichar)-1 || c == (gunichar)-2) return false;
        if (!g_unichar_isspace(c) && c != 0x3000) return false;
    }
    return true;
}

/* Plain ASCII number after NFKC: [+-]digits[,digits]*[.digits][%]. */
static bool ascii_number(const char *s, bool allow_leading_zero)
{
    const char *p = s;
    if (*p == '+' || *p == '-') p++;
    const char *digits = p;
    int nd = 0;
    bool comma = false;
    while (g_ascii_isdigit(*p) || (*p == ',' && nd > 0)) {
        if (*p == ',')
            comma = true;
        else
            nd++;
        p++;
    }
    if (nd == 0) return false;
    if (p[-1] == ',') return false;
    if (*p == '.') {
        p++;
        int nf = 0;
        while (g_ascii_isdigit(*p))
            p++, nf++;
        if (nf == 0) return false;
    }
    if (*p == '%') p++;
    if (*p) return false;
    /* "00123" is an identifier (postal code, code list) kept as text on purpose. */
    if (!allow_leading_zero && !comma && digits[0] == '0' && g_ascii_isdigit(digits[1]))
        return false;
    return true;
}

bool nohin_text_is_number(const char *s)
{
    if (!s || !*s) return false;
    /* Fast exits: a number starts with a sign or a digit (ASCII, or full-width
     * and U+2212 which start with 0xEF / 0xE2), possibly after blanks. */
    const unsigned char c0 = (unsigned char)s[0];
    if (!(g_ascii_isdigit(c0) || c0 == '+' || c0 == '-' || c0 == ' ' || c0 == 0xEF || c0 == 0xE2 ||
          c0 == 0xE3))
        return false;
    bool ascii = true;
    size_t len = 0;
    for (const char *p = s; *p; p++, len++)
        if ((unsigned char)*p >= 0x80) ascii = false;
    if (len > 64) return false;
    if (ascii) {
        if (s[0] != ' ' && s[len - 1] != ' ') return ascii_number(s, false);
        char *t = g_strstrip(g_strdup(s));
        bool r = ascii_number(t, false);
        g_free(t);
        return r;
    }
    if (!g_utf8_validate(s, -1, NULL)) return false;
    char *n = g_utf8_normalize(s, -1, G_NORMALIZE_NFKC);
    if (!n) return false;
    char *t = g_strstrip(n);
    /* NFKC leaves U+2212 MINUS SIGN and the full-width comma's result; fold the minus. */
    GString *g = g_string_new(NULL);
    for (const char *p = t; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == 0x2212 || c == 0x2010 || c == 0x2013) c = '-';
        g_string_append_unichar(g, c);
    }
    bool r = ascii_number(g->str, false);
    g_string_free(g, TRUE);
    g_free(n);
    return r;
}

static bool is_cjk(gunichar c)
{
    return (c >= 0x3005 && c <= 0x3007) || /* 々 〆 〇 (佐々木) */
           (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF66 && c <= 0xFF9F);
}

static bool is_blank_char(gunichar c)
{
    return c == ' ' || c == 0x3000 || c == '\t' || c == 0xA0;
}

bool nohin_text_layout_spaces(const char *s)
{
    if (!s || !*s) return false;
    bool ascii = true;
    for (const char *p = s; *p && ascii; p++)
        if ((unsigned char)*p >= 0x80) ascii = false;
    if (ascii) { /* no CJK: only leading or trailing blanks can be layout */
        size_t n = strlen(s);
        bool blank_edge = s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t';
        return blank_edge && !nohin_text_blank(s);
    }
    /* Without a blank byte (space, tab, U+3000 = E3 80 80, U+00A0 = C2 A0) there is no layout. */
    bool blank_byte = false;
    for (const unsigned char *p = (const unsigned char *)s; *p && !blank_byte; p++)
        blank_byte = *p == ' ' || *p == '\t' || (*p == 0xE3 && p[1] == 0x80 && p[2] == 0x80) ||
                     (*p == 0xC2 && p[1] == 0xA0);
    if (!blank_byte) return false;
    if (!g_utf8_validate(s, -1, NULL)) return false;
    if (nohin_text_blank(s)) return false;
    gunichar first = g_utf8_get_char(s);
    const char *last = g_utf8_find_prev_char(s, s + strlen(s));
    if (is_blank_char(first) || (last && is_blank_char(g_utf8_get_char(last)))) return true;
    /* Between Japanese characters a blank is layout when it spaces out single
     * characters (東 京, 北 海 道, 氏　名) or when blanks are doubled to align
     * (上田　　健). One blank between words is part of the value: a name as it is
     * written (青木 一郎, 上田 健), a title (検討会 委員名簿). */
    gunichar prev = 0;
    int run = 0; /* CJK characters just before p */
    const char *p = s;
    while (*p) {
        gunichar c = g_utf8_get_char(p);
        if (is_blank_char(c) && prev && is_cjk(prev)) {
            const char *q = p;
            int blanks = 0;
            while (*q && is_blank_char(g_utf8_get_char(q))) {
                q = g_utf8_next_char(q);
                blanks++;
            }
            if (*q && is_cjk(g_utf8_get_char(q))) {
                const char *r = g_utf8_next_char(q);
                bool single_after = !*r || !is_cjk(g_utf8_get_char(r));
                if (blanks >= 2 || (run == 1 && single_after)) return true;
            }
            p = q;
            prev = 0;
            run = 0;
            continue;
        }
        run = is_cjk(c) ? run + 1 : 0;
        prev = c;
        p = g_utf8_next_char(p);
    }
    return false;
}

static bool machine_dependent(gunichar c)
{
    return (c >= 0x2460 && c <= 0x24FF) || /* circled ①, parenthesised ⑴, ⒈ */
           (c >= 0x2150 && c <= 0x218F) || /* Roman numerals Ⅰ ⅰ, fractions */
           (c >= 0x3200 && c <= 0x32FF) || /* ㈱ ㊤ enclosed CJK */
           (c >= 0x3300 && c <= 0x33FF) || /* ㍉ ㌔ ㎡ ㍻ CJK compatibility squares */
           c == 0x2116 || c == 0x2121 ||   /* № ℡ */
           c == 0x2252 || c == 0x2261 || c == 0x222B || c == 0x222E || c == 0x221A || c == 0x22A5 ||
           c == 0x2220 || c == 0x221F || c == 0x22BF || c == 0x2235 || c == 0x2229 ||
           c == 0x222A; /* NEC row 13 symbols */
}

gunichar nohin_text_machine_char(const char *s)
{
    if (!s) return 0;
    /* Every character looked for is a 3-byte UTF-8 sequence led by E2 or E3:
     * decode only those, byte by byte (this runs on every cell). */
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p != 0xE2 && *p != 0xE3) || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) continue;
        gunichar c =
            ((gunichar)(p[0] & 0x0F) << 12) | ((gunichar)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        if (machine_dependent(c)) return c;
        p += 2;
    }
    return 0;
}

bool nohin_text_formula_like(const char *s)
{
    if (!s || !*s) return false;
    char c = s[0];
    if (c == '\t' || c == '\r') return true;
    if (c != '=' && c != '+' && c != '-' && c != '@') return false;
    if (c == '=' || c == '@') return true;
    if (!s[1]) return false; /* lone "-" or "+": a placeholder, not a formula */
    /* "-12", "+3.5", "-1,234" are numbers, as spreadsheets read them. */
    if (ascii_number(s, true)) return false;
    /* Exponent forms "-1E5" and "-1.5e-3". */
    char *end = NULL;
    g_ascii_strtod(s, &end);
    if (end && end != s && !*end) return false;
    return true;
}
