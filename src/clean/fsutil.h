/* File-system helpers for clean's output folder. */
#ifndef NOHIN_CLEAN_FSUTIL_H
#define NOHIN_CLEAN_FSUTIL_H

#include "nohin_internal.h"

/* Removes a folder tree without following symbolic links. */
bool nohin_clean_rmtree(const char *path);
/* Copies a regular file byte for byte to dst (which must not exist). */
bool nohin_copy_file(const char *src, const char *dst, GError **error);
/* Puts the finished folder tmp at dest: a plain rename when dest does not exist,
 * else (replace) an atomic exchange of the two followed by removal of the old. */
bool nohin_install_dir(const char *tmp, const char *dest, bool replace, GError **error);
/* Hex SHA-256 of a file, or NULL. Caller frees. */
char *nohin_sha256_file(const char *path);
/* Writes MANIFEST.sha256 (sha256sum format, sorted by path) for every file under dir. */
bool nohin_write_manifest(const char *dir, GError **error);

#endif
