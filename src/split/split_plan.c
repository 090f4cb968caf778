/* See split_plan.h (moved here from checks/limits.c). */
#include "split/split_plan.h"

static void collect_outline(PopplerDocument *doc, PopplerIndexIter *it, bool *chapter, int n)
{
    if (!it) return;
    do {
        PopplerAction *a = poppler_index_iter_get_action(it);
        if (a && a->type == POPPLER_ACTION_GOTO_DEST && a->goto_dest.dest) {
            PopplerDest *d = a->goto_dest.dest;
            PopplerDest *named = NULL;
            if (d->type == POPPLER_DEST_NAMED)
                d = named = poppler_document_find_dest(doc, d->named_dest);
            if (d && d->page_num >= 1 && d->page_num <= n) chapter[d->page_num - 1] = true;
            if (named) poppler_dest_free(named);
        }
        if (a) poppler_action_free(a);
    } while (poppler_index_iter_next(it));
}

void nohin_split_chapters(PopplerDocument *doc, bool *chapter, int n)
{
    PopplerIndexIter *it = poppler_index_iter_new(doc);
    collect_outline(doc, it, chapter, n);
    if (it) poppler_index_iter_free(it);
}

static bool fits(const nohin_page_costs *pc, int first, int last)
{
    guint64 ch = 0;
    for (int i = first; i <= last; i++)
        ch += pc->chars[i];
    double bytes = pc->bytes_per_page * (last - first + 1);
    return (double)(last - first + 1) <= NOHIN_LIMIT_PAGES * NOHIN_SPLIT_MARGIN &&
           (double)ch <= NOHIN_LIMIT_CHARS * NOHIN_SPLIT_MARGIN &&
           bytes <= NOHIN_LIMIT_BYTES * NOHIN_SPLIT_MARGIN;
}

GArray *nohin_split_plan(const nohin_page_costs *pc, const bool *chapter)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(nohin_split_range));
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
        nohin_split_range r = {start, end};
        g_array_append_val(out, r);
        start = end + 1;
    }
    return out;
}

char *nohin_split_plan_text(const GArray *ranges)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < ranges->len; i++) {
        const nohin_split_range *r = &g_array_index(ranges, nohin_split_range, i);
        g_string_append_printf(s, "%s%d–%d", s->len ? ", " : "", r->first + 1, r->last + 1);
    }
    return g_string_free(s, FALSE);
}
