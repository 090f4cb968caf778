/* Session table. A session is a cookie (HttpOnly; SameSite=Strict) naming an
 * entry here; jobs belong to the session that made them. */
#include "serve/session.h"
#include <string.h>
#include "serve/ids.h"

#define MAX_SESSIONS 20000

static struct {
    char *token;
    gint64 keep_us;
    GHashTable *table;     /* id → nohin_session* */
    nohin_session *bearer; /* requests with the token and no cookie: one shared session */
} S;

static void session_free(nohin_session *s)
{
    g_free(s->id);
    g_free(s->csrf);
    g_free(s);
}

void nohin_sessions_init(const char *token, gint64 keep_s)
{
    S.token = token ? g_strdup(token) : NULL;
    S.keep_us = keep_s * G_USEC_PER_SEC;
    S.table = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)session_free);
}

void nohin_sessions_shutdown(void)
{
    if (S.table) g_hash_table_destroy(S.table);
    S.table = NULL;
    if (S.bearer) session_free(S.bearer);
    S.bearer = NULL;
    if (S.token) memset(S.token, 0, strlen(S.token));
    g_free(S.token);
}

bool nohin_sessions_token_required(void)
{
    return S.token != NULL;
}

void nohin_sessions_expire(void)
{
    gint64 now = g_get_monotonic_time();
    GHashTableIter it;
    gpointer v;
    g_hash_table_iter_init(&it, S.table);
    while (g_hash_table_iter_next(&it, NULL, &v))
        if (now - ((nohin_session *)v)->seen > S.keep_us) g_hash_table_iter_remove(&it);
}

static void set_cookie(SoupServerMessage *msg, const nohin_session *s)
{
    char *c = g_strdup_printf(NOHIN_SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict", s->id);
    soup_message_headers_append(soup_server_message_get_response_headers(msg), "Set-Cookie", c);
    g_free(c);
}

static nohin_session *session_new(SoupServerMessage *msg)
{
    if (g_hash_table_size(S.table) >= MAX_SESSIONS) nohin_sessions_expire();
    if (g_hash_table_size(S.table) >= MAX_SESSIONS) return NULL;
    nohin_session *s = g_new0(nohin_session, 1);
    s->id = nohin_serve_random_id();
    s->csrf = nohin_serve_random_id();
    s->seen = g_get_monotonic_time();
    g_hash_table_insert(S.table, s->id, s);
    set_cookie(msg, s);
    return s;
}

static bool bearer_ok(SoupServerMessage *msg);

nohin_session *nohin_session_for(SoupServerMessage *msg)
{
    const char *hdr =
        soup_message_headers_get_list(soup_server_message_get_request_headers(msg), "Cookie");
    nohin_session *s = NULL;
    if (hdr) {
        GHashTable *kv = soup_header_parse_semi_param_list(hdr);
        const char *id = g_hash_table_lookup(kv, NOHIN_SESSION_COOKIE);
        if (id && nohin_serve_id_valid(id)) s = g_hash_table_lookup(S.table, id);
        soup_header_free_param_list(kv);
    }
    if (!s && bearer_ok(msg)) {
        /* a script holding the token needs no cookie jar; anyone with the token may
         * see what the token made */
        if (!S.bearer) {
            S.bearer = g_new0(nohin_session, 1);
            S.bearer->id = nohin_serve_random_id();
            S.bearer->csrf = nohin_serve_random_id();
            S.bearer->authed = true;
        }
        s = S.bearer;
    }
    if (!s) return session_new(msg);
    s->seen = g_get_monotonic_time();
    return s;
}

static bool bearer_ok(SoupServerMessage *msg)
{
    if (!S.token) return false;
    const char *a =
        soup_message_headers_get_one(soup_server_message_get_request_headers(msg), "Authorization");
    if (!a || g_ascii_strncasecmp(a, "Bearer ", 7) != 0) return false;
    return nohin_serve_secret_equal(a + 7, S.token);
}

bool nohin_session_authorized(SoupServerMessage *msg, const nohin_session *s)
{
    return !S.token || bearer_ok(msg) || (s && s->authed);
}

bool nohin_session_csrf_ok(SoupServerMessage *msg, const nohin_session *s)
{
    if (bearer_ok(msg)) return true; /* a browser never adds this header by itself */
    const char *t =
        soup_message_headers_get_one(soup_server_message_get_request_headers(msg), "X-CSRF-Token");
    return s && t && nohin_serve_secret_equal(t, s->csrf);
}

nohin_session *nohin_session_login(SoupServerMessage *msg, nohin_session *s, const char *token,
                                   const char *csrf)
{
    if (!S.token || !s || !token || !csrf || !nohin_serve_secret_equal(csrf, s->csrf) ||
        !nohin_serve_secret_equal(token, S.token))
        return NULL;
    g_hash_table_remove(S.table, s->id);
    nohin_session *n = session_new(msg);
    if (n) n->authed = true;
    return n;
}
