/* The lint pipeline: walk → detect → role → file checks → bundle checks → sorted report. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ctx.h"
#include "bundle/zip_input.h"
#include "isolate.h"
#include "baseline.h"

void nohin_options_init(nohin_options *o)
{
    o->default_role = NOHIN_ROLE_PUBLIC;
    o->config_path = NULL;
    o->quiet = false;
    o->progress = true;
    o->threads = 0;
    o->isolate = false;
    o->display_paths = NULL;
    o->reuse_file = NULL;
    o->reuse_data = NULL;
}

/* Size and readability now (detection and the checks need them); the SHA-256 comes
 * later from a hashing thread, because a scan's 70 MB cost more to hash than to lint.
 * Opened without following a link and without blocking (a FIFO put in place of a
 * file after the walk must not hang the run), then checked to be a regular file. */
static int open_regular(const char *path, struct stat *st)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0 && fstat(fd, st) != 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

static void stat_file(nohin_file *f)
{
    struct stat st;
    int fd = open_regular(f->abspath, &st);
    if (fd < 0) {
        f->status = NOHIN_STATUS_NO_ACCESS;
        f->unreadable_reason = g_strdup(g_strerror(errno));
        return;
    }
    if (!S_ISREG(st.st_mode)) {
        f->status = NOHIN_STATUS_NOT_REGULAR;
        f->mode = st.st_mode;
    } else
        f->bytes = (guint64)st.st_size;
    close(fd);
}

typedef struct {
    nohin_file *file;
    char *error; /* a read error met while hashing */
} hash_job;

