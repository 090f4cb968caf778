/* Label | value rows of a PDF page, rebuilt from where the characters are: a
 * LibreOffice table comes out of poppler column by column, so 生年月日 and its
 * date are far apart in the text. Characters whose vertical centres share a band
 * form a line; sorted by x and split at wide gaps they give runs (cells). */
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "pdf_lines.h"
#include "pii.h"

/* A label line: as short as a table's label cell. */
#define LABEL_MAX 48

bool pii_page_has_label_line(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        if (e > i && e - i <= LABEL_MAX && pii_header_context(text + i, e - i)) return true;
        i = e + 1;
    }
    return false;
}

typedef struct {
    double x1, x2, yc, h;
    unsigned off, len; /* bytes in the page text */
} glyph;

static int by_y(const void *a, const void *b)
{
    const glyph *g = a, *h = b;
    return g->yc < h->yc ? -1 : g->yc > h->yc ? 1 : (int)g->off - (int)h->off;
}

static int by_x(const void *a, const void *b)
{
    const glyph *g = a, *h = b;
    return g->x1 < h->x1 ? -1 : g->x1 > h->x1 ? 1 : (int)g->off - (int)h->off;
}

/* Runs of one band (sorted by x): a gap wider than 1.5 character heights
 * separates cells, a gap over a quarter of one separates words. */
static void band(const char *text, glyph *g, size_t n, pii_label_row_cb cb, void *user)
{
    qsort(g, n, sizeof *g, by_x);
    size_t first_end = 1;
    while (first_end < n && g[first_end].x1 - g[first_end - 1].x2 <= 1.5 * g[first_end].h)
        first_end++;
    if (first_end >= n) return;
    GString *lab = g_string_new(NULL);
    for (size_t i = 0; i < first_end; i++)
        g_string_append_len(lab, text + g[i].off, g[i].len);
    const char *label = pii_header_context(lab->str, lab->len);
    g_string_free(lab, TRUE);
    if (!label) return;
    GString *v = g_string_new(NULL);
    GArray *orig = g_array_new(FALSE, FALSE, sizeof(unsigned));
    for (size_t i = first_end; i < n; i++) {
        if (i > first_end && g[i].x1 - g[i - 1].x2 > 0.25 * g[i].h) {
            g_string_append_c(v, ' ');
            g_array_append_val(orig, g[i - 1].off);
        }
        g_string_append_len(v, text + g[i].off, g[i].len);
        for (unsigned k = 0; k < g[i].len; k++) {
            unsigned o = g[i].off + k;
            g_array_append_val(orig, o);
        }
    }
    cb(label, v->str, v->len, (const unsigned *)orig->data, user);
    g_array_free(orig, TRUE);
    g_string_free(v, TRUE);
}

void pii_pdf_label_rows(const char *text, const PopplerRectangle *rects, unsigned n,
                        pii_label_row_cb cb, void *user)
{
    glyph *g = g_new(glyph, n ? n : 1);
    size_t m = 0;
    const char *p = text;
    for (unsigned i = 0; i < n && *p; i++) {
        const char *next = g_utf8_next_char(p);
        gunichar c = g_utf8_get_char(p);
        PopplerRectangle r = rects[i];
        if (!g_unichar_isspace(c) && r.x2 > r.x1 && r.y2 > r.y1)
            g[m++] = (glyph){r.x1,
                             r.x2,
                             (r.y1 + r.y2) / 2,
                             r.y2 - r.y1,
                             (unsigned)(p - text),
                             (unsigned)(next - p)};
        p = next;
    }
    qsort(g, m, sizeof *g, by_y);
    size_t s = 0;
    while (s < m) {
        size_t e = s + 1;
        while (e < m && g[e].yc - g[s].yc <= 0.5 * MIN(g[s].h, g[e].h))
            e++;
        band(text, g + s, e - s, cb, user);
        s = e;
    }
    g_free(g);
}
