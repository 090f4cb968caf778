/* Strings taken from a message on their way to an output: RFC 2047 header
 * decoding that keeps every encoded word, and personal-data masking. */
#include <string.h>
#include "intake.h"
#include "pii/pii.h"

typedef struct {
    GString *out;
    const char *text;
    size_t done;
} mask_state;

static bool on_hit(const pii_hit *h, void *user)
{
    mask_state *st = user;
    if (h->start < st->done) return true; /* overlaps one already masked */
    g_string_append_len(st->out, st->text + st->done, (gssize)(h->start - st->done));
    g_string_append(st->out, h->masked);
    st->done = h->end;
    return true;
}

static bool is_han(gunichar c)
{
    return c == 0x3005 /* 々 */ || g_unichar_get_script(c) == G_UNICODE_SCRIPT_HAN;
}

/* Byte length of the run of Han characters at p. */
static size_t han_run(const char *p)
{
    const char *q = p;
    while (*q && is_han(g_utf8_get_char(q)))
        q = g_utf8_next_char(q);
    return (size_t)(q - p);
}

/* A surname and a given name, both in the detector's name lists. */
static bool full_name(const char *p, size_t n)
{
    for (const char *c = g_utf8_next_char(p); c < p + n; c = g_utf8_next_char(c))
        if (pii_is_surname(p, (size_t)(c - p)) && pii_is_given_name(c, n - (size_t)(c - p)))
            return true;
    return false;
}

/* A full name that ends a longer Han run (2 to 6 characters); *len its bytes. */
static bool inner_name(const char *p, size_t n, size_t *len)
{
    int chars = 0;
    for (const char *c = p + n; c > p && chars < 6;) {
        c = g_utf8_prev_char(c);
        chars++;
        if (chars >= 2 && c > p && full_name(c, (size_t)(p + n - c))) {
            *len = (size_t)(p + n - c);
            return true;
        }
    }
    return false;
}

/* A subject or a file name has no context words ("氏名", "担当") for the detector
 * to weigh, so a Han run that is a listed surname followed by a listed given
 * name ("山田太郎", "山田 太郎") is masked as a person's name here. */
static char *mask_names(const char *s)
{
    GString *o = g_string_new(NULL);
    const char *p = s;
    while (*p) {
        size_t n = han_run(p);
        if (!n) {
            const char *q = g_utf8_next_char(p);
            g_string_append_len(o, p, q - p);
            p = q;
            continue;
        }
        size_t total = 0;
        if (full_name(p, n)) {
            total = n;
        } else if (!pii_is_surname(p, n) && inner_name(p, n, &total)) {
            /* 報告書送付山田太郎 (a counter taken out of the subject joins the runs):
             * the text before the name is kept, the name masked */
            g_string_append_len(o, p, (gssize)(n - total));
            p += n - total;
        } else if (pii_is_surname(p, n)) {
            const char *sp = p + n;
            size_t w = *sp == ' ' ? 1 : g_str_has_prefix(sp, "\xe3\x80\x80") /* U+3000 */ ? 3 : 0;
            size_t m = w ? han_run(sp + w) : 0;
            if (m && pii_is_given_name(sp + w, m)) total = n + w + m;
        }
        if (total) {
            char *masked = pii_mask(PII_PERSON_NAME, p, total);
            g_string_append(o, masked);
            g_free(masked);
            p += total;
        } else {
            g_string_append_len(o, p, (gssize)n);
            p += n;
        }
    }
    return g_string_free(o, FALSE);
}

/* A password written after its word ("パスワード: Secr3t", "PW：abc123",
 * "password is x9") — a subject of PPAP mail often carries it — is shown as
 * ***. Only an ASCII token after a separator is taken: "パスワードは別途送付" keeps
 * its words, and so does a file name like form_pass_print.xlsm. */
static const char *const secret_words[] = {
    "パスワード", "暗証番号", "password", "passwd", "passcode", "pass", "pwd", "pw", NULL};

static char *mask_secrets(const char *s)
{
    GString *o = g_string_new(NULL);
    const char *p = s;
    while (*p) {
        size_t wl = 0;
        /* a word starts the text or follows a non-letter (not "bypass", "Apwd") */
        bool start = p == s || !g_ascii_isalpha(p[-1]);
        for (int i = 0; start && secret_words[i]; i++)
            if (!g_ascii_strncasecmp(p, secret_words[i], strlen(secret_words[i]))) {
                wl = strlen(secret_words[i]);
                break;
            }
        if (!wl || (g_ascii_isalpha(p[wl - 1]) && g_ascii_isalpha(p[wl]))) {
            const char *q = g_utf8_next_char(p);
            g_string_append_len(o, p, q - p);
            p = q;
            continue;
        }
        const char *q = p + wl;
        /* separators: spaces, colons, '=', は, "is", quotes and brackets */
        for (;;) {
            if (*q == ' ' || *q == '\t' || *q == ':' || *q == '=' || *q == '"' || *q == '\'')
                q++;
            else if (g_str_has_prefix(q, "：") || g_str_has_prefix(q, "は") ||
                     g_str_has_prefix(q, "　") || g_str_has_prefix(q, "「") ||
                     g_str_has_prefix(q, "『") || g_str_has_prefix(q, "＝"))
                q += 3;
            else if (!g_ascii_strncasecmp(q, "is ", 3))
                q += 3;
            else
                break;
        }
        const char *t = q;
        /* a separator must come first: form_pass_print.xlsm, pw.zip are names */
        while (q > p + wl && *t > ' ' && *t < 0x7f && *t != '"' && *t != '\'')
            t++;
        g_string_append_len(o, p, q - p);
        if (t > q) g_string_append(o, "***");
        p = t > q ? t : q;
    }
    return g_string_free(o, FALSE);
}

