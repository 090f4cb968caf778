/* PDF sanitising for the public bundle, through qpdf's C API. */
#ifndef NOHIN_CLEAN_PDF_H
#define NOHIN_CLEAN_PDF_H

#include "clean/fixlist.h"

typedef struct {
    const char *path; /* on disk */
    const char *name; /* bundle-relative, for the fix list */
} nohin_pdf_part;

typedef struct {
    const char *title;         /* NULL: the first part's own Info /Title, else its file name */
    const char *author;        /* the organisation; NULL leaves Author out (a manual item) */
    const char *author_source; /* where author came from, for the fix list; may be NULL */
    const char *output_name;   /* relative to OUTDIR, for the fix list */
    bool text_on_every_page;   /* the input's lint found text on every page: no OCR pass */
} nohin_pdf_clean_opts;

/* Merges parts (first = the report; the others' pages are appended in order),
 * removes everything the eye cannot see that can go safely (attachments,
 * JavaScript, automatic and external actions, comments and markup, form fields
 * flattened, PieceInfo, thumbnails), rebuilds Info and XMP and writes a full
 * rewrite with a deterministic /ID to out_path (which must not exist yet).
 * Every change goes into fl; what needs a person goes in as MANUAL. */
bool nohin_clean_pdf(const nohin_pdf_part *parts, size_t n_parts, const char *out_path,
                     const nohin_pdf_clean_opts *opts, nohin_fixlist *fl, GError **error);

#endif
