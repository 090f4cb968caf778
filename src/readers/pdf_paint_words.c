/* Which words of a page could be hidden, decided by following the content without
 * rendering it: the graphics state (matrix, rectangle clips, fill colour) tells where
 * fills and images lie, in which colour, and whether before or after text; each word
 * poppler found is then judged on the part the hidden-text renderer samples.
 * Anything not followed makes the page doubtful (rendered). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "pdf_paint_int.h"

/* ---- following the content: what is painted where, and in which colour ---- */

#define MAX_DEPTH 64      /* q nesting followed; deeper pages are rendered */
#define MAX_UNDER 64      /* exact fills under one word (table cells: a few) */
#define MAX_WORK 4000000  /* words x fills per page; beyond, the page is rendered */
#define MAX_PAINTS 20000  /* fills and images remembered per page */
#define FILL_CONTRAST 128 /* luminance between text and what lies under it that stays visible */
#define MIN_FILL_TEXT 6.0 /* smaller text is rendered: few pixels carry it */
#define UNKNOWN (-1.0)
#define SEAM                                                                                       \
    0.25 /* points: half the widest gap between fills treated as closed */ /* a colour not         \
                                                                              followed (pattern,   \
                                                                              other colour spaces) \
                                                                            */

typedef struct {
    double x0, y0, x1, y1;
} rect;

typedef struct {
    double m[6];  /* current transformation matrix */
    double fill;  /* fill luminance 0–255, or UNKNOWN */
    int fill_n;   /* components of the fill colour space (1 gray, 3 RGB, 0 other) */
    double line;  /* line width in user space */
    bool clipped; /* a clip is in force */
    bool exact;   /* … and it is exactly clip_r (an axis-aligned rectangle) */
    rect clip_r;  /* the clip's bounding box */
} gstate;

typedef struct {
    rect r;
    double lum;      /* UNKNOWN for images and unfollowed colours */
    bool exact;      /* r is exactly the painted area (one axis-aligned rectangle) */
    bool after_text; /* painted after some text was shown */
} paint;

typedef struct {
    nohin_qpdf *qp;
    qpdf_oh xobjects;
    gstate gs[MAX_DEPTH];
    int depth;
    const char *tok[8]; /* the last numeric operands, as written (converted on use) */
    size_t tok_n[8];
    double num[8];
    int n_num;
    const char *name; /* the last name operand */
    size_t name_n;
    rect path;
    bool path_any, path_one_rect, path_other, clip_pending;
    bool text_seen;
    GArray *paints; /* paint */
    GArray *clips;  /* rect: exact clips in force when text was shown */
    bool doubt;     /* something not followed: render the page */
} interp;

static void xform(const double m[6], double x, double y, double *ox, double *oy)
{
    *ox = m[0] * x + m[2] * y + m[4];
    *oy = m[1] * x + m[3] * y + m[5];
}

static void path_add(interp *in, double x, double y)
{
    double dx, dy;
    xform(in->gs[in->depth].m, x, y, &dx, &dy);
    if (!in->path_any) {
        in->path = (rect){dx, dy, dx, dy};
        in->path_any = true;
        return;
    }
    in->path.x0 = MIN(in->path.x0, dx), in->path.y0 = MIN(in->path.y0, dy);
    in->path.x1 = MAX(in->path.x1, dx), in->path.y1 = MAX(in->path.y1, dy);
}

static void add_paint(interp *in, rect r, double lum, bool exact)
{
    if (in->paints->len >= MAX_PAINTS) {
        in->doubt = true;
        return;
    }
    const gstate *g = &in->gs[in->depth];
    if (g->clipped) { /* what is painted stays inside the clip */
        r.x0 = MAX(r.x0, g->clip_r.x0), r.y0 = MAX(r.y0, g->clip_r.y0);
        r.x1 = MIN(r.x1, g->clip_r.x1), r.y1 = MIN(r.y1, g->clip_r.y1);
        if (r.x0 >= r.x1 || r.y0 >= r.y1) return;
        if (!g->exact) exact = false;
    }
    paint p = {r, lum, exact, in->text_seen};
    g_array_append_val(in->paints, p);
}

