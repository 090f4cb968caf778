/* LIMIT-BYTES, LIMIT-PAGES, LIMIT-CHARS: a report over 128 MB, 1,000 pages or
 * 4,000,000 characters must be split (001 §5(1)). Warns from 90 % and proposes
 * split points, preferring chapter starts from the outline. */
#include <string.h>
#include "readers/pdf_reader.h"

#define LIMIT_BYTES 128000000ull
#define LIMIT_PAGES 1000ull
#define LIMIT_CHARS 4000000ull

static const nohin_rule rules[] = {
    {"LIMIT-BYTES", NOHIN_SEV_ERROR, false, N_("Report PDF over 128,000,000 bytes"), "001 §5(1)"},
    {"LIMIT-PAGES", NOHIN_SEV_ERROR, false, N_("Report PDF over 1,000 pages"), "001 §5(1)"},
    {"LIMIT-CHARS", NOHIN_SEV_ERROR, false,
     N_("Report PDF over 4,000,000 characters (UTF-16 code units, whitespace included)"),
     "001 §5(1)"},
    {NULL}};

/* Top-level outline entries are chapter starts: the natural places to split. */
static void collect_outline(PopplerDocument *doc, PopplerIndexIter *it, bool *chapter, int n,
                            int depth)
{
    if (!it || depth > 2) return;
    do {
        PopplerAction *a = poppler_index_iter_get_action(it);
        if (a && a->type == POPPLER_ACTION_GOTO_DEST && a->goto_dest.dest) {
            PopplerDest *d = a->goto_dest.dest;
            PopplerDest *named = NULL;
            if (d->type == POPPLER_DEST_NAMED)
                d = named = poppler_document_find_dest(doc, d->named_dest);
            if (d && d->page_num >= 1 && d->page_num <= n && depth == 0)
                chapter[d->page_num - 1] = true;
            if (named) poppler_dest_free(named);
        }
        if (a) poppler_action_free(a);
    } while (poppler_index_iter_next(it));
}

typedef struct {
    guint64 *chars; /* per page, UTF-16 units */
    double bytes_per_page;
    int n;
} page_costs;

static bool fits(const page_costs *pc, int first, int last)
{
    guint64 ch = 0;
    for (int i = first; i <= last; i++)
        ch += pc->chars[i];
    double bytes = pc->bytes_per_page * (last - first + 1);
    return (guint64)(last - first + 1) <= LIMIT_PAGES && ch <= LIMIT_CHARS &&
           bytes <= (double)LIMIT_BYTES;
}

/* Greedy parts, each as long as the limits allow, ending before a chapter start
 * when one lies in the second half of the part. Bytes are estimated per page. */
static char *propose_splits(const page_costs *pc, const bool *chapter)
{
    GString *s = g_string_new(NULL);
    int start = 0;
    while (start < pc->n) {
        int end = start;
        while (end + 1 < pc->n && fits(pc, start, end + 1))
            end++;
        if (end + 1 < pc->n) {
            for (int c = end + 1; c > start + (end - start) / 2; c--)
                if (chapter[c]) {
                    end = c - 1;
                    break;
                }
        }
        g_string_append_printf(s, "%s%d–%d", s->len ? ", " : "", start + 1, end + 1);
        start = end + 1;
    }
    return g_string_free(s, FALSE);
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
    if (f && over && splits)
        nohin_finding_set_evidence(f, _("suggested parts (pages): %s"), splits);
}

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_pdf *pdf = nohin_pdf_of(file);
    guint64 units = 0, points = 0;
    page_costs pc = {0};
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
        PopplerIndexIter *it = poppler_index_iter_new(pdf->doc);
        collect_outline(pdf->doc, it, chapter, pc.n, 0);
        if (it) poppler_index_iter_free(it);
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
