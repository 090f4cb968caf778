/* Credentials in connection strings and URLs, masked before they reach a report:
 *   "Provider=SQLOLEDB;User ID=yamada;Password=secret" -> "...;User ID=***;Password=***"
 *   URL user info and query values the same way: scheme://USER:PW@host/q?token=T
 *   becomes scheme://(three stars)@host/q?token=(three stars)
 * Keys are matched by name (ODBC/OLE DB/ADO.NET, Azure, URL query conventions). */
#include <string.h>
#include "nohin_internal.h"

static bool secret_key(const char *k, size_t n)
{
    char *key = g_ascii_strdown(k, (gssize)n);
    g_strstrip(key);
    static const char *const exact[] = {"uid",       "user",    "user id", "userid", "username",
                                        "user name", "account", "login",   "sig",    "auth",
                                        "mail",      "email",   "dbq_pwd", NULL};
    static const char *const part[] = {"pass", "pwd", "secret", "token", "key", "credential", NULL};
    bool hit = false;
    for (int i = 0; exact[i] && !hit; i++)
        hit = !strcmp(key, exact[i]);
    for (int i = 0; part[i] && !hit; i++)
        hit = strstr(key, part[i]) != NULL;
    g_free(key);
    return hit;
}

/* user[:password]@ after "scheme://" */
static const char *userinfo_end(const char *scheme_end)
{
    for (const char *p = scheme_end; *p && *p != '/' && *p != '?' && *p != '#'; p++)
        if (*p == '@') return p;
    return NULL;
}

char *nohin_mask_connection_string(const char *s)
{
    if (!s) return g_strdup("");
    GString *out = g_string_sized_new(strlen(s));
    const char *p = s;
    while (*p) {
        /* one key=value segment, up to an unquoted separator */
        const char *seg = p, *eq = NULL;
        char quote = 0;
        for (; *p; p++) {
            if (quote) {
                if (*p == quote) quote = 0;
            } else if (*p == '\'' || *p == '"') {
                if (eq) quote = *p;
            } else if (*p == ';' || *p == '&' || *p == '?' || *p == '\n') {
                break;
            } else if (*p == '=' && !eq) {
                eq = p;
            }
        }
        const char *scheme = g_strstr_len(seg, p - seg, "://");
        const char *at = scheme ? userinfo_end(scheme + 3) : NULL;
        if (eq && secret_key(seg, (size_t)(eq - seg))) {
            g_string_append_len(out, seg, eq - seg + 1);
            g_string_append(out, "***");
        } else if (at && at < p) {
            g_string_append_len(out, seg, scheme + 3 - seg);
            g_string_append(out, "***");
            g_string_append_len(out, at, p - at);
        } else
            g_string_append_len(out, seg, p - seg);
        if (*p) g_string_append_c(out, *p++);
    }
    return g_string_free(out, FALSE);
}
