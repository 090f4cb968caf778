/* PDF-HIDDEN-TEXT: text that is in the text layer but that nobody sees on the
 * page — white on white, under a filled shape (a failed redaction), tiny, or
 * outside the crop box.
 *
 * How: for every page we take each word's box from poppler's text layout and
 * render the page once at low resolution (RENDER_SCALE). A word that is shown
 * leaves contrast in its box (glyph against background); a word whose box is a
 * single flat colour draws nothing anyone can see. Invisible OCR text (render
 * mode 3) lies over the scanned image of the same words, so its box has the
 * contrast of the scan and passes; where OCR text lies over a flat part of an
 * image, a page whose content uses render mode 3 is treated as OCR. Text outside
 * the crop box is never rendered nor extracted by poppler, so pages whose crop
 * box is smaller than the media box are opened once more without it. */
#include <math.h>
#include <string.h>
#include "core/workers.h"
#include "readers/pdf_paint.h"
#include "readers/pdf_reader.h"
#include "readers/qpdf_reader.h"

static const nohin_rule rules[] = {
    {"PDF-HIDDEN-TEXT", NOHIN_SEV_ERROR, false,
     N_("Text in the text layer that is not visible on the page (white, covered, tiny or outside "
        "the crop box)"),
     "001 §5(2)"},
    {NULL}};

#define RENDER_SCALE 0.5 /* 36 dpi: a 10 pt glyph is 5 pixels, enough to see contrast */
#define MIN_CONTRAST 40  /* luminance range (0–255) inside a word box that counts as drawn */
#define MAX_PER_PAGE 20
#define MAX_PER_FILE 200

typedef enum { R_WHITE, R_COVERED, R_INVISIBLE, R_TINY, R_OUTSIDE } reason;

typedef struct {
    int page; /* 1-based */
    reason why;
    nohin_box box;
    bool over_image;
    char *text;
} hidden_word;

static void word_free(void *p)
{
    hidden_word *w = p;
    g_free(w->text);
    g_free(w);
}

static double lum_rgb(double r, double g, double b)
{
    return 0.299 * r + 0.587 * g + 0.114 * b;
}

/* Luminance range and mean of the rendered pixels under a box (in points). */
static void box_stats(cairo_surface_t *s, const PopplerRectangle *r, double *range, double *mean)
{
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    double hgt = r->y2 - r->y1;
    /* Trim the box top and bottom: line boxes overlap the lines next to them. */
    int x0 = (int)floor(r->x1 * RENDER_SCALE), x1 = (int)ceil(r->x2 * RENDER_SCALE);
    int y0 = (int)floor((r->y1 + hgt * 0.15) * RENDER_SCALE),
        y1 = (int)ceil((r->y2 - hgt * 0.15) * RENDER_SCALE);
    x0 = CLAMP(x0, 0, w - 1), x1 = CLAMP(x1, x0 + 1, w);
    y0 = CLAMP(y0, 0, h - 1), y1 = CLAMP(y1, y0 + 1, h);
    double lo = 255, hi = 0, sum = 0;
    long n = 0;
    for (int y = y0; y < y1; y++) {
        const guint32 *row = (const guint32 *)(data + (size_t)y * stride);
        for (int x = x0; x < x1; x++) {
            guint32 px = row[x];
            double l = lum_rgb((px >> 16) & 0xff, (px >> 8) & 0xff, px & 0xff);
            lo = MIN(lo, l), hi = MAX(hi, l);
            sum += l;
            n++;
        }
    }
    *range = n ? hi - lo : 0;
    *mean = n ? sum / (double)n : 255;
}

static bool overlaps_image(GList *images, const PopplerRectangle *r)
{
    for (GList *l = images; l; l = l->next) {
        PopplerImageMapping *m = l->data;
        PopplerRectangle *a = &m->area;
        if (r->x1 < a->x2 && r->x2 > a->x1 && r->y1 < a->y2 && r->y2 > a->y1) return true;
    }
    return false;
}

/* ---- words, collected during the reader's text pass (the page hook) ---- */

typedef struct {
    PopplerRectangle box;
    double size;
    double color_lum;      /* 0–255, of the first character */
    double lum_lo, lum_hi; /* of all its characters */
    char *text;
} word;

typedef struct {
    GArray *words; /* word: runs of non-space characters with two letters or digits */
    bool light;    /* some text is drawn in a light colour */
} page_words;

