/* The invisible text layer: each word in render mode 3 (neither filled nor
 * stroked), placed at its box on the image and stretched (Tz) to its width,
 * so search hits and selections highlight the word under the eye. Text is
 * UTF-16 code units as 2-byte CIDs of the glyphless font (Identity-H, an
 * identity ToUnicode), as Tesseract's own PDF renderer does. */
#include <math.h>
#include <string.h>
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

/* A text line of Tesseract's: its words words[first..last) and its box. */
typedef struct {
    guint first, last;
    const nohin_ocr_word *w; /* the first word: line box and direction */
    bool done;
} line;

/* Whether b continues a on the same printed line: Tesseract sometimes splits a
 * printed line at a wide gap (after "12." in "12.4%") into two lines and lists
 * the next printed line between the halves; extractors then read them out of
 * order. Same row (overlapping by more than half), b after a, gap under three
 * line heights (table cells are further apart and are rows of their own). */
static bool continues(const nohin_ocr_word *a, const nohin_ocr_word *b)
{
    if (a->vertical != b->vertical || a->quarter != b->quarter || a->quarter > 1) return false;
    /* Down the image (quarter 1): vertical writing, or a page scanned sideways
     * whose horizontal lines Tesseract reads turned; rows are then columns. */
    bool down = a->quarter == 1;
    int a0 = down ? a->ll : a->lt, a1 = down ? a->lr : a->lb;
    int b0 = down ? b->ll : b->lt, b1 = down ? b->lr : b->lb;
    int along_a = down ? a->lb : a->lr, along_b = down ? b->lt : b->ll;
    int overlap = MIN(a1, b1) - MAX(a0, b0), size = MIN(a1 - a0, b1 - b0);
    int gap = along_b - along_a;
    return size > 0 && overlap * 2 > size && gap > -size / 2 && gap < 3 * MAX(a1 - a0, b1 - b0);
}

static bool ascii_alnum(gunichar c)
{
    return c < 0x80 && g_ascii_isalnum((char)c);
}

/* A space between two words belongs in the text where Latin words meet
 * ("CO2 emissions"); Japanese has none ("1," + "024" of "1,024"). */
static bool latin_space(const char *a, const char *b)
{
    const char *end = g_utf8_find_prev_char(a, a + strlen(a));
    gunichar la = end ? g_utf8_get_char(end) : 0, fb = g_utf8_get_char(b);
    if (la == 0 || la >= 0x80 || fb >= 0x80) return false;
    return ascii_alnum(la) ? ascii_alnum(fb)
                           : g_ascii_ispunct((char)la) && g_ascii_isalpha((char)fb);
}

