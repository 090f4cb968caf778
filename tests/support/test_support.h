/* Helpers shared by the cmocka tests. */
#ifndef TEST_SUPPORT_H
#define TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "nohin_internal.h"

/* English messages, no progress: call first in main(). */
void ts_init(void);
/* A fresh temporary folder; removed by ts_rmtree. */
char *ts_tmpdir(void);
void ts_rmtree(const char *dir);
/* g_build_filename(dir, name) */
char *ts_path(const char *dir, const char *name);
/* Lints one path with default options and the given default role. */
nohin_report *ts_lint(const char *path, nohin_role role);
/* Number of findings of rule in report. */
size_t ts_count(const nohin_report *r, const char *rule);
/* The n-th (0-based) finding of rule, or NULL. */
const nohin_finding *ts_nth(const nohin_report *r, const char *rule, size_t n);
/* The same, but a missing finding fails the test (after printing the report). */
const nohin_finding *ts_must(const nohin_report *r, const char *rule, size_t n);
/* Fails unless the n-th finding of rule exists and its formatted location
 * (nohin_location_format, e.g. "Data! rows 4–6") is want. */
void ts_assert_loc(const nohin_report *r, const char *rule, size_t n, const char *want);
/* Page of the n-th (0-based) finding of rule, or -1. */
int ts_page(const nohin_report *r, const char *rule, size_t n);
/* Prints the findings (for a failing test's log). */
void ts_dump(const nohin_report *r);
/* Runs a shell command; returns its exit status, stdout in *out (may be NULL). */
int ts_sh(char **out, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Path of the built nohin CLI, from $NOHIN_BIN. */
const char *ts_nohin_bin(void);
/* True when a program is on PATH. */
bool ts_have(const char *program);

#endif