static void page_words_free(void *p)
{
    page_words *pw = p;
    for (guint i = 0; i < pw->words->len; i++)
        g_free(g_array_index(pw->words, word, i).text);
    g_array_free(pw->words, TRUE);
    g_free(pw);
}

static void keep_word(page_words *pw, word *w, GString *text)
{
    /* Punctuation and single characters are noise at this resolution and tell
     * nobody anything; hidden words have at least two letters or digits. */
    int alnum = 0;
    for (const char *p = text->str; *p && alnum < 2; p = g_utf8_next_char(p))
        if (g_unichar_isalnum(g_utf8_get_char(p))) alnum++;
    if (alnum < 2) return;
    w->text = g_strdup(text->str);
    g_array_append_val(pw->words, *w);
}

static void *page_hook(PopplerPage *page, int index, const char *text)
{
    (void)index;
    page_words *pw = g_new0(page_words, 1);
    pw->words = g_array_new(FALSE, FALSE, sizeof(word));
    PopplerRectangle *rects = NULL;
    guint n_rects = 0;
    bool any = false;
    for (const char *p = text; p && *p && !any; p = g_utf8_next_char(p))
        if (!g_unichar_isspace(g_utf8_get_char(p))) any = true;
    if (!any || !poppler_page_get_text_layout(page, &rects, &n_rects)) return pw;
    GList *attrs = poppler_page_get_text_attributes(page), *a = attrs;
    word w = {{0}, 0, 0, 0, 0, NULL};
    GString *t = g_string_new(NULL);
    bool in_word = false;
    guint k = 0;
    for (const char *p = text; *p && k < n_rects; p = g_utf8_next_char(p), k++) {
        gunichar c = g_utf8_get_char(p);
        while (a && ((PopplerTextAttributes *)a->data)->end_index < (int)k)
            a = a->next;
        PopplerTextAttributes *at = a ? a->data : NULL;
        if (g_unichar_isspace(c)) {
            if (in_word) keep_word(pw, &w, t);
            in_word = false;
            continue;
        }
        PopplerRectangle *r = &rects[k];
        double lum =
            at ? lum_rgb(at->color.red / 257.0, at->color.green / 257.0, at->color.blue / 257.0)
               : 0;
        if (lum > 200) pw->light = true;
        if (!in_word) {
            w.box = *r;
            w.size = at ? at->font_size : 0;
            w.color_lum = w.lum_lo = w.lum_hi = lum;
            g_string_truncate(t, 0);
            in_word = true;
        } else {
            w.box.x1 = MIN(w.box.x1, r->x1), w.box.y1 = MIN(w.box.y1, r->y1);
            w.box.x2 = MAX(w.box.x2, r->x2), w.box.y2 = MAX(w.box.y2, r->y2);
            if (at && at->font_size > w.size) w.size = at->font_size;
            w.lum_lo = MIN(w.lum_lo, lum), w.lum_hi = MAX(w.lum_hi, lum);
        }
        if (t->len < 400) g_string_append_unichar(t, c);
    }
    if (in_word) keep_word(pw, &w, t);
    g_string_free(t, TRUE);
    poppler_page_free_text_attributes(attrs);
    g_free(rects);
    return pw;
}

/* Registered before main: the reader's text pass then collects the words. */
__attribute__((constructor)) static void register_hook(void)
{
    nohin_pdf_set_page_hook(page_hook, page_words_free);
}

static hidden_word *hide(const word *w, int page, reason why)
{
    hidden_word *h = g_new0(hidden_word, 1);
    h->page = page;
    h->why = why;
    h->box = (nohin_box){w->box.x1, w->box.y1, w->box.x2, w->box.y2};
    h->text = g_strdup(w->text);
    return h;
}

/* ---- rendering the pages that could hide text ---- */

typedef struct {
    const char *abspath;
    PopplerDocument *first_doc;
    void **extra;  /* page_words per page */
    GArray *pages; /* 0-based indexes to render */
    gint next;
    GMutex lock;
    GPtrArray *found; /* hidden_word* */
} job;

