/* Print headers and footers: what they print, and the one decision lint
 * (XLSX-HEADER-FOOTER) and clean (which removes them) both take. */
#include <string.h>
#include "ooxml/ooxml.h"

bool nohin_ooxml_is_headerfooter(const char *local)
{
    static const char *const names[] = {"oddHeader",  "oddFooter",   "evenHeader",
                                        "evenFooter", "firstHeader", "firstFooter"};
    for (size_t i = 0; local && i < G_N_ELEMENTS(names); i++)
        if (!strcmp(local, names[i])) return true;
    return false;
}

char *nohin_ooxml_headerfooter_text(const char *raw, bool *has_path, bool *has_file)
{
    GString *g = g_string_new(NULL);
    if (has_path) *has_path = false;
    if (has_file) *has_file = false;
    for (const char *p = raw ? raw : ""; *p; p++) {
        if (*p != '&') {
            g_string_append_c(g, *p);
            continue;
        }
        char c = p[1];
        if (!c) break;
        p++;
        if (c == '&') {
            g_string_append_c(g, '&');
        } else if (c == '"') { /* &"font,style" */
            const char *q = strchr(p + 1, '"');
            if (!q) break;
            p = q;
        } else if (g_ascii_isdigit(c)) { /* &12 font size */
            while (g_ascii_isdigit(p[1]))
                p++;
        } else if (c == 'K') { /* &Kcolour */
            for (int i = 0; i < 6 && p[1]; i++)
                p++;
        } else {
            if ((c == 'Z' || c == 'z') && has_path) *has_path = true;
            if ((c == 'F' || c == 'f') && has_file) *has_file = true;
            if (c == 'L' || c == 'C' || c == 'R') g_string_append_c(g, ' ');
        }
    }
    char *s = g_strdup(g_strstrip(g->str));
    g_string_free(g, TRUE);
    return s;
}

/* Page numbering ("Page &P of &N", "- &P -", "&P / &N ページ") says nothing about anyone. */
static bool only_page_words(const char *t)
{
    static const char *const words[] = {"Page", "page", "of", "ページ", "頁", "/", "-",
                                        "–",    "(",    ")",  "（",     "）", NULL};
    char *s = g_strdup(t);
    for (const char *const *w = words; *w; w++) {
        char *at;
        while ((at = strstr(s, *w)) != NULL)
            memset(at, ' ', strlen(*w));
    }
    bool only = true;
    for (const char *p = s; *p; p++)
        if (!g_ascii_isspace(*p) && !g_ascii_isdigit(*p)) only = false;
    g_free(s);
    return only;
}

bool nohin_ooxml_headerfooter_flagged(const char *raw)
{
    bool path = false, file = false;
    char *t = nohin_ooxml_headerfooter_text(raw, &path, &file);
    bool flagged = (*t && !only_page_words(t)) || path || file;
    g_free(t);
    return flagged;
}

/* Start of the next section code (&L, &C, &R) at or after p, skipping "&&"
 * and &"font" so neither is taken for one. */
static const char *next_section(const char *p)
{
    while (*p) {
        if (*p != '&') {
            p++;
        } else if (p[1] == 'L' || p[1] == 'C' || p[1] == 'R') {
            return p;
        } else if (p[1] == '"') {
            const char *q = strchr(p + 2, '"');
            p = q ? q + 1 : p + strlen(p);
        } else {
            p += p[1] ? 2 : 1;
        }
    }
    return p;
}

char *nohin_ooxml_headerfooter_keep(const char *raw)
{
    GString *keep = g_string_new(NULL);
    const char *p = raw ? raw : "";
    while (*p) {
        /* one section: its code (if any) and its text up to the next code */
        bool code = p[0] == '&' && (p[1] == 'L' || p[1] == 'C' || p[1] == 'R');
        const char *end = next_section(code ? p + 2 : p);
        char *sec = g_strndup(p, (gsize)(end - p));
        if (!nohin_ooxml_headerfooter_flagged(sec)) g_string_append(keep, sec);
        g_free(sec);
        p = end;
    }
    if (nohin_ooxml_headerfooter_flagged(keep->str)) g_string_truncate(keep, 0);
    return g_string_free(keep, FALSE);
}
