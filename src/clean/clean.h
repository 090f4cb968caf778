/* `nohin clean`: builds the public (公表用) bundle from a contractor's bundle. */
#ifndef NOHIN_CLEAN_H
#define NOHIN_CLEAN_H

#include <stdio.h>
#include "nohin_internal.h"

typedef struct {
    bool force;              /* replace an existing OUTDIR (atomically) */
    bool unhide;             /* show hidden rows/columns instead of deleting them */
    bool normalize_csv;      /* CSV as UTF-8 with BOM and CRLF line ends */
    const char *data_folder; /* NULL: 図表等データ */
    const char *config_path; /* NULL: nohin.ini at the bundle root if present */
    nohin_role default_role; /* role of files outside a 公表用/非公表 folder */
    bool quiet;
} nohin_clean_options;

void nohin_clean_options_init(nohin_clean_options *o);

/* Builds OUTDIR from the bundle at paths. Returns the exit code: 0 when the
 * output is clean and nothing needs a person, 1 when the fix list holds manual
 * work (or a fixable finding survived), 2 on a usage or I/O error (error set;
 * OUTDIR untouched then). */
int nohin_clean_bundle(const char *const *paths, size_t n_paths, const char *outdir,
                       const nohin_clean_options *o, GError **error);

/* Cleans one PDF or XLSX file (by content) into out, a file that must not
 * exist unless o->force: the sanitiser alone, without the bundle steps or the
 * lint runs. The fix list is printed to fixlist_out (may be NULL). Same exit
 * codes as nohin_clean_bundle. */
int nohin_clean_one_file(const char *in, const char *out, const nohin_clean_options *o,
                         FILE *fixlist_out, GError **error);

#endif
