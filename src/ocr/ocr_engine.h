/* Internals of src/ocr: page rendering, Tesseract, and the grafted layer. */
#ifndef NOHIN_OCR_ENGINE_H
#define NOHIN_OCR_ENGINE_H

#include <poppler.h>
#include "ocr/ocr.h"

typedef struct {
    int l, t, r, b;     /* word box, image pixels (top-left origin) */
    int ll, lt, lr, lb; /* its text line's box */
    bool vertical;      /* written top to bottom */
    int quarter;        /* text direction in the image: 0 left to right (upright), 1 downward
                           (vertical, or the page turned clockwise), 2 upside down, 3 upward */
    float confidence;
    char *text; /* UTF-8 */
} nohin_ocr_word;

/* Steps of a page whose thread CPU time NOHIN_OCR_DEBUG=1 prints on stderr
 * (for developers and bench/, not a user feature). */
enum {
    NOHIN_OCR_RENDER,
    NOHIN_OCR_PIX,
    NOHIN_OCR_DESKEW,
    NOHIN_OCR_LAYOUT,
    NOHIN_OCR_RECOGNISE,
    NOHIN_OCR_SECOND
};
double nohin_ocr_cpu_now(void);
bool nohin_ocr_debug(void);

/* A rendered page: 8-bit grey, w×h pixels at dpi. */
typedef struct {
    unsigned char *grey;
    int w, h, stride, dpi;
} nohin_ocr_image;

/* Renders page at opts->dpi (0: 300, or the resolution of a single image
 * covering the page), capped so that no side exceeds a safe size. image_w:
 * the pixel width of the page's one image when known from its dictionary
 * (nohin_ocr_page_image_width), else 0 and the image is decoded to learn it. */
bool nohin_ocr_render(PopplerPage *page, int dpi, int image_w, nohin_ocr_image *img);
void nohin_ocr_image_clear(nohin_ocr_image *img);

/* One Tesseract handle set per thread. */
typedef struct nohin_tess nohin_tess;
nohin_tess *nohin_tess_new(const char *datadir, const char *languages, GError **error);
void nohin_tess_free(nohin_tess *t);
/* Tesseract's own OpenMP threads off for the calling thread (pages are the
 * unit of parallelism), unless OMP_THREAD_LIMIT was set by the user. */
void nohin_tess_single_threaded(void);
/* Recognises img; returns nohin_ocr_word* (free with nohin_ocr_word_free) and fills
 * the page's confidence, vertical, rotation and timed_out fields. Recognition
 * stops after deadline_ms (0: no limit). */
GPtrArray *nohin_tess_recognise(nohin_tess *t, const nohin_ocr_image *img, int deadline_ms,
                                nohin_ocr_page *pg);
void nohin_ocr_word_free(gpointer w);

/* The content stream (before compression) that draws words invisibly over a
 * page whose image is img_w×img_h pixels; font is the resource name. Word
 * boxes are in the image turned by deskew (radians clockwise about its centre);
 * cm maps image pixels (y up) to the page's user space. */
GString *nohin_ocr_layer_stream(GPtrArray *words, int img_w, int img_h, double deskew,
                                const double cm[6], const char *font, int *chars);

/* Grafting into a qpdf document (qpdf_data is a pointer type). */
typedef struct _qpdf_data *nohin_qpdf_data;
/* The /Width of the page's only image XObject, read without decoding it; 0
 * when its resources have no image, several, or a form XObject. */
int nohin_ocr_page_image_width(nohin_qpdf_data q, int index);
/* Adds the glyphless font (once per document); returns its handle or 0. */
unsigned int nohin_ocr_graft_font(nohin_qpdf_data q, const char *datadir, GError **error);
/* Wraps page index's content in q/Q and appends the text layer; resources are
 * copied for this page only, so pages sharing them are not touched. */
bool nohin_ocr_graft_page(nohin_qpdf_data q, int index, unsigned int font, GPtrArray *words,
                          const nohin_ocr_image *img, double deskew, int *chars, GError **error);

#endif
