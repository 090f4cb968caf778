/* Where to cut a report that is over a limit of 001 §5(1) (128,000,000 bytes,
 * 1,000 pages, 4,000,000 UTF-16 characters): shared by lint's LIMIT-* proposal
 * and by `nohin split` / clean, so what lint proposes is what split makes. */
#ifndef NOHIN_SPLIT_PLAN_H
#define NOHIN_SPLIT_PLAN_H

#include <poppler.h>
#include "nohin_internal.h"

#define NOHIN_LIMIT_BYTES 128000000ull
#define NOHIN_LIMIT_PAGES 1000ull
#define NOHIN_LIMIT_CHARS 4000000ull
/* Parts are planned to 89 % of each limit: under the limits after their own
 * metadata and the per-page byte estimate's error, and under the 90 % at which
 * LIMIT-* starts to warn, so lint of the parts is quiet. */
#define NOHIN_SPLIT_MARGIN 0.89

typedef struct {
    guint64 *chars; /* per page, UTF-16 units */
    double bytes_per_page;
    int n;
} nohin_page_costs;

typedef struct {
    int first, last; /* 0-based pages, inclusive */
} nohin_split_range;

/* Marks the pages top-level outline entries point at (chapter starts). */
void nohin_split_chapters(PopplerDocument *doc, bool *chapter, int n);
/* Greedy parts, each as long as the limits (with the margin) allow, ending before
 * a chapter start when one lies in the second half of the part. */
GArray *nohin_split_plan(const nohin_page_costs *pc, const bool *chapter);
/* "1–900, 901–1800, …" (1-based) */
char *nohin_split_plan_text(const GArray *ranges);

#endif
