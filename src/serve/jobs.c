/* The job table and its queue. Children are the nohin binary itself in the
 * hidden job modes; PR_SET_PDEATHSIG makes them die with the server, and a
 * restarted server wipes the folders a killed one left. */
#include "serve/jobs.h"
#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>
#include "clean/fsutil.h"
#include "serve/ids.h"

static struct {
    char *data_dir;
    char *self_exe;
    int max_jobs;
    gint64 keep_us;
    GHashTable *jobs; /* id → nohin_job* */
    GQueue queue;     /* nohin_job* waiting for a slot */
    int running;
} J;

static void job_free(nohin_job *job)
{
    if (job->child) {
        g_subprocess_force_exit(job->child);
        g_object_unref(job->child);
    }
    if (job->cancel) {
        g_cancellable_cancel(job->cancel);
        g_object_unref(job->cancel);
    }
    if (job->dir) nohin_clean_rmtree(job->dir);
    g_free(job->id);
    g_free(job->session);
    g_free(job->dir);
    g_free(job->profile);
    g_free(job->lang);
    g_free(job->error);
    g_free(job);
}

void nohin_jobs_init(const char *data_dir, const char *self_exe, int max_jobs, gint64 keep_s)
{
    J.data_dir = g_strdup(data_dir);
    J.self_exe = g_strdup(self_exe);
    J.max_jobs = max_jobs > 0 ? max_jobs : 1;
    J.keep_us = keep_s * G_USEC_PER_SEC;
    J.jobs = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)job_free);
    g_queue_init(&J.queue);
}

void nohin_jobs_shutdown(void)
{
    g_queue_clear(&J.queue);
    if (J.jobs) g_hash_table_destroy(J.jobs); /* kills children, removes folders */
    J.jobs = NULL;
    g_free(J.data_dir);
    g_free(J.self_exe);
}

void nohin_jobs_wipe_stale(void)
{
    GDir *d = g_dir_open(J.data_dir, 0, NULL);
    if (!d) return;
    const char *name;
    while ((name = g_dir_read_name(d))) {
        /* only what we create: a job id, or a half-made one ("<id>.tmp") */
        char id[33];
        g_strlcpy(id, name, sizeof id);
        if (!nohin_serve_id_valid(id)) continue;
        char *p = g_build_filename(J.data_dir, name, NULL);
        nohin_clean_rmtree(p);
        g_free(p);
    }
    g_dir_close(d);
}

guint nohin_jobs_count(void)
{
    return g_hash_table_size(J.jobs);
}

nohin_job *nohin_job_new(const char *session, const char *profile, const char *lang, bool is_zip)
{
    nohin_job *job = g_new0(nohin_job, 1);
    job->id = nohin_serve_random_id();
    job->session = g_strdup(session);
    job->profile = g_strdup(profile);
    job->lang = g_strdup(lang);
    job->is_zip = is_zip;
    job->created = g_get_monotonic_time();
    job->state = JOB_UPLOADING;
    char *dir = g_build_filename(J.data_dir, job->id, NULL);
    char *in = g_build_filename(dir, is_zip ? "in" : "in/bundle", NULL);
    if (g_mkdir(dir, 0700) != 0 || g_mkdir_with_parents(in, 0700) != 0) {
        g_free(dir);
        g_free(in);
        job_free(job);
        return NULL;
    }
    g_free(in);
    job->dir = dir;
    g_hash_table_insert(J.jobs, job->id, job);
    return job;
}

nohin_job *nohin_job_find(const char *id, const char *session)
{
    if (!nohin_serve_id_valid(id)) return NULL;
    nohin_job *job = g_hash_table_lookup(J.jobs, id);
    /* another session's job is indistinguishable from no job */
    if (!job || !session || !nohin_serve_secret_equal(job->session, session)) return NULL;
    return job;
}

const char *nohin_job_state_name(nohin_job_state s)
{
    static const char *names[] = {"uploading", "queued", "checking", "cleaning", "done", "failed"};
    return names[s];
}

static void pump(void);

/* One line on stderr: time, job id prefix, what happened. Never names or contents. */
static void job_log(const nohin_job *job, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void job_log(const nohin_job *job, const char *fmt, ...)
{
    GDateTime *now = g_date_time_new_now_utc();
    char *ts = g_date_time_format(now, "%Y-%m-%dT%H:%M:%SZ");
    va_list ap;
    va_start(ap, fmt);
    char *m = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s job %.8s %s\n", ts, job->id, m);
    g_free(m);
    g_free(ts);
    g_date_time_unref(now);
}

static void child_setup(gpointer data)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* a killed server takes its children along */
    /* the cleaner yields the CPU to checks: the time to a report is what people wait for */
    if (data) setpriority(PRIO_PROCESS, 0, 10);
}

static void finish(nohin_job *job, nohin_job_state st, const char *error)
{
    job->state = st;
    job->finished = g_get_monotonic_time();
    if (error && !job->error) job->error = g_strdup(error);
    J.running--;
    pump();
}

static void read_counts(nohin_job *job)
{
    char *p = g_build_filename(job->dir, "out", "counts.txt", NULL);
    char *text = NULL;
    if (g_file_get_contents(p, &text, NULL, NULL))
        sscanf(text, "%d %d %d", &job->counts[0], &job->counts[1], &job->counts[2]);
    g_free(text);
    g_free(p);
}

static bool spawn(nohin_job *job, const char *mode);

