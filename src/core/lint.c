/* The lint pipeline: walk → detect → role → file checks → bundle checks → sorted report. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <nettle/base16.h>
#include <nettle/sha2.h>
#include "ctx.h"
#include "bundle/bundle_model.h"
#include "bundle/captions.h"
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
    o->keep_readers = false;
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
    guint64 bytes;
    char sha256[65]; /* copied to the file by hash_wait: checks read the file meanwhile */
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
    /* nettle, not GChecksum: it uses the CPU's SHA instructions (8x faster on a scan). */
    struct sha256_ctx sum;
    sha256_init(&sum);
    guchar buf[1 << 16];
    ssize_t n;
    guint64 total = 0;
    while ((n = read(fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR)) {
        if (n < 0) continue;
        sha256_update(&sum, (size_t)n, buf);
        total += (guint64)n;
    }
    if (n < 0) j->error = g_strdup(g_strerror(errno));
    close(fd);
    j->bytes = total;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&sum, sizeof digest, digest);
    char hex[BASE16_ENCODE_LENGTH(SHA256_DIGEST_SIZE) + 1];
    base16_encode_update(hex, sizeof digest, digest);
    hex[sizeof hex - 1] = 0;
    g_strlcpy(j->sha256, hex, sizeof j->sha256);
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
        hash_job *j = &jobs[i];
        if (j->sha256[0]) {
            j->file->bytes = j->bytes;
            g_strlcpy(j->file->sha256, j->sha256, sizeof j->file->sha256);
        }
        if (j->error) nohin_file_mark_unreadable(j->file, j->error);
        g_free(j->error);
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

/* The file of a walk entry, opened only to learn its size; detect_file says what it is. */
static nohin_file *file_new(const nohin_walk_entry *e, const nohin_config *cfg,
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
    return f;
}

static void detect_file(nohin_file *f)
{
    if (f->status == NOHIN_STATUS_OK)
        nohin_detect(f); /* libmagic: one handle per thread (detect.c) */
    else
        describe_unopened(f);
}

static nohin_file *file_for(const nohin_walk_entry *e, const nohin_config *cfg,
                            const nohin_options *opts)
{
    nohin_file *f = file_new(e, cfg, opts);
    detect_file(f);
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
    for (size_t i = 0; i < n; i++) {
        const nohin_check *c = checks[i];
        if (c->after_file && (c->formats & f->format) && (c->roles & f->role))
            c->after_file(ctx, f);
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

/* What the bundle checks read of a file once its own checks are done: which form it
 * is and the captions of a public report PDF (checks/bundle_*.c, clean). Computed
 * here, on the file's worker, while its reader state is still in memory. */
static void keep_for_bundle(nohin_file *f)
{
    if (f->status != NOHIN_STATUS_OK) return;
    (void)nohin_bundle_form_of(f); /* cached on the file */
    if (f->role == NOHIN_ROLE_PUBLIC && f->folder_role && nohin_bundle_is_report_pdf(f))
        (void)nohin_captions_of(f);
}

/* A file's parsed state (poppler document, qpdf handle, sheets, texts) goes as soon
 * as its checks end, so memory does not grow with the number of files. What a bundle
 * check still asks of a reader later is read again (a report's page count, a form's
 * first rows); the small summaries (captions, a zip's members) stay. */
static void release_readers(nohin_file *f)
{
    static const nohin_reader_slot heavy[] = {NOHIN_READER_PDF,  NOHIN_READER_QPDF,
                                              NOHIN_READER_XLSX, NOHIN_READER_CSV,
                                              NOHIN_READER_DOCX, NOHIN_READER_TEXT};
    /* 様式1 is read again by checks/bundle_forms.c (pages, figures): a small file */
    bool form1 = f->format == NOHIN_FMT_DOCX && f->status == NOHIN_STATUS_OK &&
                 nohin_bundle_form_of(f) == NOHIN_FORM_1;
    for (size_t i = 0; i < G_N_ELEMENTS(heavy); i++)
        if (!(form1 && heavy[i] == NOHIN_READER_DOCX))
            nohin_file_set_reader(f, heavy[i], NULL, NULL);
}

/* A queue of files taken in walk order by worker_count() threads (the calling thread
 * is one of them); each worker has its own state (a context, a libmagic handle). */
typedef struct file_queue file_queue;
struct file_queue {
    GPtrArray *files;
    const nohin_options *opts;
    const nohin_config *cfg; /* set: each worker has a context for findings */
    void (*work)(file_queue *q, nohin_ctx *ctx, guint i);
    GPtrArray **found; /* per file, merged in walk order afterwards */
    gint next;         /* next file to take */
};

/* --jobs: 0 is one worker per core. --isolate forks a child per file, which is not
 * safe beside other threads (a child could inherit a lock held by another worker),
 * so it stays on one worker. */
static guint worker_count(const nohin_options *opts, guint n_files)
{
    if (opts->isolate) return 1;
    guint n = opts->threads > 0 ? (guint)opts->threads : g_get_num_processors();
    n = MIN(n, NOHIN_MAX_JOBS);
    return MAX(1u, MIN(n, n_files));
}

static gpointer queue_worker(gpointer data)
{
    file_queue *q = data;
    nohin_ctx *ctx = q->cfg ? nohin_ctx_new(q->cfg) : NULL;
    if (ctx) ctx->file_n = (int)q->files->len;
    for (;;) {
        guint i = (guint)g_atomic_int_add(&q->next, 1);
        if (i >= q->files->len) break;
        q->work(q, ctx, i);
    }
    nohin_ctx_free(ctx);
    return NULL;
}

static void run_parallel(file_queue q)
{
    GPtrArray *files = q.files;
    const nohin_options *opts = q.opts;
    guint workers = worker_count(opts, files->len);
    if (workers > 1) xmlInitParser(); /* libxml2's globals, once, before any thread parses */
    GThread **threads = g_new0(GThread *, workers);
    for (guint t = 1; t < workers; t++)
        threads[t] = g_thread_new("nohin-lint", queue_worker, &q);
    queue_worker(&q);
    for (guint t = 1; t < workers; t++)
        g_thread_join(threads[t]);
    g_free(threads);
}

static void detect_worker(file_queue *q, nohin_ctx *ctx, guint i)
{
    (void)ctx;
    detect_file(q->files->pdata[i]);
}

/* One file's checks; each file has its own list of findings. */
static void check_worker(file_queue *q, nohin_ctx *ctx, guint i)
{
    nohin_file *f = q->files->pdata[i];
    ctx->file_i = (int)i + 1;
    nohin_progress(f->path, ctx->file_i, ctx->file_n, 0, 0);
    if (f->status != NOHIN_STATUS_OK) return;
    if (q->opts->reuse_file) {    /* clean's hook: findings taken over from the input's lint */
        static GMutex reuse_lock; /* the hook keeps a record of what it took over */
        g_mutex_lock(&reuse_lock);
        bool reused = q->opts->reuse_file(q->opts->reuse_data, ctx, f);
        g_mutex_unlock(&reuse_lock);
        if (reused) {
            q->found[i] = nohin_ctx_steal_findings(ctx);
            ctx->findings = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_finding_free);
            return;
        }
    }
    if (q->opts->isolate) {
        nohin_isolate_file(ctx, f, run_file_checks); /* a crash becomes a finding */
    } else {
        run_file_checks(ctx, f);
        keep_for_bundle(f);
        if (!q->opts->keep_readers) release_readers(f);
    }
    q->found[i] = nohin_ctx_steal_findings(ctx);
    ctx->findings = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_finding_free);
}

