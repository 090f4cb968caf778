/* Reading hostile files in a child process.
 *
 * nohin_isolate_call() forks; the child sets resource limits (CPU time, address
 * space, open files, no core dumps), leaves the network (a fresh, empty network
 * namespace when the kernel allows it), runs a function and sends its result
 * back over a pipe as a serialised GVariant. The parent enforces a wall-clock
 * timeout (SIGKILL) and a cap on the result's size. A crash, a limit or a
 * timeout in the child is reported, never propagated: the run goes on.
 *
 * Test-only hooks (compiled in always, used by the tests to prove isolation):
 * NOHIN_TEST_CHILD_CRASH=<label> makes the child for that label raise SIGSEGV,
 * NOHIN_TEST_CHILD_HANG=<label> makes it sleep until the parent kills it. For
 * files the label is the file's base name. Never set them in production. */
#ifndef NOHIN_ISOLATE_H
#define NOHIN_ISOLATE_H

#include "nohin_internal.h"

typedef struct {
    int timeout_s;            /* wall clock, enforced by the parent */
    int cpu_s;                /* RLIMIT_CPU */
    guint64 memory_bytes;     /* RLIMIT_AS (not applied under AddressSanitizer) */
    int max_files;            /* RLIMIT_NOFILE */
    guint64 max_result;       /* bytes of serialised result the parent accepts */
    const char *failure_rule; /* rule for a file the child could not read;
                               * NULL: the format's own (PDF-MALFORMED, …) */
} nohin_isolate_limits;

typedef enum {
    NOHIN_ISOLATE_OK = 0,
    NOHIN_ISOLATE_CRASH,   /* killed by a signal, or exited with an error */
    NOHIN_ISOLATE_TIMEOUT, /* wall clock ran out; the parent killed it */
    NOHIN_ISOLATE_LIMIT,   /* CPU time, memory or result size limit */
    NOHIN_ISOLATE_ERROR,   /* could not fork or read the result */
} nohin_isolate_status;

/* Process-wide limits (defaults: 60 s, 30 s CPU, 2 GiB, 256 files, 64 MiB). */
const nohin_isolate_limits *nohin_isolate_get_limits(void);
void nohin_isolate_set_limits(const nohin_isolate_limits *l);
/* How the child is kept off the network: "netns" (new empty network namespace),
 * "userns+netns", or "none" (only RLIMIT_NOFILE; see docs/intake.md). Probed once. */
const char *nohin_isolate_network_mode(void);

/* Runs fn(data) in a child. fn returns a GVariant of type `type` (floating or
 * owned), or NULL for an error. On NOHIN_ISOLATE_OK *result holds the value
 * (trusted to be of `type`: GVariant validates serialised data); otherwise *why
 * says what happened, in English ("crashed (signal 11, Segmentation fault)"). */
nohin_isolate_status nohin_isolate_call(const char *label, GVariant *(*fn)(void *data), void *data,
                                        const GVariantType *type, GVariant **result, char **why);

/* Findings as a GVariant of type NOHIN_ISOLATE_FINDINGS_TYPE and back (for any
 * child that reports findings). unpack appends copies to out. */
#define NOHIN_ISOLATE_FINDINGS_TYPE "a(sus(uiiiiiimsmsmsmsmsmsbdddd)ssbms)"
GVariant *nohin_isolate_pack_findings(const GPtrArray *findings);
void nohin_isolate_unpack_findings(GVariant *v, GPtrArray *out);

/* Runs run(ctx, file) — the file checks — in a child and merges its findings and
 * the file's status back into ctx and file. On failure the file is marked
 * unreadable and one finding (failure_rule or the format's peer) says why.
 * Returns true when the child finished normally. */
bool nohin_isolate_file(nohin_ctx *ctx, nohin_file *file,
                        void (*run)(nohin_ctx *ctx, nohin_file *file));

#endif