static void child_done(GObject *src, GAsyncResult *res, gpointer data)
{
    GSubprocess *proc = G_SUBPROCESS(src);
    GError *err = NULL;
    bool ok = g_subprocess_wait_finish(proc, res, &err);
    if (!ok && g_error_matches(err, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
        g_error_free(err); /* the job was deleted; data is freed */
        return;
    }
    g_clear_error(&err);
    nohin_job *job = data;
    bool success =
        ok && g_subprocess_get_if_exited(proc) && g_subprocess_get_exit_status(proc) == 0;
    int code = g_subprocess_get_if_exited(proc) ? g_subprocess_get_exit_status(proc) : -1;
    g_clear_object(&job->child);
    double secs = (g_get_monotonic_time() - job->started) / 1e6;
    if (job->state == JOB_CHECKING) {
        if (!success) {
            job_log(job, "check failed (exit %d) after %.2f s", code, secs);
            finish(job, JOB_FAILED, "the check did not finish");
            return;
        }
        read_counts(job);
        job->reported = g_get_monotonic_time();
        job->state = JOB_CLEANING;
        job_log(job, "report ready in %.2f s", secs);
        if (!spawn(job, "--job-clean")) finish(job, JOB_FAILED, "could not start the cleaner");
        return;
    }
    char *zip = g_build_filename(job->dir, "out", "clean.zip", NULL);
    job->clean_ok = success && g_file_test(zip, G_FILE_TEST_EXISTS);
    g_free(zip);
    job_log(job, "done in %.2f s (clean %s)", secs, job->clean_ok ? "ok" : "failed");
    finish(job, JOB_DONE, job->clean_ok ? NULL : "the cleaned bundle could not be made");
}

static bool spawn(nohin_job *job, const char *mode)
{
    GSubprocessLauncher *l = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
    g_subprocess_launcher_set_child_setup(l, child_setup,
                                          strcmp(mode, "--job-clean") ? NULL : (gpointer)1, NULL);
    g_subprocess_launcher_set_cwd(l, job->dir);
    GError *err = NULL;
    job->child = g_subprocess_launcher_spawn(l, &err, J.self_exe, "serve", mode, job->dir,
                                             "--profile", job->profile, "--lang", job->lang, NULL);
    g_object_unref(l);
    if (!job->child) {
        g_warning("cannot start a job child: %s", err->message);
        g_error_free(err);
        return false;
    }
    if (!job->cancel) job->cancel = g_cancellable_new();
    g_subprocess_wait_async(job->child, job->cancel, child_done, job);
    return true;
}

static void pump(void)
{
    while (J.running < J.max_jobs && !g_queue_is_empty(&J.queue)) {
        nohin_job *job = g_queue_pop_head(&J.queue);
        job->state = JOB_CHECKING;
        job->started = g_get_monotonic_time();
        J.running++;
        if (!spawn(job, "--job-lint")) finish(job, JOB_FAILED, "could not start the check");
    }
}

void nohin_job_start(nohin_job *job)
{
    job->state = JOB_QUEUED;
    g_queue_push_tail(&J.queue, job);
    pump();
}

void nohin_job_delete(nohin_job *job)
{
    bool was_running = job->state == JOB_CHECKING || job->state == JOB_CLEANING;
    g_queue_remove(&J.queue, job);
    g_hash_table_remove(J.jobs, job->id); /* job_free: kills, cancels, removes */
    if (was_running) {
        J.running--;
        pump();
    }
}

void nohin_jobs_expire(void)
{
    gint64 now = g_get_monotonic_time();
    GHashTableIter it;
    gpointer v;
    GPtrArray *old = g_ptr_array_new();
    g_hash_table_iter_init(&it, J.jobs);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        nohin_job *job = v;
        gint64 since = job->finished ? job->finished : job->created;
        bool idle_upload = job->state == JOB_UPLOADING;
        if ((job->finished || idle_upload) && now - since > J.keep_us) g_ptr_array_add(old, job);
    }
    for (guint i = 0; i < old->len; i++)
        nohin_job_delete(old->pdata[i]);
    g_ptr_array_free(old, TRUE);
}

char *nohin_job_json(const nohin_job *job)
{
    GString *o = g_string_new("{\"id\":");
    nohin_json_string(o, job->id);
    g_string_append(o, ",\"state\":");
    nohin_json_string(o, nohin_job_state_name(job->state));
    g_string_append(o, ",\"profile\":");
    nohin_json_string(o, job->profile);
    g_string_append_printf(o, ",\"bytes\":%" G_GUINT64_FORMAT ",\"files\":%d", job->bytes,
                           job->files);
    bool report = job->reported != 0;
    g_string_append_printf(o, ",\"report\":%s,\"clean\":%s", report ? "true" : "false",
                           job->clean_ok ? "true" : "false");
    if (report)
        g_string_append_printf(o, ",\"counts\":{\"error\":%d,\"warning\":%d,\"info\":%d}",
                               job->counts[NOHIN_SEV_ERROR], job->counts[NOHIN_SEV_WARNING],
                               job->counts[NOHIN_SEV_INFO]);
    if (job->started) {
        gint64 end = job->reported ? job->reported : g_get_monotonic_time();
        g_string_append_printf(o, ",\"check_seconds\":%.3f", (end - job->started) / 1e6);
    }
    if (job->error) {
        g_string_append(o, ",\"error\":");
        nohin_json_string(o, job->error);
    }
    g_string_append_c(o, '}');
    return g_string_free(o, FALSE);
}
