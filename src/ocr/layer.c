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

/* From the upright image Tesseract read back to the page image (turned by
 * -deskew about the centre), as the axis-aligned box around the turned box. */
typedef struct {
    double c, s, cx, cy;
} frame;

typedef struct {
    double l, t, r, b;
} box;

static box to_page(const frame *f, int l, int t, int r, int b)
{
    box o = {G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE};
    const double xs[4] = {l, r, r, l}, ys[4] = {t, t, b, b};
    for (int i = 0; i < 4; i++) {
        double dx = xs[i] - f->cx, dy = ys[i] - f->cy;
        double x = f->cx + dx * f->c + dy * f->s, y = f->cy - dx * f->s + dy * f->c;
        o.l = MIN(o.l, x), o.r = MAX(o.r, x), o.t = MIN(o.t, y), o.b = MAX(o.b, y);
    }
    return o;
}

GString *nohin_ocr_layer_stream(GPtrArray *words, int img_w, int img_h, double deskew,
                                const double cm[6], const char *font, int *chars)
{
    frame f = {cos(deskew), sin(deskew), img_w / 2, img_h / 2};
    GString *s = g_string_new("Q\nq\n");
    for (int i = 0; i < 6; i++)
        num(s, cm[i]);
    g_string_append(s, "cm\nBT\n3 Tr\n");
    int total = 0;
    for (guint i = 0; i < words->len; i++) {
        const nohin_ocr_word *w = words->pdata[i];
        GString *hex = g_string_new(NULL);
        int n = hex_utf16(hex, w->text);
        /* Upright text. Along the line a word sits where it is on the page image
         * (its box turned back by the deskew angle); across the line, every
         * piece of one printed line gets the same position (the line's, turned
         * about the page centre as if it lay there), or extractors break the line
         * at each step of the staircase. On a page scanned 1–2° askew a word at
         * the page edge is then off across its line by up to 3/4 of a line. */
        box wb = to_page(&f, w->l, w->t, w->r, w->b);
        double size, len, x, y;
        if (w->vertical) {
            /* text runs down the column; glyphs stand on the line's left edge */
            size = w->lr - w->ll, len = wb.b - wb.t;
            x = f.cx + (w->ll - f.cx) * f.c, y = img_h - wb.t;
        } else {
            size = w->lb - w->lt, len = wb.r - wb.l;
            x = wb.l, y = img_h - (f.cy + (w->lb - f.cy) * f.c);
        }
        /* LSTM word boxes of Japanese sometimes reach over the next word:
         * overlapping words make extractors reorder the line */
        if (i + 1 < words->len) {
            const nohin_ocr_word *nx = words->pdata[i + 1];
            if (nx->ll == w->ll && nx->lt == w->lt && nx->lr == w->lr && nx->lb == w->lb) {
                box nb = to_page(&f, nx->l, nx->t, nx->r, nx->b);
                double room = w->vertical ? nb.t - wb.t : nb.l - wb.l;
                if (room > 0 && room < len) len = room;
            }
        }
        if (n == 0 || size <= 0 || len <= 0) {
            g_string_free(hex, TRUE);
            continue;
        }
        total += n;
        g_string_append_printf(s, "/%s ", font);
        num(s, size);
        g_string_append(s, "Tf ");
        num(s, CLAMP(100.0 * len / (n * size), 1.0, 10000.0));
        g_string_append(s, "Tz ");
        g_string_append(s, w->vertical ? "0 -1 1 0 " : "1 0 0 1 ");
        num(s, x);
        num(s, y);
        g_string_append_printf(s, "Tm <%s> Tj\n", hex->str);
        g_string_free(hex, TRUE);
    }
    g_string_append(s, "ET\nQ\n");
    if (chars) *chars = total;
    return s;
}
