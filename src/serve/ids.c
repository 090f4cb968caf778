/* Random ids from getrandom(2); relative upload paths checked part by part. */
#include "serve/ids.h"
#include <string.h>
#include <sys/random.h>

char *nohin_serve_random_id(void)
{
    guint8 b[16];
    size_t got = 0;
    while (got < sizeof b) {
        ssize_t n = getrandom(b + got, sizeof b - got, 0);
        if (n < 0) g_error("getrandom failed"); /* no weak fallback for secrets */
        got += (size_t)n;
    }
    char *s = g_malloc(33);
    for (int i = 0; i < 16; i++)
        g_snprintf(s + 2 * i, 3, "%02x", b[i]);
    return s;
}

bool nohin_serve_id_valid(const char *s)
{
    if (!s || strlen(s) != 32) return false;
    for (const char *p = s; *p; p++)
        if (!g_ascii_isdigit(*p) && !(*p >= 'a' && *p <= 'f')) return false;
    return true;
}

bool nohin_serve_secret_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    unsigned char diff = la != lb;
    for (size_t i = 0; i < la; i++)
        diff |= (unsigned char)(a[i] ^ b[i % (lb ? lb : 1)]);
    return diff == 0 && lb > 0;
}

#define MAX_DEPTH 32
#define MAX_PART 255
#define MAX_PATH_BYTES 1024

char *nohin_serve_safe_relpath(const char *decoded)
{
    if (!decoded || !*decoded || strlen(decoded) > MAX_PATH_BYTES) return NULL;
    if (!g_utf8_validate(decoded, -1, NULL)) return NULL;
    if (decoded[0] == '/' || strchr(decoded, '\\')) return NULL;
    for (const char *p = decoded; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) return NULL;
    char **parts = g_strsplit(decoded, "/", -1);
    GString *out = g_string_new(NULL);
    int depth = 0;
    bool ok = true;
    for (char **p = parts; *p && ok; p++) {
        if (!**p) { /* "a//b" or a trailing slash */
            ok = false;
            break;
        }
        if (!strcmp(*p, ".") || !strcmp(*p, "..") || strlen(*p) > MAX_PART || ++depth > MAX_DEPTH)
            ok = false;
        else {
            if (out->len) g_string_append_c(out, '/');
            g_string_append(out, *p);
        }
    }
    g_strfreev(parts);
    if (!ok) {
        g_string_free(out, TRUE);
        return NULL;
    }
    return g_string_free(out, FALSE);
}