static void judge_page(PopplerPage *page, int index, const page_words *pw, GPtrArray *out)
{
    double pw_w, pw_h;
    poppler_page_get_size(page, &pw_w, &pw_h);
    int W = (int)ceil(pw_w * RENDER_SCALE), H = (int)ceil(pw_h * RENDER_SCALE);
    W = CLAMP(W, 1, 4000), H = CLAMP(H, 1, 4000);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, RENDER_SCALE, RENDER_SCALE);
    poppler_page_render(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    GList *images = NULL;
    bool images_loaded = false;
    for (guint i = 0; i < pw->words->len; i++) {
        const word *w = &g_array_index(pw->words, word, i);
        if (w->size > 0 && w->size < 1.0) continue; /* reported as tiny already */
        double range, mean;
        box_stats(s, &w->box, &range, &mean);
        if (range >= MIN_CONTRAST) continue;
        reason why = w->color_lum > 230 && mean > 230 ? R_WHITE
                     : mean > 230                     ? R_INVISIBLE
                                                      : R_COVERED;
        if (!images_loaded) {
            images = poppler_page_get_image_mapping(page);
            images_loaded = true;
        }
        hidden_word *h = hide(w, index + 1, why);
        h->over_image = overlaps_image(images, &w->box);
        g_ptr_array_add(out, h);
    }
    if (images) poppler_page_free_image_mapping(images);
    cairo_surface_destroy(s);
}

static gpointer worker(gpointer data)
{
    job *j = data;
    bool own = false;
    PopplerDocument *doc = NULL;
    g_mutex_lock(&j->lock);
    if (j->first_doc) {
        doc = j->first_doc; /* the reader's document, used by one thread only */
        j->first_doc = NULL;
    }
    g_mutex_unlock(&j->lock);
    if (!doc) {
        doc = nohin_pdf_open_document(j->abspath, NULL);
        own = true;
    }
    if (!doc) return NULL;
    GPtrArray *mine = g_ptr_array_new();
    for (;;) {
        int k = g_atomic_int_add(&j->next, 1);
        if (k >= (int)j->pages->len) break;
        int i = g_array_index(j->pages, int, k);
        PopplerPage *page = poppler_document_get_page(doc, i);
        if (!page) continue;
        judge_page(page, i, j->extra[i], mine);
        g_object_unref(page);
    }
    g_mutex_lock(&j->lock);
    for (guint i = 0; i < mine->len; i++)
        g_ptr_array_add(j->found, mine->pdata[i]);
    g_mutex_unlock(&j->lock);
    g_ptr_array_free(mine, TRUE);
    if (own) g_object_unref(doc);
    return NULL;
}

/* Whether the page's content switches text to invisible (3 Tr) or clip-only (7 Tr):
 * what OCR software writes over a scan. */
static bool page_has_invisible_text(nohin_qpdf *qp, int page)
{
    if (!qp->q || page < 1 || page > qp->n_pages) return false;
    static GRegex *re;
    static gsize once;
    if (g_once_init_enter(&once)) {
        re = g_regex_new("(?<![0-9.+-])[37]\\s+Tr(?![A-Za-z0-9_])", G_REGEX_RAW | G_REGEX_OPTIMIZE,
                         0, NULL);
        g_once_init_leave(&once, 1);
    }
    qpdf_oh pg = qpdf_get_page_n(qp->q, (size_t)page - 1);
    qpdf_oh contents = nohin_qpdf_get(qp, pg, "/Contents");
    int n = qpdf_oh_is_array(qp->q, contents) ? qpdf_oh_get_array_n_items(qp->q, contents) : 1;
    bool found = false;
    for (int i = 0; i < n && i < 1000 && !found; i++) {
        qpdf_oh c = qpdf_oh_is_array(qp->q, contents) ? qpdf_oh_get_array_item(qp->q, contents, i)
                                                      : contents;
        size_t len = 0;
        unsigned char *d = nohin_qpdf_stream_data(qp, c, NOHIN_QPDF_MAX_STREAM, &len, NULL);
        if (d && re) found = g_regex_match_full(re, (const char *)d, (gssize)len, 0, 0, NULL, NULL);
        g_free(d);
    }
    return found;
}

static const char *reason_name(reason r)
{
    static const char *const names[] = {"white", "covered", "invisible", "tiny", "outside-crop"};
    return names[r];
}

