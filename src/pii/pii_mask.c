/* Masked renderings, per kind: enough for the author to find the value in the
 * document, too little for anyone to read it. Works on the original text, so
 * full-width digits stay full-width. */
#include <string.h>
#include <glib.h>
#include "pii.h"

/* Every digit becomes '*' except the last keep_last ones. */
static char *mask_digits(const char *s, size_t len, int keep_last, int keep_first)
{
    int total = 0;
    for (const char *p = s; p < s + len; p = g_utf8_next_char(p))
        if (g_unichar_isdigit(g_utf8_get_char(p))) total++;
    GString *o = g_string_new(NULL);
    int seen = 0;
    for (const char *p = s; p < s + len; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isdigit(c)) {
            seen++;
            if (seen <= keep_first || seen > total - keep_last)
                g_string_append_unichar(o, c);
            else
                g_string_append_c(o, '*');
        } else {
            g_string_append_unichar(o, c);
        }
    }
    return g_string_free(o, FALSE);
}

/* Phone: keep the leading group (area or mobile prefix, after +81 too) and the
 * last four digits: 090-****-5678, +81-90-****-5678. */
static char *mask_phone(const char *s, size_t len)
{
    int glen[8] = {0}, ng = 0;
    bool plus = false, in_digits = false;
    for (const char *p = s; p < s + len; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == '+' || c == 0xFF0B) plus = true;
        if (g_unichar_isdigit(c)) {
            if (!in_digits && ng < 8) ng++;
            in_digits = true;
            glen[ng - 1]++;
        } else {
            in_digits = false;
        }
    }
    int lead = ng <= 1 ? 3 + (plus ? 2 : 0) : glen[0] + (plus && ng > 2 ? glen[1] : 0);
    return mask_digits(s, len, 4, lead);
}

static char *mask_email(const char *s, size_t len)
{
    const char *at = memchr(s, '@', len);
    if (!at) at = g_strstr_len(s, (gssize)len, "＠");
    if (!at) return g_strdup("***");
    GString *o = g_string_new(NULL);
    g_string_append_unichar(o, g_utf8_get_char(s));
    g_string_append(o, "***");
    g_string_append_len(o, at, (gssize)(s + len - at));
    return g_string_free(o, FALSE);
}

/* Address: keep the prefecture and the municipality, mask the rest. */
static char *mask_address(const char *s, size_t len)
{
    GString *o = g_string_new(NULL);
    bool masking = false;
    for (const char *p = s; p < s + len; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (masking && !g_unichar_isspace(c) && c != '-' && c != 0xFF0D && c != 0x2212)
            g_string_append_c(o, '*');
        else
            g_string_append_unichar(o, c);
        if (!masking && (c == 0x5E02 || c == 0x533A || c == 0x753A || c == 0x6751 || c == 0x90E1))
            masking = true; /* 市 区 町 村 郡 */
    }
    return g_string_free(o, FALSE);
}

/* Dates: every digit (arabic or kanji) masked; era and 年月日 kept. */
static char *mask_date(const char *s, size_t len)
{
    GString *o = g_string_new(NULL);
    for (const char *p = s; p < s + len; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isdigit(c) || (c != 0 && g_utf8_strchr("〇一二三四五六七八九十元", -1, c)))
            g_string_append_c(o, '*');
        else
            g_string_append_unichar(o, c);
    }
    return g_string_free(o, FALSE);
}

/* Names: first character, and the last of a long name; spaces kept. */
static char *mask_name(const char *s, size_t len)
{
    int n = 0;
    for (const char *p = s; p < s + len; p = g_utf8_next_char(p))
        if (!g_unichar_isspace(g_utf8_get_char(p))) n++;
    GString *o = g_string_new(NULL);
    int i = 0;
    for (const char *p = s; p < s + len; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isspace(c) || c == 0x30FB) {
            g_string_append_unichar(o, c);
            continue;
        }
        i++;
        if (i == 1 || (n >= 4 && i == n))
            g_string_append_unichar(o, c);
        else
            g_string_append_c(o, '*');
    }
    return g_string_free(o, FALSE);
}

/* Passport: the two letters stay (they only say "Japanese passport"). */
static char *mask_passport(const char *s, size_t len)
{
    return mask_digits(s, len, 0, 0);
}

char *pii_mask(pii_kind kind, const char *s, size_t len)
{
    switch (kind) {
    case PII_PHONE:
        return mask_phone(s, len);
    case PII_EMAIL:
        return mask_email(s, len);
    case PII_ADDRESS:
        return mask_address(s, len);
    case PII_POSTAL_CODE:
        return mask_digits(s, len, 0, 3);
    case PII_BIRTHDATE:
        return mask_date(s, len);
    case PII_PERSON_NAME:
        return mask_name(s, len);
    case PII_PASSPORT:
        return mask_passport(s, len);
    case PII_CARD:
        return mask_digits(s, len, 4, 0);
    case PII_MY_NUMBER:
    case PII_DRIVER_LICENSE:
    case PII_BANK_ACCOUNT:
        return mask_digits(s, len, 2, 0);
    default:
        return g_strdup("***");
    }
}
