/* nohin intake --watch: see intake.h. One scan = one ordinary intake run over the
 * messages not done yet; its sinks decide per submission whether to write it out
 * (complete, or its window has passed) or to hold it for the next scan. */
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include "intake.h"
#include "reporters/reporter.h"

typedef struct {
    const char *maildir, *state, *out;
    nohin_intake_options *o;
    const nohin_config *cfg;
    GHashTable *done; /* "file:<maildir name>", "id:<Message-ID>" */
    GHashTable *held; /* file key -> since (unix seconds, as gint64*) */
    FILE *buf;        /* message records of the submission being delivered */
    char *bufdata;
    size_t buflen;
    GMainLoop *loop;
    guint scan_source;
    bool failed;
    GError *error;
} watch;

/* The Maildir name without its ":2,FLAGS" info: stable across new/ → cur/. */
static char *file_key(const char *path)
{
    char *b = g_path_get_basename(path);
    char *colon = strchr(b, ':');
    if (colon) *colon = '\0';
    char *k = g_strconcat("file:", b, NULL);
    g_free(b);
    return k;
}

static bool mail_done(watch *w, const nohin_mail *m)
{
    char *k = m->source ? file_key(m->source) : NULL;
    bool done = k && g_hash_table_contains(w->done, k);
    g_free(k);
    if (!done && m->raw_id) {
        char *id = g_strconcat("id:", m->raw_id, NULL);
        done = g_hash_table_contains(w->done, id);
        g_free(id);
    }
    return done;
}

/* ---- state file: one line per entry, keys escaped; rewritten atomically ---- */

static bool save_state(watch *w)
{
    GString *s = g_string_new("# nohin intake --watch state\n");
    GList *keys = g_list_sort(g_hash_table_get_keys(w->done), (GCompareFunc)strcmp);
    for (GList *l = keys; l; l = l->next) {
        char *e = g_strescape(l->data, NULL);
        g_string_append_printf(s, "done\t%s\n", e);
        g_free(e);
    }
    g_list_free(keys);
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, w->held);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        char *e = g_strescape(k, NULL);
        g_string_append_printf(s, "held\t%" G_GINT64_FORMAT "\t%s\n", *(gint64 *)v, e);
        g_free(e);
    }
    GError *err = NULL;
    bool ok = nohin_write_file_atomic(w->state, s->str, s->len, true, &err);
    if (!ok) {
        g_printerr("nohin: %s\n", err->message);
        g_clear_error(&err);
    }
    g_string_free(s, TRUE);
    return ok;
}

static void load_state(watch *w)
{
    char *text = NULL;
    if (!g_file_get_contents(w->state, &text, NULL, NULL)) return;
    char **lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l; l++) {
        char **f = g_strsplit(*l, "\t", 3);
        if (f[0] && f[1] && !strcmp(f[0], "done")) {
            g_hash_table_add(w->done, g_strcompress(f[1]));
        } else if (f[0] && f[1] && f[2] && !strcmp(f[0], "held")) {
            gint64 *since = g_new(gint64, 1);
            *since = g_ascii_strtoll(f[1], NULL, 10);
            g_hash_table_insert(w->held, g_strcompress(f[2]), since);
        }
        g_strfreev(f);
    }
    g_strfreev(lines);
    g_free(text);
}

/* ---- outputs ---- */

static bool append_results(watch *w, const char *data, size_t len)
{
    char *path = g_build_filename(w->out, "results.jsonl", NULL);
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    bool ok = fd >= 0;
    for (size_t off = 0; ok && off < len;) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        off += ok ? (size_t)n : 0;
    }
    if (fd >= 0) {
        ok = fsync(fd) == 0 && ok;
        close(fd);
    }
    if (!ok) g_printerr("nohin: %s: %s\n", path, g_strerror(errno));
    g_free(path);
    return ok;
}

/* A name that is new in dir: base.ext, base-2.ext, … */
static char *fresh_path(const char *dir, const char *base, const char *ext)
{
    char *safe = g_strdup(base);
    g_strdelimit(safe, "/\\", '_');
    char *p = NULL;
    for (int i = 1; i < 1000; i++) {
        g_free(p);
        char *name =
            i == 1 ? g_strconcat(safe, ext, NULL) : g_strdup_printf("%s-%d%s", safe, i, ext);
        p = g_build_filename(dir, name, NULL);
        g_free(name);
        if (!g_file_test(p, G_FILE_TEST_EXISTS)) break;
    }
    g_free(safe);
    return p;
}

static gint cmp_finding(gconstpointer a, gconstpointer b)
{
    return nohin_finding_compare(*(nohin_finding *const *)a, *(nohin_finding *const *)b);
}

static gint cmp_file(gconstpointer a, gconstpointer b)
{
    return strcmp((*(nohin_file *const *)a)->path, (*(nohin_file *const *)b)->path);
}