char *nohin_intake_mask(const char *s)
{
    if (!s) return NULL;
    char *unsecret = mask_secrets(s);
    s = unsecret;
    mask_state st = {g_string_new(NULL), s, 0};
    size_t len = strlen(s);
    pii_scan(s, len, on_hit, &st);
    if (st.done < len) g_string_append(st.out, s + st.done);
    char *once = g_string_free(st.out, FALSE);
    char *out = mask_names(once);
    g_free(once);
    g_free(unsecret);
    return out;
}

/* One encoded word's payload as bytes ("B": base64, "Q": quoted-printable with
 * '_' for space). */
static void decode_payload(char enc, const char *p, size_t n, GByteArray *out)
{
    if (enc == 'B' || enc == 'b') {
        GString *b = g_string_new_len(p, (gssize)n);
        while (b->len % 4)
            g_string_append_c(b, '='); /* missing padding (loose mailers) */
        gsize len = 0;
        guchar *d = g_base64_decode(b->str, &len);
        g_byte_array_append(out, d, (guint)len);
        g_free(d);
        g_string_free(b, TRUE);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        guint8 c = (guint8)p[i];
        if (c == '_') {
            c = ' ';
        } else if (c == '=' && i + 2 < n && g_ascii_isxdigit(p[i + 1]) &&
                   g_ascii_isxdigit(p[i + 2])) {
            c = (guint8)(g_ascii_xdigit_value(p[i + 1]) << 4 | g_ascii_xdigit_value(p[i + 2]));
            i += 2;
        }
        g_byte_array_append(out, &c, 1);
    }
}

/* Bytes in charset → UTF-8; never fails (invalid sequences become U+FFFD). */
static void append_converted(GString *o, const char *charset, const GByteArray *b)
{
    if (!b->len) return;
    const char *name = charset && *charset ? g_mime_charset_iconv_name(charset) : "UTF-8";
    char *u = g_convert((const char *)b->data, b->len, "UTF-8", name, NULL, NULL, NULL);
    if (!u) { /* lenient: what converts, then the rest made valid */
        u = g_convert_with_fallback((const char *)b->data, b->len, "UTF-8", name, "?", NULL, NULL,
                                    NULL);
    }
    if (!u) u = g_utf8_make_valid((const char *)b->data, (gssize)b->len);
    char *v = g_utf8_make_valid(u, -1);
    g_string_append(o, v);
    g_free(v);
    g_free(u);
}

/* Parses "=?charset?enc?payload?=" at p; false when p is not one. */
static bool encoded_word(const char *p, char **charset, char *enc, const char **payload,
                         size_t *plen, const char **end)
{
    if (p[0] != '=' || p[1] != '?') return false;
    const char *c = p + 2, *q1 = strchr(c, '?');
    if (!q1 || q1 == c || !q1[1] || q1[2] != '?') return false;
    if (!strchr("BbQq", q1[1])) return false;
    const char *pl = q1 + 3, *close = strstr(pl, "?=");
    if (!close) return false;
    for (const char *x = c; x < q1; x++)
        if (g_ascii_isspace(*x)) return false;
    for (const char *x = pl; x < close; x++)
        if (g_ascii_isspace(*x)) return false;
    *charset = g_strndup(c, (gsize)(q1 - c));
    char *star = strchr(*charset, '*'); /* RFC 2231 language */
    if (star) *star = '\0';
    *enc = q1[1];
    *payload = pl;
    *plen = (size_t)(close - pl);
    *end = close + 2;
    return true;
}

char *nohin_mail_decode_header(const char *raw)
{
    if (!raw) return NULL;
    /* Unfold: line breaks go, the folding white space stays (RFC 5322 §2.2.3). */
    GString *u = g_string_new(NULL);
    for (const char *p = raw; *p; p++)
        if (*p != '\r' && *p != '\n') g_string_append_c(u, *p);
    GString *o = g_string_new(NULL);
    GByteArray *pend = g_byte_array_new(); /* bytes of adjacent words of one charset */
    char *pend_cs = NULL;
    GString *gap = g_string_new(NULL); /* white space after a word, dropped between words */
    const char *p = u->str;
    while (*p) {
        char *cs = NULL, enc = 0;
        const char *pl, *end;
        size_t n;
        if (encoded_word(p, &cs, &enc, &pl, &n, &end)) {
            /* Adjacent words of one charset are joined as bytes first: mailers split
             * a multi-byte character, or an ISO-2022-JP escape, across words. */
            if (pend_cs && g_ascii_strcasecmp(pend_cs, cs)) {
                append_converted(o, pend_cs, pend);
                g_byte_array_set_size(pend, 0);
            }
            g_free(pend_cs);
            pend_cs = cs;
            g_string_truncate(gap, 0);
            decode_payload(enc, pl, n, pend);
            p = end;
            continue;
        }
        if (pend_cs && g_ascii_isspace(*p)) {
            g_string_append_c(gap, *p++);
            continue;
        }
        if (pend_cs) {
            append_converted(o, pend_cs, pend);
            g_byte_array_set_size(pend, 0);
            g_clear_pointer(&pend_cs, g_free);
            g_string_append_len(o, gap->str, (gssize)gap->len);
            g_string_truncate(gap, 0);
        }
        g_string_append_c(o, *p++);
    }
    if (pend_cs) append_converted(o, pend_cs, pend);
    g_free(pend_cs);
    char *valid = g_utf8_make_valid(o->str, (gssize)o->len);
    g_string_assign(o, valid);
    g_free(valid);
    g_byte_array_free(pend, TRUE);
    g_string_free(gap, TRUE);
    g_string_free(u, TRUE);
    return g_string_free(o, FALSE);
}
