/* --format text: the fix list for people, grouped by file. */
#include <stdio.h>
#include <string.h>
#include "nohin_internal.h"

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

void nohin_report_write_text(const nohin_report *raw, FILE *out, bool color)
{
    nohin_report *r = nohin_report_escaped(raw); /* control characters from names (issue16) */
    const char *last_file = NULL;
    for (guint i = 0; i < r->findings->len; i++) {
        const nohin_finding *f = r->findings->pdata[i];
        if (!last_file || strcmp(last_file, f->file) != 0) {
            fprintf(out, "%s%s%s\n", color ? "\033[1m" : "", f->file[0] ? f->file : _("(bundle)"),
                    color ? "\033[0m" : "");
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
    fprintf(out, _("%u files checked: %zu errors, %zu warnings, %zu info\n"), r->files->len,
            nohin_report_count_severity(r, NOHIN_SEV_ERROR),
            nohin_report_count_severity(r, NOHIN_SEV_WARNING),
            nohin_report_count_severity(r, NOHIN_SEV_INFO));
    nohin_report_escaped_free(r);
}
