/* The one answer to "is this an archive to open?" and the limits every
 * expansion shares (lint's bundle zips, intake's attachments, nested archives).
 * Reading itself goes through zip_safe.h (per-handle byte, ratio, entry limits). */
#ifndef NOHIN_ARCHIVE_H
#define NOHIN_ARCHIVE_H

#include "readers/zip_safe.h"

#define NOHIN_ARCHIVE_MAX_DEPTH 3       /* zip inside zip inside zip, then an error */
#define NOHIN_ARCHIVE_MAX_ENTRIES 10000 /* entries over every level of one outer archive */
#define NOHIN_ARCHIVE_MAX_TOTAL (NOHIN_MAX_DECOMPRESSED) /* bytes over every level */

/* Starts with a zip signature (local header or empty archive). */
bool nohin_archive_zip_magic(const char *path);
/* A program packaged as a zip (.jar, .apk, .msix …): a file, never opened. */
bool nohin_archive_is_program(const char *name);
/* A zip-based document by its name (.pptx, .odt, .epub …): a file, never opened. */
bool nohin_archive_is_document_name(const char *name);
/* A zip that is a document whatever its name: an OOXML package (main part
 * through _rels/.rels) or an OpenDocument/EPUB (a "mimetype" entry). */
bool nohin_archive_is_package(nohin_zip *z);
/* A zip to expand: zip magic, not a program or document by name or content. */
bool nohin_archive_wanted(const char *path, const char *name);

/* What one outer archive has used so far, over all its nested levels. */
typedef struct {
    guint64 bytes;
    guint entries;
} nohin_archive_budget;
/* Adds one entry of n bytes; false when the outer archive is over its limits. */
bool nohin_archive_budget_take(nohin_archive_budget *b, guint64 n);

#endif