/* The end of a path: painted (fill, stroke) or not (n), and maybe made the clip. */
static void end_path(interp *in, bool fill, bool stroke)
{
    gstate *g = &in->gs[in->depth];
    if (in->path_any) {
        bool one = in->path_one_rect && !in->path_other && g->m[1] == 0 && g->m[2] == 0;
        rect r = in->path;
        if (stroke) {
            /* Thin strokes (rules, borders) never hid text here before; thick ones may. */
            double scale = MAX(fabs(g->m[0]) + fabs(g->m[2]), fabs(g->m[1]) + fabs(g->m[3]));
            double w = g->line * scale;
            if (w > 2) {
                r.x0 -= w / 2, r.y0 -= w / 2, r.x1 += w / 2, r.y1 += w / 2;
                add_paint(in, r, UNKNOWN, false);
            }
        }
        if (fill) add_paint(in, in->path, stroke ? UNKNOWN : g->fill, one && !stroke);
        if (in->clip_pending) {
            if (g->clipped) {
                r = (rect){MAX(g->clip_r.x0, in->path.x0), MAX(g->clip_r.y0, in->path.y0),
                           MIN(g->clip_r.x1, in->path.x1), MIN(g->clip_r.y1, in->path.y1)};
                if (r.x1 < r.x0) r.x1 = r.x0;
                if (r.y1 < r.y0) r.y1 = r.y0;
                g->exact = g->exact && one;
            } else {
                r = in->path;
                g->exact = one;
            }
            g->clip_r = r;
            g->clipped = true;
        }
    } else if (in->clip_pending) {
        in->doubt = true; /* a clip with no path: nothing is shown */
    }
    in->path_any = in->path_one_rect = in->path_other = in->clip_pending = false;
}

static bool op_is(const char *op, size_t n, const char *s)
{
    return strlen(s) == n && !memcmp(op, s, n);
}

/* An image XObject is painted into the unit square; a form would need following. */
static void do_xobject(interp *in)
{
    qpdf_data q = in->qp->q;
    if (!in->name || in->name_n < 2 || in->name_n > 127 ||
        !qpdf_oh_is_dictionary(q, in->xobjects)) {
        in->doubt = true;
        return;
    }
    char key[128];
    memcpy(key, in->name, in->name_n);
    key[in->name_n] = 0;
    qpdf_oh x = nohin_qpdf_get(in->qp, in->xobjects, key);
    if (!qpdf_oh_is_stream(q, x) ||
        !qpdf_oh_is_name_and_equals(q, nohin_qpdf_get(in->qp, x, "/Subtype"), "/Image")) {
        in->doubt = true;
        return;
    }
    const double *m = in->gs[in->depth].m;
    rect r = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (int i = 0; i < 4; i++) {
        double x0, y0;
        xform(m, i & 1, i >> 1, &x0, &y0);
        r.x0 = MIN(r.x0, x0), r.y0 = MIN(r.y0, y0), r.x1 = MAX(r.x1, x0), r.y1 = MAX(r.y1, y0);
    }
    add_paint(in, r, UNKNOWN, false);
}

static void set_fill(interp *in, int n)
{
    gstate *g = &in->gs[in->depth];
    const double *v = in->num + in->n_num - n;
    if (in->n_num < n || in->name) /* a pattern name, or too few operands */
        g->fill = UNKNOWN;
    else if (n == 1)
        g->fill = CLAMP(v[0], 0, 1) * 255;
    else
        g->fill = 0.299 * CLAMP(v[0], 0, 1) * 255 + 0.587 * CLAMP(v[1], 0, 1) * 255 +
                  0.114 * CLAMP(v[2], 0, 1) * 255;
}

static void text_shown(interp *in)
{
    const gstate *g = &in->gs[in->depth];
    in->text_seen = true;
    if (g->fill == UNKNOWN) in->doubt = true; /* text in a pattern or unfollowed colour */
    if (!g->clipped) return;
    if (!g->exact) {
        in->doubt = true;
        return;
    }
    if (in->clips->len) {
        const rect *last = &g_array_index(in->clips, rect, in->clips->len - 1);
        if (!memcmp(last, &g->clip_r, sizeof *last)) return;
    }
    if (in->clips->len >= 1000)
        in->doubt = true;
    else
        g_array_append_val(in->clips, g->clip_r);
}

