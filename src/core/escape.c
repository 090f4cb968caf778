/* Names from the input shown on a terminal: control characters (an ESC starts a
 * terminal escape sequence that can rewrite the screen or the title), bidi
 * overrides (they reorder what follows) and bytes that are not UTF-8 are written
 * as visible escapes instead. */
#include "nohin_internal.h"

static bool invisible(gunichar c)
{
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

char *nohin_escape_controls(const char *s)
{
    if (!s) return NULL;
    GString *out = g_string_new(NULL);
    const char *p = s;
    while (*p) {
        gunichar c = g_utf8_get_char_validated(p, -1);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            g_string_append_printf(out, "\\x%02X", (unsigned char)*p);
            p++;
            continue;
        }
        const char *next = g_utf8_next_char(p);
        if (c == '\n' || c == '\t' || c == '\r')
            g_string_append(out, c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\r");
        else if (c < 0x100 && invisible(c))
            g_string_append_printf(out, "\\x%02X", (unsigned)c);
        else if (invisible(c))
            g_string_append_printf(out, "\\u{%04X}", (unsigned)c);
        else
            g_string_append_len(out, p, next - p);
        p = next;
    }
    return g_string_free(out, FALSE);
}

/* A copy of the report whose findings show escaped names, messages and evidence;
 * files are shared with r. Free with nohin_report_escaped_free. */
nohin_report *nohin_report_escaped(const nohin_report *r)
{
    nohin_report *v = g_new0(nohin_report, 1);
    v->files = r->files;
    v->findings = g_ptr_array_new_full(r->findings->len, NULL);
    for (guint i = 0; i < r->findings->len; i++) {
        const nohin_finding *f = r->findings->pdata[i];
        nohin_finding *c = g_new(nohin_finding, 1);
        *c = *f; /* location strings shared: sheet names are XML text, no controls */
        c->file = nohin_escape_controls(f->file);
        c->message = nohin_escape_controls(f->message);
        c->evidence = nohin_escape_controls(f->evidence);
        c->fix = nohin_escape_controls(f->fix);
        g_ptr_array_add(v->findings, c);
    }
    return v;
}

void nohin_report_escaped_free(nohin_report *v)
{
    for (guint i = 0; i < v->findings->len; i++) {
        nohin_finding *c = v->findings->pdata[i];
        g_free(c->file);
        g_free(c->message);
        g_free(c->evidence);
        g_free(c->fix);
        g_free(c);
    }
    g_ptr_array_free(v->findings, TRUE);
    g_free(v);
}
