/* nohin_ocr_pdf_file: picks the pages without a text layer (the judgement of
 * PDF-TEXT-LAYER), recognises them in parallel (one poppler document and one
 * Tesseract handle per worker), then grafts the layers with qpdf in page order
 * and writes a deterministic full rewrite. */
#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <qpdf/qpdf-c.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "ocr/ocr_engine.h"
#include "readers/pdf_text_stats.h"

#define DEBIAN_TESSDATA "/usr/share/tesseract-ocr/5/tessdata"

void nohin_ocr_opts_init(nohin_ocr_opts *o)
{
    memset(o, 0, sizeof *o);
    o->languages = NOHIN_OCR_DEFAULT_LANGUAGES;
    o->min_confidence = NOHIN_OCR_DEFAULT_MIN_CONFIDENCE;
    o->page_timeout = NOHIN_OCR_DEFAULT_PAGE_TIMEOUT;
    o->max_pages = NOHIN_OCR_DEFAULT_MAX_PAGES;
}

void nohin_ocr_report_init(nohin_ocr_report *r)
{
    memset(r, 0, sizeof *r);
    r->pages = g_array_new(FALSE, TRUE, sizeof(nohin_ocr_page));
}

void nohin_ocr_report_clear(nohin_ocr_report *r)
{
    if (r->pages) g_array_free(r->pages, TRUE);
    r->pages = NULL;
}

char *nohin_ocr_tessdata_dir(void)
{
    const char *env = g_getenv("TESSDATA_PREFIX");
    if (env && *env) return g_strdup(env);
    return g_strdup(DEBIAN_TESSDATA);
}

bool nohin_ocr_check_languages(const char *languages, GError **error)
{
    char *dir = nohin_ocr_tessdata_dir();
    char **langs =
        g_strsplit(languages && *languages ? languages : NOHIN_OCR_DEFAULT_LANGUAGES, "+", -1);
    bool ok = true;
    for (char **l = langs; *l && ok; l++) {
        if (!**l || strchr(*l, '/') || strchr(*l, '.')) {
            g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                        _("'%s' is not a Tesseract language name"), *l);
            ok = false;
            break;
        }
        char *file = g_strconcat(*l, ".traineddata", NULL);
        char *path = g_build_filename(dir, file, NULL);
        if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
            char *pkg = g_strdelimit(g_strdup(*l), "_", '-');
            g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                        _("OCR language data '%s' is missing (%s): install the Debian package "
                          "tesseract-ocr-%s, or set TESSDATA_PREFIX to the folder that holds it"),
                        *l, path, pkg);
            g_free(pkg);
            ok = false;
        }
        g_free(path);
        g_free(file);
    }
    g_strfreev(langs);
    g_free(dir);
    return ok;
}

double nohin_ocr_cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

bool nohin_ocr_debug(void)
{
    const char *v = g_getenv("NOHIN_OCR_DEBUG");
    return v && *v && strcmp(v, "0") != 0;
}

static void debug_page(const nohin_ocr_page *p, double wall)
{
    const double *c = p->cpu;
    g_printerr("ocr-debug: page %d %d dpi%s: cpu s render %.2f pix %.2f deskew %.2f layout %.2f "
               "recognise %.2f second-read %.2f = %.2f, wall %.2f\n",
               p->page, p->dpi, p->vertical ? " jpn_vert" : "", c[0], c[1], c[2], c[3], c[4], c[5],
               c[0] + c[1] + c[2] + c[3] + c[4] + c[5], wall);
}

typedef struct {
    int index;   /* 0-based page */
    int image_w; /* pixel width of its one image XObject, 0: unknown */
    nohin_ocr_page info;
    nohin_ocr_image img; /* dimensions only once recognised */
    GPtrArray *words;
    bool done;
} job;

typedef struct {
    const char *uri, *languages, *datadir;
    int dpi, deadline_ms;
    job *jobs;
    int n_jobs;
    gint next, finished;
    GMutex lock;
    GError *error; /* the first worker error */
    bool progress, debug;
} pool_ctx;

static void progress_line(pool_ctx *c)
{
    if (!c->progress) return;
    g_mutex_lock(&c->lock);
    g_printerr("\r%s %d/%d", _("OCR: pages"), c->finished, c->n_jobs);
    g_mutex_unlock(&c->lock);
}

