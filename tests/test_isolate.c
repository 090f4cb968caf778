/* Isolation (src/core/isolate.c): results come back; crashes, hangs, CPU and
 * memory limits and network use in the child are contained and reported. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>
#include "core/isolate.h"
#include "fx_pdf.h"
#include "test_support.h"

static nohin_isolate_limits saved;

static int setup(void **state)
{
    (void)state;
    saved = *nohin_isolate_get_limits();
    nohin_isolate_limits l = saved;
    l.timeout_s = 2;
    l.cpu_s = 1;
    nohin_isolate_set_limits(&l);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    nohin_isolate_set_limits(&saved);
    g_unsetenv("NOHIN_TEST_CHILD_CRASH");
    g_unsetenv("NOHIN_TEST_CHILD_HANG");
    return 0;
}

static GVariant *answer(void *data)
{
    return g_variant_new("(si)", (const char *)data, (int)getpid());
}

static GVariant *crash(void *data)
{
    (void)data;
    raise(SIGSEGV);
    return NULL;
}

static GVariant *hang(void *data)
{
    (void)data;
    for (;;)
        pause();
    return NULL;
}

static GVariant *spin(void *data)
{
    (void)data;
    volatile unsigned long x = 0;
    for (;;)
        x++;
    return NULL;
}

static GVariant *hog(void *data)
{
    (void)data;
    /* 4 GiB touched page by page: more than the 256 MiB the test allows. */
    for (int i = 0; i < 4096; i++) {
        char *p = malloc(1 << 20);
        if (!p) return NULL;
        for (int k = 0; k < (1 << 20); k += 4096)
            p[k] = 1;
    }
    return g_variant_new_string("survived");
}

static GVariant *fails(void *data)
{
    (void)data;
    return NULL;
}

static void result_comes_back(void **state)
{
    (void)state;
    GVariant *v = NULL;
    char *why = NULL;
    assert_int_equal(nohin_isolate_call("x", answer, "日本語", G_VARIANT_TYPE("(si)"), &v, &why),
                     NOHIN_ISOLATE_OK);
    const char *s = NULL;
    int pid = 0;
    g_variant_get(v, "(&si)", &s, &pid);
    assert_string_equal(s, "日本語");
    assert_int_not_equal(pid, getpid()); /* it really ran in another process */
    assert_null(why);
    g_variant_unref(v);
}

static void crash_is_contained(void **state)
{
    (void)state;
    GVariant *v = NULL;
    char *why = NULL;
    assert_int_equal(nohin_isolate_call("x", crash, NULL, G_VARIANT_TYPE("(si)"), &v, &why),
                     NOHIN_ISOLATE_CRASH);
    assert_null(v);
    assert_non_null(strstr(why, "crashed"));
    g_free(why);
    /* A NULL result is an error too. */
    assert_int_equal(nohin_isolate_call("x", fails, NULL, G_VARIANT_TYPE("(si)"), &v, &why),
                     NOHIN_ISOLATE_CRASH);
    g_free(why);
}

static void hang_is_stopped_by_the_clock(void **state)
{
    (void)state;
    GVariant *v = NULL;
    char *why = NULL;
    gint64 t0 = g_get_monotonic_time();
    assert_int_equal(nohin_isolate_call("x", hang, NULL, G_VARIANT_TYPE("(si)"), &v, &why),
                     NOHIN_ISOLATE_TIMEOUT);
    gint64 ms = (g_get_monotonic_time() - t0) / 1000;
    assert_true(ms >= 1900 && ms < 10000);
    assert_non_null(strstr(why, "2 s"));
    g_free(why);
}

static void cpu_limit_applies(void **state)
{
    (void)state;
    nohin_isolate_limits l = *nohin_isolate_get_limits();
    l.timeout_s = 20; /* the CPU limit (1 s) must stop it, not the clock */
    nohin_isolate_set_limits(&l);
    GVariant *v = NULL;
    char *why = NULL;
    assert_int_equal(nohin_isolate_call("x", spin, NULL, G_VARIANT_TYPE("(si)"), &v, &why),
                     NOHIN_ISOLATE_LIMIT);
    assert_non_null(strstr(why, "CPU"));
    g_free(why);
}

static void memory_limit_applies(void **state)
{
    (void)state;
#if defined(__SANITIZE_ADDRESS__)
    skip(); /* no RLIMIT_AS under AddressSanitizer */
#endif
    nohin_isolate_limits l = *nohin_isolate_get_limits();
    l.memory_bytes = 256u << 20;
    l.timeout_s = 30;
    l.cpu_s = 30;
    nohin_isolate_set_limits(&l);
    GVariant *v = NULL;
    char *why = NULL;
    assert_int_not_equal(nohin_isolate_call("x", hog, NULL, G_VARIANT_TYPE("s"), &v, &why),
                         NOHIN_ISOLATE_OK);
    assert_null(v);
    g_free(why);
}

