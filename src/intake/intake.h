/* nohin intake: scan e-mailed submissions (.eml, mbox, Maildir) unattended.
 *
 * Flow per message, in an isolated child: GMime parses it (mail_source.c) → every
 * attachment is decoded into a private temporary folder under a generated name
 * (mail_extract.c) → zip attachments are expanded in a further child
 * (zip_expand.c); the record comes back as a GVariant (intake_run.c) → the lint
 * pipeline runs on the files with isolation on, under display paths
 * "message-id/attachment/entry" (intake_run.c) → MAIL-* findings are added →
 * one record per message is written as JSON Lines or text (intake_output.c). */
#ifndef NOHIN_INTAKE_H
#define NOHIN_INTAKE_H

#include <gmime/gmime.h>
#include <stdio.h>
#include "nohin_internal.h"

#define NOHIN_MAIL_MAX_BYTES 10000000u /* MAIL-SIZE: the 10 MB of 002 §6(4) */
#define NOHIN_MAIL_MAX_MIME_DEPTH 32   /* multipart / message nesting */
#define NOHIN_MAIL_MAX_PARTS 1000      /* attachments per message */
#define NOHIN_MAIL_MAX_ARCHIVE_DEPTH 3 /* zip inside zip inside zip */
#define NOHIN_MAIL_MAX_ARCHIVE_ENTRIES 10000

typedef struct {
    char *name; /* display name within the message: "a.zip/公表用/b.pdf" */
    char *disk; /* generated file name under the lint root; NULL when not linted */
    guint64 bytes;
    char sha256[65];
    char *type;   /* pdf|xlsx|csv|docx|zip|other (by content), tnef, or unknown */
    char *status; /* ok | unreadable | unscannable | encrypted */
} nohin_attachment;

typedef struct {
    char *id;            /* Message-ID, made unique in the run and free of '/' */
    char *date;          /* ISO 8601 in UTC, or NULL */
    char *subject;       /* decoded, valid UTF-8, or NULL */
    char *sender_domain; /* domain of the From address only (no personal data) */
    guint64 bytes;
    bool group_record;      /* the bundle-wide record of --group */
    GPtrArray *attachments; /* nohin_attachment* */
    nohin_report *report;   /* this message's files and findings (display paths) */
} nohin_mail;

typedef struct {
    nohin_options lint; /* default_role (--profile), quiet; isolate is forced by `isolate` */
    bool group;         /* all messages form one bundle */
    bool isolate;       /* read every file in a child (default on) */
} nohin_intake_options;

/* Called once per message in input order (with --group: after all of them, then
 * once more for the bundle-wide record). The mail is freed after the call. */
typedef void (*nohin_intake_sink)(const nohin_mail *m, void *data);

/* Scans every message in paths. Returns false only for usage errors (a path
 * that does not exist or is not a message, mbox or Maildir). */
bool nohin_intake_run(const char *const *paths, size_t n, const nohin_intake_options *o,
                      const nohin_config *cfg, nohin_intake_sink sink, void *data, GError **error);

/* Output: one JSON document per message on one line, or a text summary. */
void nohin_intake_write_json(const nohin_mail *m, FILE *out);
void nohin_intake_write_text(const nohin_mail *m, FILE *out, bool color);

/* ---- internals shared by the files of src/intake ---- */

typedef struct nohin_intake nohin_intake;
struct nohin_intake {
    const nohin_intake_options *opts;
    const nohin_config *cfg;
    char *tmp;           /* private folder (0700), removed afterwards */
    char *root;          /* tmp/files: what lint reads */
    char *raw;           /* tmp/raw: decoded attachments before they are placed */
    char *mdir;          /* this message's folder under root and raw ("m000003") */
    char *mroot, *mraw;  /* root/mdir and raw/mdir */
    GHashTable *display; /* generated name under root -> display path */
    guint counter;       /* for generated names */
    GHashTable *ids;     /* message ids seen (for uniqueness) */
    guint n_messages;
};

typedef struct nohin_ctx nohin_ctx;

/* Calls fn for each message file in path: the file itself (an mbox when it starts
 * with "From "), or each file of a Maildir. */
typedef void (*nohin_mail_fn)(const char *path, bool mbox, void *data);
bool nohin_mail_source_read(const char *path, nohin_mail_fn fn, void *data, GError **error);
/* Parses the message at offset (NULL when nothing parses there). *next: where
 * the next one starts; *eos: no more messages in the file. */
GMimeMessage *nohin_mail_parse_at(const char *path, bool mbox, gint64 offset, gint64 *next,
                                  guint64 *bytes, bool *eos);
/* Offset of the next "From " separator line after `after`, or -1. */
gint64 nohin_mbox_next(const char *path, gint64 after);

/* Fills m's metadata and attachments from msg; writes attachments under in->raw
 * and places them under in->root. MAIL-* findings go to ctx. */
void nohin_mail_extract(nohin_intake *in, nohin_ctx *ctx, nohin_mail *m, GMimeMessage *msg);

/* Places a decoded attachment (raw file path) for linting: expands archives in an
 * isolated child, otherwise moves it under root. `display` is relative to the
 * message. Adds the attachment records to m. */
void nohin_intake_place(nohin_intake *in, nohin_ctx *ctx, nohin_mail *m, const char *raw_path,
                        const char *display);

/* Strings from the input on their way out (mail_text.c). */
/* Personal data in s (phone numbers, addresses, names…) masked; the rest kept. */
char *nohin_intake_mask(const char *s);
/* A raw (folded) header value with RFC 2047 words decoded, all of them: adjacent
 * words of one charset are joined as bytes before conversion. Valid UTF-8. */
char *nohin_mail_decode_header(const char *raw);

/* Helpers (intake_fs.c). */
char *nohin_intake_gen_name(nohin_intake *in, const char *display_name); /* "f000007.pdf" */
int nohin_intake_create(const char *path); /* O_EXCL|O_NOFOLLOW, 0600; -1 on error */
bool nohin_intake_hash(const char *path, guint64 *bytes, char sha256[65]);
void nohin_intake_rmtree(const char *dir);
/* Emits a MAIL-* (or any) finding located at display path "id/name". */
nohin_finding *nohin_intake_emit(nohin_ctx *ctx, const nohin_mail *m, const char *name,
                                 const char *rule, const char *fix, const char *fmt, ...)
    G_GNUC_PRINTF(6, 7);
nohin_attachment *nohin_attachment_new(const char *name);
void nohin_attachment_free(nohin_attachment *a);
void nohin_mail_free(nohin_mail *m);

#endif
