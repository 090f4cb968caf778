/* Unguessable identifiers (jobs, sessions, CSRF tokens) and name checks. */
#ifndef NOHIN_SERVE_IDS_H
#define NOHIN_SERVE_IDS_H

#include "nohin_internal.h"

/* 128 random bits from the kernel as 32 lowercase hex digits. Caller frees. */
char *nohin_serve_random_id(void);
/* True for exactly 32 lowercase hex digits (what random_id makes). */
bool nohin_serve_id_valid(const char *s);
/* Constant-time comparison of two NUL-terminated secrets. */
bool nohin_serve_secret_equal(const char *a, const char *b);
/* A relative upload path ("folder/sub/file.pdf", URL-decoded) made safe to
 * create under a job folder: UTF-8, no NUL or control characters, no "..",
 * ".", empty, absolute or backslash parts, bounded depth and length.
 * Returns a newly allocated normalised path or NULL when refused. */
char *nohin_serve_safe_relpath(const char *decoded);

#endif
