/* OCR: an invisible text layer (render mode 3) for the pages of a PDF that
 * have none, recognised with Tesseract. The original content streams and
 * images stay byte for byte; each recognised page gets new content streams
 * around the old ones and a glyphless font (the way OCRmyPDF grafts). */
#ifndef NOHIN_OCR_H
#define NOHIN_OCR_H

#include "clean/fixlist.h"
#include "nohin_internal.h"

#define NOHIN_OCR_DEFAULT_LANGUAGES "jpn+eng"
#define NOHIN_OCR_DEFAULT_MIN_CONFIDENCE 70.0
/* Limits for hostile input: a page takes 2–10 s of CPU at 300 dpi, so three
 * minutes of wall time (a loaded machine included) means something is wrong
 * with it; 2,000 pages is hours of CPU. */
#define NOHIN_OCR_DEFAULT_PAGE_TIMEOUT 180
#define NOHIN_OCR_DEFAULT_MAX_PAGES 2000

typedef struct {
    const char *languages; /* Tesseract languages; NULL: jpn+eng */
    int threads;           /* 0: all cores */
    int dpi;               /* 0: 300, or a single full-page image's own resolution */
    double min_confidence; /* mean word confidence (0–100) below which a page is unreliable */
    bool progress;         /* a progress line on stderr (only when stderr is a terminal) */
    bool force;            /* replace an existing output */
    int page_timeout;      /* seconds of recognition per page before it stops (0: none) */
    int max_pages;         /* pages recognised at most; the rest are left as they are (0: none) */
} nohin_ocr_opts;

void nohin_ocr_opts_init(nohin_ocr_opts *o);

typedef struct {
    int page;          /* 1-based */
    int words;         /* recognised words */
    int chars;         /* characters in the added layer */
    double confidence; /* mean word confidence, 0–100 */
    bool vertical;     /* recognised as vertical Japanese (jpn_vert) */
    int rotation;      /* orientation Tesseract corrected, degrees clockwise */
    int dpi;           /* resolution the page was recognised at */
    double deskew;     /* radians the image was turned (clockwise) before recognition */
    bool unreliable;   /* confidence below opts->min_confidence (or nothing read) */
    bool timed_out;    /* recognition stopped at opts->page_timeout: the text is partial */
    double cpu[6];     /* thread CPU seconds per step (NOHIN_OCR_DEBUG, see ocr_engine.h) */
} nohin_ocr_page;

typedef struct {
    int n_pages;       /* pages in the document */
    int text_pages;    /* pages that already had text (left alone) */
    GArray *pages;     /* nohin_ocr_page, one per recognised page, in page order */
    int skipped;       /* pages without text left alone: over opts->max_pages */
    int first_skipped; /* 1-based number of the first of them */
} nohin_ocr_report;

void nohin_ocr_report_init(nohin_ocr_report *r);
void nohin_ocr_report_clear(nohin_ocr_report *r);

/* The folder holding the language data ($TESSDATA_PREFIX, else Debian's), and
 * whether every language of "jpn+eng" is there; a missing one is an error
 * naming the Debian package. */
char *nohin_ocr_tessdata_dir(void);
bool nohin_ocr_check_languages(const char *languages, GError **error);

/* Writes in with a text layer on every page that lacks one to out (atomically;
 * an existing out is an error unless opts->force). When no page needs OCR the
 * output is still written (a full rewrite with a deterministic /ID). */
bool nohin_ocr_pdf_file(const char *in, const char *out, const nohin_ocr_opts *opts,
                        nohin_ocr_report *report, GError **error);

/* `nohin clean`'s hook: OCR the cleaned public PDF at path in place and put
 * what was done (and pages whose text is unreliable) into fl. Does nothing
 * when OCR is turned off (--no-ocr). A failure is a manual item, never fatal. */
void nohin_ocr_set_clean_enabled(bool on);
void nohin_ocr_clean_pdf(const char *path, const char *file, const char *output_name,
                         nohin_fixlist *fl);

#endif
