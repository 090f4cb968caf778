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

GString *nohin_ocr_layer_stream(GPtrArray *words, int img_h, const double cm[6], const char *font,
                                int *chars)
{
    GString *s = g_string_new("Q\nq\n");
    for (int i = 0; i < 6; i++)
        num(s, cm[i]);
    g_string_append(s, "cm\nBT\n3 Tr\n");
    int total = 0;
    for (guint i = 0; i < words->len; i++) {
        const nohin_ocr_word *w = words->pdata[i];
        GString *hex = g_string_new(NULL);
        int n = hex_utf16(hex, w->text);
        double size, len, x, y;
        if (w->vertical) {
            /* text runs down the page; glyphs stand on the line's left edge */
            size = w->lr - w->ll;
            len = w->b - w->t;
            x = w->ll;
            y = img_h - w->t;
        } else {
            size = w->lb - w->lt;
            len = w->r - w->l;
            x = w->l;
            y = img_h - w->lb;
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
        if (w->vertical)
            g_string_append(s, "0 -1 1 0 ");
        else
            g_string_append(s, "1 0 0 1 ");
        num(s, x);
        num(s, y);
        g_string_append_printf(s, "Tm <%s> Tj\n", hex->str);
        g_string_free(hex, TRUE);
    }
    g_string_append(s, "ET\nQ\n");
    if (chars) *chars = total;
    return s;
}
