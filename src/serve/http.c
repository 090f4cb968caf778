/* HTTP routes of `nohin serve`. Uploads are written to disk chunk by chunk
 * (the request body is never accumulated); every other request body is small. */
#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <signal.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "serve/ids.h"
#include "serve/jobs.h"
#include "serve/page.h"
#include "serve/serve.h"
#include "serve/session.h"
#include "readers/zip_safe.h"

#define MAX_SMALL_BODY (64 * 1024)
#define MAX_JOBS_ALIVE 2000
#define MAX_FILES_PER_JOB 10000

static const nohin_serve_options *O;

/* Per-request state, attached to the message. */
typedef struct {
    const char *route; /* for the log: never the path (it may hold file names) */
    nohin_session *session;
    nohin_job *job;  /* an upload's job */
    int fd;          /* upload file, -1 when none */
    char *file;      /* its path */
    bool too_big;    /* the upload passed --max-upload */
    bool new_job;    /* POST /api/jobs made the job (delete it on failure) */
    guint64 written; /* bytes of this request's body */
} req;

static void req_free(req *r)
{
    if (r->fd >= 0) close(r->fd);
    g_free(r->file);
    g_free(r);
}

static void log_request(SoupServerMessage *msg, const req *r)
{
    GDateTime *now = g_date_time_new_now_utc();
    char *ts = g_date_time_format(now, "%Y-%m-%dT%H:%M:%SZ");
    fprintf(stderr, "%s %s %s %u\n", ts, soup_server_message_get_method(msg),
            r && r->route ? r->route : "-", soup_server_message_get_status(msg));
    g_free(ts);
    g_date_time_unref(now);
}

static void common_headers(SoupServerMessage *msg)
{
    SoupMessageHeaders *h = soup_server_message_get_response_headers(msg);
    soup_message_headers_replace(h, "Cache-Control", "no-store");
    soup_message_headers_replace(h, "X-Content-Type-Options", "nosniff");
    soup_message_headers_replace(h, "Referrer-Policy", "no-referrer");
    if (!soup_message_headers_get_one(h, "X-Frame-Options"))
        soup_message_headers_replace(h, "X-Frame-Options", "DENY");
}

static void reply(SoupServerMessage *msg, guint status, const char *type, const char *body,
                  gssize len)
{
    common_headers(msg);
    if (body) {
        soup_server_message_set_response(msg, type, SOUP_MEMORY_COPY, body,
                                         len < 0 ? strlen(body) : (gsize)len);
    }
    soup_server_message_set_status(msg, status, NULL);
}

