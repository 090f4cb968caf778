/* `nohin serve`: the checker behind a small HTTP server (libsoup 3, GLib main loop).
 *
 * The server only receives uploads, keeps sessions and jobs, and serves files;
 * every bundle is read by a child process (the nohin binary itself, in the
 * hidden job modes below), so a hostile file never touches the server. */
#ifndef NOHIN_SERVE_H
#define NOHIN_SERVE_H

#include "nohin_internal.h"

typedef struct {
    char *listen;       /* "HOST:PORT"; port 0 picks a free one */
    char *data_dir;     /* job folders live under it */
    guint64 max_upload; /* bytes per job */
    int max_jobs;       /* children at once */
    gint64 keep_s;      /* finished jobs (and idle sessions) removed after this */
    char *token;        /* NULL: no authentication (loopback only) */
    char *self_exe;     /* the nohin binary the children run */
} nohin_serve_options;

/* Runs the server until SIGINT/SIGTERM. Returns the exit code. */
int nohin_serve_run(const nohin_serve_options *o);

/* The job child: `nohin serve --job-lint DIR` or `--job-clean DIR` (internal).
 * DIR holds in/ (bundle.zip or bundle/) and gets out/. Returns the exit code. */
int nohin_serve_job_lint(const char *dir, const char *profile);
int nohin_serve_job_clean(const char *dir, const char *profile);

/* "512M", "2G", "1048576" → bytes; "24h", "30m", "90s", "2d" → seconds. */
bool nohin_serve_parse_size(const char *s, guint64 *out);
bool nohin_serve_parse_duration(const char *s, gint64 *out);

#endif
