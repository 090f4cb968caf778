/* pii_number_cannot_match: which stored numbers the personal-data check may
 * leave unscanned (numeric cells, CSV numbers). The promise is checked against
 * the detector itself: every number it calls unmatchable gives no hit, alone or
 * after context words that make digits personal (口座番号, 個人番号, 電話, 氏名). */
#include <string.h>
#include "test_support.h"
#include "pii/pii.h"

static bool count_hit(const pii_hit *h, void *user)
{
    (void)h;
    (*(int *)user)++;
    return true;
}

static int hits(const char *context, const char *text)
{
    int n = 0;
    if (context)
        pii_scan_with_context(context, strlen(context), text, strlen(text), count_hit, &n);
    else
        pii_scan(text, strlen(text), count_hit, &n);
    return n;
}

static void literals(void **state)
{
    (void)state;
    static const char *const unmatchable[] = {
        "0",      "43832", "47.29",  "0.1234567", "-12345678", "-526018159084",     "12345678.5",
        "1.5E-3", "1e5",   "123456", "6.02E+23",  "-0.5",      "4111111111111111.5"};
    for (size_t i = 0; i < G_N_ELEMENTS(unmatchable); i++) {
        if (!pii_number_cannot_match(unmatchable[i], strlen(unmatchable[i])))
            fail_msg("%s should be unmatchable", unmatchable[i]);
    }
    /* Digit runs a detector can take (My Number, card, account, a phone that lost
     * its 0), and anything that is not a plain number, are scanned. */
    static const char *const scanned[] = {"1234567",
                                          "526018159084",
                                          "4111111111111111",
                                          "9012345678",
                                          "1234567E+2",
                                          "1.5E+1234567",
                                          "+81",
                                          "",
                                          "12a",
                                          " 123",
                                          "1.",
                                          ".5",
                                          "1,234,567",
                                          "090-1234-5678",
                                          "1985-04-12"};
    for (size_t i = 0; i < G_N_ELEMENTS(scanned); i++) {
        if (pii_number_cannot_match(scanned[i], strlen(scanned[i])))
            fail_msg("%s must be scanned", scanned[i]);
    }
    /* Not NUL-terminated: only len bytes count. */
    assert_true(pii_number_cannot_match("12345678", 3));
}

/* The promise, tested on the detector: numbers it lets go give no hit. */
static void unmatchable_numbers_never_hit(void **state)
{
    (void)state;
    static const char *const contexts[] = {NULL,     "口座番号\t", "個人番号\t", "電話\t",
                                           "氏名\t", "生年月日\t", "昭和\t"};
    GRand *rnd = g_rand_new_with_seed(20);
    int checked = 0, scanned_hits = 0;
    for (int i = 0; i < 4000; i++) {
        char buf[64];
        int digits = g_rand_int_range(rnd, 1, 20);
        int p = 0;
        if (g_rand_boolean(rnd)) buf[p++] = '-';
        for (int d = 0; d < digits; d++)
            buf[p++] = (char)('0' + g_rand_int_range(rnd, d == 0 ? 1 : 0, 10));
        if (g_rand_int_range(rnd, 0, 3) == 0) {
            buf[p++] = '.';
            for (int d = g_rand_int_range(rnd, 1, 12); d > 0; d--)
                buf[p++] = (char)('0' + g_rand_int_range(rnd, 0, 10));
        }
        if (g_rand_int_range(rnd, 0, 5) == 0) {
            buf[p++] = 'E';
            buf[p++] = g_rand_boolean(rnd) ? '+' : '-';
            for (int d = g_rand_int_range(rnd, 1, 9); d > 0; d--)
                buf[p++] = (char)('0' + g_rand_int_range(rnd, 0, 10));
        }
        buf[p] = 0;
        bool skip = pii_number_cannot_match(buf, (size_t)p);
        for (size_t c = 0; c < G_N_ELEMENTS(contexts); c++) {
            int n = hits(contexts[c], buf);
            if (skip && n)
                fail_msg("%s after %s: %d hit(s), but it was called unmatchable", buf,
                         contexts[c] ? contexts[c] : "(nothing)", n);
            if (!skip) scanned_hits += n;
        }
        checked += skip;
    }
    g_rand_free(rnd);
    /* Both sides were exercised: many unmatchable numbers, and scanned ones that hit. */
    assert_true(checked > 1000);
    assert_true(scanned_hits > 0);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(literals),
        cmocka_unit_test(unmatchable_numbers_never_hit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
