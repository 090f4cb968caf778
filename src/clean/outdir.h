/* The output of `nohin clean` is either complete or absent: a locked temporary
 * folder beside OUTDIR, every file and folder synced before the rename, write
 * failures told apart from "this input cannot be cleaned", and temporary
 * folders of a killed run removed by the next run. */
#ifndef NOHIN_CLEAN_OUTDIR_H
#define NOHIN_CLEAN_OUTDIR_H

#include "nohin_internal.h"

/* Domain of errors that mean the output could not be written (disk full, I/O,
 * permissions): the run stops with exit 2 instead of leaving a file out. */
#define NOHIN_WRITE_ERROR (nohin_write_error_quark())
GQuark nohin_write_error_quark(void);

/* Sets a NOHIN_WRITE_ERROR from errno: "path: reason". Returns false. */
bool nohin_write_fail(GError **error, const char *path, int err);
/* Creates path (it must not exist) with len bytes, every write checked, fsync'ed and
 * closed; on any failure the partial file is removed (a full disk leaves nothing). */
bool nohin_write_new_file(const char *path, const unsigned char *p, size_t len, GError **error);
/* Whether error says the output could not be written (NOHIN_WRITE_ERROR, or an
 * errno text of ENOSPC/EDQUOT/EIO/EROFS in a library's message). */
bool nohin_is_write_failure(const GError *error);
/* Whether dir can still take a small file (writes, syncs and removes a probe). */
bool nohin_dir_writable(const char *dir);
/* fsync of one file or folder. */
bool nohin_fsync_path(const char *path, GError **error);

/* Creates and locks the temporary sibling of absout (.BASE.tmp-XXXXXX); first
 * removes the unlocked ones a killed run left. *lock_fd stays open until the
 * run ends (the lock goes with it). */
char *nohin_outdir_begin(const char *absout, int *lock_fd, GError **error);
/* Syncs every file and folder under tmp, renames (or, with replace, exchanges)
 * it to dest and syncs the parent folder. */
bool nohin_outdir_install(const char *tmp, const char *dest, bool replace, GError **error);

/* MANIFEST.sha256 at manifest_path over every file under root except itself,
 * names relative to root, sorted; names with a newline or backslash in
 * sha256sum's escaped form (a leading backslash, \\ and \n). */
bool nohin_outdir_manifest(const char *root, const char *manifest_path, GError **error);
/* The same, taking the SHA-256 (hex) of a name in known (may be NULL) instead of
 * reading the file again: clean's lint of the output has just hashed them. */
bool nohin_outdir_manifest_known(const char *root, const char *manifest_path, GHashTable *known,
                                 GError **error);
/* Names shown in fix lists go through nohin_escape_controls (src/core/escape.c). */

#endif
