/* NFKC for the detector, with a map back to the original bytes so a finding
 * points at what the document really holds. GLib does the normalisation
 * (g_utf8_normalize); the common characters of Japanese text whose NFKC form is
 * known (ASCII, full-width ASCII, the ideographic space, kana, CJK unified
 * ideographs) take a fast path so 200 MB of text does not cost one allocation
 * per character. Beyond NFKC, dash look-alikes fold to '-' so "090‐1234−5678"
 * reads as a phone number. */
#include <string.h>
#include <glib.h>
#include "pii_internal.h"

void pii_norm_clear(pii_norm *n)
{
    g_free(n->out);
    g_free(n->ostart);
    g_free(n->oend);
    memset(n, 0, sizeof *n);
}

static bool joins_previous(gunichar c)
{
    if (c < 0x300 || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0x30A0 && c <= 0x30FF))
        return false; /* the bulk of Japanese text: no combining class to look up */
    /* Combining marks (dakuten of half-width kana included) compose with the
     * character before them, so they are normalised together. */
    return c == 0xFF9E || c == 0xFF9F || c == 0x3099 || c == 0x309A ||
           g_unichar_combining_class(c) != 0;
}

/* Growable output with its two maps; written directly (no call per byte). */
typedef struct {
    char *s;
    unsigned *st, *en;
    size_t len, cap;
} sink;

static void reserve(sink *k, size_t more)
{
    if (k->len + more <= k->cap) return;
    size_t cap = k->cap * 2 + more + 64;
    k->s = g_realloc(k->s, cap + 1);
    k->st = g_realloc_n(k->st, cap + 1, sizeof(unsigned));
    k->en = g_realloc_n(k->en, cap + 1, sizeof(unsigned));
    k->cap = cap;
}

static inline void put(sink *k, const char *bytes, size_t n, unsigned os, unsigned oe)
{
    reserve(k, n);
    for (size_t i = 0; i < n; i++) {
        k->s[k->len] = bytes[i];
        k->st[k->len] = os;
        k->en[k->len] = oe;
        k->len++;
    }
}

static void put_char(sink *k, gunichar c, unsigned os, unsigned oe)
{
    char buf[8];
    int n = g_unichar_to_utf8(c, buf);
    put(k, buf, n, os, oe);
}

bool pii_normalize(const char *text, size_t len, pii_norm *n)
{
    memset(n, 0, sizeof *n);
    if (len > G_MAXUINT32 / 2) return false;
    sink k = {0};
    reserve(&k, len + 16);
    size_t i = 0;
    while (i < len) {
        unsigned char b = (unsigned char)text[i];
        if (b < 0x80) {
            reserve(&k, 1);
            k.s[k.len] = (char)b;
            k.st[k.len] = (unsigned)i;
            k.en[k.len] = (unsigned)i + 1;
            k.len++;
            i++;
            continue;
        }
        gunichar c;
        if ((b & 0xF0) == 0xE0 && i + 2 < len && ((unsigned char)text[i + 1] & 0xC0) == 0x80 &&
            ((unsigned char)text[i + 2] & 0xC0) == 0x80) {
            /* Three-byte sequences (all of kana and kanji) decoded inline. */
            c = ((gunichar)(b & 0x0F) << 12) | ((gunichar)(text[i + 1] & 0x3F) << 6) |
                (gunichar)(text[i + 2] & 0x3F);
            if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))
                c = (gunichar)-1; /* overlong, surrogate */
        } else {
            c = g_utf8_get_char_validated(text + i, (gssize)(len - i));
        }
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            put(&k, "?", 1, (unsigned)i, (unsigned)i + 1); /* invalid byte */
            i++;
            continue;
        }
        size_t clen = (size_t)(g_utf8_next_char(text + i) - (text + i));
        size_t end = i + clen;
        /* Group the combining marks that follow. */
        while (end < len && (unsigned char)text[end] >= 0xCC) {
            /* Combining marks start at U+0300 (lead byte 0xCC and up). */
            gunichar d = g_utf8_get_char_validated(text + end, (gssize)(len - end));
            if (d == (gunichar)-1 || d == (gunichar)-2 || !joins_previous(d)) break;
            end = (size_t)(g_utf8_next_char(text + end) - text);
        }
        if (end == i + clen) {
            if (c >= 0xFF01 && c <= 0xFF5E && c != 0xFF0D) {
                put_char(&k, c - 0xFEE0, (unsigned)i, (unsigned)end);
                i = end;
                continue;
            }
            if (c == 0x3000) {
                put(&k, " ", 1, (unsigned)i, (unsigned)end);
                i = end;
                continue;
            }
            if (pii_is_dash(c)) {
                put(&k, "-", 1, (unsigned)i, (unsigned)end);
                i = end;
                continue;
            }
            if (pii_nfkc_stable(c)) {
                put(&k, text + i, clen, (unsigned)i, (unsigned)end);
                i = end;
                continue;
            }
        }
        char *nf = g_utf8_normalize(text + i, (gssize)(end - i), G_NORMALIZE_NFKC);
        if (nf) {
            put(&k, nf, strlen(nf), (unsigned)i, (unsigned)end);
            g_free(nf);
        } else {
            put(&k, "?", 1, (unsigned)i, (unsigned)end);
        }
        i = end;
    }
    k.s[k.len] = '\0';
    n->len = k.len;
    n->out = k.s;
    n->ostart = k.st;
    n->oend = k.en;
    return true;
}
