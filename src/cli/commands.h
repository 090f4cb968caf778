/* Subcommands of the nohin CLI. Each lives in its own cmd_*.c. */
#ifndef NOHIN_COMMANDS_H
#define NOHIN_COMMANDS_H

#include "nohin_internal.h"

/* Exit codes shared by every subcommand. */
enum { NOHIN_EXIT_OK = 0, NOHIN_EXIT_FINDINGS = 1, NOHIN_EXIT_USAGE = 2 };

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv); /* argv[0] is the subcommand name */
    const char *summary;               /* N_() */
} nohin_command;

int nohin_cmd_lint(int argc, char **argv);
int nohin_cmd_rules(int argc, char **argv);
int nohin_cmd_init(int argc, char **argv);
int nohin_cmd_clean(int argc, char **argv);
int nohin_cmd_split(int argc, char **argv);
int nohin_cmd_intake(int argc, char **argv);
int nohin_cmd_serve(int argc, char **argv);
int nohin_cmd_ocr(int argc, char **argv);
int nohin_cmd_pack(int argc, char **argv);
int nohin_cmd_baseline(int argc, char **argv);

/* Writes text to path (atomically, never replacing an existing file unless force)
 * or to stdout when path is NULL or "-". Returns false with a message on stderr. */
bool nohin_cli_emit_output(const char *path, const char *data, size_t len, bool force);
/* --profile and --fail-on, shared by lint, intake and clean: NULL keeps the default;
 * a bad value is reported on stderr and returns false. */
bool nohin_cli_parse_profile(const char *profile, nohin_role *role);
bool nohin_cli_parse_fail_on(const char *fail_on, nohin_severity *sev);
void nohin_cli_set_timeout(int seconds);
/* g_option_context_parse; a bad option is reported on stderr and returns false. */
bool nohin_cli_parse(GOptionContext *oc, int *argc, char ***argv);
/* From here on only nohin_cli_emit_output reaches the original stdout; fd 1 is stderr. */
void nohin_cli_protect_stdout(void);
/* Prints "nohin: message" on stderr. */
void nohin_cli_error(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

#endif