/* One page for the submission, by the HTML reporter (the files still exist now). */
static void write_html(watch *w, const nohin_submission *s)
{
    nohin_report r = {g_ptr_array_new(), nohin_submission_findings(s), NULL};
    for (guint i = 0; i < s->mails->len; i++) {
        nohin_mail *m = s->mails->pdata[i];
        for (guint k = 0; k < m->report->files->len; k++)
            g_ptr_array_add(r.files, m->report->files->pdata[k]);
    }
    g_ptr_array_sort(r.files, cmp_file);
    g_ptr_array_sort(r.findings, cmp_finding);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    nohin_report_write_html(&r, fp);
    fclose(fp);
    char *dir = g_build_filename(w->out, "reports", NULL);
    char *path = fresh_path(dir, s->id, ".html");
    GError *err = NULL;
    if (!nohin_write_file_atomic(path, buf, len, false, &err)) {
        g_printerr("nohin: %s\n", err->message);
        g_clear_error(&err);
    }
    g_free(path);
    g_free(dir);
    free(buf);
    g_ptr_array_free(r.files, TRUE);
    g_ptr_array_free(r.findings, TRUE);
}

static void write_reply(watch *w, const nohin_submission *s)
{
    GBytes *eml = nohin_intake_reply_eml(s);
    if (!eml) return;
    char *dir = g_build_filename(w->out, "replies", NULL);
    char *base = g_strconcat("reply-", s->id, NULL);
    char *path = fresh_path(dir, base, ".eml");
    gsize len;
    const void *data = g_bytes_get_data(eml, &len);
    GError *err = NULL;
    if (!nohin_write_file_atomic(path, data, len, false, &err)) {
        g_printerr("nohin: %s\n", err->message);
        g_clear_error(&err);
    }
    g_free(path);
    g_free(base);
    g_free(dir);
    g_bytes_unref(eml);
}

/* ---- the sinks of one scan ---- */

static void reset_buf(watch *w)
{
    if (w->buf) fclose(w->buf);
    free(w->bufdata);
    w->bufdata = NULL;
    w->buflen = 0;
    w->buf = open_memstream(&w->bufdata, &w->buflen);
}

static void on_mail(const nohin_mail *m, void *data)
{
    nohin_intake_write_json(m, ((watch *)data)->buf);
}

static void on_submission(const nohin_submission *s, void *data)
{
    watch *w = data;
    gint64 now = g_get_real_time() / G_USEC_PER_SEC, since = now;
    bool all_done = true;
    for (guint i = 0; i < s->mails->len; i++) {
        nohin_mail *m = s->mails->pdata[i];
        all_done = all_done && mail_done(w, m);
        char *k = m->source ? file_key(m->source) : NULL;
        gint64 *h = k ? g_hash_table_lookup(w->held, k) : NULL;
        if (h) since = MIN(since, *h);
        g_free(k);
    }
    bool hold = !all_done && !s->complete && now - since < w->o->window_s;
    for (guint i = 0; i < s->mails->len; i++) {
        nohin_mail *m = s->mails->pdata[i];
        char *k = m->source ? file_key(m->source) : NULL;
        if (!k) continue;
        if (hold && !g_hash_table_contains(w->held, k)) {
            gint64 *v = g_new(gint64, 1);
            *v = now;
            g_hash_table_insert(w->held, g_strdup(k), v);
        } else if (!hold) {
            g_hash_table_remove(w->held, k);
            g_hash_table_add(w->done, g_strdup(k));
            if (m->raw_id) g_hash_table_add(w->done, g_strconcat("id:", m->raw_id, NULL));
        }
        g_free(k);
    }
    if (!hold && !all_done) {
        nohin_intake_write_submission_json(s, w->buf);
        fflush(w->buf);
        append_results(w, w->bufdata, w->buflen);
        write_html(w, s);
        write_reply(w, s);
    }
    reset_buf(w);
}

/* ---- scanning ---- */

static int cmp_path(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static GPtrArray *list(const char *dir)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *n;
    while (d && (n = g_dir_read_name(d)))
        if (n[0] != '.') g_ptr_array_add(out, g_build_filename(dir, n, NULL));
    if (d) g_dir_close(d);
    g_ptr_array_sort(out, cmp_path); /* (g_strcmp0 would get the slots, not the names) */
    return out;
}

