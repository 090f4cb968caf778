/* A cheap, exact test that scanning a table cell (with the row's earlier cells
 * as context) cannot report anything, so the combined pattern (about 20,000
 * instructions for a short cell with its row) is not run on most data cells.
 *
 * Why it is exact. A hit is reported only at or after the start of the text
 * (engine.c drops hits that start in the context), and every handler in
 * detectors.c reports a range that starts where its match starts or before it,
 * except the label: 氏名 followed only by separators ( \t : - = ・) reports the
 * name after them, which may be in the text. So nothing can be reported when
 *  - no alternative of the pattern can match starting inside the text: each
 *    alternative needs, at its start, something this file looks for (below),
 *    read on the text's NFKC form, which for the characters known here is
 *    computed per character; any other character answers "may hit"; and
 *  - the context, once its trailing separators are set aside, does not end with
 *    the last character of a label (or with a character whose NFKC form is not
 *    known here).
 * Lookbehinds and the handlers' context words only ever take hits away, so the
 * test ignores them where that is simpler (it then answers "may hit"). */
#include <string.h>
#include <glib.h>
#include "pii_internal.h"

/* Literals an alternative starts with, and the characters they start with
 * (all in U+3000–U+9FFF: one bit each). */
typedef struct {
    gunichar first;
    size_t len;
    char *s;
} word;

typedef struct {
    GArray *words; /* of word */
    guint32 first[(0xA000 - 0x3000) / 32];
    gunichar label_last[16];
    int n_label_last;
} literals;

static gunichar utf8_3(const unsigned char *p)
{
    return ((gunichar)(p[0] & 0x0F) << 12) | ((gunichar)(p[1] & 0x3F) << 6) |
           (gunichar)(p[2] & 0x3F);
}

static void add_words(literals *l, const char *alternatives, bool label)
{
    char **v = g_strsplit(alternatives, "|", -1);
    for (char **w = v; *w; w++) {
        gunichar c = g_utf8_get_char(*w);
        g_assert(c >= 0x3000 && c < 0xA000 && strlen(*w) % 3 == 0);
        l->first[(c - 0x3000) / 32] |= 1u << ((c - 0x3000) % 32);
        word wd = {c, strlen(*w), g_strdup(*w)};
        g_array_append_val(l->words, wd);
        if (label) {
            gunichar last = g_utf8_get_char(g_utf8_find_prev_char(*w, *w + strlen(*w)));
            int i = 0;
            while (i < l->n_label_last && l->label_last[i] != last)
                i++;
            if (i == l->n_label_last) {
                g_assert(l->n_label_last < (int)G_N_ELEMENTS(l->label_last));
                l->label_last[l->n_label_last++] = last;
            }
        }
    }
    g_strfreev(v);
}

static gpointer build(gpointer unused)
{
    (void)unused;
    static literals l;
    l.words = g_array_new(FALSE, FALSE, sizeof(word));
    add_words(&l, PII_ERAS, false);
    add_words(&l, PII_PREFECTURES, false);
    add_words(&l, PII_LABELS, true);
    add_words(&l, PII_HONORIFICS, false);
    return &l;
}

static const literals *lits(void)
{
    static GOnce once = G_ONCE_INIT;
    return g_once(&once, build, NULL);
}

/* The NFKC form of text into out (what normalize.c produces), or false when a
 * character is not one whose form is known here or out is too small. */
static bool known_nfkc(const char *text, size_t len, char *out, size_t cap, size_t *n)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        const unsigned char *p = (const unsigned char *)text + i;
        if (o + 3 > cap) return false;
        if (p[0] < 0x80) {
            out[o++] = (char)p[0];
            i++;
            continue;
        }
        if ((p[0] & 0xF0) != 0xE0 || i + 2 >= len || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return false;
        gunichar c = utf8_3(p);
        if (c >= 0xFF01 && c <= 0xFF5E && c != 0xFF0D) {
            out[o++] = (char)(c - 0xFEE0);
        } else if (c == 0x3000) {
            out[o++] = ' ';
        } else if (pii_is_dash(c)) {
            out[o++] = '-';
        } else if (pii_nfkc_stable(c)) {
            memcpy(out + o, p, 3);
            o += 3;
        } else {
            return false; /* anything else, combining marks included */
        }
        i += 3;
    }
    *n = o;
    return true;
}

static bool digit(const char *t, size_t n, size_t i)
{
    return i < n && t[i] >= '0' && t[i] <= '9';
}

static bool space(const char *t, size_t n, size_t i) /* pcre2's \s without UCP */
{
    return i < n && strchr(" \t\n\v\f\r", t[i]) && t[i];
}

