/* The options lint and intake share (--format, -o, --force, --lang, --profile,
 * --fail-on, -c): one table and one check, so the two commands cannot drift. */
#ifndef NOHIN_CLI_REPORT_OPTS_H
#define NOHIN_CLI_REPORT_OPTS_H

#include "commands.h"
#include "reporters/reporter.h"

typedef struct {
    char *format, *output, *lang, *profile, *fail_on, *config;
    gboolean force;
} nohin_cli_report_opts;

/* Adds the shared options to oc's main group ahead of the command's own; the
 * help of --format and --profile (N_() texts) differs per command. */
void nohin_cli_report_opts_add(GOptionContext *oc, nohin_cli_report_opts *o,
                               const char *format_help, const char *profile_help);
/* --format, --profile and --fail-on; NULL keeps the default. A bad value is
 * reported on stderr and returns false. */
bool nohin_cli_report_opts_parse(const nohin_cli_report_opts *o, nohin_report_format *fmt,
                                 nohin_role *role, nohin_severity *fail_on);
void nohin_cli_report_opts_clear(nohin_cli_report_opts *o);

#endif
