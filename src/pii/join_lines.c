/* Wrapped lines of a PDF paragraph, joined before detection: Japanese text
 * breaks anywhere (…県さい / たま市…), numbers and addresses at punctuation.
 * A line break stays where it separates words; it goes where the text would
 * have run on. The map back lets a finding's box cover every fragment. */
#include <string.h>
#include <glib.h>
#include "pii.h"

static bool cjk(gunichar c)
{
    return (c >= 0x3000 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF01 && c <= 0xFF9F);
}

static bool digit(gunichar c)
{
    return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

static bool hyphen(gunichar c)
{
    return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFF0D || c == 0xFE63;
}

/* The token (back to the last space or line start) before `at` holds an '@'. */
static bool in_email(const char *text, size_t at)
{
    for (size_t i = at; i > 0 && at - i < 128; i--) {
        char c = text[i - 1];
        if (c == '@') return true;
        if (c == ' ' || c == '\n' || c == '\t') return false;
    }
    return false;
}

/* The e-mail token before `at` already ends in a whole domain (…@example.co.jp):
 * the next line is another token (a footer, the next cell), not its tail. */
static bool domain_complete(const char *text, size_t at)
{
    static const char *const tlds[] = {"jp",  "com", "net", "org", "info",
                                       "biz", "edu", "gov", NULL};
    size_t dot = 0;
    for (size_t i = at; i > 0 && at - i < 128; i--) {
        char c = text[i - 1];
        if (c == '.' && !dot) dot = i;
        if (c == '@') break;
        if (c == ' ' || c == '\n' || c == '\t') return false;
    }
    if (!dot) return false;
    for (int k = 0; tlds[k]; k++)
        if (at - dot == strlen(tlds[k]) && !g_ascii_strncasecmp(text + dot, tlds[k], at - dot))
            return true;
    return false;
}

/* A Latin word broken at the line end of Japanese text (アドレス i / nfo@…): the
 * next line's token is an e-mail address and the broken token follows CJK text,
 * not an English word (write to / info@… stays two words). */
static bool email_split(const char *text, size_t len, size_t nl)
{
    size_t e = nl + 1;
    while (e < len && e - nl < 128 && !strchr(" \t\n", text[e]) && text[e] != '@')
        e++;
    if (e >= len || text[e] != '@') return false;
    size_t s = nl;
    while (s > 0 && nl - s < 64 && g_ascii_isalnum(text[s - 1]))
        s--;
    if (s == 0) return true;
    if (text[s - 1] == ' ' && s >= 2) s--;
    const char *pp = g_utf8_find_prev_char(text, text + s);
    return !pp || !g_ascii_isalpha(*pp);
}

/* 03-12 / 34-5678: the digits before the break belong to a hyphenated number.
 * A bare number (a table cell, 2019 / 2020, TK1234567 / 090-…) ends its line. */
static bool number_continues(const char *text, size_t nl)
{
    bool hyphen_seen = false;
    for (size_t i = nl; i > 0 && nl - i < 24; i--) {
        char c = text[i - 1];
        if (c == '-') {
            hyphen_seen = true;
        } else if (c == ' ' || c == '\n' || c == '\t') {
            break;
        } else if (!g_ascii_isdigit(c) && c != '(' && c != ')' && c != '+') {
            return false;
        }
    }
    return hyphen_seen;
}

/* 07 / 0-1789-5863, 19 / 60 年 6 月: a bare run of digits ends the line and the
 * next line goes on with a hyphenated number or a date. */
static bool number_goes_on(const char *text, size_t len, size_t nl)
{
    size_t i = nl;
    while (i > 0 && nl - i < 8 && g_ascii_isdigit(text[i - 1]))
        i--;
    if (i > 0 && nl - i >= 8) return false;
    if (i > 0 && g_ascii_isalpha(text[i - 1])) return false; /* TK1234567 */
    size_t e = nl + 1;
    bool hyphen_seen = false;
    while (e < len && e - nl < 24 && (g_ascii_isdigit(text[e]) || text[e] == '-')) {
        if (text[e] == '-') hyphen_seen = true;
        e++;
    }
    if (hyphen_seen) return true;
    while (e < len && text[e] == ' ')
        e++;
    return e + 3 <= len && (!memcmp(text + e, "年", 3) || !memcmp(text + e, "/", 1));
}

/* A line's width in half-width units: CJK (full-width) characters count 2.
 * Good enough to tell a full line from a short one in Japanese body text. */
static unsigned line_width(const char *text, size_t start, size_t end)
{
    unsigned w = 0;
    for (const char *p = text + start; p < text + end; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char_validated(p, (gssize)(text + end - p));
        if (c == (gunichar)-1 || c == (gunichar)-2) return w; /* stop at bad UTF-8 */
        w += cjk(c) ? 2 : 1;
    }
    return w;
}

/* Three full-width characters short of the page's widest line: the paragraph
 * ended there (a name ending a paragraph is not glued to the next one). A
 * wrapped line is full but for a character or two that the line-break rules
 * (no 、 at a line start) pushed to the next line. */
#define PARA_END_SHORT 6

typedef struct {
    pii_same_line_fn same_line;
    void *user;
} line_geom;

static bool joins(const char *text, size_t len, size_t nl, bool short_line, const line_geom *g)
{
    if (nl == 0 || nl + 1 >= len) return false;
    const char *pp = g_utf8_find_prev_char(text, text + nl);
    if (!pp) return false;
    gunichar a = g_utf8_get_char_validated(pp, (gssize)(text + nl - pp));
    gunichar b = g_utf8_get_char_validated(text + nl + 1, (gssize)(len - nl - 1));
    if (a == (gunichar)-1 || a == (gunichar)-2 || b == (gunichar)-1 || b == (gunichar)-2)
        return false;
    if (cjk(a) && cjk(b)) { /* not after 。 (a sentence ends) nor after a paragraph's last line */
        if (a == 0x3002 || a == 0xFF0E) return false;
        /* poppler also breaks one printed line at a wide gap (氏　　名 / 加藤…) */
        return !short_line || (g->same_line && g->same_line((size_t)(pp - text), nl + 1, g->user));
    }
    if (digit(a) && digit(b)) return number_continues(text, nl) || number_goes_on(text, len, nl);
    if (hyphen(a) && (digit(b) || g_unichar_isalnum(b))) return true;
    if (a == '@' || b == '@') return true;
    if (g_ascii_isalnum((int)a) && a < 128 && b < 128 && g_ascii_isalnum((int)b))
        return (in_email(text, nl) && !domain_complete(text, nl)) || email_split(text, len, nl);
    if ((a == '.' || b == '.') && in_email(text, nl)) return true;
    return false;
}

/* every_short_joins: a short line joins as a full one would (no paragraph ends
 * but after 。), so no widths are needed. */
static void join(const char *text, size_t len, pii_same_line_fn same_line, void *user,
                 bool every_short_joins, pii_joined *out)
{
    const line_geom g = {same_line, user};
    out->text = g_malloc(len + 1);
    out->orig = g_new(unsigned, len + 1);
    GArray *widths = g_array_new(FALSE, FALSE, sizeof(unsigned)); /* one per line */
    unsigned widest = 0;
    if (!every_short_joins)
        for (size_t i = 0, start = 0; i <= len; i++)
            if (i == len || text[i] == '\n') {
                unsigned w = line_width(text, start, i);
                g_array_append_val(widths, w);
                if (w > widest) widest = w;
                start = i + 1;
            }
    size_t j = 0;
    for (size_t i = 0, line = 0; i < len; i++) {
        if (text[i] == '\n') {
            bool short_line = !every_short_joins &&
                              g_array_index(widths, unsigned, line) + PARA_END_SHORT <= widest;
            line++;
            if (joins(text, len, i, short_line, &g)) continue;
        }
        out->text[j] = text[i];
        out->orig[j++] = (unsigned)i;
    }
    g_array_free(widths, TRUE);
    out->text[j] = '\0';
    out->orig[j] = (unsigned)len;
    out->len = j;
}

void pii_join_lines_geom(const char *text, size_t len, pii_same_line_fn same_line, void *user,
                         pii_joined *out)
{
    join(text, len, same_line, user, false, out);
}

void pii_join_lines_every_short(const char *text, size_t len, pii_joined *out)
{
    join(text, len, NULL, NULL, true, out);
}

void pii_join_lines(const char *text, size_t len, pii_joined *out)
{
    pii_join_lines_geom(text, len, NULL, NULL, out);
}

void pii_joined_clear(pii_joined *j)
{
    g_free(j->text);
    g_free(j->orig);
    memset(j, 0, sizeof *j);
}