static void hash_worker(gpointer data, gpointer user)
{
    (void)user;
    hash_job *j = data;
    struct stat st;
    int fd = open_regular(j->file->abspath, &st);
    if (fd < 0 || !S_ISREG(st.st_mode)) {
        j->error = g_strdup(g_strerror(fd < 0 ? errno : EINVAL));
        if (fd >= 0) close(fd);
        return;
    }
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    guchar buf[1 << 16];
    ssize_t n;
    guint64 total = 0;
    while ((n = read(fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR)) {
        if (n < 0) continue;
        g_checksum_update(sum, buf, (gsize)n);
        total += (guint64)n;
    }
    if (n < 0) j->error = g_strdup(g_strerror(errno));
    close(fd);
    j->file->bytes = total;
    g_strlcpy(j->file->sha256, g_checksum_get_string(sum), sizeof j->file->sha256);
    g_checksum_free(sum);
}

/* Hashes every readable file on one thread beside the checks; wait with hash_wait.
 * Not beside forked children (--isolate): a fork while the hashing thread holds a
 * lock could leave the child waiting on it forever, so there it hashes first. */
static GThreadPool *hash_start(GPtrArray *files, hash_job **jobs, bool isolate)
{
    *jobs = g_new0(hash_job, files->len);
    GThreadPool *pool = isolate ? NULL : g_thread_pool_new(hash_worker, NULL, 1, TRUE, NULL);
    for (guint i = 0; i < files->len; i++) {
        hash_job *j = &(*jobs)[i];
        j->file = files->pdata[i];
        if (j->file->status != NOHIN_STATUS_OK) continue;
        if (pool)
            g_thread_pool_push(pool, j, NULL);
        else
            hash_worker(j, NULL);
    }
    return pool;
}

static void hash_wait(GThreadPool *pool, hash_job *jobs, guint n)
{
    if (pool) g_thread_pool_free(pool, FALSE, TRUE);
    for (guint i = 0; i < n; i++) {
        if (jobs[i].error) nohin_file_mark_unreadable(jobs[i].file, jobs[i].error);
        g_free(jobs[i].error);
    }
    g_free(jobs);
}

/* What libmagic would say about a file nobody opened, in the user's language
 * (its own English phrases must not end up inside translated messages). */
static void describe_unopened(nohin_file *f)
{
    const char *mime = "inode/x-unreadable", *what = _("file that cannot be read");
    if (f->status == NOHIN_STATUS_NOT_REGULAR) {
        if (S_ISLNK(f->mode))
            mime = "inode/symlink", what = _("symbolic link");
        else if (S_ISFIFO(f->mode))
            mime = "inode/fifo", what = _("named pipe (FIFO)");
        else if (S_ISCHR(f->mode) || S_ISBLK(f->mode))
            mime = "inode/device", what = _("device file");
        else if (S_ISSOCK(f->mode))
            mime = "inode/socket", what = _("socket");
        else if (S_ISDIR(f->mode))
            what = _("folder that cannot be read");
    }
    f->mime = g_strdup(mime);
    f->magic = g_strdup(what);
    f->format = NOHIN_FMT_OTHER;
}

/* nohin.ini in the first folder argument is the bundle's own configuration. */
static nohin_config *load_config(const char *const *paths, size_t n, const nohin_options *o,
                                 GError **error)
{
    if (o->config_path) return nohin_config_load(o->config_path, error);
    for (size_t i = 0; i < n; i++) {
        if (!g_file_test(paths[i], G_FILE_TEST_IS_DIR)) continue;
        char *p = g_build_filename(paths[i], "nohin.ini", NULL);
        nohin_config *c = NULL;
        if (g_file_test(p, G_FILE_TEST_IS_REGULAR)) c = nohin_config_load(p, error);
        g_free(p);
        if (c || (error && *error)) return c;
        break;
    }
    for (size_t i = 0; i < n; i++) { /* a bundle zip's own nohin.ini */
        nohin_config *c = nohin_zip_input_config(paths[i], error);
        if (c || (error && *error)) return c;
    }
    return nohin_config_new_default();
}

static nohin_file *file_for(const nohin_walk_entry *e, const nohin_config *cfg,
                            const nohin_options *opts)
{
    nohin_file *f = g_new0(nohin_file, 1);
    /* intake writes attachments under generated names and shows them by their own */
    const char *shown =
        opts->display_paths ? g_hash_table_lookup(opts->display_paths, e->relpath) : NULL;
    f->path = g_strdup(shown ? shown : e->relpath);
    f->abspath = g_strdup(e->abspath);
    f->folder_role = nohin_role_for(shown ? "" : e->arg_name, f->path, cfg, 0);
    f->role = f->folder_role ? f->folder_role : opts->default_role;
    f->mode = e->mode;
    if (e->mode && !S_ISREG(e->mode)) {
        f->status = S_ISDIR(e->mode) ? NOHIN_STATUS_NO_ACCESS : NOHIN_STATUS_NOT_REGULAR;
        f->link_target = g_strdup(e->link_target);
        f->link_outside = e->link_outside;
        if (S_ISDIR(e->mode)) f->unreadable_reason = g_strdup(g_strerror(EACCES));
    } else
        stat_file(f);
    if (f->status == NOHIN_STATUS_OK)
        nohin_detect(f);
    else
        describe_unopened(f);
    return f;
}

static gint cmp_file(gconstpointer a, gconstpointer b)
{
    const nohin_file *fa = *(nohin_file *const *)a, *fb = *(nohin_file *const *)b;
    return strcmp(fa->path, fb->path);
}

static gint cmp_finding(gconstpointer a, gconstpointer b)
{
    return nohin_finding_compare(*(nohin_finding *const *)a, *(nohin_finding *const *)b);
}

static void run_file_checks(nohin_ctx *ctx, nohin_file *f)
{
    size_t n = 0;
    const nohin_check *const *checks = nohin_checks(&n);
    for (size_t i = 0; i < n; i++) {
        const nohin_check *c = checks[i];
        if (!c->run_file || !(c->formats & f->format) || !(c->roles & f->role)) continue;
        c->run_file(ctx, f);
    }
}

static void run_bundle_checks(nohin_ctx *ctx, const nohin_bundle *b)
{
    size_t n = 0;
    const nohin_check *const *checks = nohin_checks(&n);
    for (size_t i = 0; i < n; i++)
        if (checks[i]->run_bundle) checks[i]->run_bundle(ctx, b);
}

/* A zip of the bundle is checked member by member, and so is a zip inside it,
 * to NOHIN_ARCHIVE_MAX_DEPTH levels under one budget of entries and bytes (the
 * limits intake uses); a deeper archive is a BUNDLE-ZIP error, never passed. */
static void expand_archive(nohin_report *r, nohin_file *f, const char *arg_name,
                           const nohin_config *cfg, const nohin_options *opts, int depth,
                           nohin_archive_budget *budget)
{
    if (!nohin_zip_input_wanted(f)) return;
    if (depth >= NOHIN_ARCHIVE_MAX_DEPTH) {
        nohin_zip_input_refuse(f, "archive nested too deep");
        return;
    }
    GPtrArray *members = nohin_zip_input_expand(f, arg_name, &r->tmpdir, budget);
    for (guint j = 0; j < members->len; j++) {
        nohin_file *m = file_for(members->pdata[j], cfg, opts);
        g_ptr_array_add(r->files, m);
        expand_archive(r, m, arg_name, cfg, opts, depth + 1, budget);
    }
    g_ptr_array_free(members, TRUE);
}

nohin_report *nohin_lint_with_config(const char *const *paths, size_t n_paths,
                                     const nohin_options *opts, const nohin_config *cfg,
                                     GError **error)
{
    GPtrArray *entries = nohin_walk(paths, n_paths, error);
    if (!entries) return NULL;
    nohin_report *r = g_new0(nohin_report, 1);
    r->files = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_file_free);
    for (guint i = 0; i < entries->len; i++) {
        nohin_walk_entry *e = entries->pdata[i];
        nohin_file *f = file_for(e, cfg, opts);
        g_ptr_array_add(r->files, f);
        nohin_archive_budget budget = {0};
        expand_archive(r, f, e->arg_name, cfg, opts, 0, &budget);
    }
    g_ptr_array_free(entries, TRUE);
    g_ptr_array_sort(r->files, cmp_file);

    hash_job *hash_jobs = NULL;
    GThreadPool *hashing = hash_start(r->files, &hash_jobs, opts->isolate);

    nohin_progress_set_enabled(opts->progress && !opts->quiet && isatty(2));
    nohin_ctx *ctx = nohin_ctx_new(cfg);
    ctx->file_n = (int)r->files->len;
    for (guint i = 0; i < r->files->len; i++) {
        nohin_file *f = r->files->pdata[i];
        ctx->file_i = (int)i + 1;
        nohin_progress(f->path, ctx->file_i, ctx->file_n, 0, 0);
        if (f->status != NOHIN_STATUS_OK) continue;
        if (opts->reuse_file && opts->reuse_file(opts->reuse_data, ctx, f)) continue;
        if (opts->isolate)
            nohin_isolate_file(ctx, f, run_file_checks); /* a crash becomes a finding */
        else
            run_file_checks(ctx, f);
    }
    nohin_bundle bundle = {.files = r->files, .config = cfg};
    run_bundle_checks(ctx, &bundle);
    nohin_progress_done();
    hash_wait(hashing, hash_jobs, r->files->len);
    r->findings = nohin_ctx_steal_findings(ctx);
    nohin_ctx_free(ctx);
    g_ptr_array_sort(r->findings, cmp_finding);
    nohin_waivers_apply(r->findings, cfg);
    return r;
}

nohin_report *nohin_lint(const char *const *paths, size_t n_paths, const nohin_options *opts,
                         GError **error)
{
    nohin_config *cfg = load_config(paths, n_paths, opts, error);
    if (!cfg) return NULL;
    nohin_report *r = nohin_lint_with_config(paths, n_paths, opts, cfg, error);
    nohin_config_free(cfg);
    return r;
}