static void reply_error(SoupServerMessage *msg, guint status, const char *why)
{
    GString *o = g_string_new("{\"error\":");
    nohin_json_string(o, why);
    g_string_append(o, "}\n");
    if (status == SOUP_STATUS_UNAUTHORIZED)
        soup_message_headers_replace(soup_server_message_get_response_headers(msg),
                                     "WWW-Authenticate", "Bearer realm=\"nohin\"");
    if (status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
        soup_message_headers_replace(soup_server_message_get_response_headers(msg), "Connection",
                                     "close");
    reply(msg, status, "application/json", o->str, o->len);
    g_string_free(o, TRUE);
}

static void reply_job(SoupServerMessage *msg, guint status, const nohin_job *job)
{
    char *j = nohin_job_json(job);
    GString *o = g_string_new(j);
    g_string_append_c(o, '\n');
    reply(msg, status, "application/json", o->str, o->len);
    g_string_free(o, TRUE);
    g_free(j);
}

/* An early refusal of a request with a large body: libsoup would read the whole
 * body before answering (it skips it only for "Expect: 100-continue"), so the
 * connection is taken over, the answer written, our side shut, and what the client
 * still sends is read and dropped for a few seconds ("lingering close", as other
 * servers do) so that it gets to read the answer instead of a reset. */
#define LINGER_S 10
#define MAX_LINGERING 64

typedef struct {
    GIOStream *io;
    gint64 deadline;
    char buf[16384];
} linger;

static int lingering;

static void linger_end(linger *l)
{
    g_io_stream_close(l->io, NULL, NULL);
    g_object_unref(l->io);
    g_free(l);
    lingering--;
}

static void linger_read(GObject *src, GAsyncResult *res, gpointer data)
{
    linger *l = data;
    GError *e = NULL;
    gssize n = g_input_stream_read_finish(G_INPUT_STREAM(src), res, &e);
    g_clear_error(&e);
    if (n <= 0 || g_get_monotonic_time() > l->deadline) {
        linger_end(l);
        return;
    }
    g_input_stream_read_async(G_INPUT_STREAM(src), l->buf, sizeof l->buf, G_PRIORITY_LOW, NULL,
                              linger_read, l);
}

static void refuse_now(SoupServerMessage *msg, req *r, guint status, const char *why)
{
    soup_server_message_set_status(msg, status, NULL);
    log_request(msg, r);
    GSocket *sock = soup_server_message_get_socket(msg); /* the stolen stream wraps it */
    if (sock) g_object_ref(sock);
    GIOStream *io = soup_server_message_steal_connection(msg);
    if (!io) {
        if (sock) g_object_unref(sock);
        return;
    }
    GString *body = g_string_new("{\"error\":");
    nohin_json_string(body, why);
    g_string_append(body, "}\n");
    char *head = g_strdup_printf(
        "HTTP/1.1 %u %s\r\nContent-Type: application/json\r\n"
        "Content-Length: %zu\r\nConnection: close\r\n"
        "Cache-Control: no-store\r\n%s\r\n",
        status, soup_status_get_phrase(status), body->len,
        status == SOUP_STATUS_UNAUTHORIZED ? "WWW-Authenticate: Bearer realm=\"nohin\"\r\n" : "");
    GOutputStream *out = g_io_stream_get_output_stream(io);
    g_output_stream_write_all(out, head, strlen(head), NULL, NULL, NULL);
    g_output_stream_write_all(out, body->str, body->len, NULL, NULL, NULL);
    g_free(head);
    g_string_free(body, TRUE);
    g_output_stream_flush(out, NULL, NULL);
    bool shut = sock && g_socket_shutdown(sock, FALSE, TRUE, NULL);
    if (sock) g_object_unref(sock);
    if (!shut || lingering >= MAX_LINGERING) {
        g_io_stream_close(io, NULL, NULL);
        g_object_unref(io);
        return;
    }
    linger *l = g_new0(linger, 1);
    l->io = io;
    l->deadline = g_get_monotonic_time() + LINGER_S * G_USEC_PER_SEC;
    lingering++;
    g_input_stream_read_async(g_io_stream_get_input_stream(io), l->buf, sizeof l->buf,
                              G_PRIORITY_LOW, NULL, linger_read, l);
}

/* Refuses before the body: at once when a body is coming, else a normal answer. */
static void refuse(SoupServerMessage *msg, req *r, guint status, const char *why, bool has_body)
{
    if (has_body)
        refuse_now(msg, r, status, why);
    else
        reply_error(msg, status, why);
}

static const char *lang_of(SoupServerMessage *msg, GHashTable *query)
{
    const char *q = query ? g_hash_table_lookup(query, "lang") : NULL;
    if (q) return !strcmp(q, "en") ? "en" : "ja";
    const char *al = soup_message_headers_get_list(soup_server_message_get_request_headers(msg),
                                                   "Accept-Language");
    if (!al) return "ja";
    GSList *langs = soup_header_parse_quality_list(al, NULL);
    const char *first = langs ? langs->data : "";
    const char *r = g_ascii_strncasecmp(first, "en", 2) == 0 ? "en" : "ja";
    soup_header_free_list(langs);
    return r;
}

/* "/api/jobs/<id>[/rest]" → id (in buf) and rest; false when the path is not that. */
static bool split_job_path(const char *path, char id[33], const char **rest)
{
    const char *p = "/api/jobs/";
    if (!g_str_has_prefix(path, p)) return false;
    const char *s = path + strlen(p);
    const char *slash = strchr(s, '/');
    size_t n = slash ? (size_t)(slash - s) : strlen(s);
    if (n != 32) return false;
    memcpy(id, s, 32);
    id[32] = 0;
    *rest = slash ? slash : "";
    return nohin_serve_id_valid(id);
}

static void got_chunk(SoupServerMessage *msg, GBytes *chunk, gpointer data)
{
    req *r = data;
    gsize n = 0;
    const char *p = g_bytes_get_data(chunk, &n);
    r->written += n;
    if (r->job) r->job->bytes += n;
    if (r->too_big || r->fd < 0) return;
    if (r->job && r->job->bytes > O->max_upload) {
        r->too_big = true;
        close(r->fd);
        r->fd = -1;
        if (r->new_job) {
            nohin_job_delete(r->job);
        } else {
            unlink(r->file);
            r->job->bytes -= r->written;
        }
        r->job = NULL;
        refuse_now(msg, r, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "upload larger than --max-upload");
        return;
    }
    while (n > 0) {
        ssize_t w = write(r->fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            close(r->fd);
            r->fd = -1;
            return;
        }
        p += w;
        n -= (size_t)w;
    }
}

static int open_new_file(const char *path)
{
    return open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
}

static const char *query_get(SoupServerMessage *msg, const char *key, char **owned)
{
    const char *q = g_uri_get_query(soup_server_message_get_uri(msg));
    *owned = NULL;
    if (!q) return NULL;
    GHashTable *h = g_uri_parse_params(q, -1, "&", G_URI_PARAMS_NONE, NULL);
    if (!h) return NULL;
    const char *v = g_hash_table_lookup(h, key);
    *owned = v ? g_strdup(v) : NULL;
    g_hash_table_destroy(h);
    return *owned;
}

/* Before the body is read: authentication, limits, and where an upload goes. */
static void early_handler(SoupServer *server, SoupServerMessage *msg, const char *path,
                          GHashTable *query, gpointer data)
{
    (void)server, (void)query, (void)data;
    req *r = g_new0(req, 1);
    r->fd = -1;
    g_object_set_data_full(G_OBJECT(msg), "nohin-req", r, (GDestroyNotify)req_free);
    SoupMessageHeaders *h = soup_server_message_get_request_headers(msg);
    const char *method = soup_server_message_get_method(msg);
    SoupEncoding enc = soup_message_headers_get_encoding(h);
    goffset clen =
        enc == SOUP_ENCODING_CONTENT_LENGTH ? soup_message_headers_get_content_length(h) : 0;
    /* a small body is read and dropped; a large one is not waited for */
    bool has_body = enc == SOUP_ENCODING_CHUNKED || clen > MAX_SMALL_BODY;
    char id[33];
    const char *rest = NULL;
    bool post_jobs = !strcmp(method, "POST") && !strcmp(path, "/api/jobs");
    bool put_file = !strcmp(method, "PUT") && split_job_path(path, id, &rest) &&
                    g_str_has_prefix(rest, "/files/");
    /* only the login form's small body is kept in memory; uploads go to disk */
    if (strcmp(path, "/login"))
        soup_message_body_set_accumulate(soup_server_message_get_request_body(msg), FALSE);
    if (!post_jobs && !put_file) {
        /* small requests only; a streamed body of unknown size is refused */
        if (enc == SOUP_ENCODING_CHUNKED || clen > MAX_SMALL_BODY) {
            r->route = "(too large)";
            refuse_now(msg, r, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "request too large");
        }
        return;
    }
    r->route = post_jobs ? "/api/jobs" : "/api/jobs/ID/files/…";
    r->session = nohin_session_for(msg);
    if (!r->session) {
        refuse(msg, r, SOUP_STATUS_SERVICE_UNAVAILABLE, "too many sessions", has_body);
        return;
    }
    if (!nohin_session_authorized(msg, r->session)) {
        refuse(msg, r, SOUP_STATUS_UNAUTHORIZED, "authentication required", has_body);
        return;
    }
    if (!nohin_session_csrf_ok(msg, r->session)) {
        refuse(msg, r, SOUP_STATUS_FORBIDDEN, "missing or wrong X-CSRF-Token", has_body);
        return;
    }
    if ((guint64)clen > O->max_upload) {
        refuse(msg, r, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "upload larger than --max-upload",
               has_body);
        return;
    }
    char *own = NULL;
    if (post_jobs) {
        const char *profile = query_get(msg, "profile", &own);
        if (profile && strcmp(profile, "public") && strcmp(profile, "internal")) {
            g_free(own);
            refuse(msg, r, SOUP_STATUS_BAD_REQUEST, "profile must be public or internal", has_body);
            return;
        }
        char *p2 = g_strdup(profile ? profile : "public");
        g_free(own);
        const char *upload = query_get(msg, "upload", &own);
        bool files = upload && !strcmp(upload, "files");
        g_free(own);
        const char *lang = lang_of(msg, NULL);
        const char *ql = query_get(msg, "lang", &own);
        if (ql) lang = !strcmp(ql, "en") ? "en" : "ja";
        g_free(own);
        if (nohin_jobs_count() >= MAX_JOBS_ALIVE) {
            g_free(p2);
            refuse(msg, r, SOUP_STATUS_SERVICE_UNAVAILABLE, "too many jobs; try again later",
                   has_body);
            return;
        }
        r->job = nohin_job_new(r->session->id, p2, lang, !files);
        g_free(p2);
        if (!r->job) {
            refuse(msg, r, SOUP_STATUS_INTERNAL_SERVER_ERROR, "cannot create the job folder",
                   has_body);
            return;
        }
        r->new_job = true;
        if (files) {
            if (clen > 0)
                refuse(msg, r, SOUP_STATUS_BAD_REQUEST, "upload=files takes no body", has_body);
            return;
        }
        r->file = g_build_filename(r->job->dir, "in", "bundle.zip", NULL);
    } else {
        r->job = nohin_job_find(id, r->session->id);
        if (!r->job) {
            refuse(msg, r, SOUP_STATUS_NOT_FOUND, "no such job", has_body);
            return;
        }
        if (r->job->state != JOB_UPLOADING || r->job->is_zip) {
            r->job = NULL;
            refuse(msg, r, SOUP_STATUS_CONFLICT, "the job takes no more files", has_body);
            return;
        }
        if (r->job->files >= MAX_FILES_PER_JOB || r->job->bytes + (guint64)clen > O->max_upload) {
            r->job = NULL;
            refuse(msg, r, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too many files or bytes",
                   has_body);
            return;
        }
        char *dec = g_uri_unescape_string(rest + strlen("/files/"), NULL);
        char *rel = nohin_serve_safe_relpath(dec);
        g_free(dec);
        if (!rel) {
            r->job = NULL;
            refuse(msg, r, SOUP_STATUS_BAD_REQUEST, "unsafe file path", has_body);
            return;
        }
        char *bundle = g_build_filename(r->job->dir, "in", "bundle", NULL);
        r->file = g_build_filename(bundle, rel, NULL);
        char *parent = g_path_get_dirname(r->file);
        g_mkdir_with_parents(parent, 0700);
        g_free(parent);
        g_free(bundle);
        g_free(rel);
    }
    r->fd = open_new_file(r->file);
    if (r->fd < 0) {
        bool exists = errno == EEXIST;
        if (r->new_job) nohin_job_delete(r->job);
        r->job = NULL;
        refuse(msg, r, exists ? SOUP_STATUS_CONFLICT : SOUP_STATUS_INTERNAL_SERVER_ERROR,
               exists ? "file uploaded twice" : "cannot store the upload", has_body);
        return;
    }
    soup_message_body_set_accumulate(soup_server_message_get_request_body(msg), FALSE);
    g_signal_connect(msg, "got-chunk", G_CALLBACK(got_chunk), r);
}

/* A zip whose names could leave the folder is refused before any child reads it. */
static bool zip_names_safe(const char *path)
{
    GError *err = NULL;
    nohin_zip *z = nohin_zip_open(path, &err);
    if (!z) {
        g_clear_error(&err); /* not a zip, damaged, …: lint reports it */
        return true;
    }
    bool ok = true;
    for (gint64 i = 0, n = nohin_zip_count(z); i < n && ok; i++) {
        const char *name = nohin_zip_name(z, i);
        ok = name && !nohin_zip_name_unsafe(name);
    }
    nohin_zip_close(z);
    return ok;
}

static void finish_upload(SoupServerMessage *msg, req *r, bool post_jobs)
{
    nohin_job *job = r->job;
    if (r->too_big) {
        if (r->new_job)
            nohin_job_delete(job);
        else if (job)
            unlink(r->file);
        reply_error(msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "upload larger than --max-upload");
        return;
    }
    if (r->fd < 0 && r->file) {
        if (r->new_job) nohin_job_delete(job);
        reply_error(msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "cannot store the upload");
        return;
    }
    if (r->fd >= 0) {
        bool ok = fsync(r->fd) == 0 || errno == EINVAL;
        ok = close(r->fd) == 0 && ok;
        r->fd = -1;
        if (!ok) {
            if (r->new_job) nohin_job_delete(job);
            reply_error(msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "cannot store the upload");
            return;
        }
    }
    if (!post_jobs) {
        job->files++;
        reply_job(msg, SOUP_STATUS_CREATED, job);
        return;
    }
    if (!job->is_zip) { /* upload=files: the files follow */
        reply_job(msg, SOUP_STATUS_CREATED, job);
        return;
    }
    if (r->written == 0) {
        nohin_job_delete(job);
        reply_error(msg, SOUP_STATUS_BAD_REQUEST, "empty upload");
        return;
    }
    if (!zip_names_safe(r->file)) {
        nohin_job_delete(job);
        reply_error(msg, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                    "the zip holds names that leave its folder (.., absolute paths)");
        return;
    }
    nohin_job_start(job);
    reply_job(msg, SOUP_STATUS_ACCEPTED, job);
}

static void serve_file(SoupServerMessage *msg, const char *path, const char *type,
                       const char *download)
{
    GError *err = NULL;
    GMappedFile *mf = g_mapped_file_new(path, FALSE, &err);
    if (!mf) {
        g_clear_error(&err);
        reply_error(msg, SOUP_STATUS_NOT_FOUND, "not available");
        return;
    }
    GBytes *b = g_mapped_file_get_bytes(mf);
    g_mapped_file_unref(mf);
    SoupMessageHeaders *h = soup_server_message_get_response_headers(msg);
    soup_message_headers_set_content_type(h, type, NULL);
    if (download) {
        char *cd = g_strdup_printf("attachment; filename=\"%s\"", download);
        soup_message_headers_replace(h, "Content-Disposition", cd);
        g_free(cd);
    }
    soup_message_body_append_bytes(soup_server_message_get_response_body(msg), b);
    g_bytes_unref(b);
    common_headers(msg);
    soup_server_message_set_status(msg, SOUP_STATUS_OK, NULL);
}

static void job_routes(SoupServerMessage *msg, req *r, const char *method, const char *id,
                       const char *rest)
{
    nohin_job *job = nohin_job_find(id, r->session->id);
    if (!job) {
        reply_error(msg, SOUP_STATUS_NOT_FOUND, "no such job");
        return;
    }
    if (!*rest) {
        r->route = "/api/jobs/ID";
        if (!strcmp(method, "GET"))
            reply_job(msg, SOUP_STATUS_OK, job);
        else if (!strcmp(method, "DELETE")) {
            if (!nohin_session_csrf_ok(msg, r->session)) {
                reply_error(msg, SOUP_STATUS_FORBIDDEN, "missing or wrong X-CSRF-Token");
                return;
            }
            nohin_job_delete(job);
            reply(msg, SOUP_STATUS_NO_CONTENT, NULL, NULL, 0);
        } else
            reply_error(msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method not allowed");
        return;
    }
    if (!strcmp(rest, "/start")) {
        r->route = "/api/jobs/ID/start";
        if (strcmp(method, "POST")) {
            reply_error(msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method not allowed");
        } else if (!nohin_session_csrf_ok(msg, r->session)) {
            reply_error(msg, SOUP_STATUS_FORBIDDEN, "missing or wrong X-CSRF-Token");
        } else if (job->state != JOB_UPLOADING || job->files == 0) {
            reply_error(msg, SOUP_STATUS_CONFLICT, "nothing to start");
        } else {
            nohin_job_start(job);
            reply_job(msg, SOUP_STATUS_ACCEPTED, job);
        }
        return;
    }
    static const struct {
        const char *rest, *file, *type, *download;
        bool needs_clean;
    } files[] = {
        {"/report.html", "report.html", "text/html; charset=utf-8", NULL, false},
        {"/report.json", "report.json", "application/json", "nohin-report.json", false},
        {"/report.sarif", "report.sarif", "application/sarif+json", "nohin-report.sarif", false},
        {"/report.txt", "report.txt", "text/plain; charset=utf-8", "nohin-fixlist.txt", false},
        {"/clean.zip", "clean.zip", "application/zip", "koukaiyou.zip", true},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
        if (strcmp(rest, files[i].rest)) continue;
        r->route = files[i].rest;
        if (strcmp(method, "GET")) {
            reply_error(msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method not allowed");
            return;
        }
        bool ready = files[i].needs_clean ? job->clean_ok : job->reported != 0;
        if (!ready) {
            reply_error(msg, SOUP_STATUS_CONFLICT, "not ready");
            return;
        }
        if (!files[i].download) { /* the report: its own strict policy; framed by our page */
            SoupMessageHeaders *h = soup_server_message_get_response_headers(msg);
            soup_message_headers_replace(
                h, "Content-Security-Policy",
                "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
                "script-src 'unsafe-inline'; form-action 'none'; base-uri 'none'; "
                "frame-ancestors 'self'");
            soup_message_headers_replace(h, "X-Frame-Options", "SAMEORIGIN");
        }
        char *p = g_build_filename(job->dir, "out", files[i].file, NULL);
        serve_file(msg, p, files[i].type, files[i].download);
        g_free(p);
        return;
    }
    reply_error(msg, SOUP_STATUS_NOT_FOUND, "not found");
}

static void serve_page(SoupServerMessage *msg, req *r, GHashTable *query)
{
    const char *lang = lang_of(msg, query);
    size_t len = 0;
    char *html = nohin_session_authorized(msg, r->session)
                     ? nohin_serve_page(lang, r->session->csrf, O->max_upload, &len)
                     : nohin_serve_login_page(lang, r->session->csrf, false, &len);
    soup_message_headers_replace(soup_server_message_get_response_headers(msg),
                                 "Content-Security-Policy", NOHIN_SERVE_PAGE_CSP);
    reply(msg, SOUP_STATUS_OK, "text/html; charset=utf-8", html, len);
    g_free(html);
}

static void login(SoupServerMessage *msg, req *r)
{
    SoupMessageBody *body = soup_server_message_get_request_body(msg);
    GBytes *b = soup_message_body_flatten(body);
    gsize n = 0;
    const char *data = g_bytes_get_data(b, &n);
    char *text = g_strndup(data, n);
    g_bytes_unref(b);
    GHashTable *form = soup_form_decode(text);
    g_free(text);
    nohin_session *s = nohin_session_login(msg, r->session, g_hash_table_lookup(form, "token"),
                                           g_hash_table_lookup(form, "csrf"));
    const char *lang = g_hash_table_lookup(form, "lang");
    lang = lang && !strcmp(lang, "en") ? "en" : "ja";
    if (!s) {
        size_t len = 0;
        char *html = nohin_serve_login_page(lang, r->session->csrf, true, &len);
        soup_message_headers_replace(soup_server_message_get_response_headers(msg),
                                     "Content-Security-Policy", NOHIN_SERVE_PAGE_CSP);
        reply(msg, SOUP_STATUS_UNAUTHORIZED, "text/html; charset=utf-8", html, len);
        g_free(html);
    } else {
        soup_message_headers_replace(soup_server_message_get_response_headers(msg), "Location",
                                     !strcmp(lang, "en") ? "/?lang=en" : "/");
        reply(msg, SOUP_STATUS_SEE_OTHER, NULL, NULL, 0);
    }
    g_hash_table_destroy(form);
}

static void handler(SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
                    gpointer data)
{
    (void)server, (void)data;
    req *r = g_object_get_data(G_OBJECT(msg), "nohin-req");
    if (soup_server_message_get_status(msg) != 0 || !r) return; /* answered early */
    const char *method = soup_server_message_get_method(msg);
    bool post_jobs = !strcmp(method, "POST") && !strcmp(path, "/api/jobs");
    if (r->job || (post_jobs && r->session)) {
        finish_upload(msg, r, post_jobs);
        return;
    }
    if (!r->session) r->session = nohin_session_for(msg);
    if (!r->session) {
        reply_error(msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "too many sessions");
        return;
    }
    if (!strcmp(path, "/")) {
        r->route = "/";
        if (strcmp(method, "GET") && strcmp(method, "HEAD"))
            reply_error(msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method not allowed");
        else
            serve_page(msg, r, query);
        return;
    }
    if (!strcmp(path, "/login")) {
        r->route = "/login";
        if (strcmp(method, "POST"))
            reply_error(msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "POST only");
        else if (!nohin_sessions_token_required())
            reply_error(msg, SOUP_STATUS_NOT_FOUND, "no login");
        else
            login(msg, r);
        return;
    }
    if (!g_str_has_prefix(path, "/api/")) {
        r->route = "(other)";
        reply_error(msg, SOUP_STATUS_NOT_FOUND, "not found"); /* no listing, no files */
        return;
    }
    if (!nohin_session_authorized(msg, r->session)) {
        r->route = "/api/…";
        reply_error(msg, SOUP_STATUS_UNAUTHORIZED, "authentication required");
        return;
    }
    if (!strcmp(path, "/api/session")) {
        r->route = "/api/session";
        GString *o = g_string_new("{\"csrf\":");
        nohin_json_string(o, r->session->csrf);
        g_string_append(o, "}\n");
        reply(msg, SOUP_STATUS_OK, "application/json", o->str, o->len);
        g_string_free(o, TRUE);
        return;
    }
    char id[33];
    const char *rest = NULL;
    r->route = "/api/…";
    if (!split_job_path(path, id, &rest)) {
        reply_error(msg, SOUP_STATUS_NOT_FOUND, "not found");
        return;
    }
    job_routes(msg, r, method, id, rest);
}

static void request_finished(SoupServer *server, SoupServerMessage *msg, gpointer data)
{
    (void)server, (void)data;
    log_request(msg, g_object_get_data(G_OBJECT(msg), "nohin-req"));
}

/* The client went away mid-upload: drop what it half sent. */
static void request_aborted(SoupServer *server, SoupServerMessage *msg, gpointer data)
{
    req *r = g_object_get_data(G_OBJECT(msg), "nohin-req");
    if (r && r->job && r->job->state == JOB_UPLOADING) {
        if (r->fd >= 0) close(r->fd);
        r->fd = -1;
        if (r->new_job) {
            nohin_job_delete(r->job);
        } else if (r->file) {
            unlink(r->file);
            r->job->bytes -= r->written;
        }
        r->job = NULL;
    }
    request_finished(server, msg, data);
}

static gboolean on_signal(gpointer loop)
{
    g_main_loop_quit(loop);
    return G_SOURCE_REMOVE;
}

static gboolean on_timer(gpointer data)
{
    (void)data;
    nohin_jobs_expire();
    nohin_sessions_expire();
    return G_SOURCE_CONTINUE;
}

static GSocketAddress *parse_listen(const char *s, GError **error)
{
    const char *colon = strrchr(s, ':');
    if (!colon) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "HOST:PORT expected");
        return NULL;
    }
    char *host = g_strndup(s, colon - s);
    if (host[0] == '[' && host[strlen(host) - 1] == ']') {
        memmove(host, host + 1, strlen(host));
        host[strlen(host) - 1] = 0;
    }
    if (!strcmp(host, "localhost")) {
        g_free(host);
        host = g_strdup("127.0.0.1");
    }
    char *end = NULL;
    guint64 port = g_ascii_strtoull(colon + 1, &end, 10);
    GInetAddress *a = g_inet_address_new_from_string(host);
    g_free(host);
    if (!a || !end || *end || colon[1] == 0 || port > 65535) {
        if (a) g_object_unref(a);
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                    "HOST must be an IP address (or localhost), PORT a number");
        return NULL;
    }
    GSocketAddress *sa = g_inet_socket_address_new(a, (guint16)port);
    g_object_unref(a);
    return sa;
}

int nohin_serve_run(const nohin_serve_options *o)
{
    O = o;
    GError *err = NULL;
    GSocketAddress *sa = parse_listen(o->listen, &err);
    if (!sa) {
        fprintf(stderr, "nohin: --listen %s: %s\n", o->listen, err->message);
        g_error_free(err);
        return 2;
    }
    GInetAddress *ia = g_inet_socket_address_get_address(G_INET_SOCKET_ADDRESS(sa));
    if (!g_inet_address_get_is_loopback(ia) && !o->token) {
        fprintf(stderr, "%s\n", _("nohin: listening on a non-loopback address needs --token-file"));
        g_object_unref(sa);
        return 2;
    }
    if (g_mkdir_with_parents(o->data_dir, 0700) != 0) {
        fprintf(stderr, "nohin: %s: %s\n", o->data_dir, g_strerror(errno));
        g_object_unref(sa);
        return 2;
    }
    nohin_jobs_init(o->data_dir, o->self_exe, o->max_jobs, o->keep_s);
    nohin_jobs_wipe_stale(); /* a killed server's folders */
    nohin_sessions_init(o->token, o->keep_s);
    SoupServer *server = soup_server_new("server-header", "nohin", NULL);
    soup_server_add_early_handler(server, NULL, early_handler, NULL, NULL);
    soup_server_add_handler(server, NULL, handler, NULL, NULL);
    g_signal_connect(server, "request-finished", G_CALLBACK(request_finished), NULL);
    g_signal_connect(server, "request-aborted", G_CALLBACK(request_aborted), NULL);
    int rc = 0;
    if (!soup_server_listen(server, sa, 0, &err)) {
        fprintf(stderr, "nohin: --listen %s: %s\n", o->listen, err->message);
        g_error_free(err);
        rc = 2;
    } else {
        GSList *uris = soup_server_get_uris(server);
        for (GSList *u = uris; u; u = u->next) {
            char *s = g_uri_to_string(u->data);
            printf(_("nohin serve: listening on %s"), s);
            putchar('\n');
            g_free(s);
        }
        g_slist_free_full(uris, (GDestroyNotify)g_uri_unref);
        fflush(stdout);
        GMainLoop *loop = g_main_loop_new(NULL, FALSE);
        g_unix_signal_add(SIGINT, on_signal, loop);
        g_unix_signal_add(SIGTERM, on_signal, loop);
        g_timeout_add_seconds((guint)CLAMP(o->keep_s / 2, 1, 30), on_timer, NULL);
        g_main_loop_run(loop);
        g_main_loop_unref(loop);
    }
    soup_server_disconnect(server);
    g_object_unref(server);
    nohin_jobs_shutdown(); /* kills children, removes job folders */
    nohin_sessions_shutdown();
    g_object_unref(sa);
    return rc;
}
