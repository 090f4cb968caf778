#include <string.h>
#include "pdf_page_digest.h"
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

/* ---- pages shared across files by digest (nohin_pdf_page_cache_begin) ---- */

typedef struct {
    char *text;
    void *extra; /* the page hook's result, owned here */
} cached_page;

static GMutex cache_lock;
static GHashTable *cache;   /* nohin_page_digest (bytes) -> cached_page*; NULL: off */
static GHashTable *derived; /* "what:" + hex digest of all pages -> derived_entry* */
static guint cache_hits;
/* Page sequences (pages_digest) being read now: a second file with the same pages
 * (the report in both packages, read by two lint workers at once) waits for the
 * first and takes every page from the cache instead of reading them all again. */
static GHashTable *inflight;
static GCond inflight_done;

typedef struct {
    void *obj;
    GDestroyNotify free_obj;
} derived_entry;

static void derived_free(void *p)
{
    derived_entry *e = p;
    if (e->free_obj) e->free_obj(e->obj);
    g_free(e);
}

static guint digest_hash(gconstpointer k)
{
    guint h;
    memcpy(&h, k, sizeof h); /* a SHA-256 is uniform already */
    return h;
}

static gboolean digest_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, NOHIN_PAGE_DIGEST_SIZE) == 0;
}

static void cached_free(void *p)
{
    cached_page *c = p;
    g_free(c->text);
    if (c->extra && page_hook_free) page_hook_free(c->extra);
    g_free(c);
}

void nohin_pdf_page_cache_begin(void)
{
    g_mutex_lock(&cache_lock);
    if (!cache) cache = g_hash_table_new_full(digest_hash, digest_equal, g_free, cached_free);
    if (!derived) derived = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, derived_free);
    if (!inflight) inflight = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    cache_hits = 0;
    g_mutex_unlock(&cache_lock);
}

void nohin_pdf_page_cache_end(void)
{
    g_mutex_lock(&cache_lock);
    if (cache) g_hash_table_destroy(cache);
    if (derived) g_hash_table_destroy(derived);
    if (inflight) g_hash_table_destroy(inflight);
    cache = NULL;
    derived = NULL;
    inflight = NULL;
    g_mutex_unlock(&cache_lock);
    nohin_pdf_page_digests_forget();
}

guint nohin_pdf_page_cache_hits(void)
{
    g_mutex_lock(&cache_lock);
    guint n = cache_hits;
    g_mutex_unlock(&cache_lock);
    return n;
}

bool nohin_pdf_page_cache_on(void)
{
    g_mutex_lock(&cache_lock);
    bool on = cache != NULL;
    g_mutex_unlock(&cache_lock);
    return on;
}

/* Pages already read under the same digest: their text and hook result. */
static void cache_take(nohin_pdf *pdf, const nohin_page_digest *dg)
{
    g_mutex_lock(&cache_lock);
    for (int i = 0; cache && i < pdf->n_pages; i++) {
        const cached_page *c = g_hash_table_lookup(cache, &dg[i]);
        if (!c || (pdf->page_extra && !c->extra) || (!pdf->page_extra && c->extra)) continue;
        pdf->page_text[i] = g_strdup(c->text);
        if (pdf->page_extra) pdf->page_extra[i] = c->extra;
        cache_hits++;
    }
    g_mutex_unlock(&cache_lock);
}

/* The pages read now go to the cache, which owns every hook result of this file
 * from then on (a page twice in the file keeps the first one's). The hook is set
 * once before main, so every entry has a result exactly when the file has. */
static void cache_put(nohin_pdf *pdf, const nohin_page_digest *dg, const bool *read)
{
    g_mutex_lock(&cache_lock);
    for (int i = 0; cache && i < pdf->n_pages; i++) {
        if (!read[i]) continue;
        cached_page *c = g_hash_table_lookup(cache, &dg[i]);
        if (c) { /* the same page earlier in this file, or in another file meanwhile */
            if (pdf->page_extra && !c->extra) {
                c->extra = pdf->page_extra[i]; /* poppler gave no page before */
            } else if (pdf->page_extra && pdf->page_extra[i] != c->extra) {
                if (page_hook_free) page_hook_free(pdf->page_extra[i]);
                pdf->page_extra[i] = c->extra;
            }
            continue;
        }
        c = g_new0(cached_page, 1);
        c->text = g_strdup(pdf->page_text[i]);
        c->extra = pdf->page_extra ? pdf->page_extra[i] : NULL;
        g_hash_table_insert(cache, g_memdup2(&dg[i], sizeof dg[i]), c);
    }
    pdf->extra_shared = true;
    g_mutex_unlock(&cache_lock);
}

