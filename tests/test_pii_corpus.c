/* Precision and recall of every personal-data detector on the labelled snippets
 * in tests/pii_corpus/. Fails when any detector drops below 0.95 on either.
 * Diagnostics name the file and line and show the value masked, never the text. */
#include <stdio.h>
#include <string.h>
#include "test_support.h"
#include "pii/pii.h"

static const char *const short_names[PII_KIND_COUNT] = {
    [PII_MY_NUMBER] = "MN",       [PII_PHONE] = "PHONE",
    [PII_EMAIL] = "EMAIL",        [PII_ADDRESS] = "ADDR",
    [PII_POSTAL_CODE] = "POSTAL", [PII_BIRTHDATE] = "BIRTH",
    [PII_PASSPORT] = "PASSPORT",  [PII_DRIVER_LICENSE] = "LICENSE",
    [PII_BANK_ACCOUNT] = "BANK",  [PII_CARD] = "CARD",
    [PII_PERSON_NAME] = "NAME"};

typedef struct {
    int tp[PII_KIND_COUNT], fp[PII_KIND_COUNT], fn[PII_KIND_COUNT];
    int positives, negatives;
} tally;

typedef struct {
    bool found[PII_KIND_COUNT];
    char *masked[PII_KIND_COUNT];
} snippet_hits;

static bool on_hit(const pii_hit *h, void *user)
{
    snippet_hits *s = user;
    s->found[h->kind] = true;
    if (!s->masked[h->kind]) s->masked[h->kind] = g_strdup(h->masked);
    return true;
}

static void eval_file(const char *name, tally *t, bool want_positive)
{
    char *path = g_build_filename(g_getenv("NOHIN_SOURCE_DIR"), "tests", "pii_corpus", name, NULL);
    char *data = NULL;
    assert_true(g_file_get_contents(path, &data, NULL, NULL));
    char **lines = g_strsplit(data, "\n", -1);
    for (int i = 0; lines[i]; i++) {
        if (!lines[i][0] || lines[i][0] == '#') continue;
        char *tab = strchr(lines[i], '\t');
        assert_non_null(tab);
        *tab = '\0';
        bool want[PII_KIND_COUNT] = {0};
        int nwant = 0;
        if (strcmp(lines[i], "-") != 0) {
            char **labels = g_strsplit(lines[i], ",", -1);
            for (char **l = labels; *l; l++) {
                int k = 0;
                while (k < PII_KIND_COUNT && strcmp(short_names[k], *l))
                    k++;
                if (k == PII_KIND_COUNT) fail_msg("%s:%d: unknown label %s", name, i + 1, *l);
                want[k] = true;
                nwant++;
            }
            g_strfreev(labels);
        }
        /* A snippet sits in the file that says what it is. */
        assert_true(want_positive ? nwant > 0 : nwant == 0);
        if (want_positive)
            t->positives++;
        else
            t->negatives++;
        snippet_hits s = {0};
        pii_scan(tab + 1, strlen(tab + 1), on_hit, &s);
        for (int k = 0; k < PII_KIND_COUNT; k++) {
            if (want[k] && s.found[k]) t->tp[k]++;
            if (want[k] && !s.found[k]) {
                t->fn[k]++;
                printf("  missed     %s:%d %s\n", name, i + 1, short_names[k]);
            }
            if (!want[k] && s.found[k]) {
                t->fp[k]++;
                printf("  false hit  %s:%d %s %s\n", name, i + 1, short_names[k], s.masked[k]);
            }
            g_free(s.masked[k]);
        }
    }
    g_strfreev(lines);
    g_free(data);
    g_free(path);
}

static void corpus_precision_and_recall(void **state)
{
    (void)state;
    tally t = {0};
    eval_file("positive.tsv", &t, true);
    eval_file("negative.tsv", &t, false);
    printf("snippets: %d positive, %d negative\n", t.positives, t.negatives);
    assert_true(t.positives >= 300);
    assert_true(t.negatives >= 300);
    printf("%-20s %5s %5s %5s %9s %9s\n", "detector", "TP", "FP", "FN", "precision", "recall");
    bool ok = true;
    for (int k = 0; k < PII_KIND_COUNT; k++) {
        int tp = t.tp[k], fp = t.fp[k], fn = t.fn[k];
        double p = tp + fp ? (double)tp / (tp + fp) : 0.0;
        double r = tp + fn ? (double)tp / (tp + fn) : 0.0;
        printf("%-20s %5d %5d %5d %9.3f %9.3f\n", pii_rule_id((pii_kind)k), tp, fp, fn, p, r);
        /* Every detector must have labelled examples, or its figures mean nothing. */
        if (tp + fn < 10 || p < 0.95 || r < 0.95) ok = false;
    }
    assert_true(ok);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {cmocka_unit_test(corpus_precision_and_recall)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
