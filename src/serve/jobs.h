/* Jobs: one folder DATA/<id>/ per upload, a queue, at most N children at once. */
#ifndef NOHIN_SERVE_JOBS_H
#define NOHIN_SERVE_JOBS_H

#include <gio/gio.h>
#include "nohin_internal.h"

typedef enum {
    JOB_UPLOADING, /* files still arriving (folder or file uploads) */
    JOB_QUEUED,
    JOB_CHECKING, /* lint child running */
    JOB_CLEANING, /* reports ready; clean child running */
    JOB_DONE,
    JOB_FAILED,
} nohin_job_state;

typedef struct {
    char *id;      /* 128-bit random hex; also the folder name */
    char *session; /* only this session sees the job */
    char *dir;     /* DATA/<id> */
    char *profile; /* "public" or "internal" */
    char *lang;    /* "ja" or "en": language of the reports */
    bool is_zip;   /* in/bundle.zip, else in/bundle/ */
    nohin_job_state state;
    guint64 bytes;   /* uploaded so far */
    int files;       /* files uploaded (folder uploads) */
    gint64 created;  /* g_get_monotonic_time() */
    gint64 started;  /* lint child spawned */
    gint64 reported; /* reports ready */
    gint64 finished; /* done or failed */
    int counts[3];   /* info, warning, error (nohin_severity order) */
    bool clean_ok;   /* clean.zip exists */
    char *error;     /* English reason for JOB_FAILED */
    GSubprocess *child;
    GCancellable *cancel;
} nohin_job;

void nohin_jobs_init(const char *data_dir, const char *self_exe, int max_jobs, gint64 keep_s);
void nohin_jobs_shutdown(void);
/* Removes every job folder under DATA (left by a previous run). */
void nohin_jobs_wipe_stale(void);
/* A new job in JOB_UPLOADING with its folder DATA/<id>/in/ made; NULL on error. */
nohin_job *nohin_job_new(const char *session, const char *profile, const char *lang, bool is_zip);
nohin_job *nohin_job_find(const char *id, const char *session);
/* Queues the job (state JOB_QUEUED) and starts children while slots are free. */
void nohin_job_start(nohin_job *job);
/* Kills its child if any and removes the job and its folder. */
void nohin_job_delete(nohin_job *job);
/* Removes finished jobs older than keep (called from a timer). */
void nohin_jobs_expire(void);
/* Jobs alive (for a cap on the table's size). */
guint nohin_jobs_count(void);
const char *nohin_job_state_name(nohin_job_state s);
/* The job as the API's JSON object. */
char *nohin_job_json(const nohin_job *job);

#endif
