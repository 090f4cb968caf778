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
    /* Kept for grouping and the reply only, never written to a report: */
    char *sender_addr; /* From address, lower case, or "" */
    char *subject_raw; /* decoded subject before masking, or NULL */
    char *raw_id;      /* Message-ID as sent (for In-Reply-To and --watch), or NULL */
    char *mdir;        /* its folder under the lint root ("m000003") */
    char *source;      /* the file it was read from */
    /* Its place in a submission (submission.c). */
    char *base;         /* subject without the counter (the grouping key, unmasked) */
    guint part, of;     /* counter n/m (of = 0 when unknown: その2); part = 0: none */
    char *counter_text; /* the counter as written ("（2/3）"), or NULL */
} nohin_mail;

/* Messages of one sender whose subjects differ only in a counter, within the
 * window: one bundle, linted together, with one verdict. */
typedef enum { NOHIN_VERDICT_ACCEPT, NOHIN_VERDICT_REJECT, NOHIN_VERDICT_REVIEW } nohin_verdict;

typedef struct {
    char *id;              /* the first message's id */
    char *subject;         /* masked subject without the counter */
    char *sender_domain;   /* as in the messages */
    GPtrArray *mails;      /* nohin_mail*, in counter order */
    bool group_option;     /* built by --group */
    bool complete;         /* every counter 1..n present */
    GPtrArray *missing;    /* counters missing, as shown: "（2/3）" */
    nohin_verdict verdict; /* from every finding of the submission */
    nohin_report *report;  /* bundle-wide findings (MAIL-INCOMPLETE, BUNDLE-*) */
    size_t n_error, n_warning, n_info, n_unscannable; /* over all its findings */
} nohin_submission;

const char *nohin_verdict_name(nohin_verdict v); /* "accept", "reject", "review" */

typedef struct nohin_intake_sinks nohin_intake_sinks;

typedef struct {
    nohin_options lint; /* default_role (--profile), quiet; isolate is forced by `isolate` */
    bool group;         /* all messages form one bundle */
    bool isolate;       /* read every file in a child (default on) */
    gint64 window_s;    /* grouping window in seconds (default 72 h) */
    /* Called once per submission, after its messages; may be NULL. */
    void (*on_submission)(const nohin_submission *s, void *data);
} nohin_intake_options;

/* Called once per message, a submission's messages together in counter order,
 * then once for the submission (on_submission). Freed after the calls. */
typedef void (*nohin_intake_sink)(const nohin_mail *m, void *data);

/* Scans every message in paths. Returns false only for usage errors (a path
 * that does not exist or is not a message, mbox or Maildir). */
bool nohin_intake_run(const char *const *paths, size_t n, const nohin_intake_options *o,
                      const nohin_config *cfg, nohin_intake_sink sink, void *data, GError **error);

/* Output: one JSON document per message on one line, or a text summary. */
void nohin_intake_write_json(const nohin_mail *m, FILE *out);
void nohin_intake_write_text(const nohin_mail *m, FILE *out, bool color);
/* The submission's record: {"submission": id, "verdict": …} on one line. */
void nohin_intake_write_submission_json(const nohin_submission *s, FILE *out);
void nohin_intake_write_submission_text(const nohin_submission *s, FILE *out, bool color);
/* A reply to the sender in Japanese (verdict, counts, fix list, what to resend) as
 * an .eml draft (CRLF). Never sent. NULL when the sender's address is unknown. */
GBytes *nohin_intake_reply_eml(const nohin_submission *s);
/* Every finding of the submission: its messages' and its own. */
GPtrArray *nohin_submission_findings(const nohin_submission *s); /* borrowed pointers */

/* Grouping (submission.c). Reads the counter off m->subject_raw into m->base,
 * m->part, m->of, m->counter_text. */
void nohin_mail_parse_counter(nohin_mail *m);
/* Splits mails (taken) into submissions (nohin_submission*, mails in counter order). */
GPtrArray *nohin_submissions_group(GPtrArray *mails, gint64 window_s);
/* Completeness (MAIL-INCOMPLETE) and verdict, once the findings are in. */
void nohin_submission_finish(nohin_submission *s, const nohin_config *cfg);
/* A submission of exactly these mails (taken), as --group builds it. */
nohin_submission *nohin_submission_new_with(GPtrArray *mails);
void nohin_submission_free(nohin_submission *s);

/* nohin intake --watch: processes messages as they arrive in maildir/new (GLib
 * file monitor), moves each to cur/ flagged seen (":2,S"), appends JSON Lines to
 * out/results.jsonl, writes out/reports/<submission>.html and
 * out/replies/reply-<submission>.eml. A submission still missing a numbered
 * mail is held until it is complete or its window has passed. The state file
 * (Message-IDs and Maildir names done, messages held) is rewritten atomically
 * after every step, so a restart neither loses nor repeats a record. Runs until
 * SIGTERM/SIGINT; `once` processes what is there and returns. */
bool nohin_intake_watch(const char *maildir, const char *state, const char *out,
                        nohin_intake_options *o, const nohin_config *cfg, bool once,
                        GError **error);

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
nohin_mail *nohin_mail_new(void);
void nohin_attachment_free(nohin_attachment *a);
void nohin_mail_free(nohin_mail *m);

#endif
