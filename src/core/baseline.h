/* Accepted findings: baseline files (nohin baseline / lint --baseline) and
 * [waive] entries of nohin.ini. Both mark findings suppressed; reporters still
 * show them, the exit code and the summary ignore them (docs/baseline.md). */
#ifndef NOHIN_BASELINE_H
#define NOHIN_BASELINE_H

#include "nohin_internal.h"

typedef struct {
    char *name;     /* "waive" or "waive NAME": the group, for messages */
    char *rule;     /* glob over the rule id */
    char *file;     /* glob over the bundle-relative path; "*" when not given */
    char *location; /* glob over nohin_location_key(); "*" when not given */
    char *reason;   /* mandatory */
} nohin_waiver;

void nohin_waiver_free(nohin_waiver *w);

/* Language-neutral name of a location, as [waive] location= and baselines write
 * it: "page 3", "Sheet1!B7", "Sheet1!row 5", "Sheet1!rows 5-9", "Sheet1!column C",
 * "line 12", "line 12, field 3", "sheet Sheet1", "object 7", "" for none. */
char *nohin_location_key(const nohin_location *l);

/* SHA-256 (hex) of what stays the same when the same document is exported again:
 * rule, file path, location kind and value (PDF object numbers left out: a new
 * export renumbers them) and the evidence with its white space collapsed. The
 * translated message is left out, so the fingerprint does not depend on --lang. */
char *nohin_finding_fingerprint(const nohin_finding *f);

/* config.c: a [waive] or [waive NAME] group. Returns false for any other group.
 * A waiver without rule or reason, or with an unknown key, adds a warning
 * (reported as CONFIG-KEY) and, when incomplete, is not used. */
bool nohin_config_load_waiver(nohin_config *c, GKeyFile *kf, const char *group, GPtrArray *warn);

/* Marks findings that a [waive] entry of cfg matches (kind "inSource"). */
void nohin_waivers_apply(GPtrArray *findings, const nohin_config *cfg);

/* The baseline file text for the findings of r that are not suppressed yet. */
char *nohin_baseline_render(const nohin_report *r, size_t *len);
/* Marks the findings of r recorded in the baseline file at path (kind "external").
 * A count in the file limits how many findings one fingerprint accepts.
 * Returns false (error set) when path cannot be read or is not a baseline. */
bool nohin_baseline_apply(nohin_report *r, const char *path, GError **error);

#endif
