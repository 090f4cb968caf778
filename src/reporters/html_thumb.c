#include <cairo.h>
#include <math.h>
#include "html_thumb.h"

#define MAX_THUMB_HEIGHT 1000 /* a very tall page is shrunk further */
#define BLUR_FACTOR 8         /* blurred pages are drawn at 1/8 size and scaled up */

static cairo_status_t png_to_bytes(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* The page on a white sheet (a PDF page has no background of its own). */
static cairo_surface_t *draw_page(PopplerPage *page, double scale, int w, int h)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render(page, cr);
    cairo_destroy(cr);
    return s;
}

/* pad pixels around the box: an outline drawn just outside a small region
 * (a line of 8-point text is 3 pixels high here) leaves the region itself visible. */
static void box_path(cairo_t *cr, const nohin_box *b, double scale, double pad)
{
    double x0 = fmin(b->x0, b->x1) * scale - pad, y0 = fmin(b->y0, b->y1) * scale - pad;
    double x1 = fmax(b->x0, b->x1) * scale + pad, y1 = fmax(b->y0, b->y1) * scale + pad;
    cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
}

bool nohin_thumb_render(PopplerDocument *doc, int page_no, const nohin_thumb_spec *spec,
                        nohin_thumb *thumb)
{
    if (!doc || page_no < 1 || page_no > poppler_document_get_n_pages(doc)) return false;
    PopplerPage *page = poppler_document_get_page(doc, page_no - 1);
    if (!page) return false;
    double pw = 0, ph = 0;
    poppler_page_get_size(page, &pw, &ph);
    /* PDF allows 3..14400 units per side; anything else is not worth drawing. */
    if (!(pw >= 3 && ph >= 3 && pw <= 14400 && ph <= 14400)) {
        g_object_unref(page);
        return false;
    }
    double scale = NOHIN_THUMB_WIDTH / pw;
    if (ph * scale > MAX_THUMB_HEIGHT) scale = MAX_THUMB_HEIGHT / ph;
    int w = (int)ceil(pw * scale), h = (int)ceil(ph * scale);
    cairo_surface_t *surface;
    if (spec->blur) {
        /* Drawn tiny and enlarged: the layout shows, no character can be read. */
        double small = scale / BLUR_FACTOR;
        int sw = (int)ceil(pw * small), sh = (int)ceil(ph * small);
        cairo_surface_t *tiny = draw_page(page, small, sw, sh);
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
        cairo_t *cr = cairo_create(surface);
        cairo_scale(cr, (double)w / sw, (double)h / sh);
        cairo_set_source_surface(cr, tiny, 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BILINEAR);
        cairo_paint(cr);
        cairo_destroy(cr);
        cairo_surface_destroy(tiny);
    } else {
        surface = draw_page(page, scale, w, h);
    }
    g_object_unref(page);

    cairo_t *cr = cairo_create(surface);
    /* Personal data is blanked in the pixels, not hidden by the page's CSS. */
    cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
    for (int i = 0; i < spec->n_masks; i++)
        box_path(cr, &spec->masks[i], scale, 0);
    cairo_fill(cr);
    if (spec->outline) {
        box_path(cr, spec->outline, scale, 2.5);
    } else {
        cairo_rectangle(cr, 1.5, 1.5, w - 3, h - 3);
    }
    /* Red on a white halo: the frame stays visible on a red or dark page. */
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, 5);
    cairo_stroke_preserve(cr);
    cairo_set_source_rgb(cr, 0.86, 0.08, 0.08);
    cairo_set_line_width(cr, 3);
    cairo_stroke(cr);
    cairo_destroy(cr);

    GByteArray *png = g_byte_array_new();
    bool ok = cairo_surface_write_to_png_stream(surface, png_to_bytes, png) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(surface);
    if (ok) {
        char *b64 = g_base64_encode(png->data, png->len);
        thumb->data_uri = g_strconcat("data:image/png;base64,", b64, NULL);
        thumb->width = w;
        thumb->height = h;
        g_free(b64);
    }
    g_byte_array_free(png, TRUE);
    return ok;
}

void nohin_thumb_clear(nohin_thumb *thumb)
{
    g_free(thumb->data_uri);
    thumb->data_uri = NULL;
}