GString *nohin_ocr_layer_stream(GPtrArray *words, int img_w, int img_h, double deskew,
                                const double cm[6], const char *font, int *chars)
{
    frame f = {cos(deskew), sin(deskew), img_w / 2, img_h / 2};
    GString *s = g_string_new("Q\nq\n");
    for (int i = 0; i < 6; i++)
        num(s, cm[i]);
    g_string_append(s, "cm\nBT\n3 Tr\n");
    /* Tesseract's lines, then the order they are written in: each line
     * followed by the lines that continue it (continues()) */
    GArray *lines = g_array_new(FALSE, TRUE, sizeof(line));
    for (guint i = 0; i < words->len; i++) {
        const nohin_ocr_word *w = words->pdata[i];
        line *last = lines->len ? &g_array_index(lines, line, lines->len - 1) : NULL;
        if (last && last->w->ll == w->ll && last->w->lt == w->lt && last->w->lr == w->lr &&
            last->w->lb == w->lb && last->w->vertical == w->vertical) {
            last->last = i + 1;
            continue;
        }
        line l = {i, i + 1, w, false};
        g_array_append_val(lines, l);
    }
    GPtrArray *order = g_ptr_array_new();
    GPtrArray *heads = g_ptr_array_new(); /* per word of order: the first line of its row */
    for (guint i = 0; i < lines->len; i++) {
        line *l = &g_array_index(lines, line, i);
        if (l->done) continue;
        const nohin_ocr_word *head = l->w;
        for (;;) {
            l->done = true;
            for (guint k = l->first; k < l->last; k++) {
                g_ptr_array_add(order, words->pdata[k]);
                g_ptr_array_add(heads, (gpointer)head);
            }
            line *next = NULL;
            for (guint j = i + 1; j < lines->len && !next; j++) {
                line *c = &g_array_index(lines, line, j);
                if (!c->done && continues(l->w, c->w)) next = c;
            }
            if (!next) break;
            l = next;
        }
        g_ptr_array_add(order, NULL);
        g_ptr_array_add(heads, NULL);
    }
    int total = 0;
    for (guint i = 0; i < order->len; i++) {
        const nohin_ocr_word *w = order->pdata[i], *h = heads->pdata[i];
        if (!w) continue;
        const nohin_ocr_word *nx = i + 1 < order->len ? order->pdata[i + 1] : NULL;
        bool space = nx && latin_space(w->text, nx->text);
        GString *hex = g_string_new(NULL);
        int n = hex_utf16(hex, w->text);
        if (space) n += hex_utf16(hex, " ");
        /* A row Tesseract split into several lines is written as one: the
         * first line's size and baseline. Upright text. Along the line a word sits where it is on
         * the page image (its box turned back by the deskew angle); across the line, every piece of
         * one printed line gets the same position (the line's, turned about the page centre as if
         * it lay there), or extractors break the line at each step of the staircase. On a page
         * scanned 1–2° askew a word at the page edge is then off across its line by up to 3/4 of a
         * line. */
        box wb = to_page(&f, w->l, w->t, w->r, w->b);
        double size, len, x, y;
        /* the text matrix of each direction: advance and up vectors (y up) */
        static const char *const matrix[4] = {"1 0 0 1 ", "0 -1 1 0 ", "-1 0 0 -1 ", "0 1 -1 0 "};
        int q = w->quarter & 3;
        switch (q) {
        case 1: /* runs down the column; glyph bottoms on the line's left edge */
            size = h->lr - h->ll, len = wb.b - wb.t;
            x = f.cx + (h->ll - f.cx) * f.c, y = img_h - wb.t;
            break;
        case 2: /* upside down: starts at the right, baseline at the line's top */
            size = h->lb - h->lt, len = wb.r - wb.l;
            x = wb.r, y = img_h - (f.cy + (h->lt - f.cy) * f.c);
            break;
        case 3: /* runs up; glyph bottoms on the line's right edge */
            size = h->lr - h->ll, len = wb.b - wb.t;
            x = f.cx + (h->lr - f.cx) * f.c, y = img_h - wb.b;
            break;
        default:
            size = h->lb - h->lt, len = wb.r - wb.l;
            x = wb.l, y = img_h - (f.cy + (h->lb - f.cy) * f.c);
        }
        /* Each word reaches to where the next word of its row starts: LSTM
         * word boxes of Japanese sometimes overlap the next word, and the gaps
         * between the pieces of one Japanese phrase ("1," "024") make
         * extractors break it into separate blocks and reorder them. */
        if (nx && nx->quarter == w->quarter) {
            box nb = to_page(&f, nx->l, nx->t, nx->r, nx->b);
            double room = q == 0   ? nb.l - wb.l
                          : q == 1 ? nb.t - wb.t
                          : q == 2 ? wb.r - nb.r
                                   : wb.b - nb.b;
            if (room > 0) len = room;
        }
        if (n == 0 || size <= 0 || len <= 0) {
            g_string_free(hex, TRUE);
            continue;
        }
        total += n - space;
        g_string_append_printf(s, "/%s ", font);
        num(s, size);
        g_string_append(s, "Tf ");
        num(s, CLAMP(100.0 * len / (n * size), 1.0, 10000.0));
        g_string_append(s, "Tz ");
        g_string_append(s, matrix[q]);
        num(s, x);
        num(s, y);
        g_string_append_printf(s, "Tm <%s> Tj\n", hex->str);
        g_string_free(hex, TRUE);
    }
    g_ptr_array_free(order, TRUE);
    g_ptr_array_free(heads, TRUE);
    g_array_free(lines, TRUE);
    g_string_append(s, "ET\nQ\n");
    if (chars) *chars = total;
    return s;
}
