/* Sizes and durations as the command line writes them. */
#include <string.h>
#include "serve/serve.h"

bool nohin_serve_parse_size(const char *s, guint64 *out)
{
    char *end = NULL;
    if (!s || !g_ascii_isdigit(*s)) return false;
    guint64 v = g_ascii_strtoull(s, &end, 10);
    guint64 mul = 1;
    if (*end == 'K' || *end == 'k')
        mul = 1024;
    else if (*end == 'M' || *end == 'm')
        mul = 1024 * 1024;
    else if (*end == 'G' || *end == 'g')
        mul = 1024ull * 1024 * 1024;
    else if (*end)
        return false;
    if (*end && end[1]) return false;
    if (v == 0 || v > G_MAXUINT64 / mul) return false;
    *out = v * mul;
    return true;
}

bool nohin_serve_parse_duration(const char *s, gint64 *out)
{
    char *end = NULL;
    if (!s || !g_ascii_isdigit(*s)) return false;
    guint64 v = g_ascii_strtoull(s, &end, 10);
    gint64 mul = 1;
    if (*end == 'm')
        mul = 60;
    else if (*end == 'h')
        mul = 3600;
    else if (*end == 'd')
        mul = 86400;
    else if (*end && strcmp(end, "s"))
        return false;
    if (*end && end[1]) return false;
    if (v == 0 || v > (guint64)(G_MAXINT64 / mul / G_USEC_PER_SEC)) return false;
    *out = (gint64)v * mul;
    return true;
}
