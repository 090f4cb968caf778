/* Where on a PDF page a finding is: poppler's text layout gives one rectangle per
 * character of the page text the detector read, so a hit's character range maps
 * to a box. Only pages with findings are laid out, and only the last one is kept. */
#include <string.h>
#include "pdf_positions.h"
#include "readers/pdf_reader.h"

struct pii_pdf_boxes {
    nohin_file *file;
    int page; /* 1-based page whose layout is cached, 0 for none */
    PopplerRectangle *rects;
    guint n;
    bool usable;
};

pii_pdf_boxes *pii_pdf_boxes_new(nohin_file *file)
{
    pii_pdf_boxes *b = g_new0(pii_pdf_boxes, 1);
    b->file = file;
    return b;
}

void pii_pdf_boxes_free(pii_pdf_boxes *b)
{
    if (!b) return;
    g_free(b->rects);
    g_free(b);
}

static void load_page(pii_pdf_boxes *b, int page, const char *text)
{
    g_free(b->rects);
    b->rects = NULL;
    b->n = 0;
    b->page = page;
    b->usable = false;
    nohin_pdf *pdf = nohin_pdf_of(b->file);
    if (!pdf->doc || page < 1 || page > pdf->n_pages) return;
    PopplerPage *p = poppler_document_get_page(pdf->doc, page - 1);
    if (!p) return;
    if (poppler_page_get_text_layout(p, &b->rects, &b->n))
        /* One rectangle per character, or the mapping is not trustworthy. */
        b->usable = (glong)b->n == g_utf8_strlen(text, -1);
    g_object_unref(p);
}

bool pii_pdf_boxes_get(pii_pdf_boxes *b, int page, const char *text, size_t start, size_t end,
                       nohin_box *out)
{
    if (!b || !text || end <= start) return false;
    if (b->page != page) load_page(b, page, text);
    if (!b->usable) return false;
    glong c0 = g_utf8_pointer_to_offset(text, text + start);
    glong c1 = g_utf8_pointer_to_offset(text, text + end);
    if (c0 < 0 || c1 > (glong)b->n || c1 <= c0) return false;
    bool any = false;
    for (glong i = c0; i < c1; i++) {
        PopplerRectangle r = b->rects[i];
        if (r.x2 <= r.x1 && r.y2 <= r.y1) continue; /* a line break has no extent */
        if (!any) {
            *out = (nohin_box){r.x1, r.y1, r.x2, r.y2};
            any = true;
        } else {
            out->x0 = MIN(out->x0, r.x1);
            out->y0 = MIN(out->y0, r.y1);
            out->x1 = MAX(out->x1, r.x2);
            out->y1 = MAX(out->y1, r.y2);
        }
    }
    return any;
}

bool pii_pdf_boxes_layout(pii_pdf_boxes *b, int page, const char *text,
                          const PopplerRectangle **rects, unsigned *n)
{
    if (!b || !text) return false;
    if (b->page != page) load_page(b, page, text);
    if (!b->usable) return false;
    *rects = b->rects;
    *n = b->n;
    return true;
}