/* Numbers are converted only for operators that use them: most numbers of a text
 * page are kerning inside TJ arrays, and converting them was most of this test. */
static void convert_operands(interp *in)
{
    for (int i = 0; i < in->n_num; i++) {
        char buf[64];
        size_t k = MIN(in->tok_n[i], sizeof buf - 1);
        memcpy(buf, in->tok[i], k);
        buf[k] = 0;
        double x = g_ascii_strtod(buf, NULL);
        in->num[i] = isfinite(x) ? x : 0;
    }
}

static void operator(interp *in, const char *op, size_t n)
{
    gstate *g = &in->gs[in->depth];
    const double *v = in->num + in->n_num;
    if (op[0] != 'T' || (n == 2 && op[1] == 'r')) convert_operands(in);
    switch (op[0]) {
    case 'q':
        if (n == 1) {
            if (in->depth + 1 >= MAX_DEPTH)
                in->doubt = true;
            else
                in->gs[in->depth + 1] = *g, in->depth++;
        }
        break;
    case 'Q':
        if (n == 1 && in->depth > 0) in->depth--;
        break;
    case 'c':
        if (op_is(op, n, "cm") && in->n_num >= 6) {
            double a[6], r[6];
            memcpy(a, v - 6, sizeof a);
            r[0] = a[0] * g->m[0] + a[1] * g->m[2];
            r[1] = a[0] * g->m[1] + a[1] * g->m[3];
            r[2] = a[2] * g->m[0] + a[3] * g->m[2];
            r[3] = a[2] * g->m[1] + a[3] * g->m[3];
            r[4] = a[4] * g->m[0] + a[5] * g->m[2] + g->m[4];
            r[5] = a[4] * g->m[1] + a[5] * g->m[3] + g->m[5];
            memcpy(g->m, r, sizeof r);
        } else if (op_is(op, n, "c") && in->n_num >= 6) {
            for (int i = 6; i > 0; i -= 2)
                path_add(in, v[-i], v[-i + 1]);
            in->path_other = true;
        } else if (op_is(op, n, "cs")) {
            bool gray = in->name && op_is(in->name, in->name_n, "/DeviceGray");
            bool rgb = in->name && op_is(in->name, in->name_n, "/DeviceRGB");
            g->fill_n = gray ? 1 : rgb ? 3 : 0;
            g->fill = gray || rgb ? 0 : UNKNOWN;
        }
        break;
    case 'r':
        if (op_is(op, n, "re") && in->n_num >= 4) {
            path_add(in, v[-4], v[-3]);
            path_add(in, v[-4] + v[-2], v[-3] + v[-1]);
            path_add(in, v[-4] + v[-2], v[-3]);
            path_add(in, v[-4], v[-3] + v[-1]);
            if (in->path_one_rect) in->path_other = true;
            in->path_one_rect = true;
        } else if (op_is(op, n, "rg")) {
            g->fill_n = 3;
            set_fill(in, 3);
        }
        break;
    case 'm':
    case 'l':
        if (n == 1 && in->n_num >= 2) {
            path_add(in, v[-2], v[-1]);
            in->path_other = true;
        }
        break;
    case 'v':
    case 'y':
        if (n == 1 && in->n_num >= 4) {
            path_add(in, v[-4], v[-3]);
            path_add(in, v[-2], v[-1]);
            in->path_other = true;
        }
        break;
    case 'h':
        if (n == 1) in->path_other = true;
        break;
    case 'f':
    case 'F':
        if (n == 1 || op_is(op, n, "f*")) end_path(in, true, false);
        break;
    case 'B':
    case 'b':
        if (n == 1 || (n == 2 && op[1] == '*'))
            end_path(in, true, true);
        else if (op_is(op, n, "BI"))
            in->doubt = true; /* inline image: its data is not skipped here */
        break;
    case 'S':
    case 's':
        if (n == 1)
            end_path(in, false, true);
        else if (op_is(op, n, "sh"))
            in->doubt = true;
        else if ((op_is(op, n, "sc") || op_is(op, n, "scn")) && g->fill_n > 0)
            set_fill(in, g->fill_n);
        else if (op_is(op, n, "sc") || op_is(op, n, "scn"))
            g->fill = UNKNOWN;
        break;
    case 'n':
        if (n == 1) end_path(in, false, false);
        break;
    case 'W':
        if (n == 1 || op_is(op, n, "W*")) in->clip_pending = true;
        break;
    case 'g':
        if (n == 1) {
            g->fill_n = 1;
            set_fill(in, 1);
        }
        break;
    case 'k':
        if (n == 1) g->fill_n = 0, g->fill = UNKNOWN;
        break;
    case 'w':
        if (n == 1 && in->n_num >= 1) g->line = fabs(v[-1]);
        break;
    case 'D':
        if (op_is(op, n, "Do")) do_xobject(in);
        break;
    case 'd':
        if (op_is(op, n, "d0") || op_is(op, n, "d1")) in->doubt = true;
        break;
    case 'T':
        if (op_is(op, n, "Tj") || op_is(op, n, "TJ"))
            text_shown(in);
        else if (op_is(op, n, "Tr") && !(in->n_num >= 1 && v[-1] == 0))
            in->doubt = true; /* invisible, clipping or stroked text */
        break;
    case '\'':
    case '"':
        if (n == 1) text_shown(in);
        break;
    default:
        break;
    }
    in->n_num = 0;
    in->name = NULL;
}