/* The digest of the whole sequence of pages (their count included). */
static void digest_pages(nohin_pdf *pdf, const nohin_page_digest *dg)
{
    GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
    char n[32];
    g_snprintf(n, sizeof n, "%d:", pdf->n_pages);
    g_checksum_update(c, (const guchar *)n, -1);
    g_checksum_update(c, (const guchar *)dg, (gssize)sizeof *dg * (gssize)pdf->n_pages);
    pdf->pages_digest = g_strdup(g_checksum_get_string(c));
    g_checksum_free(c);
}

static char *derived_key(nohin_file *file, const char *what)
{
    nohin_pdf *pdf = nohin_pdf_of(file);
    if (pdf->n_pages > 0) nohin_pdf_load_texts(file, NULL);
    return pdf->pages_digest ? g_strconcat(what, ":", pdf->pages_digest, NULL) : NULL;
}

void *nohin_pdf_derived_get(nohin_file *file, const char *what)
{
    char *key = derived_key(file, what);
    if (!key) return NULL;
    g_mutex_lock(&cache_lock);
    derived_entry *e = derived ? g_hash_table_lookup(derived, key) : NULL;
    g_mutex_unlock(&cache_lock);
    g_free(key);
    return e ? e->obj : NULL;
}

void *nohin_pdf_derived_put(nohin_file *file, const char *what, void *obj, GDestroyNotify free_obj)
{
    char *key = derived_key(file, what);
    if (!key) return NULL;
    g_mutex_lock(&cache_lock);
    derived_entry *e = derived ? g_hash_table_lookup(derived, key) : NULL;
    if (derived && !e) {
        e = g_new0(derived_entry, 1);
        e->obj = obj;
        e->free_obj = free_obj;
        g_hash_table_insert(derived, key, e);
        key = NULL;
    } else if (e) {
        free_obj(obj); /* made meanwhile for another file with the same pages */
    }
    void *kept = e ? e->obj : NULL;
    g_mutex_unlock(&cache_lock);
    g_free(key);
    return kept;
}

static void pdf_free(void *p)
{
    nohin_pdf *pdf = p;
    for (int i = 0; pdf->page_extra && !pdf->extra_shared && i < pdf->n_pages; i++)
        if (pdf->page_extra[i] && page_hook_free) page_hook_free(pdf->page_extra[i]);
    g_free(pdf->page_extra);
    if (pdf->page_text) g_strfreev(pdf->page_text);
    if (pdf->doc) g_object_unref(pdf->doc);
    g_free(pdf->error);
    g_free(pdf->pages_digest);
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
        if (job->texts[i]) continue; /* taken from the page cache */
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
    gint64 t0 = g_get_monotonic_time();
    nohin_page_digest *dg =
        nohin_pdf_page_cache_on() ? nohin_pdf_page_digests(file, pdf->n_pages) : NULL;
    if (dg && g_getenv("NOHIN_DEBUG_PAGE_DIGEST"))
        g_printerr("page digest: %s: %d pages in %.3f s\n", file->path, pdf->n_pages,
                   (double)(g_get_monotonic_time() - t0) / 1e6);
    bool *read = NULL;
    bool flying = false;
    if (dg) {
        digest_pages(pdf, dg);
        g_mutex_lock(&cache_lock);
        while (inflight && g_hash_table_contains(inflight, pdf->pages_digest))
            g_cond_wait(&inflight_done, &cache_lock);
        if (inflight) {
            g_hash_table_add(inflight, g_strdup(pdf->pages_digest));
            flying = true;
        }
        g_mutex_unlock(&cache_lock);
        cache_take(pdf, dg);
        read = g_new0(bool, (gsize)pdf->n_pages);
        for (int i = 0; i < pdf->n_pages; i++)
            read[i] = pdf->page_text[i] == NULL;
    }
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
    if (dg && g_getenv("NOHIN_DEBUG_PAGE_DIGEST"))
        for (int i = 0; i < pdf->n_pages; i++)
            g_printerr("page digest: %s p. %d %02x%02x%02x%02x %s\n", file->path, i + 1, dg[i].d[0],
                       dg[i].d[1], dg[i].d[2], dg[i].d[3], read[i] ? "read" : "reused");
    if (dg) cache_put(pdf, dg, read);
    if (flying) {
        g_mutex_lock(&cache_lock);
        if (inflight) g_hash_table_remove(inflight, pdf->pages_digest);
        g_cond_broadcast(&inflight_done);
        g_mutex_unlock(&cache_lock);
    }
    g_free(dg);
    g_free(read);
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