static void worker(gpointer data, gpointer user)
{
    (void)data;
    pool_ctx *c = user;
    GError *err = NULL;
    nohin_tess_single_threaded();
    PopplerDocument *doc = poppler_document_new_from_file(c->uri, NULL, &err);
    nohin_tess *t = doc ? nohin_tess_new(c->datadir, c->languages, &err) : NULL;
    for (;;) {
        int i = g_atomic_int_add(&c->next, 1);
        if (i >= c->n_jobs) break;
        job *j = &c->jobs[i];
        if (t) {
            gint64 wall = g_get_monotonic_time();
            double t0 = nohin_ocr_cpu_now();
            PopplerPage *page = poppler_document_get_page(doc, j->index);
            if (page && nohin_ocr_render(page, c->dpi, j->image_w, &j->img)) {
                j->info.dpi = j->img.dpi;
                j->info.cpu[NOHIN_OCR_RENDER] = nohin_ocr_cpu_now() - t0;
                j->words = nohin_tess_recognise(t, &j->img, c->deadline_ms, &j->info);
                nohin_ocr_image_clear(&j->img);
                j->done = true;
                if (c->debug) debug_page(&j->info, (g_get_monotonic_time() - wall) / 1e6);
            }
            if (page) g_object_unref(page);
        }
        g_atomic_int_inc(&c->finished);
        progress_line(c);
    }
    if (err) {
        g_mutex_lock(&c->lock);
        if (!c->error)
            c->error = err;
        else
            g_error_free(err);
        g_mutex_unlock(&c->lock);
    }
    nohin_tess_free(t);
    if (doc) g_object_unref(doc);
}

/* Renames tmp to out; without force an existing out is an error, atomically (link). */
static bool install(const char *tmp, const char *out, bool force, GError **error)
{
    if (force) {
        if (g_rename(tmp, out) == 0) return true;
    } else if (link(tmp, out) == 0) {
        g_unlink(tmp);
        return true;
    } else if (errno == EEXIST) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("%s already exists"), out);
        return false;
    } else if (!g_file_test(out, G_FILE_TEST_EXISTS) && g_rename(tmp, out) == 0) {
        return true; /* a file system without hard links */
    }
    int e = errno;
    g_set_error(error, G_IO_ERROR, g_io_error_from_errno(e), "%s: %s", out, g_strerror(e));
    return false;
}

static bool qpdf_failed(qpdf_data q, const char *what, GError **error)
{
    qpdf_error e = qpdf_get_error(q);
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", what,
                e ? qpdf_get_error_full_text(q, e) : "qpdf error");
    return false;
}

