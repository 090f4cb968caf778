/* Person, organisation or program in document properties: the one classifier
 * PDF-METADATA-PERSON and XLSX-METADATA-PERSON share. Named cases from the
 * issue, then every author property of the shared corpus (read with pdfinfo and
 * Python's zipfile) against the labels in tests/pii_corpus/corpus_authors.tsv.
 * Diagnostics show values masked. */
#include <stdio.h>
#include <string.h>
#include "test_support.h"
#include "pii/pii.h"

typedef struct {
    const char *value;
    bool person;
} named;

static const named cases[] = {
    {"FastReport.NET", false},
    {"kingsoft", false},
    {"2052-11.1.0.12358", false},
    {"Mitsubishi", false},
    {"AgileBits", false},
    {"Centers for Medicare & Medicaid Services", false},
    {"Microsoft Office User", false},
    {"Apache POI", false},
    {"株式会社テスト総研", false},
    {"経済産業省", false},
    {"総務課", false},
    {"METI", false},
    {"Mitsubishi Research Institute, Inc.", false},
    {"{2B0EC025-287A-42C9-90F3-9FD04AC8F706}", false},
    {"false", false},
    {"山田太郎", true},
    {"山田 太郎", true},
    {"長谷部", true},
    {"阿部", true},
    {"Taro Yamada", true},
    {"yamada", true},
    {"t.yamada", true},
    {"McDonald", true},
    {"Tim van der Meij", true},
    {"JOHNSCA", true},
    {"Windows ユーザー", true},
};

static void named_cases(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        bool person = pii_author_kind_of(cases[i].value, NULL) == PII_AUTHOR_PERSON;
        if (person != cases[i].person) {
            char *m = nohin_mask(cases[i].value);
            print_message("wrong: %s (want %s)\n", m, cases[i].person ? "person" : "not a person");
            g_free(m);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
    /* The configured organisation is never a person. */
    assert_int_equal(pii_author_kind_of("テスト総研 調査部", "テスト総研"),
                     PII_AUTHOR_ORGANISATION);
    /* Custom properties: a name under 担当者, not build numbers or flags. */
    assert_true(pii_custom_property_names_person("担当者", "鈴木一郎", NULL));
    assert_true(pii_custom_property_names_person("Reviewer", "yamada", NULL));
    assert_false(pii_custom_property_names_person("KSOProductBuildVer", "2052-9.1.0.4337", NULL));
    assert_false(pii_custom_property_names_person("ScaleCrop", "false", NULL));
    assert_false(
        pii_custom_property_names_person("ContentTypeId", "0x0101005BC1DDD9CA794A42B8CC", NULL));
}

static void corpus_metadata(void **state)
{
    (void)state;
    const char *corpus = g_getenv("NOHIN_CORPUS");
    if (!corpus || !g_file_test(corpus, G_FILE_TEST_IS_DIR) || !ts_have("pdfinfo")) skip();
    char *dir = ts_tmpdir();
    char *tsv = ts_path(dir, "authors.tsv");
    assert_int_equal(ts_sh(NULL,
                           "/usr/bin/python3 '%s/tests/pii_corpus/extract_authors.py' '%s' '%s'",
                           g_getenv("NOHIN_SOURCE_DIR"), corpus, tsv),
                     0);
    char *labels_path = g_build_filename(g_getenv("NOHIN_SOURCE_DIR"), "tests", "pii_corpus",
                                         "corpus_authors.tsv", NULL);
    char *labels = NULL, *values = NULL;
    assert_true(g_file_get_contents(labels_path, &labels, NULL, NULL));
    assert_true(g_file_get_contents(tsv, &values, NULL, NULL));
    GHashTable *want = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    char **ll = g_strsplit(labels, "\n", -1);
    for (char **l = ll; *l; l++) {
        if (!**l || **l == '#') continue;
        char **f = g_strsplit(*l, "\t", 3);
        if (g_strv_length(f) == 3)
            g_hash_table_insert(want, g_strdup_printf("%s\t%s", f[0], f[1]),
                                GINT_TO_POINTER(f[2][0] == 'P' ? 1 : 2));
        g_strfreev(f);
    }
    int tp = 0, fp = 0, fn = 0, tn = 0, unlabelled = 0;
    char **vl = g_strsplit(values, "\n", -1);
    for (char **l = vl; *l; l++) {
        char **f = g_strsplit(*l, "\t", 3);
        if (g_strv_length(f) == 3 && *f[2]) {
            char *key = g_strdup_printf("%s\t%s", f[0], f[1]);
            int w = GPOINTER_TO_INT(g_hash_table_lookup(want, key));
            bool got = pii_author_kind_of(f[2], NULL) == PII_AUTHOR_PERSON;
            if (!w) {
                unlabelled++;
                print_message("unlabelled: %s\n", key);
            } else if (got && w == 1) {
                tp++;
            } else if (!got && w == 2) {
                tn++;
            } else {
                char *m = nohin_mask(f[2]);
                print_message("%s: %s %s\n", got ? "false person" : "missed person", key, m);
                g_free(m);
                got ? fp++ : fn++;
            }
            g_free(key);
        }
        g_strfreev(f);
    }
    double prec = tp + fp ? (double)tp / (tp + fp) : 1, rec = tp + fn ? (double)tp / (tp + fn) : 1;
    double orgs = tn + fp ? (double)tn / (tn + fp) : 1;
    print_message("corpus authors: %d persons, %d organisations/programs; person precision %.3f "
                  "recall %.3f, organisations recognised %.3f\n",
                  tp + fn, tn + fp, prec, rec, orgs);
    assert_true(tp + fn + tn + fp >= 100);
    assert_int_equal(unlabelled, 0);
    assert_true(prec >= 0.97 && rec >= 0.97 && orgs >= 0.9);
    g_strfreev(ll);
    g_strfreev(vl);
    g_hash_table_destroy(want);
    g_free(labels);
    g_free(values);
    g_free(labels_path);
    g_free(tsv);
    ts_rmtree(dir);
    g_free(dir);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {cmocka_unit_test(named_cases),
                                       cmocka_unit_test(corpus_metadata)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
