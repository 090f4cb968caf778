/* PDF reader (poppler-glib): opens a file once, extracts every page's text once
 * (in parallel over the cores), and shares both with every PDF check. */
#ifndef NOHIN_PDF_READER_H
#define NOHIN_PDF_READER_H

#include <poppler.h>
#include "nohin_internal.h"

/* Pages read per PDF (docs/limits.md); a report may have 1,000 (LIMIT-PAGES). */
#define NOHIN_PDF_MAX_PAGES 100000

typedef struct nohin_pdf {
    PopplerDocument *doc; /* NULL when it could not be opened */
    int n_pages;
    bool needs_password; /* a user password keeps it closed */
    bool pages_capped;   /* more than NOHIN_PDF_MAX_PAGES pages: only those were read */
    char *error;         /* why it could not be opened */
    char **page_text;    /* n_pages UTF-8 strings once loaded */
    bool texts_loaded;
    void **page_extra;  /* n_pages results of the page hook (NULL without one) */
    bool extra_shared;  /* page_extra's results belong to the page cache */
    char *pages_digest; /* of all pages, when the page cache computed them; else NULL */
} nohin_pdf;

/* A hook run on every page during nohin_pdf_load_texts, on the same PopplerPage
 * the text came from: poppler keeps its text pass on the page, so a check can
 * take the text layout and attributes without a second pass over the file.
 * Called from worker threads; its result for page i is kept in page_extra[i]
 * and freed with free_result. One hook per program, set at start-up. */
typedef void *(*nohin_pdf_page_hook)(PopplerPage *page, int index, const char *text);
void nohin_pdf_set_page_hook(nohin_pdf_page_hook hook, GDestroyNotify free_result);

/* The file's PDF reader, opened on first use; never NULL. */
nohin_pdf *nohin_pdf_of(nohin_file *file);
/* Opens path with poppler (for readers that need a document per thread). */
PopplerDocument *nohin_pdf_open_document(const char *abspath, GError **error);
/* Text of page index (0-based); "" for pages past the end or an unopened file. */
const char *nohin_pdf_page_text(nohin_file *file, int index);
/* Loads every page's text now; ctx (may be NULL) gets progress. */
void nohin_pdf_load_texts(nohin_file *file, nohin_ctx *ctx);

/* The page cache, for `nohin clean`, which lints a bundle and then its rewrite:
 * while it is on, nohin_pdf_load_texts takes a page's text and hook result from
 * any page read before with the same digest (pdf_page_digest.h) instead of asking
 * poppler again, and keeps every page it reads. Off by default (lint alone pays
 * nothing for digests). End frees it; call it when no reader holds its pages. */
void nohin_pdf_page_cache_begin(void);
void nohin_pdf_page_cache_end(void);
bool nohin_pdf_page_cache_on(void);
/* Pages taken from the cache since begin. */
guint nohin_pdf_page_cache_hits(void);
/* While the cache is on, a result derived from nothing but a file's pages (its
 * captions) kept under `what` and the digest of all its pages, for any file with
 * the same pages. Get: the kept one, or NULL. Put: keeps obj (the cache frees it
 * at the end) and returns what is kept under the key (obj, or an earlier one, obj
 * then freed); NULL when nothing can be kept (obj still the caller's). */
void *nohin_pdf_derived_get(nohin_file *file, const char *what);
void *nohin_pdf_derived_put(nohin_file *file, const char *what, void *obj, GDestroyNotify free_obj);

/* UTF-16 code units and code points of a UTF-8 string (for LIMIT-CHARS). */
void nohin_utf8_count(const char *s, guint64 *utf16_units, guint64 *code_points);

#endif
