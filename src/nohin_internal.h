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
#define NOHIN_MAX_ZIP_RATIO 200u                      /* per-entry inflate ratio, large entries */
#define NOHIN_MAX_ZIP_RATIO_SMALL 500u                /* the same, entries up to 64 MiB */
#define NOHIN_ZIP_SMALL_ENTRY (64u * 1024u * 1024u)
#define NOHIN_MAX_XML_DEPTH 256
#define NOHIN_MAX_ZIP_ENTRIES 100000

/* Internal pieces of the pipeline (src/core). */
typedef struct {
    char *abspath;
    char *relpath;
    char *arg_name; /* basename of the argument it came from (for role) */
    unsigned mode;  /* lstat st_mode: S_IFREG, or a link/FIFO/device/socket to report */
    char *link_target;
    bool link_outside;
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

/* Connection string or URL with passwords, user names, tokens and keys replaced
 * by "***" (src/core/mask_secret.c). Caller frees. */
char *nohin_mask_connection_string(const char *s);
/* Control characters (C0, DEL, C1, and invalid UTF-8 bytes) as \xHH / \u{HHHH}, for
 * names shown on a terminal (src/core/escape.c). Caller frees. */
char *nohin_escape_controls(const char *s);
/* The report with every finding's strings escaped (files shared); for text output. */
nohin_report *nohin_report_escaped(const nohin_report *r);
void nohin_report_escaped_free(nohin_report *v);

/* nohin.ini text into kf: UTF-8 (BOM allowed) or an error naming the encoding;
 * trailing ` # comments` dropped (src/core/config_text.c). */
bool nohin_config_read_text(GKeyFile *kf, const char *path, GError **error);
/* Adds a warning for each unknown rule id in disable= and [severity]. */
void nohin_config_check_rule_ids(const nohin_config *c, GPtrArray *warn);
/* The kind of a file's content in the message language ("a PDF", "plain text"),
 * from its MIME type: never libmagic's English description (src/core/content_label.c). */
const char *nohin_content_label(const nohin_file *f);

/* JSON string escaping for reporters. */
void nohin_json_string(GString *out, const char *s);

#endif