static void emit_run(nohin_ctx *ctx, nohin_file *file, GPtrArray *words, guint from, guint to)
{
    hidden_word *h = words->pdata[from];
    nohin_box b = h->box;
    GString *t = g_string_new(NULL);
    for (guint i = from; i < to; i++) {
        hidden_word *x = words->pdata[i];
        b.x0 = MIN(b.x0, x->box.x0), b.y0 = MIN(b.y0, x->box.y0);
        b.x1 = MAX(b.x1, x->box.x1), b.y1 = MAX(b.y1, x->box.y1);
        if (t->len < 200) g_string_append_printf(t, "%s%s", t->len ? " " : "", x->text);
    }
    const char *msg;
    switch (h->why) {
    case R_WHITE:
        msg = _("Text on page %d is white on a white background: it is in the text "
                "layer but nobody sees it.");
        break;
    case R_COVERED:
        msg = _("Text on page %d is covered by a filled shape or image (a redaction "
                "that only hides the text, which can still be copied).");
        break;
    case R_INVISIBLE:
        msg = _("Text on page %d is invisible (drawn in the background colour or "
                "as invisible text) but is in the text layer.");
        break;
    case R_TINY:
        msg = _("Text on page %d is smaller than 1 point: too small to see, but it is "
                "in the text layer.");
        break;
    default:
        msg = _("Text on page %d lies outside the visible page area (crop box): it is in "
                "the file but not shown.");
        break;
    }
    nohin_finding *f = nohin_emit(
        ctx, file, "PDF-HIDDEN-TEXT", nohin_loc_page_box(h->page, b),
        _("Delete the hidden text in the source document (or use a real redaction tool that "
          "removes the text), then export the PDF again."),
        msg, h->page);
    char *m = nohin_mask(t->str);
    nohin_finding_set_evidence(f, "reason=%s words=%u text=%s", reason_name(h->why), to - from, m);
    if (f) nohin_finding_set_severity(ctx, f, nohin_by_role(file, NOHIN_SEV_ERROR, NOHIN_SEV_INFO));
    g_free(m);
    g_string_free(t, TRUE);
}

static gint cmp_word(gconstpointer a, gconstpointer b)
{
    const hidden_word *x = *(hidden_word *const *)a, *y = *(hidden_word *const *)b;
    if (x->page != y->page) return x->page - y->page;
    if (fabs(x->box.y0 - y->box.y0) > 2) return x->box.y0 < y->box.y0 ? -1 : 1;
    return x->box.x0 < y->box.x0 ? -1 : x->box.x0 > y->box.x0;
}

/* Emits runs of hidden words (same page, same reason, same or next line). */
static void report(nohin_ctx *ctx, nohin_file *file, GPtrArray *words)
{
    g_ptr_array_sort(words, cmp_word);
    int per_file = 0, per_page = 0, page = 0, dropped = 0;
    for (guint i = 0; i < words->len;) {
        hidden_word *h = words->pdata[i];
        guint j = i + 1;
        while (j < words->len) {
            hidden_word *x = words->pdata[j], *prev = words->pdata[j - 1];
            if (x->page != h->page || x->why != h->why) break;
            /* Text outside the crop box (printer's slug lines, crop-mark labels) is one
             * finding per page; other kinds split where lines stop following each other. */
            if (h->why != R_OUTSIDE &&
                x->box.y0 - prev->box.y1 > (prev->box.y1 - prev->box.y0) * 1.5)
                break;
            j++;
        }
        if (h->page != page) page = h->page, per_page = 0;
        if (per_page < MAX_PER_PAGE && per_file < MAX_PER_FILE) {
            emit_run(ctx, file, words, i, j);
            per_page++, per_file++;
        } else {
            dropped++;
        }
        i = j;
    }
    if (dropped) {
        nohin_finding *f = nohin_emit(ctx, file, "PDF-HIDDEN-TEXT", nohin_loc_none(),
                                      _("See the findings above; the rest are of the same kind."),
                                      _("%d more occurrences are not listed one by one."), dropped);
        nohin_finding_set_evidence(f, "more=%d", dropped);
    }
}

static bool rect_of(nohin_qpdf *qp, qpdf_oh arr, double r[4])
{
    if (!qpdf_oh_is_array(qp->q, arr) || qpdf_oh_get_array_n_items(qp->q, arr) != 4) return false;
    for (int i = 0; i < 4; i++) {
        qpdf_oh v = qpdf_oh_get_array_item(qp->q, arr, i);
        if (!qpdf_oh_is_number(qp->q, v)) return false;
        r[i] = qpdf_oh_get_numeric_value(qp->q, v);
    }
    double a = MIN(r[0], r[2]), b = MIN(r[1], r[3]), c = MAX(r[0], r[2]), d = MAX(r[1], r[3]);
    r[0] = a, r[1] = b, r[2] = c, r[3] = d;
    return true;
}

/* Text outside the crop box: poppler neither shows nor extracts it, so open a
 * copy of the file in which the cropped pages show their whole media box, and
 * keep the words that fall outside the original crop box. */
