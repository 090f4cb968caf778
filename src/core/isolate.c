/* Child-process isolation for reading hostile files; see isolate.h. */
#define _GNU_SOURCE /* unshare, pipe2 */
#include <fcntl.h>
#include <sched.h>
#include "isolate.h"
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ctx.h"

#if defined(__SANITIZE_ADDRESS__)
#define NOHIN_ASAN 1 /* ASan reserves terabytes of address space: RLIMIT_AS would kill it */
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NOHIN_ASAN 1
#endif
#endif

static nohin_isolate_limits limits = {
    .timeout_s = 60,
    .cpu_s = 30,
    .memory_bytes = 2ull << 30,
    .max_files = 256,
    .max_result = 64u << 20,
    .failure_rule = NULL,
};

const nohin_isolate_limits *nohin_isolate_get_limits(void)
{
    return &limits;
}

void nohin_isolate_set_limits(const nohin_isolate_limits *l)
{
    limits = *l;
}

/* Leaves the network: a new network namespace has only a downed loopback, so no
 * socket the child opens can reach anything. Root (or CAP_SYS_ADMIN) may create
 * one directly; otherwise an unprivileged user namespace may allow it. */
static int leave_network(void)
{
    if (unshare(CLONE_NEWNET) == 0) return 1;
    if (unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0) return 2;
    return 0;
}

const char *nohin_isolate_network_mode(void)
{
    static int mode = -1;
    if (mode < 0) {
        pid_t pid = fork();
        if (pid == 0) _exit(leave_network());
        int st = 0;
        mode = pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) ? WEXITSTATUS(st) : 0;
    }
    return mode == 1 ? "netns" : mode == 2 ? "userns+netns" : "none";
}

static void set_limit(int resource, rlim_t value)
{
    struct rlimit rl;
    if (getrlimit(resource, &rl) != 0) return;
    /* Soft limit only where a signal should warn first (CPU: SIGXCPU, then SIGKILL). */
    rl.rlim_cur = value;
    if (rl.rlim_max == RLIM_INFINITY || rl.rlim_max > value) rl.rlim_max = value;
    if (resource == RLIMIT_CPU && rl.rlim_max != RLIM_INFINITY) rl.rlim_max = value + 2;
    setrlimit(resource, &rl);
}

static void test_hooks(const char *label)
{
    const char *crash = g_getenv("NOHIN_TEST_CHILD_CRASH");
    const char *hang = g_getenv("NOHIN_TEST_CHILD_HANG");
    if (crash && label && !strcmp(crash, label)) raise(SIGSEGV);
    if (hang && label && !strcmp(hang, label))
        for (;;)
            pause(); /* only the parent's timeout ends this */
}

static bool write_all(int fd, const guint8 *p, gsize n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        p += w;
        n -= (gsize)w;
    }
    return true;
}

G_GNUC_NORETURN static void child_main(int fd, const char *label, GVariant *(*fn)(void *),
                                       void *data)
{
    /* A crash must kill the child: handlers inherited from the parent (a test
     * harness, a sanitizer) would otherwise resume the parent's code in it. */
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGXCPU, SIGPIPE};
    for (size_t i = 0; i < G_N_ELEMENTS(fatal); i++)
        signal(fatal[i], SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive an intake job that died */
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    leave_network();
    set_limit(RLIMIT_CORE, 0);
    set_limit(RLIMIT_CPU, (rlim_t)limits.cpu_s);
    set_limit(RLIMIT_NOFILE, (rlim_t)limits.max_files);
#ifndef NOHIN_ASAN
    set_limit(RLIMIT_AS, (rlim_t)limits.memory_bytes);
#endif
    test_hooks(label);
    GVariant *v = fn(data);
    if (!v) _exit(3);
    g_variant_ref_sink(v);
    bool ok = write_all(fd, g_variant_get_data(v), g_variant_get_size(v));
    _exit(ok ? 0 : 4);
}

static char *describe_signal(int sig)
{
    return g_strdup_printf(_("crashed (signal %d, %s)"), sig, g_strsignal(sig));
}

