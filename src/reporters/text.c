/* --format text: the fix list for people. Public package first, then internal, then
 * bundle-wide; each file opens with a one-line summary and lists errors, warnings,
 * info in that order. Suppressed findings are only counted (JSON/SARIF/HTML list them). */
#include <stdio.h>
#include <string.h>
#include "reporter.h"

static const char *sev_label(nohin_severity s)
{
    switch (s) {
    case NOHIN_SEV_ERROR:
        return _("error");
    case NOHIN_SEV_WARNING:
        return _("warning");
    default:
        return _("info");
    }
}

static const char *sev_color(nohin_severity s)
{
    return s == NOHIN_SEV_ERROR ? "\033[31m" : s == NOHIN_SEV_WARNING ? "\033[33m" : "\033[36m";
}

/* "公表用/report.pdf — 2 errors, 0 warnings, 1 info" for the findings v[from..]. */
static void file_line(FILE *out, const GPtrArray *v, guint from, bool color)
{
    const nohin_finding *first = v->pdata[from];
    size_t n[3] = {0};
    for (guint i = from; i < v->len; i++) {
        const nohin_finding *f = v->pdata[i];
        if (strcmp(f->file, first->file) != 0) break;
        n[f->severity]++;
    }
    fprintf(out, "%s%s%s — ", color ? "\033[1m" : "", first->file[0] ? first->file : _("(bundle)"),
            color ? "\033[0m" : "");
    fprintf(out, _("%zu errors, %zu warnings, %zu info\n"), n[NOHIN_SEV_ERROR],
            n[NOHIN_SEV_WARNING], n[NOHIN_SEV_INFO]);
}

void nohin_report_write_text(const nohin_report *raw, FILE *out, bool color)
{
    nohin_report *r = nohin_report_escaped(raw); /* control characters from names (issue16) */
    GPtrArray *all = nohin_report_display_order(r);
    GPtrArray *v = g_ptr_array_new();
    for (guint i = 0; i < all->len; i++)
        if (!((nohin_finding *)all->pdata[i])->suppress_kind) g_ptr_array_add(v, all->pdata[i]);
    int last_group = -1;
    const char *last_file = NULL;
    for (guint i = 0; i < v->len; i++) {
        const nohin_finding *f = v->pdata[i];
        int group = nohin_report_group_of(r, f->file);
        if (group != last_group) {
            fprintf(out, "%s■ %s\n", last_group < 0 ? "" : "\n", nohin_report_group_title(group));
            last_group = group;
            last_file = NULL;
        }
        if (!last_file || strcmp(last_file, f->file) != 0) {
            file_line(out, v, i, color);
            last_file = f->file;
        }
        char *loc = nohin_location_format(&f->loc);
        fprintf(out, "  %s%s%s %s", color ? sev_color(f->severity) : "", sev_label(f->severity),
                color ? "\033[0m" : "", f->rule);
        if (*loc) fprintf(out, " [%s]", loc);
        fprintf(out, "\n    %s\n", f->message);
        if (f->evidence && *f->evidence) fprintf(out, "    %s %s\n", _("Evidence:"), f->evidence);
        if (f->fix && *f->fix)
            fprintf(out, "    %s %s%s\n", _("Fix:"), f->fix,
                    f->fixable ? _(" (nohin clean can fix this)") : "");
        g_free(loc);
    }
    if (v->len) fputc('\n', out);
    fprintf(out, _("%u files checked: %zu errors, %zu warnings, %zu info\n"), r->files->len,
            nohin_report_count_severity(r, NOHIN_SEV_ERROR),
            nohin_report_count_severity(r, NOHIN_SEV_WARNING),
            nohin_report_count_severity(r, NOHIN_SEV_INFO));
    size_t supp = nohin_report_count_suppressed(r);
    if (supp)
        fprintf(out, _("%zu suppressed by a baseline or [waive] (listed in --format json/html)\n"),
                supp);
    g_ptr_array_free(v, TRUE);
    g_ptr_array_free(all, TRUE);
    nohin_report_escaped_free(r);
}
