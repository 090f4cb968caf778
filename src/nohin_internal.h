/* Internal helpers shared by the library, the checks and the CLI. */
#ifndef NOHIN_INTERNAL_H
#define NOHIN_INTERNAL_H

#include <libintl.h>
#include "nohin/nohin.h"

#define NOHIN_TEXTDOMAIN "nohin"
/* Library messages always come from our own domain, whatever the app's is. */
#define _(s) dgettext(NOHIN_TEXTDOMAIN, s)
#define N_(s) (s)

/* Severity of findings tied to personal or hidden data depends on role;
 * checks call this to pick between two severities. */
static inline nohin_severity nohin_by_role(const nohin_file *f, nohin_severity pub,
                                           nohin_severity internal)
{
    return f->role == NOHIN_ROLE_INTERNAL ? internal : pub;
}

/* Limits that keep hostile input from exhausting the machine. */
#define NOHIN_MAX_DECOMPRESSED (512u * 1024u * 1024u) /* total bytes inflated from one zip */
#define NOHIN_MAX_ZIP_RATIO 200u                      /* per-entry inflate ratio */
#define NOHIN_MAX_XML_DEPTH 256
#define NOHIN_MAX_ZIP_ENTRIES 100000

/* Internal pieces of the pipeline (src/core). */
typedef struct {
    char *abspath;
    char *relpath;
    char *arg_name; /* basename of the argument it came from (for role) */
} nohin_walk_entry;

GPtrArray *nohin_walk(const char *const *paths, size_t n, GError **error);
void nohin_walk_entry_free(nohin_walk_entry *e);
void nohin_detect(nohin_file *file);
nohin_role nohin_role_for(const char *arg_name, const char *relpath, const nohin_config *cfg,
                          nohin_role fallback);
void nohin_file_free(nohin_file *f);
/* Progress line on stderr (only when enabled). */
void nohin_progress_set_enabled(bool on);
void nohin_progress(const char *path, int file_i, int file_n, int done, int total);
void nohin_progress_done(void);

/* Writes data to path through a temporary file in the same folder and a rename,
 * so a reader never sees a half-written file. Without overwrite an existing
 * path is an error (G_IO_ERROR_EXISTS), checked atomically. */
bool nohin_write_file_atomic(const char *path, const void *data, size_t len, bool overwrite,
                             GError **error);

/* Masks a value that may be personal: "山田太郎" -> "山***", "taro.yamada" -> "t*********a".
 * Keeps spaces, '@' and '-' so the shape stays recognisable. Caller frees. */
char *nohin_mask(const char *s);

/* The kind of a file's content in the message language ("a PDF", "plain text"),
 * from its MIME type: never libmagic's English description (src/core/content_label.c). */
const char *nohin_content_label(const nohin_file *f);

/* JSON string escaping for reporters. */
void nohin_json_string(GString *out, const char *s);

#endif
