/* The invisible text layer: each word in render mode 3 (neither filled nor
 * stroked), placed at its box on the image and stretched (Tz) to its width,
 * so search hits and selections highlight the word under the eye. Text is
 * UTF-16 code units as 2-byte CIDs of the glyphless font (Identity-H, an
 * identity ToUnicode), as Tesseract's own PDF renderer does. */
#include <math.h>
#include "ocr/ocr_engine.h"

static void num(GString *s, double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    if (fabs(v) < 0.0005) v = 0;
    g_string_append(s, g_ascii_formatd(buf, sizeof buf, "%.3f", v));
    /* trim trailing zeros: smaller streams, same bytes every run */
    while (s->len && s->str[s->len - 1] == '0')
        g_string_truncate(s, s->len - 1);
    if (s->len && s->str[s->len - 1] == '.') g_string_truncate(s, s->len - 1);
    g_string_append_c(s, ' ');
}

/* Hex UTF-16BE of the BMP characters of text; returns the number of code units. */
static int hex_utf16(GString *s, const char *text)
{
    int n = 0;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c > 0xFFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD; /* the CMap is BMP only */
        g_string_append_printf(s, "%04X", c);
        n++;
    }
    return n;
}

/* From the upright image Tesseract read back to the page image: turned by
 * -deskew about the centre; then y up. */
typedef struct {
    double c, s, cx, cy, h;
} frame;

static void to_page(const frame *f, double x, double y, double *px, double *py)
{
    double dx = x - f->cx, dy = y - f->cy;
    *px = f->cx + dx * f->c + dy * f->s;
    *py = f->h - (f->cy - dx * f->s + dy * f->c);
}

static void dir_to_page(const frame *f, double x, double y, double *px, double *py)
{
    *px = x * f->c + y * f->s;
    *py = -(-x * f->s + y * f->c);
}

GString *nohin_ocr_layer_stream(GPtrArray *words, int img_w, int img_h, double deskew,
                                const double cm[6], const char *font, int *chars)
{
    frame f = {cos(deskew), sin(deskew), img_w / 2, img_h / 2, img_h};
    GString *s = g_string_new("Q\nq\n");
    for (int i = 0; i < 6; i++)
        num(s, cm[i]);
    g_string_append(s, "cm\nBT\n3 Tr\n");
    int total = 0;
    for (guint i = 0; i < words->len; i++) {
        const nohin_ocr_word *w = words->pdata[i];
        GString *hex = g_string_new(NULL);
        int n = hex_utf16(hex, w->text);
        /* in the upright image, y down: origin, writing direction, glyph up */
        double size, len, ox, oy, dx, dy, ux, uy;
        if (w->vertical) {
            /* text runs down the column; glyphs stand on the line's left edge */
            size = w->lr - w->ll, len = w->b - w->t;
            ox = w->ll, oy = w->t, dx = 0, dy = 1, ux = 1, uy = 0;
        } else {
            size = w->lb - w->lt, len = w->r - w->l;
            ox = w->l, oy = w->lb, dx = 1, dy = 0, ux = 0, uy = -1;
        }
        if (n == 0 || size <= 0 || len <= 0) {
            g_string_free(hex, TRUE);
            continue;
        }
        total += n;
        double m[6];
        dir_to_page(&f, dx, dy, &m[0], &m[1]);
        dir_to_page(&f, ux, uy, &m[2], &m[3]);
        to_page(&f, ox, oy, &m[4], &m[5]);
        g_string_append_printf(s, "/%s ", font);
        num(s, size);
        g_string_append(s, "Tf ");
        num(s, CLAMP(100.0 * len / (n * size), 1.0, 10000.0));
        g_string_append(s, "Tz ");
        for (int k = 0; k < 6; k++)
            num(s, m[k]);
        g_string_append_printf(s, "Tm <%s> Tj\n", hex->str);
        g_string_free(hex, TRUE);
    }
    g_string_append(s, "ET\nQ\n");
    if (chars) *chars = total;
    return s;
}
