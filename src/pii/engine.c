/* The detector engine: one combined pattern finds every candidate in one pass
 * over NFKC text; the handlers in detectors.c validate and score context. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>
#include <glib.h>
#include "pii_internal.h"

#define PREFS PII_PREFECTURES
#define KNUM "[" PII_KANJI_NUMERALS "]"

/* An e-mail address is found at its '@' (the mailbox is read backwards in C), and
 * a digit run needs seven characters ahead, so ordinary words and short numbers
 * cost the matcher almost nothing.
 * Order matters only between alternatives that can start at the same place:
 * a date wins over a digit run, so 1985-04-12 is never read as a phone number. */
static const char pattern[] =
    "(?<email>@[A-Za-z0-9][A-Za-z0-9\\-]{0,62}(?:\\.[A-Za-z0-9\\-]{1,63}){1,6})"
    "|(?<wareki>(?:" PII_ERAS "|(?<![A-Za-z])[MTSHR]\\.?)\\s?(?:元|[0-9]{1,2}|" KNUM
    "{1,3})\\s?(?:年|[./\\-])\\s?(?:[0-9]{1,2}|" KNUM
    "{1,3})\\s?(?:月|[./\\-])\\s?(?:[0-9]{1,2}|" KNUM "{1,3})(?![0-9])日?)"
    "|(?<western>(?<![0-9])(?:1[89]|20)[0-9]{2}\\s?(?:年\\s?[0-9]{1,2}\\s?月\\s?[0-9]{1,2}\\s?日|"
    "(?<wsep>[./\\-])[0-9]{1,2}\\k<wsep>[0-9]{1,2}(?![0-9])))"
    "|(?<postal>〒\\s?[0-9]{3}-?[0-9]{4}(?![0-9]))"
    "|(?<passport>(?<![A-Za-z0-9])[A-Z]{2}[0-9]{7}(?![0-9]))"
    "|(?<num>(?<![0-9A-Za-z.,\\-/])(?=[+(]|[0-9][0-9\\- ー]{6})(?:\\+81[\\- ]?|\\(0[0-9]{1,4}\\) "
    "?)?[0-9]{1,19}+"
    "(?:(?:-|ー| )[0-9]{1,19}+){0,5}+)(?![0-9]|[.,][0-9])"
    "|(?<addr>(?:" PREFS ")[^\\s0-9、。,()「」:;]{1,20}?[市区町村郡][^\\s、。,()「」:;]{0,24}?"
    "(?:[0-9]+|" KNUM "+(?=丁目))(?:丁目|番地|番|号|-[0-9]+)(?:[0-9]+|" KNUM
    "+|丁目|番地|番|号|-|の)*)"
    /* 氏　　名 spaced out as forms print it: a label too. It starts with 氏 (an
     * honorific) and ends with 名 (as 氏名 does), so prefilter.c's literals
     * already cover it. */
    "|(?<label>(?<!\\p{Han})氏 {1,4}名(?=[ :\\t\\n]|$)|" PII_LABELS ")"
    "|(?<hon>" PII_HONORIFICS ")";

typedef struct {
    pcre2_code *re;
    uint32_t g[G_COUNT];
} compiled;

static const char *const group_names[G_COUNT] = {"email", "wareki", "western", "postal", "passport",
                                                 "num",   "addr",   "label",   "hon"};

static gpointer compile(gpointer unused)
{
    (void)unused;
    static compiled c;
    int err;
    PCRE2_SIZE off;
    c.re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &err, &off, NULL);
    if (!c.re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(err, msg, sizeof msg);
        g_error("pii pattern at %zu: %s", (size_t)off, (char *)msg); /* a programming error */
    }
    pcre2_jit_compile(c.re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter if no JIT */
    for (int i = 0; i < G_COUNT; i++)
        c.g[i] = (uint32_t)pcre2_substring_number_from_name(c.re, (PCRE2_SPTR)group_names[i]);
    return &c;
}

static const compiled *patterns(void)
{
    static GOnce once = G_ONCE_INIT;
    return g_once(&once, compile, NULL);
}

const char *pii_combined_pattern(void)
{
    return pattern;
}

bool pii_number_cannot_match(const char *s, size_t len)
{
    /* -?D+(.D+)?([eE][+-]?D+)? and nothing else; see the pattern's num group. */
    size_t i = 0;
    bool neg = i < len && s[i] == '-';
    if (neg) i++;
    size_t int_digits = 0;
    while (i < len && g_ascii_isdigit(s[i]))
        i++, int_digits++;
    if (int_digits == 0) return false;
    bool fraction = false;
    if (i < len && s[i] == '.') {
        size_t f = 0;
        i++;
        while (i < len && g_ascii_isdigit(s[i]))
            i++, f++;
        if (f == 0) return false;
        fraction = true;
    }
    size_t exp_digits = 0;
    bool exp_plus = false;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-')) exp_plus = s[i++] == '+';
        while (i < len && g_ascii_isdigit(s[i]))
            i++, exp_digits++;
        if (exp_digits == 0) return false;
    }
    if (i != len) return false;
    /* The integer part can start a digit run unless a sign comes before it or a
     * fraction after it; exponent digits only after a '+'. */
    if (!neg && !fraction && int_digits >= 7) return false;
    if (exp_plus && exp_digits >= 7) return false;
    return true;
}

