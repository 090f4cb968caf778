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
        /* a header row read as one line: No. 氏名 所属 連絡先 */
        for (size_t a = i; e - i <= 4 * LABEL_MAX && a < e;) {
            const char *sp = memchr(text + a, ' ', e - a);
            size_t b = sp ? (size_t)(sp - text) : e;
            if (b > a && b - a <= LABEL_MAX && pii_header_context(text + a, b - a)) return true;
            a = b + 1;
        }
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

/* ---- tables with a header row: 氏名 | 所属 | 連絡先 over rows of values ----
 * A band with three or more cells, one of them a personal-attribute header, starts
 * a table; each word of the bands below goes to the column whose header centre
 * is nearest (the boundaries lie halfway between header centres) and the words
 * of a labelled column are scanned with its label. A cell cut at the line end
 * (kobayashi@exampl / e.or.jp, 03-6789- / 0123) is joined with the same column's
 * next line. The table ends at a wide single run (a paragraph line), a gap of
 * several lines, a label | value row, a new header band or after MAX_TABLE_BANDS
 * bands. */
#define MAX_COLS 16
#define MAX_TABLE_BANDS 200

typedef struct {
    double centre;
    const char *label; /* NULL: not a personal attribute */
    GString *cut;      /* a cell's line that goes on below */
    GArray *cut_orig;
} hcol;

typedef struct {
    int ncols, bands;
    double last_yc, h;
    hcol col[MAX_COLS];
} table;

static void table_flush(table *t, pii_label_row_cb cb, void *user)
{
    for (int i = 0; i < t->ncols; i++) {
        hcol *c = &t->col[i];
        if (c->cut && c->cut->len)
            cb(c->label, c->cut->str, c->cut->len, (const unsigned *)c->cut_orig->data, user);
        if (c->cut) g_string_free(c->cut, TRUE);
        if (c->cut_orig) g_array_free(c->cut_orig, TRUE);
        c->cut = NULL;
        c->cut_orig = NULL;
    }
    t->ncols = 0;
}

/* The cell's text stops in the middle of an e-mail address or a number. */
static bool cut_off(const GString *v)
{
    if (!v->len) return false;
    char last = v->str[v->len - 1];
    if (last == '-' || last == '@' || last == '.' || last == '_') return true;
    const char *at = strrchr(v->str, '@');
    return at && !strchr(at, '.') && !strchr(at, ' ');
}

/* A paragraph line: one run across two column boundaries (halfway between
 * header centres), or across the only one from the left of the first column. */
static bool band_wide_run(const glyph *g, size_t n, const table *t)
{
    size_t a = 0;
    for (size_t i = 1; i <= n; i++) {
        if (i < n && g[i].x1 - g[i - 1].x2 <= 1.5 * g[i].h) continue;
        int crossed = 0;
        for (int c = 0; c + 1 < t->ncols; c++) {
            double b = (t->col[c].centre + t->col[c + 1].centre) / 2;
            if (g[a].x1 < b && g[i - 1].x2 > b) crossed++;
        }
        if (crossed >= 2 || (crossed == 1 && t->ncols == 2 && g[a].x1 < t->col[0].centre))
            return true;
        a = i;
    }
    return false;
}

/* g: one band, sorted by x. */
static void table_band(table *t, const char *text, const glyph *g, size_t n, pii_label_row_cb cb,
                       void *user)
{
    /* cells: runs split at gaps wider than 1.5 character heights */
    size_t starts[MAX_COLS + 1], ends[MAX_COLS + 1];
    int runs = 0;
    bool labelled = false;
    const char *labels[MAX_COLS + 1];
    for (size_t i = 0, a = 0; i <= n && runs <= MAX_COLS; i++) {
        if (i < n && (i == 0 || g[i].x1 - g[i - 1].x2 <= 1.5 * g[i].h)) continue;
        starts[runs] = a;
        ends[runs] = i;
        GString *r = g_string_new(NULL);
        for (size_t k = a; k < i; k++)
            g_string_append_len(r, text + g[k].off, g[k].len);
        labels[runs] = r->len <= LABEL_MAX ? pii_header_context(r->str, r->len) : NULL;
        labelled = labelled || labels[runs];
        g_string_free(r, TRUE);
        runs++;
        a = i;
    }
    double yc = g[0].yc, h = g[0].h;
    /* three cells at least: 氏名 | 株式会社山田製作所 is a label | value row (band()) */
    if (labelled && runs >= 3 && runs <= MAX_COLS) {
        table_flush(t, cb, user);
        t->ncols = runs;
        t->bands = 0;
        t->last_yc = yc;
        t->h = h;
        for (int i = 0; i < runs; i++) {
            t->col[i].centre = (g[starts[i]].x1 + g[ends[i] - 1].x2) / 2;
            t->col[i].label = labels[i];
        }
        return;
    }
    if (!t->ncols) return;
    if (yc - t->last_yc > 4 * MAX(h, t->h) || ++t->bands > MAX_TABLE_BANDS ||
        band_wide_run(g, n, t) || (runs == 2 && labels[0])) {
        table_flush(t, cb, user);
        return;
    }
    t->last_yc = yc;
    GString *v[MAX_COLS];
    GArray *o[MAX_COLS];
    for (int i = 0; i < t->ncols; i++) {
        v[i] = g_string_new(NULL);
        o[i] = g_array_new(FALSE, FALSE, sizeof(unsigned));
    }
    /* words: runs split at gaps over a quarter of a character height */
    for (size_t a = 0, i = 1; i <= n; i++) {
        if (i < n && g[i].x1 - g[i - 1].x2 <= 0.25 * g[i].h) continue;
        double c = (g[a].x1 + g[i - 1].x2) / 2;
        int col = 0;
        while (col + 1 < t->ncols && c > (t->col[col].centre + t->col[col + 1].centre) / 2)
            col++;
        if (t->col[col].label) {
            if (v[col]->len) {
                g_string_append_c(v[col], ' ');
                g_array_append_val(o[col], g[a].off);
            }
            for (size_t k = a; k < i; k++) {
                g_string_append_len(v[col], text + g[k].off, g[k].len);
                for (unsigned b = 0; b < g[k].len; b++) {
                    unsigned off = g[k].off + b;
                    g_array_append_val(o[col], off);
                }
            }
        }
        a = i;
    }
    for (int i = 0; i < t->ncols; i++) {
        hcol *c = &t->col[i];
        if (v[i]->len) {
            if (!c->cut) {
                c->cut = g_string_new(NULL);
                c->cut_orig = g_array_new(FALSE, FALSE, sizeof(unsigned));
            }
            g_string_append_len(c->cut, v[i]->str, (gssize)v[i]->len);
            g_array_append_vals(c->cut_orig, o[i]->data, o[i]->len);
            if (!cut_off(c->cut) || c->cut->len > 256) {
                cb(c->label, c->cut->str, c->cut->len, (const unsigned *)c->cut_orig->data, user);
                g_string_truncate(c->cut, 0);
                g_array_set_size(c->cut_orig, 0);
            }
        }
        g_string_free(v[i], TRUE);
        g_array_free(o[i], TRUE);
    }
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
    table t = {0};
    while (s < m) {
        size_t e = s + 1;
        while (e < m && g[e].yc - g[s].yc <= 0.5 * MIN(g[s].h, g[e].h))
            e++;
        band(text, g + s, e - s, cb, user); /* sorts the band by x */
        table_band(&t, text, g + s, e - s, cb, user);
        s = e;
    }
    table_flush(&t, cb, user);
    g_free(g);
}
