/* nohin pack: a bundle (or the cleaned public bundle) as ready-to-send e-mail
 * drafts. Flow: list the files (pack_plan.c) → a PDF too large for one mail is
 * split by page ranges (pack_pdf.c), any other too-large file is an error →
 * first-fit-decreasing into mails whose encoded size stays under the limit →
 * one .eml per mail built with GMime and measured as written, CRLF
 * (pack_eml.c). Drafts are written; nothing is ever sent. */
#ifndef NOHIN_PACK_H
#define NOHIN_PACK_H

#include <stdbool.h>
#include <glib.h>

#define NOHIN_PACK_DEFAULT_MAX 10000000u /* 002: 添付ファイルは10MB未満 */

typedef struct {
    guint64 max_message; /* every draft's size as written (CRLF) stays below this */
    const char *to;      /* To: address, or NULL */
    const char *from;    /* From: address, or NULL (the mail program fills it in) */
    const char *subject; /* title, or a template with {n}, {total}, {title} */
    bool zip;            /* one zip attachment per mail */
} nohin_pack_options;

typedef struct {
    char *path;    /* on disk (the input file or a temporary split part) */
    char *name;    /* attachment file name */
    char *origin;  /* for a split part: the original file's name; else NULL */
    guint64 bytes; /* size of the file */
    guint64 cost;  /* estimated encoded size in a mail (base64, part headers) */
    char sha256[65];
} nohin_pack_file;

typedef struct {
    GPtrArray *files; /* nohin_pack_file*, borrowed from the plan */
    guint64 cost;
} nohin_pack_mail;

/* Lists the files of dir (or the one file), splits large PDFs into tmp, packs
 * them. Returns the mails (nohin_pack_mail*) and fills *all with every file. */
GPtrArray *nohin_pack_plan(const char *input, const char *tmp, const nohin_pack_options *o,
                           GPtrArray **all, GError **error);
void nohin_pack_mail_free(nohin_pack_mail *m);
void nohin_pack_file_free(nohin_pack_file *f);

/* Encoded size of a file of n bytes as a base64 attachment named name. */
guint64 nohin_pack_attachment_cost(guint64 n, const char *name);
/* What a mail costs besides its attachments (headers, body). */
guint64 nohin_pack_mail_overhead(guint n_files);

/* Splits a PDF into parts of consecutive pages, each costing at most budget as an
 * attachment; the parts are written into tmp. Returns nohin_pack_file* or NULL. */
GPtrArray *nohin_pack_split_pdf(const char *path, const char *name, const char *tmp, guint64 budget,
                                GError **error);

/* The draft for mail n of total as bytes (CRLF line ends). */
GBytes *nohin_pack_build_eml(const nohin_pack_mail *m, guint n, guint total, const char *title,
                             const nohin_pack_options *o, const char *tmp, GError **error);
/* Subject of mail n of total. */
char *nohin_pack_subject(const nohin_pack_options *o, const char *title, guint n, guint total);

/* The whole command: drafts into outdir (created; must not exist or be empty). */
bool nohin_pack_run(const char *input, const char *outdir, const nohin_pack_options *o,
                    GPtrArray **written, GError **error);

#endif
