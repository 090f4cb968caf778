/* Masking for anything that may be personal (authors, names, values):
 * the fix list must never become a leak. */
#include "nohin_internal.h"

char *nohin_mask(const char *s)
{
    if (!s) return g_strdup("");
    glong n = g_utf8_strlen(s, -1);
    if (n <= 0) return g_strdup("");
    if (n == 1) return g_strdup("*");
    GString *o = g_string_new(NULL);
    const char *p = s;
    /* Keep the first character (and the last one of long values) so a person can
     * find the value in their document, but nobody else can read it. */
    for (glong i = 0; i < n; i++, p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        bool keep =
            i == 0 || (n >= 6 && i == n - 1) || g_unichar_isspace(c) || c == '@' || c == '-';
        if (keep)
            g_string_append_unichar(o, c);
        else
            g_string_append_c(o, '*');
    }
    return g_string_free(o, FALSE);
}
