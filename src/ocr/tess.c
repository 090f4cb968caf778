/* Tesseract through its C API: one handle per thread for the page languages
 * (jpn+eng) and, created when first needed, one for vertical Japanese. */
#include <dlfcn.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <tesseract/capi.h>
#include "ocr/ocr_engine.h"

struct nohin_tess {
    TessBaseAPI *main;
    TessBaseAPI *vert; /* jpn_vert, lazily; NULL when the pack is absent */
    bool vert_tried, osd;
    char *datadir;
};

static TessBaseAPI *open_api(const char *datadir, const char *lang, bool osd)
{
    TessBaseAPI *api = TessBaseAPICreate();
    /* LSTM only: the legacy engine is slower and not in every pack. */
    if (TessBaseAPIInit2(api, datadir, lang, OEM_LSTM_ONLY) != 0) {
        TessBaseAPIDelete(api);
        return NULL;
    }
    /* Orientation detection needs osd.traineddata; without it plain layout
     * analysis. The page languages' handle switches per page (read_page). */
    TessBaseAPISetPageSegMode(api, osd ? PSM_AUTO_OSD : PSM_AUTO);
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    return api;
}

/* Pages are the unit of parallelism: Tesseract's LSTM also runs its matrix
 * work in OpenMP teams of 4, which on top of one worker per core only compete
 * (measured on the 26-page set, 2 cores: 79 s user + 41 s sys with them, 34 s
 * + 3 s without). Setting OMP_THREAD_LIMIT here is too late: libgomp reads it
 * when it is loaded, before main. A maximum of 0 active parallel levels makes
 * every OpenMP region run on the calling thread alone; libgomp keeps that
 * setting per thread, so each worker calls this. Looked up at run time, so a
 * Tesseract built without OpenMP (or with another runtime) needs nothing. */
void nohin_tess_single_threaded(void)
{
    if (g_getenv("OMP_THREAD_LIMIT")) return; /* the user's choice, applied by the runtime */
    void (*set_levels)(int) = (void (*)(int))dlsym(RTLD_DEFAULT, "omp_set_max_active_levels");
    if (set_levels) set_levels(0);
}

nohin_tess *nohin_tess_new(const char *datadir, const char *languages, GError **error)
{
    nohin_tess *t = g_new0(nohin_tess, 1);
    t->datadir = g_strdup(datadir);
    char *osd = g_build_filename(datadir, "osd.traineddata", NULL);
    t->osd = g_file_test(osd, G_FILE_TEST_EXISTS);
    g_free(osd);
    t->main = open_api(datadir, languages, t->osd);
    if (!t->main) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED,
                    _("Tesseract could not load the languages %s from %s"), languages, datadir);
        nohin_tess_free(t);
        return NULL;
    }
    return t;
}

void nohin_tess_free(nohin_tess *t)
{
    if (!t) return;
    if (t->main) TessBaseAPIDelete(t->main);
    if (t->vert) TessBaseAPIDelete(t->vert);
    g_free(t->datadir);
    g_free(t);
}

void nohin_ocr_word_free(gpointer p)
{
    nohin_ocr_word *w = p;
    g_free(w->text);
    g_free(w);
}

typedef struct {
    GPtrArray *words;
    double conf_sum;
    int chars;
    int rotation;
    double deskew; /* radians, clockwise, about the image centre */
    bool vertical_read, timed_out;
    bool osd; /* read with orientation detection */
} result;

static void collect(TessBaseAPI *api, result *res)
{
    res->words = g_ptr_array_new_with_free_func(nohin_ocr_word_free);
    TessResultIterator *ri = TessBaseAPIGetIterator(api);
    if (!ri) return;
    TessPageIterator *pi = TessResultIteratorGetPageIterator(ri);
    int ll = 0, lt = 0, lr = 0, lb = 0;
    bool vertical = false;
    int quarter = 0;
    do {
        if (TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE)) {
            TessPageIteratorBoundingBox(pi, RIL_TEXTLINE, &ll, &lt, &lr, &lb);
            TessOrientation o;
            TessWritingDirection wd;
            TessTextlineOrder order;
            float deskew;
            TessPageIteratorOrientation(pi, &o, &wd, &order, &deskew);
            vertical = wd == WRITING_DIRECTION_TOP_TO_BOTTOM;
            /* PAGE_RIGHT: the tops of the letters point right, the text runs down */
            quarter = ((int)o + (vertical ? 1 : 0)) % 4;
            res->rotation = (int)o * 90; /* ORIENTATION_PAGE_RIGHT: the page was turned */
        }
        char *text = TessResultIteratorGetUTF8Text(ri, RIL_WORD);
        if (!text) continue;
        char *s = g_strstrip(g_strdup(text));
        TessDeleteText(text);
        if (!*s) {
            g_free(s);
            continue;
        }
        nohin_ocr_word *w = g_new0(nohin_ocr_word, 1);
        TessPageIteratorBoundingBox(pi, RIL_WORD, &w->l, &w->t, &w->r, &w->b);
        w->ll = ll, w->lt = lt, w->lr = lr, w->lb = lb;
        w->vertical = vertical;
        w->quarter = quarter;
        w->confidence = TessResultIteratorConfidence(ri, RIL_WORD);
        w->text = s;
        int n = (int)g_utf8_strlen(s, -1);
        res->chars += n;
        res->conf_sum += w->confidence;
        g_ptr_array_add(res->words, w);
    } while (TessResultIteratorNext(ri, RIL_WORD));
    TessResultIteratorDelete(ri);
}

