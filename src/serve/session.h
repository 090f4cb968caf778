/* Sessions (a cookie), authentication (bearer token or login form) and CSRF tokens. */
#ifndef NOHIN_SERVE_SESSION_H
#define NOHIN_SERVE_SESSION_H

#include <libsoup/soup.h>
#include "nohin_internal.h"

typedef struct {
    char *id;   /* cookie value, 128-bit random */
    char *csrf; /* sent back in X-CSRF-Token (API) or a form field (login) */
    bool authed;
    gint64 seen;
} nohin_session;

#define NOHIN_SESSION_COOKIE "nohin_session"

void nohin_sessions_init(const char *token, gint64 keep_s);
void nohin_sessions_shutdown(void);
void nohin_sessions_expire(void);
bool nohin_sessions_token_required(void);
/* The request's session, or a new one (then its cookie is set on the response).
 * NULL when the table is full. */
nohin_session *nohin_session_for(SoupServerMessage *msg);
/* True when no token is configured, the request has "Authorization: Bearer
 * TOKEN", or the session logged in. */
bool nohin_session_authorized(SoupServerMessage *msg, const nohin_session *s);
/* A state-changing request: bearer-authenticated, or X-CSRF-Token equal to the session's. */
bool nohin_session_csrf_ok(SoupServerMessage *msg, const nohin_session *s);
/* Checks the token from the login form; on success the session is replaced by
 * a new authenticated one (new id: no session fixation) and its cookie set. */
nohin_session *nohin_session_login(SoupServerMessage *msg, nohin_session *s, const char *token,
                                   const char *csrf);

#endif