bool nohin_ocr_pdf_file(const char *in, const char *out, const nohin_ocr_opts *opts,
                        nohin_ocr_report *report, GError **error)
{
    nohin_ocr_opts dflt;
    if (!opts) {
        nohin_ocr_opts_init(&dflt);
        opts = &dflt;
    }
    const char *langs = opts->languages ? opts->languages : NOHIN_OCR_DEFAULT_LANGUAGES;
    if (!nohin_ocr_check_languages(langs, error)) return false;
    if (!opts->force && g_file_test(out, G_FILE_TEST_EXISTS)) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("%s already exists"), out);
        return false;
    }
    bool ok = false, debug = nohin_ocr_debug();
    gint64 wall0 = g_get_monotonic_time(), wall1 = 0, wall2 = 0;
    char *uri = NULL, *datadir = nohin_ocr_tessdata_dir();
    char *tmp = g_strconcat(out, ".nohin-ocr.tmp", NULL);
    PopplerDocument *doc = NULL;
    qpdf_data q = NULL;
    job *jobs = NULL;
    int n_jobs = 0;
    char *abs = g_canonicalize_filename(in, NULL);
    uri = g_filename_to_uri(abs, NULL, error);
    g_free(abs);
    if (!uri) goto out;
    doc = poppler_document_new_from_file(uri, NULL, error);
    if (!doc) goto out;
    q = qpdf_init();
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    if (qpdf_read(q, in, "") & QPDF_ERRORS) {
        qpdf_failed(q, in, error);
        goto out;
    }
    int n = poppler_document_get_n_pages(doc);
    if (qpdf_get_num_pages(q) != n) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                    _("%s: the page tree is damaged (poppler and qpdf count different pages)"), in);
        goto out;
    }
    report->n_pages = n;
    jobs = g_new0(job, n > 0 ? n : 1);
    for (int i = 0; i < n; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        char *text = page ? poppler_page_get_text(page) : NULL;
        if (page && nohin_pdf_text_lacks_layer(text))
            jobs[n_jobs++] = (job){.index = i,
                                   .image_w = opts->dpi > 0 ? 0 : nohin_ocr_page_image_width(q, i),
                                   .info = {.page = i + 1}};
        else
            report->text_pages++;
        g_free(text);
        if (page) g_object_unref(page);
    }
    g_clear_object(&doc);
    if (opts->max_pages > 0 && n_jobs > opts->max_pages) {
        report->skipped = n_jobs - opts->max_pages;
        report->first_skipped = jobs[opts->max_pages].info.page;
        n_jobs = opts->max_pages;
    }
    wall1 = g_get_monotonic_time();
    if (n_jobs > 0) {
        int threads = opts->threads > 0 ? opts->threads : (int)g_get_num_processors();
        threads = CLAMP(threads, 1, n_jobs);
        pool_ctx c = {.uri = uri,
                      .languages = langs,
                      .datadir = datadir,
                      .dpi = opts->dpi,
                      .deadline_ms = opts->page_timeout > 0 ? opts->page_timeout * 1000 : 0,
                      .jobs = jobs,
                      .n_jobs = n_jobs,
                      .progress = opts->progress && isatty(STDERR_FILENO),
                      .debug = debug};
        g_mutex_init(&c.lock);
        GThreadPool *pool = g_thread_pool_new(worker, &c, threads, TRUE, NULL);
        for (int i = 0; i < threads; i++)
            g_thread_pool_push(pool, GINT_TO_POINTER(i + 1), NULL);
        g_thread_pool_free(pool, FALSE, TRUE);
        g_mutex_clear(&c.lock);
        if (c.progress) g_printerr("\r\033[K");
        wall2 = g_get_monotonic_time();
        if (c.error) {
            g_propagate_error(error, c.error);
            goto out;
        }
        unsigned int font = nohin_ocr_graft_font(q, datadir, error);
        for (int i = 0; i < n_jobs; i++) {
            job *j = &jobs[i];
            if (!j->done) {
                g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED,
                            _("%s: page %d could not be rendered"), in, j->index + 1);
                goto out;
            }
            if (j->words->len > 0 && !nohin_ocr_graft_page(q, j->index, font, j->words, &j->img,
                                                           j->info.deskew, &j->info.chars, error))
                goto out;
            j->info.unreliable = j->info.words == 0 || j->info.timed_out ||
                                 j->info.confidence < opts->min_confidence;
            g_array_append_val(report->pages, j->info);
        }
    }
    qpdf_init_write(q, tmp);
    qpdf_set_deterministic_ID(q, QPDF_TRUE);
    /* original streams pass through as they are: neither decoded nor recompressed */
    qpdf_set_decode_level(q, qpdf_dl_none);
    qpdf_set_compress_streams(q, QPDF_FALSE);
    qpdf_set_object_stream_mode(q, qpdf_o_preserve);
    qpdf_set_linearization(q, QPDF_FALSE);
    if (qpdf_write(q) & QPDF_ERRORS) {
        qpdf_failed(q, out, error);
        goto out;
    }
    ok = install(tmp, out, opts->force, error);
    if (debug && wall2)
        g_printerr("ocr-debug: wall s: open + find pages %.2f, recognise (%d pages) %.2f, "
                   "graft + write %.2f\n",
                   (wall1 - wall0) / 1e6, n_jobs, (wall2 - wall1) / 1e6,
                   (g_get_monotonic_time() - wall2) / 1e6);
out:
    if (!ok) g_unlink(tmp);
    for (int i = 0; i < n_jobs; i++)
        if (jobs[i].words) g_ptr_array_unref(jobs[i].words);
    g_free(jobs);
    if (q) qpdf_cleanup(&q);
    g_clear_object(&doc);
    g_free(uri);
    g_free(tmp);
    g_free(datadir);
    return ok;
}