static void follow(interp *in, const unsigned char *d, size_t len)
{
    size_t i = 0;
    while (i < len && !in->doubt) {
        unsigned char c = d[i];
        size_t j;
        if (is_space(c)) {
            i++;
        } else if ((j = skip_opaque(d, len, i)) != i) {
            i = j;
        } else if (c == '<') { /* a dictionary: << */
            i += 2;
        } else if (is_delim(c) && c != '/') {
            i++;
        } else {
            size_t start = i;
            if (c == '/') i++;
            while (i < len && !is_space(d[i]) && !is_delim(d[i]))
                i++;
            if (i == start) {
                i++;
                continue;
            }
            const char *tok = (const char *)d + start;
            size_t n = i - start;
            if (tok[0] == '/') {
                /* Optional content: what it paints may not be shown (nor its fills). */
                if (op_is(tok, n, "/OC")) in->doubt = true;
                in->name = tok, in->name_n = n;
            } else if (g_ascii_isdigit(tok[0]) || tok[0] == '-' || tok[0] == '+' || tok[0] == '.') {
                if (in->n_num == 8) {
                    memmove(in->tok, in->tok + 1, 7 * sizeof *in->tok);
                    memmove(in->tok_n, in->tok_n + 1, 7 * sizeof *in->tok_n);
                    in->n_num = 7;
                }
                in->tok[in->n_num] = tok, in->tok_n[in->n_num++] = n;
            } else {
                operator(in, tok, n);
            }
        }
    }
}

/* The box the page is shown in (poppler's frame), and whether the page is upright. */
static qpdf_oh inherited(nohin_qpdf *qp, qpdf_oh pg, const char *key)
{
    qpdf_data q = qp->q;
    for (int i = 0; i < 32; i++) {
        if (nohin_qpdf_has(qp, pg, key)) return nohin_qpdf_get(qp, pg, key);
        pg = nohin_qpdf_get(qp, pg, "/Parent");
        if (!qpdf_oh_is_dictionary(q, pg)) break;
    }
    return qpdf_oh_new_null(q);
}

static bool box_of(nohin_qpdf *qp, qpdf_oh arr, rect *r)
{
    qpdf_data q = qp->q;
    if (!qpdf_oh_is_array(q, arr) || qpdf_oh_get_array_n_items(q, arr) != 4) return false;
    double v[4];
    for (int i = 0; i < 4; i++) {
        qpdf_oh x = qpdf_oh_get_array_item(q, arr, i);
        if (!qpdf_oh_is_number(q, x)) return false;
        v[i] = qpdf_oh_get_numeric_value(q, x);
    }
    *r = (rect){MIN(v[0], v[2]), MIN(v[1], v[3]), MAX(v[0], v[2]), MAX(v[1], v[3])};
    return true;
}

