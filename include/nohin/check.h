/* Check plugins. One file in checks/ per rule family; see DEVELOPERS.md, "Adding a check".
 *
 *   static const nohin_rule rules[] = {
 *       {"PDF-TEXT-LAYER", NOHIN_SEV_ERROR, false, N_("Page without a text layer"), "001 §5(2)"},
 *       {NULL}};
 *   static void run(nohin_ctx *ctx, nohin_file *file) { ... nohin_emit(...); }
 *   NOHIN_CHECK(pdf_text_layer) = {.rules = rules, .formats = NOHIN_FMT_PDF,
 *                                  .roles = NOHIN_ROLE_ANY, .run_file = run};
 *
 * The build collects every .c file in checks/ and registers NOHIN_CHECK(<file name>).
 */
#ifndef NOHIN_CHECK_H
#define NOHIN_CHECK_H

#include <glib.h>
#include "nohin/types.h"
#include "nohin/finding.h"
#include "nohin/file.h"
#include "nohin/config.h"

typedef struct {
    const char *id;
    nohin_severity severity; /* default */
    bool fixable;            /* can `nohin clean` fix it automatically */
    const char *summary;     /* one line, English source string marked N_() */
    const char *spec;        /* clause it comes from, e.g. "001 §5(2)" */
} nohin_rule;

typedef struct nohin_ctx nohin_ctx;

typedef struct nohin_bundle {
    GPtrArray *files; /* nohin_file*, sorted by path */
    const nohin_config *config;
    /* the files' findings (nohin_finding*): a bundle check may revise one (say it
     * is not fixable) once it knows the whole bundle; NULL when there are none */
    GPtrArray *findings;
} nohin_bundle;

typedef struct nohin_check {
    const char *name;
    const nohin_rule *rules; /* terminated by {NULL} */
    unsigned formats;        /* nohin_format bits the file checks apply to */
    unsigned roles;          /* nohin_role bits */
    void (*run_file)(nohin_ctx *ctx, nohin_file *file);
    void (*run_bundle)(nohin_ctx *ctx, const nohin_bundle *bundle); /* after all files */
    /* after every run_file of the file: may revise the file's findings */
    void (*after_file)(nohin_ctx *ctx, nohin_file *file);
} nohin_check;

#define NOHIN_CHECK(name) const nohin_check nohin_check_##name

/* All registered checks, in registration (file name) order. */
const nohin_check *const *nohin_checks(size_t *count);
/* Looks a rule up by id across all checks; NULL when unknown. */
const nohin_rule *nohin_rule_find(const char *id);

/* Emits a finding. Severity is the rule's default, then config overrides apply.
 * message_fmt is printf-style and already translated by the caller (_()).
 * Returns the finding (owned by ctx) so the caller can set evidence or severity,
 * or NULL when the rule is disabled. The location is taken over (not copied). */
nohin_finding *nohin_emit(nohin_ctx *ctx, const nohin_file *file, const char *rule,
                          nohin_location loc, const char *fix, const char *message_fmt, ...)
    G_GNUC_PRINTF(6, 7);
void nohin_finding_set_evidence(nohin_finding *f, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Sets severity, still letting a configured override win. */
void nohin_finding_set_severity(nohin_ctx *ctx, nohin_finding *f, nohin_severity sev);

/* For an after_file hook: the file's findings emitted so far stop being fixable,
 * and their fix says why (why: translated, appended as it is). */
void nohin_ctx_file_not_fixable(nohin_ctx *ctx, const nohin_file *file, const char *why);

const nohin_config *nohin_ctx_config(const nohin_ctx *ctx);
/* Progress reporting for long work inside a file (pages done / total). */
void nohin_ctx_progress(nohin_ctx *ctx, const nohin_file *file, int done, int total);

#endif