static void scan(watch *w)
{
    char *newdir = g_build_filename(w->maildir, "new", NULL);
    char *curdir = g_build_filename(w->maildir, "cur", NULL);
    GPtrArray *fresh = list(newdir), *cur = list(curdir);
    GPtrArray *todo = g_ptr_array_new();
    for (guint i = 0; i < fresh->len; i++) {
        char *k = file_key(fresh->pdata[i]);
        GStatBuf st;
        if (!g_hash_table_contains(w->done, k) && g_lstat(fresh->pdata[i], &st) == 0 &&
            S_ISREG(st.st_mode))
            g_ptr_array_add(todo, fresh->pdata[i]);
        g_free(k);
    }
    for (guint i = 0; i < cur->len; i++) { /* held: waiting for the rest of a submission */
        char *k = file_key(cur->pdata[i]);
        if (!g_hash_table_contains(w->done, k) && g_hash_table_contains(w->held, k))
            g_ptr_array_add(todo, cur->pdata[i]);
        g_free(k);
    }
    g_ptr_array_sort(todo, cmp_path);
    if (todo->len) {
        reset_buf(w);
        GError *err = NULL;
        if (!nohin_intake_run((const char *const *)todo->pdata, todo->len, w->o, w->cfg, on_mail, w,
                              &err)) {
            g_printerr("nohin: %s\n", err ? err->message : "intake failed");
            g_clear_error(&err);
        }
        save_state(w);
    }
    /* Seen: into cur/ with the S flag, done or held. */
    for (guint i = 0; i < fresh->len; i++) {
        const char *p = fresh->pdata[i];
        char *base = g_path_get_basename(p);
        char *colon = strchr(base, ':');
        if (colon) *colon = '\0';
        char *name = g_strconcat(base, ":2,S", NULL);
        char *to = g_build_filename(curdir, name, NULL);
        if (!g_file_test(to, G_FILE_TEST_EXISTS) && g_rename(p, to) != 0)
            g_printerr("nohin: %s: %s\n", p, g_strerror(errno));
        g_free(to);
        g_free(name);
        g_free(base);
    }
    g_ptr_array_free(todo, TRUE);
    g_ptr_array_free(fresh, TRUE);
    g_ptr_array_free(cur, TRUE);
    g_free(newdir);
    g_free(curdir);
}

static gboolean scan_cb(gpointer data)
{
    watch *w = data;
    w->scan_source = 0;
    scan(w);
    return G_SOURCE_REMOVE;
}

static gboolean tick_cb(gpointer data)
{
    watch *w = data;
    if (g_hash_table_size(w->held)) scan(w); /* windows that have passed */
    return G_SOURCE_CONTINUE;
}

/* Many events per delivery (create, write, rename): one scan shortly after. */
static void changed_cb(GFileMonitor *mon, GFile *f, GFile *other, GFileMonitorEvent ev,
                       gpointer data)
{
    (void)mon;
    (void)f;
    (void)other;
    watch *w = data;
    if (ev != G_FILE_MONITOR_EVENT_CREATED && ev != G_FILE_MONITOR_EVENT_MOVED_IN &&
        ev != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT && ev != G_FILE_MONITOR_EVENT_RENAMED)
        return;
    if (!w->scan_source) w->scan_source = g_timeout_add(300, scan_cb, w);
}

static gboolean quit_cb(gpointer data)
{
    g_main_loop_quit(((watch *)data)->loop);
    return G_SOURCE_CONTINUE; /* removed with the loop's other sources */
}

bool nohin_intake_watch(const char *maildir, const char *state, const char *out,
                        nohin_intake_options *o, const nohin_config *cfg, bool once, GError **error)
{
    char *newdir = g_build_filename(maildir, "new", NULL);
    char *curdir = g_build_filename(maildir, "cur", NULL);
    if (!g_file_test(newdir, G_FILE_TEST_IS_DIR) || !g_file_test(curdir, G_FILE_TEST_IS_DIR)) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    _("%s: a folder must be a Maildir (with cur/ or new/)"), maildir);
        g_free(newdir);
        g_free(curdir);
        return false;
    }
    const char *subs[] = {"", "reports", "replies"};
    for (size_t i = 0; i < G_N_ELEMENTS(subs); i++) {
        char *d = g_build_filename(out, subs[i], NULL);
        if (g_mkdir_with_parents(d, 0755) != 0) {
            g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "%s: %s", d,
                        g_strerror(errno));
            g_free(d);
            g_free(newdir);
            g_free(curdir);
            return false;
        }
        g_free(d);
    }
    watch w = {.maildir = maildir, .state = state, .out = out, .o = o, .cfg = cfg};
    w.done = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    w.held = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    o->on_submission = on_submission;
    if (o->window_s <= 0) o->window_s = 72 * 3600;
    load_state(&w);
    /* The monitor first, then the scan of what is there: a mail arriving in
     * between is seen by one or the other. */
    GFileMonitor *mon = NULL;
    if (!once) {
        GFile *dir = g_file_new_for_path(newdir);
        mon = g_file_monitor_directory(dir, G_FILE_MONITOR_WATCH_MOVES, NULL, error);
        g_object_unref(dir);
        if (!mon) w.failed = true;
    }
    if (!w.failed) scan(&w); /* what arrived while nobody watched */
    if (mon) {
        w.loop = g_main_loop_new(NULL, FALSE);
        g_signal_connect(mon, "changed", G_CALLBACK(changed_cb), &w);
        guint tick = g_timeout_add_seconds((guint)MIN(60, MAX(1, o->window_s)), tick_cb, &w);
        guint s1 = g_unix_signal_add(SIGTERM, quit_cb, &w);
        guint s2 = g_unix_signal_add(SIGINT, quit_cb, &w);
        g_main_loop_run(w.loop);
        g_source_remove(tick);
        g_source_remove(s1);
        g_source_remove(s2);
        if (w.scan_source) g_source_remove(w.scan_source);
        g_main_loop_unref(w.loop);
        g_object_unref(mon);
    }
    if (w.buf) fclose(w.buf);
    free(w.bufdata);
    g_hash_table_destroy(w.done);
    g_hash_table_destroy(w.held);
    g_free(newdir);
    g_free(curdir);
    return !w.failed;
}
