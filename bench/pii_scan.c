/* Developer tool: runs the personal-data engine over a plain UTF-8 text file.
 *   pii_scan FILE           counts of hits per rule (what bench/pii.sh times)
 *   pii_scan --lines FILE   one line per hit: line number, rule, masked value
 *   pii_scan --pattern      prints the engine's combined candidate pattern
 * Values are only ever printed masked. */
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include "pii/pii_internal.h"

typedef struct {
    unsigned long counts[PII_KIND_COUNT];
    bool show;
    long line;
} run;

static bool on_hit(const pii_hit *h, void *user)
{
    run *r = user;
    r->counts[h->kind]++;
    if (r->show) printf("%ld\t%s\t%s\n", r->line, pii_rule_id(h->kind), h->masked);
    return true;
}

int main(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "--pattern")) {
        puts(pii_combined_pattern());
        return 0;
    }
    bool lines = argc == 3 && !strcmp(argv[1], "--lines");
    if (argc != 2 && !lines) {
        fprintf(stderr, "usage: pii_scan [--lines] FILE\n");
        return 2;
    }
    GError *err = NULL;
    GMappedFile *mf = g_mapped_file_new(argv[argc - 1], FALSE, &err);
    if (!mf) {
        fprintf(stderr, "pii_scan: %s\n", err->message);
        return 2;
    }
    const char *text = g_mapped_file_get_contents(mf);
    size_t len = g_mapped_file_get_length(mf);
    run r = {.show = lines};
    if (lines) {
        const char *p = text, *end = text + len;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
            r.line++;
            pii_scan(p, n, on_hit, &r);
            p += n + 1;
        }
    } else {
        pii_scan(text, len, on_hit, &r);
        unsigned long total = 0;
        for (int k = 0; k < PII_KIND_COUNT; k++) {
            printf("%s\t%lu\n", pii_rule_id((pii_kind)k), r.counts[k]);
            total += r.counts[k];
        }
        printf("total\t%lu\n", total);
    }
    g_mapped_file_unref(mf);
    return 0;
}
