/* LIMIT-BYTES, LIMIT-PAGES, LIMIT-CHARS: a report over 128 MB, 1,000 pages or
 * 4,000,000 characters must be split (001 §5(1)). Warns from 90 % and proposes
 * split points, preferring chapter starts from the outline. */
#include <string.h>
#include "readers/pdf_reader.h"
#include "split/split_plan.h" /* the planning is shared with `nohin split` */

#define LIMIT_BYTES NOHIN_LIMIT_BYTES
#define LIMIT_PAGES NOHIN_LIMIT_PAGES
#define LIMIT_CHARS NOHIN_LIMIT_CHARS

static const nohin_rule rules[] = {
    {"LIMIT-BYTES", NOHIN_SEV_ERROR, true, N_("Report PDF over 128,000,000 bytes"), "001 §5(1)"},
    {"LIMIT-PAGES", NOHIN_SEV_ERROR, true, N_("Report PDF over 1,000 pages"), "001 §5(1)"},
    {"LIMIT-CHARS", NOHIN_SEV_ERROR, true,
     N_("Report PDF over 4,000,000 characters (UTF-16 code units, whitespace included)"),
     "001 §5(1)"},
    {NULL}};

static char *propose_splits(const nohin_page_costs *pc, const bool *chapter)
{
    GArray *plan = nohin_split_plan(pc, chapter);
    char *t = nohin_split_plan_text(plan);
    g_array_free(plan, TRUE);
    return t;
}

static void report_limit(nohin_ctx *ctx, nohin_file *file, const char *rule, guint64 value,
                         guint64 limit, const char *what, const char *extra, const char *splits)
{
    if (value * 10 < limit * 9) return;
    bool over = value > limit;
    nohin_finding *f;
    if (over)
        f = nohin_emit(ctx, file, rule, nohin_loc_none(),
                       _("Split the report into parts that each stay under every limit."),
                       _("The report has %llu %s, over the limit of %llu%s."),
                       (unsigned long long)value, what, (unsigned long long)limit, extra);
    else {
        f = nohin_emit(ctx, file, rule, nohin_loc_none(),
                       _("Keep an eye on the size: a few more additions will require a split."),
                       _("The report has %llu %s, %d %% of the limit of %llu%s."),
                       (unsigned long long)value, what, (int)(value * 100 / limit),
                       (unsigned long long)limit, extra);
        nohin_finding_set_severity(ctx, f, NOHIN_SEV_WARNING);
    }
    /* clean splits a public report that is over a limit (src/clean/clean.c), not one near it */
    if (f) f->fixable = over;
    if (f && over && splits)
        nohin_finding_set_evidence(f, _("suggested parts (pages): %s"), splits);
}

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_pdf *pdf = nohin_pdf_of(file);
    guint64 units = 0, points = 0;
    nohin_page_costs pc = {0};
    bool *chapter = NULL;
    if (pdf->doc) {
        nohin_pdf_load_texts(file, ctx);
        pc.n = pdf->n_pages;
        pc.chars = g_new0(guint64, pc.n + 1);
        for (int i = 0; i < pc.n; i++) {
            guint64 before = units;
            nohin_utf8_count(pdf->page_text[i], &units, &points);
            pc.chars[i] = units - before;
        }
        pc.bytes_per_page = pc.n ? (double)file->bytes / pc.n : 0;
        chapter = g_new0(bool, pc.n + 1);
        nohin_split_chapters(pdf->doc, chapter, pc.n);
    }
    bool any_over = file->bytes > LIMIT_BYTES || (guint64)pc.n > LIMIT_PAGES || units > LIMIT_CHARS;
    char *splits = any_over && pc.n > 0 ? propose_splits(&pc, chapter) : NULL;
    report_limit(ctx, file, "LIMIT-BYTES", file->bytes, LIMIT_BYTES, _("bytes"), "", splits);
    if (pdf->doc) {
        report_limit(ctx, file, "LIMIT-PAGES", (guint64)pc.n, LIMIT_PAGES, _("pages"), "", splits);
        char *cp = g_strdup_printf(_(" (%llu code points)"), (unsigned long long)points);
        report_limit(ctx, file, "LIMIT-CHARS", units, LIMIT_CHARS,
                     _("characters (UTF-16 code units)"), cp, splits);
        g_free(cp);
    }
    g_free(splits);
    g_free(pc.chars);
    g_free(chapter);
}

NOHIN_CHECK(limits) = {.name = "limits",
                       .rules = rules,
                       .formats = NOHIN_FMT_PDF,
                       .roles = NOHIN_ROLE_ANY,
                       .run_file = run};