/* The page as a Leptonica image, copied row by row (no encode/decode). */
static PIX *to_pix(const nohin_ocr_image *img)
{
    PIX *pix = pixCreate(img->w, img->h, 8);
    if (!pix) return NULL;
    l_uint32 *data = pixGetData(pix);
    int wpl = pixGetWpl(pix);
    for (int y = 0; y < img->h; y++) {
        const unsigned char *src = img->grey + (size_t)y * img->stride;
        l_uint32 *line = data + (size_t)y * wpl;
        for (int x = 0; x < img->w; x++)
            SET_DATA_BYTE(line, x, src[x]);
    }
    return pix;
}

/* pix turned upright when it is scanned askew: Tesseract drops ruled tables
 * tilted by a degree or two (OCRmyPDF without --deskew does too). *angle: the
 * clockwise rotation applied, in radians. */
static PIX *upright(PIX *pix, double *angle)
{
    *angle = 0;
    PIX *bin = pixConvertTo1(pix, 130);
    l_float32 deg = 0, conf = 0;
    /* Leptonica's own limits for pixDeskew: under 0.1° or a weak estimate, leave it */
    if (bin && pixFindSkew(bin, &deg, &conf) == 0 && fabs(deg) >= 0.1 && conf >= 3.0) {
        PIX *rot = pixRotate(pix, (l_float32)(deg * M_PI / 180.0), L_ROTATE_AREA_MAP,
                             L_BRING_IN_WHITE, 0, 0);
        if (rot) {
            pixDestroy(&pix);
            pix = rot;
            *angle = deg * M_PI / 180.0;
        }
    }
    pixDestroy(&bin);
    return pix;
}

/* Recognises the image already set on api (its layout may already be
 * analysed); stops at the deadline (ms, 0: none). */
static bool recognise(TessBaseAPI *api, int deadline_ms, result *res)
{
    ETEXT_DESC *monitor = deadline_ms > 0 ? TessMonitorCreate() : NULL;
    if (monitor) TessMonitorSetDeadlineMSecs(monitor, deadline_ms);
    gint64 start = g_get_monotonic_time();
    bool ok = TessBaseAPIRecognize(api, monitor) == 0;
    if (monitor) {
        res->timed_out = (g_get_monotonic_time() - start) / 1000 >= deadline_ms;
        TessMonitorDelete(monitor);
    }
    if (ok)
        collect(api, res);
    else
        res->words = g_ptr_array_new_with_free_func(nohin_ocr_word_free);
    TessBaseAPIClear(api);
    return ok;
}

static void set_image(TessBaseAPI *api, PIX *pix, const nohin_ocr_image *img)
{
    if (pix)
        TessBaseAPISetImage2(api, pix);
    else
        TessBaseAPISetImage(api, img->grey, img->w, img->h, 1, img->stride);
    TessBaseAPISetSourceResolution(api, img->dpi);
}

/* Share (0–1) of the text lines' length that Tesseract's layout analysis lays
 * out top to bottom: layout only, no recognition, so a vertical page is
 * recognised once, with jpn_vert. */
static double vertical_share(TessBaseAPI *api)
{
    TessPageIterator *it = TessBaseAPIAnalyseLayout(api);
    if (!it) return 0;
    double v = 0, all = 0;
    do {
        int l, t, r, b;
        if (!TessPageIteratorBoundingBox(it, RIL_TEXTLINE, &l, &t, &r, &b)) continue;
        TessOrientation o;
        TessWritingDirection wd;
        TessTextlineOrder order;
        float skew;
        TessPageIteratorOrientation(it, &o, &wd, &order, &skew);
        double len = MAX(r - l, b - t);
        all += len;
        if (wd == WRITING_DIRECTION_TOP_TO_BOTTOM) v += len;
    } while (TessPageIteratorNext(it, RIL_TEXTLINE));
    TessPageIteratorDelete(it);
    return all > 0 ? v / all : 0;
}

static double mean(const result *r)
{
    return r->words->len ? r->conf_sum / r->words->len : 0;
}