static bool at_char(const char *t, size_t n, size_t i, const char *c)
{
    size_t l = strlen(c);
    return i + l <= n && !memcmp(t + i, c, l);
}

static bool kanji_numeral(const char *t, size_t n, size_t i)
{
    if (i + 3 > n || (unsigned char)t[i] < 0x80) return false;
    for (const char *k = PII_KANJI_NUMERALS; *k; k += 3)
        if (!memcmp(t + i, k, 3)) return true;
    return false;
}

/* Can an alternative of the pattern match starting at byte i of t? */
static bool may_start(const literals *l, const char *t, size_t n, size_t i)
{
    unsigned char b = (unsigned char)t[i];
    if (b >= 0x80) { /* a 3-byte character (known_nfkc let nothing else through) */
        gunichar c = utf8_3((const unsigned char *)t + i);
        if (c < 0x3000 || c >= 0xA000 ||
            !(l->first[(c - 0x3000) / 32] & (1u << ((c - 0x3000) % 32))))
            return false;
        for (guint k = 0; k < l->words->len; k++) { /* 和暦, 住所, 氏名, 様 */
            const word *w = &g_array_index(l->words, word, k);
            if (w->first == c && i + w->len <= n && !memcmp(t + i, w->s, w->len)) return true;
        }
        return false;
    }
    switch (b) {
    case '@': /* e-mail */
        return true;
    case '+': /* num: +81 */
        return at_char(t, n, i, "+81");
    case '(': /* num: (0… */
        return at_char(t, n, i, "(0");
    case 'M':
    case 'T':
    case 'S':
    case 'H':
    case 'R': { /* 和暦: S.60.4.12 */
        size_t q = i + 1;
        if (q < n && t[q] == '.') q++;
        if (space(t, n, q)) q++;
        return digit(t, n, q) || at_char(t, n, q, "元") || kanji_numeral(t, n, q);
    }
    default:
        break;
    }
    if (!digit(t, n, i)) return false;
    /* num (and passport's seven digits): a digit and six of [0-9\- ー]. */
    size_t q = i + 1;
    int k = 0;
    while (k < 6) {
        if (digit(t, n, q) || (q < n && (t[q] == '-' || t[q] == ' ')))
            q++;
        else if (at_char(t, n, q, "ー"))
            q += 3;
        else
            break;
        k++;
    }
    if (k == 6) return true;
    /* western date: 1[89]|20, two digits, then 年 or a separator. */
    if ((i == 0 || !digit(t, n, i - 1)) && digit(t, n, i + 1) && digit(t, n, i + 2) &&
        digit(t, n, i + 3) &&
        ((t[i] == '1' && (t[i + 1] == '8' || t[i + 1] == '9')) ||
         (t[i] == '2' && t[i + 1] == '0'))) {
        q = i + 4;
        if (space(t, n, q)) q++;
        return at_char(t, n, q, "年") || (q < n && strchr("./-", t[q]) && t[q]);
    }
    return false;
}

/* Does the context, trailing separators set aside, perhaps end with a label? */
static bool context_may_end_in_label(const literals *l, const char *c, size_t n)
{
    size_t i = n;
    while (i > 0) {
        unsigned char b = (unsigned char)c[i - 1];
        if (b < 0x80) {
            if (b && strchr(" \t:-=", b)) {
                i--;
                continue;
            }
            /* 氏名(名): the given-name column's label (PII_GIVEN_NAME_LABEL) */
            if (b == ')' && i >= 5 && !memcmp(c + i - 5, "(名)", 5)) {
                i -= 5;
                continue;
            }
            return false; /* labels end in a kanji */
        }
        if (i < 3) return true;
        const unsigned char *p = (const unsigned char *)c + i - 3;
        if ((p[0] & 0xF0) != 0xE0 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return true;
        gunichar ch = utf8_3(p);
        if (ch == 0x30FB) { /* ・ */
            i -= 3;
            continue;
        }
        if (!pii_nfkc_stable(ch)) return true; /* may normalise to a separator or a kanji */
        for (int k = 0; k < l->n_label_last; k++)
            if (l->label_last[k] == ch) return true;
        return false;
    }
    return false;
}

#define MAX_FILTERED 1024 /* longer texts are just scanned */

bool pii_piece_cannot_hit(const char *context, size_t context_len, const char *text, size_t len)
{
    if (len > MAX_FILTERED) return false;
    const literals *l = lits();
    char t[MAX_FILTERED * 3 + 3];
    size_t n;
    if (!known_nfkc(text, len, t, sizeof t, &n)) return false;
    for (size_t i = 0; i < n; i += (unsigned char)t[i] < 0x80 ? 1 : 3)
        if (may_start(l, t, n, i)) return false;
    return !(context && context_may_end_in_label(l, context, context_len));
}
