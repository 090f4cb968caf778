/* Page images for OCR: poppler + cairo at 300 dpi, or at the resolution of the
 * scan itself when the page is one image covering the page (no resampling
 * blur, no wasted pixels). */
#include <math.h>
#include "ocr/ocr_engine.h"

#define DEFAULT_DPI 300
#define MIN_DPI 150
#define MAX_DPI 600
#define MAX_SIDE 12000 /* pixels: a poster-sized page is recognised at a lower resolution */

/* The resolution of a single image covering (most of) the page, else 0.
 * image_w: its pixel width when the caller knows it (decoding the image only
 * for its width took about as long as rendering the page). */
static int image_dpi(PopplerPage *page, double pw, double ph, int image_w)
{
    GList *maps = poppler_page_get_image_mapping(page);
    int dpi = 0;
    if (maps && !maps->next) {
        PopplerImageMapping *m = maps->data;
        double aw = fabs(m->area.x2 - m->area.x1), ah = fabs(m->area.y2 - m->area.y1);
        if (aw * ah >= 0.8 * pw * ph && aw > 0) {
            int iw = image_w;
            cairo_surface_t *img = iw > 0 ? NULL : poppler_page_get_image(page, m->image_id);
            if (img) {
                iw = cairo_image_surface_get_width(img);
                cairo_surface_destroy(img);
            }
            dpi = (int)lround(iw * 72.0 / aw);
        }
    }
    poppler_page_free_image_mapping(maps);
    return dpi;
}

bool nohin_ocr_render(PopplerPage *page, int dpi, int image_w, nohin_ocr_image *img)
{
    double pw, ph; /* as displayed: rotation applied */
    poppler_page_get_size(page, &pw, &ph);
    if (pw <= 0 || ph <= 0) return false;
    if (dpi <= 0) {
        dpi = image_dpi(page, pw, ph, image_w);
        if (dpi <= 0) dpi = DEFAULT_DPI;
        dpi = CLAMP(dpi, MIN_DPI, MAX_DPI);
    }
    while (dpi > 72 && (pw * dpi / 72.0 > MAX_SIDE || ph * dpi / 72.0 > MAX_SIDE))
        dpi = dpi * 3 / 4;
    int w = (int)ceil(pw * dpi / 72.0), h = (int)ceil(ph * dpi / 72.0);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return false;
    }
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, dpi / 72.0, dpi / 72.0);
    poppler_page_render_for_printing(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    const unsigned char *src = cairo_image_surface_get_data(s);
    int sstride = cairo_image_surface_get_stride(s);
    img->w = w, img->h = h, img->stride = w, img->dpi = dpi;
    img->grey = g_malloc((gsize)w * h);
    for (int y = 0; y < h; y++) {
        const guint32 *row = (const guint32 *)(src + (size_t)y * sstride);
        unsigned char *out = img->grey + (size_t)y * w;
        for (int x = 0; x < w; x++) {
            guint32 p = row[x];
            unsigned r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
            out[x] = (unsigned char)((r * 299 + g * 587 + b * 114) / 1000);
        }
    }
    cairo_surface_destroy(s);
    return true;
}

void nohin_ocr_image_clear(nohin_ocr_image *img)
{
    g_free(img->grey);
    img->grey = NULL;
}
