#include <string.h>
#include "pdf_reader.h"

PopplerDocument *nohin_pdf_open_document(const char *abspath, GError **error)
{
    char *uri = g_filename_to_uri(abspath, NULL, error);
    if (!uri) return NULL;
    PopplerDocument *d = poppler_document_new_from_file(uri, NULL, error);
    g_free(uri);
    return d;
}

static nohin_pdf_page_hook page_hook;
static GDestroyNotify page_hook_free;

void nohin_pdf_set_page_hook(nohin_pdf_page_hook hook, GDestroyNotify free_result)
{
    page_hook = hook;
    page_hook_free = free_result;
}

static void pdf_free(void *p)
{
    nohin_pdf *pdf = p;
    for (int i = 0; pdf->page_extra && i < pdf->n_pages; i++)
        if (pdf->page_extra[i] && page_hook_free) page_hook_free(pdf->page_extra[i]);
    g_free(pdf->page_extra);
    if (pdf->page_text) g_strfreev(pdf->page_text);
    if (pdf->doc) g_object_unref(pdf->doc);
    g_free(pdf->error);
    g_free(pdf);
}

nohin_pdf *nohin_pdf_of(nohin_file *file)
{
    nohin_pdf *pdf = nohin_file_reader(file, NOHIN_READER_PDF);
    if (pdf) return pdf;
    pdf = g_new0(nohin_pdf, 1);
    GError *err = NULL;
    pdf->doc = nohin_pdf_open_document(file->abspath, &err);
    if (pdf->doc) {
        pdf->n_pages = poppler_document_get_n_pages(pdf->doc);
        if (pdf->n_pages > NOHIN_PDF_MAX_PAGES) {
            pdf->n_pages = NOHIN_PDF_MAX_PAGES;
            pdf->pages_capped = true;
        }
    } else {
        pdf->needs_password =
            err && err->domain == POPPLER_ERROR && err->code == POPPLER_ERROR_ENCRYPTED;
        pdf->error = g_strdup(err ? err->message : "unknown error");
    }
    g_clear_error(&err);
    nohin_file_set_reader(file, NOHIN_READER_PDF, pdf, pdf_free);
    return pdf;
}

typedef struct {
    const char *abspath;
    char **texts;
    void **extra; /* page hook results */
    int n_pages;
    gint next;
    nohin_ctx *ctx; /* progress, reported by the calling thread only */
    const nohin_file *file;
} text_job;

typedef struct {
    text_job *job;
    PopplerDocument *own; /* NULL: open a private copy (documents are not shared across threads) */
} text_worker_arg;

static gpointer text_worker(gpointer data)
{
    text_worker_arg *arg = data;
    text_job *job = arg->job;
    PopplerDocument *doc = arg->own ? arg->own : nohin_pdf_open_document(job->abspath, NULL);
    if (!doc) return NULL;
    for (;;) {
        int i = g_atomic_int_add(&job->next, 1);
        if (i >= job->n_pages) break;
        PopplerPage *page = poppler_document_get_page(doc, i);
        char *t = page ? poppler_page_get_text(page) : NULL;
        job->texts[i] = t ? t : g_strdup("");
        if (page && job->extra) job->extra[i] = page_hook(page, i, job->texts[i]);
        if (page) g_object_unref(page);
        if (arg->own && job->ctx) nohin_ctx_progress(job->ctx, job->file, i + 1, job->n_pages);
    }
    if (doc != arg->own) g_object_unref(doc);
    return NULL;
}

void nohin_pdf_load_texts(nohin_file *file, nohin_ctx *ctx)
{
    nohin_pdf *pdf = nohin_pdf_of(file);
    if (pdf->texts_loaded) return;
    pdf->texts_loaded = true;
    pdf->page_text = g_new0(char *, (gsize)pdf->n_pages + 1);
    if (!pdf->doc || pdf->n_pages == 0) return;
    if (page_hook) pdf->page_extra = g_new0(void *, (gsize)pdf->n_pages + 1);
    text_job job = {.abspath = file->abspath,
                    .texts = pdf->page_text,
                    .extra = pdf->page_extra,
                    .n_pages = pdf->n_pages,
                    .ctx = ctx,
                    .file = file};
    /* Small files are not worth a second parse. */
    int workers = (int)g_get_num_processors();
    if (workers > 4) workers = 4;
    if (pdf->n_pages < 16) workers = 1;
    GThread *threads[4] = {0};
    text_worker_arg args[4] = {{&job, pdf->doc}, {&job, NULL}, {&job, NULL}, {&job, NULL}};
    for (int t = 1; t < workers; t++)
        threads[t] = g_thread_new("pdf-text", text_worker, &args[t]);
    text_worker(&args[0]); /* the calling thread works too, with the reader's own document */
    for (int t = 1; t < workers; t++)
        g_thread_join(threads[t]);
    for (int i = 0; i < pdf->n_pages; i++)
        if (!pdf->page_text[i]) pdf->page_text[i] = g_strdup("");
    if (ctx) nohin_ctx_progress(ctx, file, pdf->n_pages, pdf->n_pages);
}

const char *nohin_pdf_page_text(nohin_file *file, int index)
{
    nohin_pdf *pdf = nohin_pdf_of(file);
    if (!pdf->texts_loaded) nohin_pdf_load_texts(file, NULL);
    if (index < 0 || index >= pdf->n_pages) return "";
    return pdf->page_text[index];
}

void nohin_utf8_count(const char *s, guint64 *utf16_units, guint64 *code_points)
{
    guint64 u = 0, c = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) == 0x80) continue; /* continuation byte */
        c++;
        u += *p >= 0xF0 ? 2 : 1; /* 4-byte sequences are surrogate pairs in UTF-16 */
    }
    *utf16_units += u;
    *code_points += c;
}
