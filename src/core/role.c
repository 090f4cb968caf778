/* Public or internal: decided by the nearest folder whose name says so. */
#include <string.h>
#include "nohin_internal.h"

static bool name_matches(const char *component, char *const *needles)
{
    for (char *const *p = needles; p && *p; p++) {
        if (!**p) continue;
        /* ASCII names match whole and case-insensitively; Japanese ones anywhere in the
         * name, so 調査報告書等一式（公表用） counts. */
        bool ascii = TRUE;
        for (const char *c = *p; *c; c++)
            if ((unsigned char)*c >= 0x80) ascii = FALSE;
        if (ascii ? g_ascii_strcasecmp(component, *p) == 0 : strstr(component, *p) != NULL)
            return true;
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
        /* Internal first: 非公表用 contains 公表用. */
        if (name_matches(comp, cfg->internal_folders))
            role = NOHIN_ROLE_INTERNAL;
        else if (name_matches(comp, cfg->public_folders))
            role = NOHIN_ROLE_PUBLIC;
    }
    g_strfreev(parts);
    return role;
}