static void outside_crop(nohin_file *file, nohin_qpdf *qp, GPtrArray *out)
{
    if (!qp->q) return;
    GArray *cropped = g_array_new(FALSE, FALSE, sizeof(int));
    GArray *crops = g_array_new(FALSE, FALSE, sizeof(double) * 4);
    GArray *medias = g_array_new(FALSE, FALSE, sizeof(double) * 4);
    for (int p = 0; p < qp->n_pages; p++) {
        qpdf_oh pg = qpdf_get_page_n(qp->q, (size_t)p);
        double c[4], m[4];
        if (!rect_of(qp, nohin_qpdf_get(qp, pg, "/CropBox"), c) ||
            !rect_of(qp, nohin_qpdf_get(qp, pg, "/MediaBox"), m))
            continue;
        if (c[0] <= m[0] + 1 && c[1] <= m[1] + 1 && c[2] >= m[2] - 1 && c[3] >= m[3] - 1) continue;
        g_array_append_val(cropped, p);
        g_array_append_vals(crops, c, 1);
        g_array_append_vals(medias, m, 1);
    }
    if (cropped->len == 0) goto done;
    qpdf_data q = qpdf_init();
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    if (qpdf_read(q, file->abspath, NULL) & QPDF_ERRORS) {
        qpdf_cleanup(&q);
        goto done;
    }
    for (guint i = 0; i < cropped->len; i++) {
        qpdf_oh pg = qpdf_get_page_n(q, (size_t)g_array_index(cropped, int, i));
        qpdf_oh_remove_key(q, pg, "/CropBox");
    }
    qpdf_init_write_memory(q);
    qpdf_set_object_stream_mode(q, qpdf_o_preserve);
    if (!(qpdf_write(q) & QPDF_ERRORS)) {
        GBytes *bytes = g_bytes_new(qpdf_get_buffer(q), qpdf_get_buffer_length(q));
        PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, NULL);
        for (guint i = 0; doc && i < cropped->len; i++) {
            int p = g_array_index(cropped, int, i);
            const double *c = &g_array_index(crops, double, i * 4);
            const double *m = &g_array_index(medias, double, i * 4);
            PopplerPage *page = poppler_document_get_page(doc, p);
            PopplerRectangle *rects = NULL;
            guint n = 0;
            char *text = page ? poppler_page_get_text(page) : NULL;
            if (text && poppler_page_get_text_layout(page, &rects, &n)) {
                /* Layout boxes are from the media box's top-left; the crop box in the same frame:
                 */
                double cx0 = c[0] - m[0], cx1 = c[2] - m[0], cy0 = m[3] - c[3], cy1 = m[3] - c[1];
                guint k = 0;
                for (const char *t = text; *t && k < n; t = g_utf8_next_char(t), k++) {
                    gunichar ch = g_utf8_get_char(t);
                    PopplerRectangle *r = &rects[k];
                    double mx = (r->x1 + r->x2) / 2, my = (r->y1 + r->y2) / 2;
                    if (g_unichar_isspace(ch) || (mx >= cx0 && mx <= cx1 && my >= cy0 && my <= cy1))
                        continue;
                    hidden_word *h = out->len ? out->pdata[out->len - 1] : NULL;
                    if (h && h->why == R_OUTSIDE && h->page == p + 1 && strlen(h->text) < 400 &&
                        fabs(r->y1 - (h->box.y0 + cy0)) < 2) {
                        char buf[7] = {0};
                        g_unichar_to_utf8(ch, buf);
                        char *nt = g_strconcat(h->text, buf, NULL);
                        g_free(h->text);
                        h->text = nt;
                        h->box.x1 = MAX(h->box.x1, r->x2 - cx0);
                        continue;
                    }
                    h = g_new0(hidden_word, 1);
                    h->page = p + 1;
                    h->why = R_OUTSIDE;
                    /* Relative to the crop box, as the page is shown (may be negative). */
                    h->box = (nohin_box){r->x1 - cx0, r->y1 - cy0, r->x2 - cx0, r->y2 - cy0};
                    char buf[7] = {0};
                    g_unichar_to_utf8(ch, buf);
                    h->text = g_strdup(buf);
                    g_ptr_array_add(out, h);
                }
            }
            g_free(rects);
            g_free(text);
            if (page) g_object_unref(page);
        }
        if (doc) g_object_unref(doc);
        g_bytes_unref(bytes);
    }
    qpdf_cleanup(&q);