nohin_isolate_status nohin_isolate_call(const char *label, GVariant *(*fn)(void *data), void *data,
                                        const GVariantType *type, GVariant **result, char **why)
{
    *result = NULL;
    *why = NULL;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        *why = g_strdup_printf("cannot create a pipe: %s", g_strerror(errno));
        return NOHIN_ISOLATE_ERROR;
    }
    fflush(NULL); /* the child must not inherit (and never flushes) half-written buffers */
    pid_t pid = fork();
    if (pid < 0) {
        *why = g_strdup_printf("cannot fork: %s", g_strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return NOHIN_ISOLATE_ERROR;
    }
    if (pid == 0) {
        close(fds[0]);
        child_main(fds[1], label, fn, data);
    }
    close(fds[1]);

    GByteArray *buf = g_byte_array_new();
    gint64 deadline = g_get_monotonic_time() + (gint64)limits.timeout_s * G_USEC_PER_SEC;
    bool timed_out = false, too_big = false;
    for (;;) {
        gint64 left_ms = (deadline - g_get_monotonic_time()) / 1000;
        if (left_ms <= 0) {
            timed_out = true;
            break;
        }
        struct pollfd p = {.fd = fds[0], .events = POLLIN};
        int r = poll(&p, 1, left_ms > INT_MAX ? INT_MAX : (int)left_ms);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) continue; /* re-check the deadline */
        guint8 chunk[1 << 16];
        ssize_t n = read(fds[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break; /* EOF: the child is done (or dead) */
        if (buf->len + (guint64)n > limits.max_result) {
            too_big = true;
            break;
        }
        g_byte_array_append(buf, chunk, (guint)n);
    }
    close(fds[0]);
    if (timed_out || too_big) kill(pid, SIGKILL);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }

    nohin_isolate_status status = NOHIN_ISOLATE_OK;
    if (timed_out) {
        status = NOHIN_ISOLATE_TIMEOUT;
        *why = g_strdup_printf(_("did not finish within %d s and was stopped"), limits.timeout_s);
    } else if (too_big) {
        status = NOHIN_ISOLATE_LIMIT;
        *why = g_strdup_printf(_("produced more than %llu bytes of results"),
                               (unsigned long long)limits.max_result);
    } else if (WIFSIGNALED(st)) {
        int sig = WTERMSIG(st);
        status = sig == SIGXCPU || sig == SIGKILL ? NOHIN_ISOLATE_LIMIT : NOHIN_ISOLATE_CRASH;
        *why = sig == SIGXCPU || sig == SIGKILL
                   ? g_strdup_printf(_("exceeded the CPU time limit of %d s"), limits.cpu_s)
                   : describe_signal(sig);
    } else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        /* AddressSanitizer turns a SIGSEGV into exit status 1; malloc failing under
         * RLIMIT_AS aborts. Either way the reader did not finish. */
        status = NOHIN_ISOLATE_CRASH;
        *why = g_strdup_printf(_("crashed or ran out of memory (exit status %d)"),
                               WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    }
    if (status != NOHIN_ISOLATE_OK) {
        g_byte_array_free(buf, TRUE);
        return status;
    }
    GBytes *bytes = g_byte_array_free_to_bytes(buf);
    /* GVariant never trusts serialised data: any byte string reads safely as `type`. */
    GVariant *v = g_variant_new_from_bytes(type, bytes, FALSE);
    g_bytes_unref(bytes);
    *result = g_variant_ref_sink(v);
    return NOHIN_ISOLATE_OK;
}

/* ---- File checks in a child ---- */

#define LOC_TYPE "(uiiiiiimsmsmsmsmsmsbdddd)"
#define FILE_RESULT_TYPE "(bms" NOHIN_ISOLATE_FINDINGS_TYPE ")"

typedef struct {
    nohin_ctx *ctx;
    nohin_file *file;
    void (*run)(nohin_ctx *, nohin_file *);
} file_job;

static GVariant *loc_variant(const nohin_location *l)
{
    return g_variant_new(LOC_TYPE, (guint32)l->kind, l->page, l->row, l->row_end, l->line,
                         l->object, l->column_index, l->sheet, l->cell, l->column, l->column_end,
                         l->part, l->name, (gboolean)l->has_box, l->box.x0, l->box.y0, l->box.x1,
                         l->box.y1);
}

GVariant *nohin_isolate_pack_findings(const GPtrArray *findings)
{
    GVariantBuilder b;
    g_variant_builder_init(&b, G_VARIANT_TYPE(NOHIN_ISOLATE_FINDINGS_TYPE));
    for (guint i = 0; i < findings->len; i++) {
        const nohin_finding *f = findings->pdata[i];
        g_variant_builder_add(&b, "(sus@" LOC_TYPE "ssbms)", f->rule, (guint32)f->severity, f->file,
                              loc_variant(&f->loc), f->message, f->fix, (gboolean)f->fixable,
                              f->evidence);
    }
    return g_variant_builder_end(&b);
}

