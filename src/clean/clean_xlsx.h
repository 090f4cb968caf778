/* XLSX cleaning: a streaming rewrite of the package (libzip + xmlTextReader in,
 * xmlTextWriter out; never a DOM of a worksheet). */
#ifndef NOHIN_CLEAN_XLSX_H
#define NOHIN_CLEAN_XLSX_H

#include "clean/fixlist.h"
#include "readers/zip_safe.h"

typedef struct {
    const char *title;       /* docProps/core.xml dc:title */
    const char *creator;     /* dc:creator; NULL leaves it out (a manual item) */
    bool unhide;             /* show hidden rows/columns instead of deleting them */
    const char *name;        /* input, bundle-relative (fix list) */
    const char *output_name; /* output, OUTDIR-relative (fix list) */
} nohin_xlsx_clean_opts;

/* Writes the cleaned workbook to out (must not exist). Returns false, with
 * error set and nothing written, when the workbook cannot be changed safely;
 * the caller leaves it out and lists it as manual work. */
bool nohin_clean_xlsx(const char *in, const char *out, const nohin_xlsx_clean_opts *o,
                      nohin_fixlist *fl, GError **error);

/* Why nohin_clean_xlsx would leave the workbook at path out whatever its cells
 * hold (the reason, translated; caller frees), or NULL when it takes it. Lint
 * asks so that it calls no finding of such a workbook fixable. The file is
 * opened anew, as clean opens it: a handle lint has read through has spent its
 * inflation budget, and the answer would depend on what lint read before. */
char *nohin_clean_xlsx_refusal(const char *path);

#endif