done:
    g_array_free(cropped, TRUE);
    g_array_free(crops, TRUE);
    g_array_free(medias, TRUE);
}

/* A page is rendered only when both tests doubt it: the structural one (light text,
 * or any fill, image, clip, transparency…) and the one that follows where fills and
 * images lie and in which colours, against the words the renderer would judge. */
static bool page_doubtful(nohin_qpdf *qp, int i, const page_words *pw)
{
    if (!pw->light && !nohin_pdf_page_may_hide_text(qp, i)) return false;
    GArray *boxes = g_array_sized_new(FALSE, FALSE, sizeof(nohin_word_box), pw->words->len);
    for (guint k = 0; k < pw->words->len; k++) {
        const word *w = &g_array_index(pw->words, word, k);
        if (w->size > 0 && w->size < 1.0) continue; /* not judged by rendering */
        nohin_word_box b = {w->box.x1, w->box.y1, w->box.x2, w->box.y2,
                            w->lum_lo, w->lum_hi, w->size};
        g_array_append_val(boxes, b);
    }
    bool doubt =
        nohin_pdf_page_may_hide_words(qp, i, (const nohin_word_box *)boxes->data, boxes->len);
    g_array_free(boxes, TRUE);
    return doubt;
}

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_pdf *pdf = nohin_pdf_of(file);
    if (!pdf->doc || pdf->n_pages == 0) return;
    nohin_pdf_load_texts(file, ctx); /* the page hook collects the words on the way */
    if (!pdf->page_extra) return;
    job j = {.abspath = file->abspath, .first_doc = pdf->doc, .extra = pdf->page_extra};
    j.pages = g_array_new(FALSE, FALSE, sizeof(int));
    g_mutex_init(&j.lock);
    j.found = g_ptr_array_new_with_free_func(word_free);
    nohin_qpdf *qp = nohin_qpdf_of(file);
    bool know_pages = qp->q && qp->n_pages == pdf->n_pages;
    for (int i = 0; i < pdf->n_pages; i++) {
        const page_words *pw = pdf->page_extra[i];
        if (!pw || pw->words->len == 0) continue;
        bool tiny_only = true;
        for (guint k = 0; k < pw->words->len; k++) {
            const word *w = &g_array_index(pw->words, word, k);
            if (w->size > 0 && w->size < 1.0)
                g_ptr_array_add(j.found, hide(w, i + 1, R_TINY));
            else
                tiny_only = false;
        }
        /* Render only pages that could hide text (qpdf is not thread-safe: decided here). */
        if (!tiny_only && (!know_pages || page_doubtful(qp, i, pw))) g_array_append_val(j.pages, i);
    }
    nohin_qpdf_drain_warnings(qp);
    nohin_run_workers("pdf-hidden", worker, &j, j.pages->len < 8 ? 1 : g_get_num_processors());
    if (g_getenv("NOHIN_DEBUG_HIDDEN"))
        g_printerr("pdf_hidden_text: %s: %u of %d pages rendered\n", file->path, j.pages->len,
                   pdf->n_pages);
    g_array_free(j.pages, TRUE);
    /* OCR text over a scan is fine: drop hidden words over images on pages that
     * write invisible text. */
    GHashTable *ocr_pages = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (guint i = 0; i < j.found->len;) {
        hidden_word *h = j.found->pdata[i];
        if (h->over_image) {
            gpointer key = GINT_TO_POINTER(h->page);
            if (!g_hash_table_contains(ocr_pages, key))
                g_hash_table_insert(ocr_pages, key,
                                    GINT_TO_POINTER(page_has_invisible_text(qp, h->page) ? 1 : 2));
            if (GPOINTER_TO_INT(g_hash_table_lookup(ocr_pages, key)) == 1) {
                g_ptr_array_remove_index(j.found, i);
                continue;
            }
            if (h->why == R_INVISIBLE) h->why = R_COVERED; /* a flat image over the text */
        }
        i++;
    }
    g_hash_table_destroy(ocr_pages);
    outside_crop(file, qp, j.found);
    report(ctx, file, j.found);
    g_ptr_array_free(j.found, TRUE);
    g_mutex_clear(&j.lock);
}

NOHIN_CHECK(pdf_hidden_text) = {.name = "pdf_hidden_text",
                                .rules = rules,
                                .formats = NOHIN_FMT_PDF,
                                .roles = NOHIN_ROLE_ANY,
                                .run_file = run};
