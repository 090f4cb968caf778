#include <string.h>
#include "nohin_internal.h"
#include "core/fs.h"

void nohin_report_free(nohin_report *r)
{
    if (!r) return;
    if (r->files) g_ptr_array_free(r->files, TRUE);
    if (r->findings) g_ptr_array_free(r->findings, TRUE);
    nohin_rmtree(r->tmpdir); /* zips expanded for this run */
    g_free(r->tmpdir);
    g_free(r);
}

size_t nohin_report_count(const nohin_report *r, const char *rule)
{
    size_t n = 0;
    for (guint i = 0; i < r->findings->len; i++)
        if (!strcmp(((nohin_finding *)r->findings->pdata[i])->rule, rule)) n++;
    return n;
}

size_t nohin_report_count_severity(const nohin_report *r, nohin_severity sev)
{
    size_t n = 0;
    for (guint i = 0; i < r->findings->len; i++) {
        const nohin_finding *f = r->findings->pdata[i];
        if (f->severity == sev && !f->suppress_kind) n++;
    }
    return n;
}

size_t nohin_report_count_suppressed(const nohin_report *r)
{
    size_t n = 0;
    for (guint i = 0; i < r->findings->len; i++)
        if (((nohin_finding *)r->findings->pdata[i])->suppress_kind) n++;
    return n;
}

const nohin_finding *nohin_report_first(const nohin_report *r, const char *rule)
{
    for (guint i = 0; i < r->findings->len; i++) {
        const nohin_finding *f = r->findings->pdata[i];
        if (!strcmp(f->rule, rule)) return f;
    }
    return NULL;
}

bool nohin_report_fails(const nohin_report *r, nohin_severity fail_on)
{
    for (guint i = 0; i < r->findings->len; i++) {
        const nohin_finding *f = r->findings->pdata[i];
        if (f->severity >= fail_on && !f->suppress_kind) return true;
    }
    return false;
}