static TessBaseAPI *vert_api(nohin_tess *t)
{
    if (!t->vert_tried) {
        t->vert_tried = true;
        char *f = g_build_filename(t->datadir, "jpn_vert.traineddata", NULL);
        if (g_file_test(f, G_FILE_TEST_EXISTS)) t->vert = open_api(t->datadir, "jpn_vert", t->osd);
        g_free(f);
    }
    return t->vert;
}

/* A jpn_vert read this confident is kept without a second read by the page
 * languages (all vertical pages of the test set: 90–94). */
#define VERT_TRUSTED 70.0
/* A page read without orientation detection below this mean confidence (the
 * default --min-confidence: it would be reported unreliable) is read again
 * with it, in case it was scanned upside down. */
#define UPRIGHT_TRUSTED 70.0

typedef struct {
    double t0;
    double *cpu;
} stopwatch;

static void lap(stopwatch *sw, int step)
{
    double t1 = nohin_ocr_cpu_now();
    sw->cpu[step] += t1 - sw->t0;
    sw->t0 = t1;
}

/* One read of the page (already deskewed) into *a: layout analysis, with
 * Tesseract's orientation detection (OSD) when osd, then jpn_vert or the page
 * languages. */
static void read_page(nohin_tess *t, PIX *pix, const nohin_ocr_image *img, int deadline_ms,
                      bool osd, result *a, stopwatch *sw, int step)
{
    TessBaseAPISetPageSegMode(t->main, osd ? PSM_AUTO_OSD : PSM_AUTO);
    set_image(t->main, pix, img);
    /* Mostly vertical lines: the horizontal model reads them a glyph at a time
     * and badly; jpn_vert is trained on vertical lines. */
    bool vertical = vertical_share(t->main) > 0.5;
    if (vertical && !osd && t->osd) {
        /* lines down the image: vertical Japanese, or a page scanned sideways;
         * orientation detection tells them apart (and jpn_vert reads with it) */
        osd = true;
        TessBaseAPISetPageSegMode(t->main, PSM_AUTO_OSD);
        set_image(t->main, pix, img);
        vertical = vertical_share(t->main) > 0.5;
    }
    TessBaseAPI *vert = vertical ? vert_api(t) : NULL;
    lap(sw, step == NOHIN_OCR_RECOGNISE ? NOHIN_OCR_LAYOUT : step);
    if (vert) {
        TessBaseAPIClear(t->main);
        set_image(vert, pix, img);
        recognise(vert, deadline_ms, a);
        a->vertical_read = true;
        lap(sw, step);
        if (a->chars == 0 || (mean(a) < VERT_TRUSTED && !a->timed_out)) {
            /* not convincing: read with the page languages too, keep the better */
            result b = {.deskew = a->deskew};
            set_image(t->main, pix, img);
            recognise(t->main, deadline_ms, &b);
            if (b.chars > 0 && mean(&b) > mean(a)) {
                g_ptr_array_unref(a->words);
                *a = b;
            } else {
                g_ptr_array_unref(b.words);
            }
            lap(sw, NOHIN_OCR_SECOND);
        }
    } else {
        recognise(t->main, deadline_ms, a); /* the layout just analysed is reused */
        lap(sw, step);
    }
    a->osd = osd;
}

GPtrArray *nohin_tess_recognise(nohin_tess *t, const nohin_ocr_image *img, int deadline_ms,
                                nohin_ocr_page *pg)
{
    result a = {0};
    stopwatch sw = {nohin_ocr_cpu_now(), pg->cpu};
    PIX *pix = to_pix(img);
    lap(&sw, NOHIN_OCR_PIX);
    if (pix) pix = upright(pix, &a.deskew);
    lap(&sw, NOHIN_OCR_DESKEW);
    /* Orientation detection costs 0.2–0.4 s of CPU a page (a quarter of the
     * whole on the test set) and upright pages are the rule: it runs only when
     * the lines run down the image (above) or the upright read is poor. */
    read_page(t, pix, img, deadline_ms, false, &a, &sw, NOHIN_OCR_RECOGNISE);
    if (t->osd && !a.osd && !a.timed_out && (a.chars == 0 || mean(&a) < UPRIGHT_TRUSTED)) {
        result b = {.deskew = a.deskew};
        read_page(t, pix, img, deadline_ms, true, &b, &sw, NOHIN_OCR_SECOND);
        if (b.chars > 0 && mean(&b) > mean(&a)) {
            g_ptr_array_unref(a.words);
            a = b;
        } else {
            g_ptr_array_unref(b.words);
        }
    }
    pixDestroy(&pix);
    pg->vertical = a.vertical_read;
    pg->timed_out = a.timed_out;
    pg->words = (int)a.words->len;
    pg->chars = a.chars;
    pg->confidence = mean(&a);
    pg->rotation = a.rotation;
    pg->deskew = a.deskew;
    return a.words;
}