static bool shown_box(nohin_qpdf *qp, qpdf_oh pg, rect *shown)
{
    qpdf_data q = qp->q;
    qpdf_oh rot = inherited(qp, pg, "/Rotate");
    if (!qpdf_oh_is_null(q, rot) &&
        !(qpdf_oh_is_integer(q, rot) && qpdf_oh_get_int_value(q, rot) % 360 == 0))
        return false;
    rect media, crop;
    if (!box_of(qp, inherited(qp, pg, "/MediaBox"), &media)) return false;
    qpdf_oh cb = inherited(qp, pg, "/CropBox");
    if (qpdf_oh_is_null(q, cb))
        crop = media;
    else if (!box_of(qp, cb, &crop))
        return false;
    *shown = (rect){MAX(media.x0, crop.x0), MAX(media.y0, crop.y0), MIN(media.x1, crop.x1),
                    MIN(media.y1, crop.y1)};
    return shown->x1 > shown->x0 && shown->y1 > shown->y0;
}

static bool overlap(const rect *a, const rect *b)
{
    return a->x0 < b->x1 && a->x1 > b->x0 && a->y0 < b->y1 && a->y1 > b->y0;
}

/* Whether the renderer will see the word's glyphs on a background of luminance bg:
 * at 36 dpi thin glyphs cover a fraction of a pixel, so an orange γ on white (a
 * luminance step of 104) already looks flat to it. */
