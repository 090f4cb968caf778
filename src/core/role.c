/* Public or internal: decided by the nearest folder whose name says so. */
#include <string.h>
#include "nohin_internal.h"

static bool is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80) return false;
    return true;
}

/* Does [at, at+len) of component overlap an occurrence of any (non-ASCII) needle? */
static bool overlaps(const char *component, size_t at, size_t len, char *const *needles)
{
    for (char *const *p = needles; p && *p; p++) {
        if (!**p || is_ascii(*p)) continue;
        size_t n = strlen(*p);
        for (const char *h = strstr(component, *p); h; h = strstr(h + 1, *p)) {
            size_t s = (size_t)(h - component);
            if (s < at + len && at < s + n) return true;
        }
    }
    return false;
}

/* ASCII names match whole and case-insensitively; Japanese ones anywhere in the name,
 * so 調査報告書等一式（公表用） counts. With avoid set, an occurrence only counts when
 * it is not part of an occurrence of one of those needles (公表用 inside 非公表用). */
static bool name_matches(const char *component, char *const *needles, char *const *avoid)
{
    for (char *const *p = needles; p && *p; p++) {
        if (!**p) continue;
        if (is_ascii(*p)) {
            if (g_ascii_strcasecmp(component, *p) == 0) return true;
            continue;
        }
        size_t n = strlen(*p);
        for (const char *h = strstr(component, *p); h; h = strstr(h + 1, *p))
            if (!avoid || !overlaps(component, (size_t)(h - component), n, avoid)) return true;
    }
    return false;
}

nohin_role nohin_role_for(const char *arg_name, const char *relpath, const nohin_config *cfg,
                          nohin_role fallback)
{
    nohin_role role = fallback;
    char **parts = g_strsplit(relpath, "/", -1);
    guint n = g_strv_length(parts);
    /* The argument folder itself, then every folder below it; the deepest wins. */
    for (guint i = 0; i <= n; i++) {
        const char *comp = i == 0 ? arg_name : parts[i - 1];
        if (i == n) break; /* the last part is the file name */
        if (!comp || !*comp) continue;
        /* A public word of its own wins (調査報告書等一式（公表用） names the public
         * package though it contains the internal package's name); a public word inside
         * an internal one does not (非公表用 contains 公表用). */
        if (name_matches(comp, cfg->public_folders, cfg->internal_folders))
            role = NOHIN_ROLE_PUBLIC;
        else if (name_matches(comp, cfg->internal_folders, NULL))
            role = NOHIN_ROLE_INTERNAL;
    }
    g_strfreev(parts);
    return role;
}
