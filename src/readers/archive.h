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

/* ---- expansion: the one loop that writes an archive's entries to disk ---- */
/* A member name as UTF-8: kept when valid UTF-8, else decoded from CP932 (what
 * Windows' built-in zip writes in Japan); NULL when it is neither. Caller frees. */
char *nohin_archive_decode_name(const char *raw);

typedef enum {
    NOHIN_ARCHIVE_WRITTEN,      /* written to the path the sink chose */
    NOHIN_ARCHIVE_SKIPPED,      /* the sink chose no path (e.g. an undecodable name) */
    NOHIN_ARCHIVE_UNSAFE,       /* name leaves the folder, or a symbolic link: never read */
    NOHIN_ARCHIVE_ENCRYPTED,    /* password-protected: never read */
    NOHIN_ARCHIVE_LIMIT,        /* over zip_safe's limits or the outer archive's budget */
    NOHIN_ARCHIVE_DAMAGED,      /* cannot be inflated */
    NOHIN_ARCHIVE_EXISTS,       /* the destination exists already (a duplicate name) */
    NOHIN_ARCHIVE_WRITE_FAILED, /* the file could not be written (nothing is left of it) */
} nohin_archive_status;

typedef struct {
    gint64 index;
    const char *raw;    /* the name as stored */
    const char *name;   /* nohin_archive_decode_name(raw), NULL when undecodable */
    const char *member; /* name normalised to "a/b.txt" (no "", ".", "\\"), NULL when unsafe */
    guint64 size;       /* inflated size the directory states */
    GBytes *data;       /* the bytes, once read (NULL before and when unreadable) */
} nohin_archive_entry;

typedef struct {
    /* Where a readable entry goes: a new path (freed by the loop), or NULL: SKIPPED. */
    char *(*dest)(const nohin_archive_entry *e, void *user);
    /* Every entry that is not a folder ends here exactly once; path is the
     * written file (WRITTEN) or NULL, detail a technical English reason or "". */
    void (*result)(const nohin_archive_entry *e, nohin_archive_status st, const char *path,
                   const char *detail, void *user);
    void *user;
} nohin_archive_sink;

/* Writes the entries of z through sink (lint's temp folder, intake's isolated
 * child), under budget, shared with nested levels. Files are created with
 * O_EXCL|O_NOFOLLOW, mode 0600, their folders 0700. The loop stops after the
 * entry that exhausts the budget (reported LIMIT) and then returns false. */
bool nohin_archive_extract(nohin_zip *z, nohin_archive_budget *budget,
                           const nohin_archive_sink *sink);

#endif