static bool contrasts(const nohin_word_box *w, double bg)
{
    if (w->size > 0 ? w->size < MIN_FILL_TEXT : w->y2 - w->y1 < MIN_FILL_TEXT) return false;
    if (w->lum_lo <= bg && bg <= w->lum_hi) return false;
    return fabs(w->lum_lo - bg) >= FILL_CONTRAST && fabs(w->lum_hi - bg) >= FILL_CONTRAST;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int cmp_y0(const void *a, const void *b)
{
    return cmp_double(&((const rect *)a)->y0, &((const rect *)b)->y0);
}

/* Whether the union of the rectangles covers box: cut into slabs at every x edge,
 * and each slab's y intervals must join from the bottom to the top. */
static bool union_covers(const rect *box, GArray *rects)
{
    guint n = rects->len;
    if (n == 0) return false;
    double *xs = g_new(double, 2 * n + 2);
    rect *col = g_new(rect, n);
    guint nx = 0;
    xs[nx++] = box->x0, xs[nx++] = box->x1;
    for (guint i = 0; i < n; i++) {
        const rect *r = &g_array_index(rects, rect, i);
        if (r->x0 > box->x0 && r->x0 < box->x1) xs[nx++] = r->x0;
        if (r->x1 > box->x0 && r->x1 < box->x1) xs[nx++] = r->x1;
    }
    qsort(xs, nx, sizeof *xs, cmp_double);
    bool ok = true;
    for (guint i = 0; i + 1 < nx && ok; i++) {
        double a = xs[i], b = xs[i + 1];
        if (b <= a) continue;
        guint nc = 0;
        for (guint k = 0; k < n; k++) {
            const rect *r = &g_array_index(rects, rect, k);
            if (r->x0 <= a && r->x1 >= b) col[nc++] = *r;
        }
        qsort(col, nc, sizeof *col, cmp_y0);
        double cur = box->y0;
        for (guint k = 0; k < nc && cur < box->y1; k++) {
            if (col[k].y0 > cur) break;
            cur = MAX(cur, col[k].y1);
        }
        ok = cur >= box->y1;
    }
    g_free(xs);
    g_free(col);
    return ok;
}

static bool word_may_hide(const interp *in, const nohin_word_box *w, const rect *shown)
{
    /* In the content's frame (y up); core is the part the hidden-text check samples
     * (the box without its top and bottom 15 %): the renderer calls a word hidden
     * when the pixels there are flat, so only what can flatten them counts. */
    double h = w->y2 - w->y1;
    rect b = {shown->x0 + w->x1, shown->y1 - w->y2, shown->x0 + w->x2, shown->y1 - w->y1};
    rect core = {b.x0, b.y0 + h * 0.15, b.x1, b.y1 - h * 0.15};
    for (guint i = 0; i < in->clips->len; i++) {
        const rect *c = &g_array_index(in->clips, rect, i);
        if (core.x0 < c->x0 || core.x1 > c->x1 || core.y0 < c->y0 || core.y1 > c->y1) return true;
    }
    GArray *under = g_array_new(FALSE, FALSE, sizeof(rect)); /* exact fills under the word */
    bool hide = false;
    for (guint i = 0; i < in->paints->len && !hide; i++) {
        const paint *p = &g_array_index(in->paints, paint, i);
        /* Only what lies under the sampled core matters: paint beside it (under a
         * descender, say) only widens the range of luminance the renderer sees. */
        if (!overlap(&p->r, &core)) continue;
        if (p->after_text || p->lum == UNKNOWN || !contrasts(w, p->lum)) hide = true;
        /* Seams thinner than SEAM between cells' fills show no page at this resolution. */
        rect r = {p->r.x0 - SEAM, p->r.y0 - SEAM, p->r.x1 + SEAM, p->r.y1 + SEAM};
        if (p->exact) g_array_append_val(under, r);
        if (under->len > MAX_UNDER) hide = true; /* the coverage test is quadratic */
    }
    /* Where no fill lies under the word the white page shows. */
    if (!hide && !contrasts(w, 255)) hide = !union_covers(&core, under);
    g_array_free(under, TRUE);
    return hide;
}

bool nohin_pdf_page_may_hide_words(nohin_qpdf *qp, int page, const nohin_word_box *words,
                                   size_t n_words)
{
    if (!qp->q || page < 0 || page >= qp->n_pages) return true;
    qpdf_data q = qp->q;
    qpdf_oh pg = qpdf_get_page_n(q, (size_t)page);
    qpdf_oh res = nohin_qpdf_get(qp, pg, "/Resources");
    rect shown;
    if (nohin_pdf_structure_may_hide(qp, pg, res, true) || !shown_box(qp, pg, &shown)) return true;
    qpdf_oh contents = nohin_qpdf_get(qp, pg, "/Contents");
    bool arr = qpdf_oh_is_array(q, contents);
    int n = arr ? qpdf_oh_get_array_n_items(q, contents) : 1;
    if (n > 1000) return true;
    /* Operators may be split across streams: joined with a space between. */
    GByteArray *all = g_byte_array_new();
    bool doubt = false;
    for (int i = 0; i < n && !doubt; i++) {
        qpdf_oh c = arr ? qpdf_oh_get_array_item(q, contents, i) : contents;
        size_t len = 0;
        bool complete = false;
        unsigned char *d = nohin_qpdf_stream_data(qp, c, MAX_CONTENT, &len, &complete);
        doubt = !d || !complete || all->len + len > MAX_CONTENT;
        if (!doubt)
            g_byte_array_append(all, d, (guint)len), g_byte_array_append(all, (guint8 *)" ", 1);
        g_free(d);
    }
    interp *in = g_new0(interp, 1);
    in->qp = qp;
    in->xobjects = nohin_qpdf_get(qp, res, "/XObject");
    in->gs[0] = (gstate){{1, 0, 0, 1, 0, 0}, 0, 1, 1, false, false, {0, 0, 0, 0}};
    in->paints = g_array_new(FALSE, FALSE, sizeof(paint));
    in->clips = g_array_new(FALSE, FALSE, sizeof(rect));
    in->doubt = doubt;
    if (!in->doubt) follow(in, all->data, all->len);
    /* Hostile pages (thousands of fills and words) go to the renderer, which is bounded. */
    bool hide = in->doubt || (double)in->paints->len * (double)n_words > MAX_WORK;
    for (size_t i = 0; i < n_words && !hide; i++) {
        hide = word_may_hide(in, &words[i], &shown);
        if (hide && g_getenv("NOHIN_DEBUG_PAINT"))
            g_printerr("page %d word %zu [%g %g %g %g] lum %g-%g size %g\n", page, i, words[i].x1,
                       words[i].y1, words[i].x2, words[i].y2, words[i].lum_lo, words[i].lum_hi,
                       words[i].size);
    }
    if (in->doubt && g_getenv("NOHIN_DEBUG_PAINT")) g_printerr("page %d doubt\n", page);
    g_array_free(in->paints, TRUE);
    g_array_free(in->clips, TRUE);
    g_free(in);
    g_byte_array_free(all, TRUE);
    return hide;
}