static GVariant *run_file_in_child(void *data)
{
    file_job *job = data;
    nohin_ctx *ctx = nohin_ctx_new(job->ctx->config);
    ctx->file_i = job->ctx->file_i;
    ctx->file_n = job->ctx->file_n;
    job->run(ctx, job->file);
    const nohin_file *file = job->file;
    /* The child exits right after: ctx is not worth freeing. */
    return g_variant_new("(bms@" NOHIN_ISOLATE_FINDINGS_TYPE ")",
                         (gboolean)(file->status != NOHIN_STATUS_OK), file->unreadable_reason,
                         nohin_isolate_pack_findings(ctx->findings));
}

static char *opt_dup(const char *s)
{
    return s ? g_strdup(s) : NULL;
}

void nohin_isolate_unpack_findings(GVariant *v, GPtrArray *out)
{
    GVariantIter it;
    g_variant_iter_init(&it, v);
    const char *rule, *path, *message, *fix, *evidence, *sheet, *cell, *col, *col_end, *part, *name;
    guint32 sev, kind;
    gboolean fixable, has_box;
    nohin_location l = {0};
    while (g_variant_iter_next(&it, "(&su&s(uiiiiiim&sm&sm&sm&sm&sm&sbdddd)&s&sbm&s)", &rule, &sev,
                               &path, &kind, &l.page, &l.row, &l.row_end, &l.line, &l.object,
                               &l.column_index, &sheet, &cell, &col, &col_end, &part, &name,
                               &has_box, &l.box.x0, &l.box.y0, &l.box.x1, &l.box.y1, &message, &fix,
                               &fixable, &evidence)) {
        nohin_finding *f = g_new0(nohin_finding, 1);
        f->rule = g_strdup(rule);
        f->severity = sev <= NOHIN_SEV_ERROR ? (nohin_severity)sev : NOHIN_SEV_ERROR;
        f->file = g_strdup(path);
        f->loc = l;
        f->loc.kind = kind <= NOHIN_LOC_PART ? (nohin_loc_kind)kind : NOHIN_LOC_NONE;
        f->loc.has_box = has_box;
        f->loc.sheet = opt_dup(sheet);
        f->loc.cell = opt_dup(cell);
        f->loc.column = opt_dup(col);
        f->loc.column_end = opt_dup(col_end);
        f->loc.part = opt_dup(part); /* NOHIN_LOC_PART */
        f->loc.name = opt_dup(name);
        f->message = g_strdup(message);
        f->fix = g_strdup(fix);
        f->fixable = fixable;
        f->evidence = opt_dup(evidence);
        g_ptr_array_add(out, f);
    }
}

static void merge_findings(nohin_ctx *ctx, nohin_file *file, GVariant *v)
{
    gboolean unreadable = FALSE;
    const char *reason = NULL;
    GVariant *list = NULL;
    g_variant_get(v, "(bm&s@" NOHIN_ISOLATE_FINDINGS_TYPE ")", &unreadable, &reason, &list);
    g_mutex_lock(&ctx->lock);
    nohin_isolate_unpack_findings(list, ctx->findings);
    g_mutex_unlock(&ctx->lock);
    g_variant_unref(list);
    if (unreadable) nohin_file_mark_unreadable(file, reason ? reason : "unreadable");
}

/* The rule that says "this file could not be read" for the file's format. */
static const char *failure_rule(const nohin_file *file)
{
    if (limits.failure_rule) return limits.failure_rule;
    char *id = g_strdup_printf("%s-MALFORMED", nohin_format_name(file->format));
    for (char *p = id; *p; p++)
        *p = g_ascii_toupper(*p);
    const nohin_rule *r = nohin_rule_find(id);
    g_free(id);
    return r ? r->id : "MAIL-UNSCANNABLE";
}

bool nohin_isolate_file(nohin_ctx *ctx, nohin_file *file,
                        void (*run)(nohin_ctx *ctx, nohin_file *file))
{
    file_job job = {ctx, file, run};
    GVariant *v = NULL;
    char *why = NULL;
    nohin_isolate_status st = nohin_isolate_call(nohin_file_basename(file), run_file_in_child, &job,
                                                 G_VARIANT_TYPE(FILE_RESULT_TYPE), &v, &why);
    if (st == NOHIN_ISOLATE_OK) {
        merge_findings(ctx, file, v);
        g_variant_unref(v);
        return true;
    }
    char *reason = g_strdup_printf("reader %s", why);
    nohin_file_mark_unreadable(file, reason);
    nohin_finding *f = nohin_emit(
        ctx, file, failure_rule(file), nohin_loc_none(),
        _("Open the file and save it again from the program that made it; if it still cannot be "
          "read, send it through another channel and say so."),
        _("The file could not be read safely: its reader %s. Nothing in it was checked."), why);
    nohin_finding_set_evidence(f, "%s", why);
    g_free(reason);
    g_free(why);
    return false;
}