/* Maps the normalised range back, masks it and hands it to the caller. */
void pii_emit(pii_state *st, pii_kind kind, size_t ns, size_t ne, bool context, const char *suffix)
{
    if (st->stop || ne <= ns || ne > st->n.len) return;
    size_t os = st->n.ostart[ns], oe = st->n.oend[ne - 1];
    if (os < st->skip) return; /* in the context, reported with its own piece */
    char *masked = pii_mask(kind, st->orig + os, oe - os);
    if (suffix) {
        char *m2 = g_strconcat(masked, suffix, NULL);
        g_free(masked);
        masked = m2;
    }
    char *key = pii_key(kind, st->n.out + ns, ne - ns);
    pii_hit h = {kind, st->base + os - st->skip, st->base + oe - st->skip, context, masked, key};
    if (!st->cb(&h, st->user)) st->stop = true;
    g_free(masked);
    g_free(key);
}

/* One match data per thread, reused from cell to cell (a table scans one piece
 * per cell). Taken out while in use, so a nested scan makes its own. */
static GPrivate spare_md = G_PRIVATE_INIT((GDestroyNotify)pcre2_match_data_free);

static pcre2_match_data *match_data_take(const compiled *c)
{
    pcre2_match_data *md = g_private_get(&spare_md);
    if (md) {
        g_private_set(&spare_md, NULL);
        return md;
    }
    return pcre2_match_data_create_from_pattern(c->re, NULL);
}

static void match_data_give(pcre2_match_data *md)
{
    if (g_private_get(&spare_md))
        pcre2_match_data_free(md);
    else
        g_private_set(&spare_md, md);
}

static void scan_piece(const char *text, size_t len, size_t base, size_t skip, pii_hit_cb cb,
                       void *user, bool *stop)
{
    const compiled *c = patterns();
    pii_state st = {.orig = text, .base = base, .skip = skip, .cb = cb, .user = user};
    if (!pii_normalize(text, len, &st.n)) return;
    pcre2_match_data *md = match_data_take(c);
    PCRE2_SIZE at = 0;
    while (at < st.n.len && !st.stop) {
        int rc =
            pcre2_match(c->re, (PCRE2_SPTR)st.n.out, st.n.len, at, PCRE2_NO_UTF_CHECK, md, NULL);
        if (rc < 0) break; /* no match, or a limit: either way this piece is done */
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        size_t s = ov[0], e = ov[1];
        for (int gi = 0; gi < G_COUNT; gi++) {
            uint32_t g = c->g[gi];
            if ((int)g < rc && ov[2 * g] != PCRE2_UNSET) {
                pii_handle(&st, (pii_group)gi, ov[2 * g], ov[2 * g + 1]);
                break;
            }
        }
        at = e > s ? e : s + 1;
        while (at < st.n.len && ((unsigned char)st.n.out[at] & 0xC0) == 0x80)
            at++;
    }
    match_data_give(md);
    pii_norm_clear(&st.n);
    *stop = st.stop;
}

/* Long texts are scanned in pieces cut at line ends, so memory stays bounded
 * (the offset maps cost 8 bytes per byte) and offsets fit in 32 bits. */
#define PIECE (1u << 20)

void pii_scan(const char *text, size_t len, pii_hit_cb cb, void *user)
{
    size_t off = 0;
    bool stop = false;
    while (off < len && !stop) {
        size_t n = len - off;
        if (n > PIECE) {
            size_t cut = PIECE;
            const char *nl = NULL;
            for (size_t i = cut; i > PIECE / 2; i--)
                if (text[off + i - 1] == '\n') {
                    nl = text + off + i;
                    break;
                }
            if (nl) {
                cut = (size_t)(nl - (text + off));
            } else {
                while (cut > 0 && ((unsigned char)text[off + cut] & 0xC0) == 0x80)
                    cut--;
                if (cut == 0) cut = PIECE;
            }
            n = cut;
        }
        scan_piece(text + off, n, off, 0, cb, user, &stop);
        off += n;
    }
}

/* Context is kept short: it only has to hold a label or a name next to the value. */
#define MAX_CONTEXT 512

void pii_scan_with_context(const char *context, size_t context_len, const char *text, size_t len,
                           pii_hit_cb cb, void *user)
{
    /* Most cells of a data table cannot hold anything (prefilter.c proves it). */
    if (pii_piece_cannot_hit(context, context_len, text, len)) return;
    pii_scan_with_context_full(context, context_len, text, len, cb, user);
}

void pii_scan_with_context_full(const char *context, size_t context_len, const char *text,
                                size_t len, pii_hit_cb cb, void *user)
{
    if (!context || context_len == 0 || len > PIECE) {
        pii_scan(text, len, cb, user);
        return;
    }
    if (context_len > MAX_CONTEXT) {
        const char *c = context + context_len - MAX_CONTEXT;
        while (c < context + context_len && ((unsigned char)*c & 0xC0) == 0x80)
            c++;
        context_len = (size_t)(context + context_len - c);
        context = c;
    }
    /* A tab between them, as between two cells. */
    char small[2048];
    char *buf = context_len + 1 + len <= sizeof small ? small : g_malloc(context_len + 1 + len);
    memcpy(buf, context, context_len);
    buf[context_len] = '\t';
    memcpy(buf + context_len + 1, text, len);
    bool stop = false;
    scan_piece(buf, context_len + 1 + len, 0, context_len + 1, cb, user, &stop);
    if (buf != small) g_free(buf);
}
