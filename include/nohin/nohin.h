/* nohin: lint and clean METI commissioned-study deliverable bundles. */
#ifndef NOHIN_H
#define NOHIN_H

#include "nohin/types.h"
#include "nohin/finding.h"
#include "nohin/file.h"
#include "nohin/config.h"
#include "nohin/check.h"
#include "nohin/report.h"

#define NOHIN_VERSION "0.1.0"

typedef struct {
    nohin_role default_role; /* --profile; default public */
    const char *config_path; /* --config; NULL: nohin.ini at the bundle root if present */
    bool quiet;              /* no progress on stderr */
    bool progress;           /* show progress when stderr is a terminal */
    int threads;             /* --jobs: files checked at once; 0: number of cores */
    bool isolate;            /* read each file in a child process (src/core/isolate.h) */
    /* Keep every file's parsed state (reader slots) until the report is freed, for a
     * caller that reads the files again; by default it is freed after the file's checks. */
    bool keep_readers;
    /* Optional: relpath under the argument -> the path checks and reports show
     * (intake writes attachments under generated names and maps them back). */
    GHashTable *display_paths;
    /* Optional: called before a file's checks; when it returns true it has put the
     * file's findings into ctx itself and the checks are skipped (clean: a file it
     * copied byte for byte keeps the findings its input had). */
    bool (*reuse_file)(void *data, struct nohin_ctx *ctx, struct nohin_file *file);
    void *reuse_data;
    /* Optional: true for a file whose own findings the caller never reads (clean: a
     * non-public file it leaves out); no file check runs on it, bundle checks still
     * see it and read it as they need. */
    bool (*skip_file)(struct nohin_file *file);
} nohin_options;

/* Upper bound of nohin_options.threads (more workers than this are not started). */
#define NOHIN_MAX_JOBS 64

void nohin_options_init(nohin_options *o);

/* Lints every path (files, folders, zips). Never fails on a bad input file:
 * that becomes a finding. Returns NULL only on usage errors (error set). */
nohin_report *nohin_lint(const char *const *paths, size_t n_paths, const nohin_options *opts,
                         GError **error);

/* Same, with a configuration the caller already holds (clean, intake). */
nohin_report *nohin_lint_with_config(const char *const *paths, size_t n_paths,
                                     const nohin_options *opts, const nohin_config *cfg,
                                     GError **error);

/* Selects the language of messages: "ja" or "en"; NULL picks from the locale
 * (Japanese when the locale is C/POSIX). Call before any output. */
void nohin_i18n_init(const char *lang);
const char *nohin_i18n_lang(void);

#endif