/* The file checks of every file. Returns the findings in walk order. */
static GPtrArray *check_files(GPtrArray *files, const nohin_config *cfg, const nohin_options *opts)
{
    GPtrArray **found = g_new0(GPtrArray *, files->len + 1);
    run_parallel((file_queue){
        .files = files, .opts = opts, .cfg = cfg, .work = check_worker, .found = found});
    GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_finding_free);
    for (guint i = 0; i < files->len; i++)
        if (found[i]) g_ptr_array_extend_and_steal(all, found[i]);
    g_free(found);
    return all;
}

nohin_report *nohin_lint_with_config(const char *const *paths, size_t n_paths,
                                     const nohin_options *opts, const nohin_config *cfg,
                                     GError **error)
{
    gint64 T0 = g_get_monotonic_time();
    GPtrArray *entries = nohin_walk(paths, n_paths, error);
    if (!entries) return NULL;
    nohin_report *r = g_new0(nohin_report, 1);
    r->files = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_file_free);
    GPtrArray *walked = g_ptr_array_new();
    for (guint i = 0; i < entries->len; i++)
        g_ptr_array_add(walked, file_new(entries->pdata[i], cfg, opts));
    run_parallel((file_queue){.files = walked, .opts = opts, .work = detect_worker});
    for (guint i = 0; i < entries->len; i++) {
        nohin_walk_entry *e = entries->pdata[i];
        nohin_file *f = walked->pdata[i];
        g_ptr_array_add(r->files, f);
        nohin_archive_budget budget = {0};
        expand_archive(r, f, e->arg_name, cfg, opts, 0, &budget);
    }
    g_ptr_array_free(walked, TRUE);
    g_ptr_array_free(entries, TRUE);
    g_ptr_array_sort(r->files, cmp_file);

    hash_job *hash_jobs = NULL;
    GThreadPool *hashing = hash_start(r->files, &hash_jobs, opts->isolate);

    nohin_progress_set_enabled(opts->progress && !opts->quiet && isatty(2));
    gint64 T1 = g_get_monotonic_time();
    GPtrArray *found = check_files(r->files, cfg, opts);
    gint64 T2 = g_get_monotonic_time();
    nohin_ctx *ctx = nohin_ctx_new(cfg);
    ctx->file_i = ctx->file_n = (int)r->files->len;
    nohin_bundle bundle = {.files = r->files, .config = cfg, .findings = found};
    run_bundle_checks(ctx, &bundle);
    nohin_progress_done();
    gint64 T3 = g_get_monotonic_time();
    hash_wait(hashing, hash_jobs, r->files->len);
    if (g_getenv("NOHIN_DEBUG_PHASES"))
        g_printerr("phases: walk+detect %.2f checks %.2f bundle %.2f hash %.2f\n", (T1 - T0) / 1e6,
                   (T2 - T1) / 1e6, (T3 - T2) / 1e6, (g_get_monotonic_time() - T3) / 1e6);
    GPtrArray *bundle_found = nohin_ctx_steal_findings(ctx);
    nohin_ctx_free(ctx);
    g_ptr_array_extend_and_steal(found, bundle_found);
    r->findings = found;
    /* a stable sort of findings gathered in walk order: the same bytes for any --jobs */
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