/* The parent listens on loopback; the child must not reach it. */
static GVariant *try_connect(void *data)
{
    int port = GPOINTER_TO_INT(data);
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0) return g_variant_new_string("socket refused");
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int r = connect(s, (struct sockaddr *)&a, sizeof a);
    int e = errno;
    close(s);
    return g_variant_new_string(r == 0 ? "connected" : g_strerror(e));
}

static void network_is_cut(void **state)
{
    (void)state;
    if (!strcmp(nohin_isolate_network_mode(), "none")) skip(); /* documented fallback */
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(ls, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(ls, 1), 0);
    socklen_t len = sizeof a;
    getsockname(ls, (struct sockaddr *)&a, &len);
    int port = ntohs(a.sin_port);
    /* Near miss: the same connect from this process works. */
    GVariant *here = try_connect(GINT_TO_POINTER(port));
    assert_string_equal(g_variant_get_string(here, NULL), "connected");
    g_variant_unref(g_variant_ref_sink(here));
    GVariant *v = NULL;
    char *why = NULL;
    assert_int_equal(
        nohin_isolate_call("x", try_connect, GINT_TO_POINTER(port), G_VARIANT_TYPE("s"), &v, &why),
        NOHIN_ISOLATE_OK);
    assert_string_not_equal(g_variant_get_string(v, NULL), "connected");
    g_variant_unref(v);
    close(ls);
}

/* lint --isolate: same findings as without; a crashing reader becomes PDF-MALFORMED
 * for that file only and the other files are still checked. */
static void lint_isolated(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), *a = ts_path(dir, "a.pdf"), *b = ts_path(dir, "b.pdf");
    fx_page scan[] = {{FX_PAGE_TEXT, "本文", NULL}, {FX_PAGE_IMAGE, NULL, NULL}};
    assert_true(fx_pdf_write(a, scan, 2, NULL));
    assert_true(fx_pdf_write(b, scan, 2, NULL));
    nohin_options o;
    nohin_options_init(&o);
    o.quiet = true;
    const char *paths[] = {dir};
    nohin_report *plain = nohin_lint(paths, 1, &o, NULL);
    o.isolate = true;
    nohin_report *iso = nohin_lint(paths, 1, &o, NULL);
    assert_int_equal(ts_count(plain, "PDF-TEXT-LAYER"), 2);
    assert_int_equal(iso->findings->len, plain->findings->len);
    for (guint i = 0; i < iso->findings->len; i++)
        assert_int_equal(nohin_finding_compare(iso->findings->pdata[i], plain->findings->pdata[i]),
                         0);
    assert_int_equal(ts_page(iso, "PDF-TEXT-LAYER", 0), 2);
    nohin_report_free(iso);
    nohin_report_free(plain);

    g_setenv("NOHIN_TEST_CHILD_CRASH", "a.pdf", TRUE);
    nohin_report *r = nohin_lint(paths, 1, &o, NULL);
    g_unsetenv("NOHIN_TEST_CHILD_CRASH");
    assert_int_equal(ts_count(r, "PDF-MALFORMED"), 1);
    assert_string_equal(nohin_report_first(r, "PDF-MALFORMED")->file, "a.pdf");
    assert_int_equal(ts_count(r, "PDF-TEXT-LAYER"), 1); /* b.pdf was still read */
    assert_string_equal(nohin_report_first(r, "PDF-TEXT-LAYER")->file, "b.pdf");
    const nohin_file *fa = r->files->pdata[0];
    assert_int_equal(fa->status, NOHIN_STATUS_UNREADABLE);
    nohin_report_free(r);

    g_setenv("NOHIN_TEST_CHILD_HANG", "b.pdf", TRUE);
    r = nohin_lint(paths, 1, &o, NULL);
    g_unsetenv("NOHIN_TEST_CHILD_HANG");
    assert_int_equal(ts_count(r, "PDF-MALFORMED"), 1);
    assert_string_equal(nohin_report_first(r, "PDF-MALFORMED")->file, "b.pdf");
    assert_non_null(strstr(nohin_report_first(r, "PDF-MALFORMED")->evidence, "did not finish"));
    nohin_report_free(r);
    ts_rmtree(dir);
    g_free(a);
    g_free(b);
    g_free(dir);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(result_comes_back, setup, teardown),
        cmocka_unit_test_setup_teardown(crash_is_contained, setup, teardown),
        cmocka_unit_test_setup_teardown(hang_is_stopped_by_the_clock, setup, teardown),
        cmocka_unit_test_setup_teardown(cpu_limit_applies, setup, teardown),
        cmocka_unit_test_setup_teardown(memory_limit_applies, setup, teardown),
        cmocka_unit_test_setup_teardown(network_is_cut, setup, teardown),
        cmocka_unit_test_setup_teardown(lint_isolated, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
