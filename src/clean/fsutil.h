/* File-system helpers for clean's output folder. */
#ifndef NOHIN_CLEAN_FSUTIL_H
#define NOHIN_CLEAN_FSUTIL_H

#include "nohin_internal.h"

/* Removes a folder tree without following symbolic links. */
bool nohin_clean_rmtree(const char *path);
/* Copies a regular file byte for byte to dst (which must not exist). */
bool nohin_copy_file(const char *src, const char *dst, GError **error);
/* Hex SHA-256 of a file, or NULL. Caller frees. */
char *nohin_sha256_file(const char *path);

#endif
