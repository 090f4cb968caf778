/* XLSX checks on generated workbooks: every rule triggers at a known location,
 * the near misses do not, role rules hold, and hostile packages become
 * findings. Every workbook is also opened by openpyxl (nobody here wrote it). */
#include <string.h>
#include <xlsxwriter.h>
#include "fx_xlsx.h"
#include "readers/text_source.h"
#include "readers/xlsx_reader.h"
#include "test_support.h"

static void assert_openpyxl_opens(const char *path)
{
    int rc = ts_sh(
        NULL,
        "/usr/bin/python3 -c 'import sys,warnings,openpyxl; warnings.simplefilter(\"ignore\");"
        " openpyxl.load_workbook(sys.argv[1])' '%s'",
        path);
    if (rc != 0) fail_msg("openpyxl cannot open %s", path);
}

typedef struct {
    char *dir, *path;
    nohin_report *r;
} book;

static book make(fx_xlsx_kind kind, const char *name, nohin_role role)
{
    book b;
    b.dir = ts_tmpdir();
    b.path = ts_path(b.dir, name);
    assert_true(fx_xlsx_write(b.path, kind));
    assert_openpyxl_opens(b.path);
    b.r = ts_lint(b.path, role);
    return b;
}

static void done(book *b)
{
    nohin_report_free(b->r);
    ts_rmtree(b->dir);
    g_free(b->dir);
    g_free(b->path);
}

static size_t count_prefix(const nohin_report *r, const char *prefix)
{
    size_t n = 0;
    for (guint i = 0; i < r->findings->len; i++)
        if (g_str_has_prefix(((nohin_finding *)r->findings->pdata[i])->rule, prefix)) n++;
    return n;
}

/* The base book is the near miss of every rule: a narrow but visible column,
 * a negative number, no chart, an organisation as author, a title. */
static void clean_book_has_no_findings(void **state)
{
    (void)state;
    book b = make(FX_XLSX_CLEAN, "図3-1.xlsx", NOHIN_ROLE_PUBLIC);
    if (b.r->findings->len) ts_dump(b.r);
    assert_int_equal(b.r->findings->len, 0);
    done(&b);
}

typedef struct {
    fx_xlsx_kind kind;
    const char *rule;
    size_t count;
    const char *loc0, *loc1;
} expect;

static const expect table[] = {
    {FX_XLSX_HIDDEN_ROWS, "XLSX-HIDDEN-ROW", 2, "Data! rows 4–6", "Data! row 9"},
    {FX_XLSX_ZERO_HEIGHT, "XLSX-HIDDEN-ROW", 1, "Data! row 7", NULL},
    {FX_XLSX_OUTLINE, "XLSX-HIDDEN-ROW", 1, "Data! rows 3–5", NULL},
    {FX_XLSX_FILTER, "XLSX-HIDDEN-ROW", 1, "Data! rows 5–6", NULL},
    {FX_XLSX_HIDDEN_COLS, "XLSX-HIDDEN-COL", 2, "Data! columns B–C", "Data! column F"},
    {FX_XLSX_HIDDEN_SHEET, "XLSX-HIDDEN-SHEET", 1, "sheet Hidden", NULL},
    {FX_XLSX_VERYHIDDEN_SHEET, "XLSX-VERYHIDDEN-SHEET", 1, "sheet Secret", NULL},
    {FX_XLSX_HIDDEN_NAME, "XLSX-HIDDEN-NAME", 1, "", NULL},
    {FX_XLSX_INVISIBLE, "XLSX-INVISIBLE-CELL", 3, "Data!B4", "Data!B6"},
    {FX_XLSX_COMMENT, "XLSX-COMMENT", 1, "Data!B3", NULL},
    {FX_XLSX_THREADED_COMMENT, "XLSX-COMMENT", 1, "Data!C5", NULL},
    {FX_XLSX_EXTERNAL_LINK, "XLSX-EXTERNAL-LINK", 2, "", "Data!E2"},
    {FX_XLSX_CONNECTION, "XLSX-DATA-CONNECTION", 2, "", ""},
    {FX_XLSX_POWER_QUERY, "XLSX-DATA-CONNECTION", 1, "", NULL},
    {FX_XLSX_MACRO, "XLSX-MACRO", 1, "", NULL},
    {FX_XLSX_MACROSHEET, "XLSX-MACRO", 1, "sheet Macro1", NULL},
    {FX_XLSX_EMBEDDED, "XLSX-EMBEDDED-OBJECT", 1, "", NULL},
    {FX_XLSX_CUSTOM_XML, "XLSX-CUSTOM-XML", 1, "", NULL},
    {FX_XLSX_PERSON, "XLSX-METADATA-PERSON", 5, "",
     ""}, /* creator, lastModifiedBy, manager, custom, label */
    {FX_XLSX_NO_TITLE, "XLSX-PROPERTIES", 2, "", ""},
    {FX_XLSX_PIVOT_CACHE, "XLSX-PIVOT-CACHE", 1, "", NULL},
    {FX_XLSX_HEADER_FOOTER, "XLSX-HEADER-FOOTER", 2, "sheet Data", "sheet Data"},
    {FX_XLSX_PAGE_NUMBER, "XLSX-HEADER-FOOTER", 0, NULL, NULL},
    {FX_XLSX_MERGED, "DATA-MERGED-CELLS", 1, "Data!F1:G2", NULL},
    {FX_XLSX_FORMULAS, "DATA-FORMULAS", 1, "Data!A12:C12", NULL},
    {FX_XLSX_OBJECTS, "DATA-OBJECTS", 1, "sheet Data", NULL},
    {FX_XLSX_TEXT_CELLS, "DATA-NUMBER-AS-TEXT", 1, "Data!B5", NULL},
    {FX_XLSX_TEXT_CELLS, "DATA-LAYOUT-SPACES", 1, "Data!A6", NULL},
    {FX_XLSX_TEXT_CELLS, "DATA-MACHINE-DEPENDENT-CHARS", 1, "Data!A7", NULL},
    {FX_XLSX_BLANK_ROW, "DATA-BLANK-SEPARATORS", 1, "Data! row 7", NULL},
    {FX_XLSX_MULTI_TABLE, "DATA-MULTIPLE-TABLES", 1, "Data! row 14", NULL},
    {FX_XLSX_MULTI_TABLE, "DATA-BLANK-SEPARATORS", 0, NULL, NULL},
    {FX_XLSX_NO_HEADER, "DATA-MISSING-HEADER", 1, "Data!A1:D1", NULL},
};

static void every_rule_at_its_location(void **state)
{
    (void)state;
    for (size_t i = 0; i < G_N_ELEMENTS(table); i++) {
        const expect *e = &table[i];
        book b = make(e->kind, "book.xlsx", NOHIN_ROLE_PUBLIC);
        if (ts_count(b.r, e->rule) != e->count) {
            ts_dump(b.r);
            fail_msg("kind %d: %zu × %s, want %zu", e->kind, ts_count(b.r, e->rule), e->rule,
                     e->count);
        }
        if (e->loc0) ts_assert_loc(b.r, e->rule, 0, e->loc0);
        if (e->loc1) ts_assert_loc(b.r, e->rule, 1, e->loc1);
        done(&b);
    }
}

static const nohin_finding *first(const nohin_report *r, const char *rule)
{
    const nohin_finding *f = nohin_report_first(r, rule);
    assert_non_null(f);
    return f;
}

static void reasons_and_evidence(void **state)
{
    (void)state;
    book b = make(FX_XLSX_OUTLINE, "book.xlsx", NOHIN_ROLE_PUBLIC);
    assert_string_equal(first(b.r, "XLSX-HIDDEN-ROW")->evidence, "rows=3-5 why=outline");
    done(&b);
    b = make(FX_XLSX_FILTER, "book.xlsx", NOHIN_ROLE_PUBLIC);
    assert_string_equal(first(b.r, "XLSX-HIDDEN-ROW")->evidence, "rows=5-6 why=filter");
    done(&b);
    b = make(FX_XLSX_HIDDEN_COLS, "book.xlsx", NOHIN_ROLE_PUBLIC);
    assert_string_equal(b.r->findings->len ? "" : "x", "");
    ts_assert_loc(b.r, "XLSX-HIDDEN-COL", 1, "Data! column F");
    done(&b);
    /* The external link target names a user folder: shown masked. */
    b = make(FX_XLSX_EXTERNAL_LINK, "book.xlsx", NOHIN_ROLE_PUBLIC);
    const nohin_finding *f = first(b.r, "XLSX-EXTERNAL-LINK");
    assert_non_null(strstr(f->message, "Users/y****a/Documents/source.xlsx"));
    assert_null(strstr(f->message, "yamada"));
    done(&b);
}

/* Personal names are masked in every message and evidence. */
static void people_are_masked(void **state)
{
    (void)state;
    book b = make(FX_XLSX_COMMENT, "book.xlsx", NOHIN_ROLE_PUBLIC);
    const nohin_finding *f = first(b.r, "XLSX-COMMENT");
    assert_non_null(strstr(f->message, "山***"));
    assert_null(strstr(f->message, "山田太郎"));
    assert_null(strstr(f->evidence, "山田太郎"));
    done(&b);
    b = make(FX_XLSX_THREADED_COMMENT, "book.xlsx", NOHIN_ROLE_PUBLIC);
    f = first(b.r, "XLSX-COMMENT");
    assert_non_null(strstr(f->message, "threaded"));
    assert_non_null(strstr(f->message, "佐***"));
    done(&b);
    b = make(FX_XLSX_PERSON, "book.xlsx", NOHIN_ROLE_PUBLIC);
    for (guint i = 0; i < b.r->findings->len; i++) {
        const nohin_finding *g = b.r->findings->pdata[i];
        assert_null(strstr(g->message, "山田太郎"));
        assert_null(strstr(g->message, "鈴木一郎"));
        assert_null(strstr(g->message, "佐藤次郎"));
    }
    done(&b);
}

/* Internal files: only macros, external links and data connections. */
static void internal_role_reports_active_content_only(void **state)
{
    (void)state;
    static const fx_xlsx_kind quiet[] = {FX_XLSX_HIDDEN_ROWS, FX_XLSX_HIDDEN_SHEET, FX_XLSX_COMMENT,
                                         FX_XLSX_PERSON,      FX_XLSX_EMBEDDED,     FX_XLSX_MERGED,
                                         FX_XLSX_INVISIBLE,   FX_XLSX_PIVOT_CACHE};
    for (size_t i = 0; i < G_N_ELEMENTS(quiet); i++) {
        book b = make(quiet[i], "book.xlsx", NOHIN_ROLE_INTERNAL);
        if (b.r->findings->len) ts_dump(b.r);
        assert_int_equal(b.r->findings->len, 0);
        done(&b);
    }
    book b = make(FX_XLSX_MACRO, "book.xlsm", NOHIN_ROLE_INTERNAL);
    assert_int_equal(ts_count(b.r, "XLSX-MACRO"), 1);
    done(&b);
    b = make(FX_XLSX_EXTERNAL_LINK, "book.xlsx", NOHIN_ROLE_INTERNAL);
    assert_int_equal(ts_count(b.r, "XLSX-EXTERNAL-LINK"), 2);
    assert_int_equal(count_prefix(b.r, "DATA-"), 0);
    done(&b);
    b = make(FX_XLSX_CONNECTION, "book.xlsx", NOHIN_ROLE_INTERNAL);
    assert_int_equal(ts_count(b.r, "XLSX-DATA-CONNECTION"), 2);
    done(&b);
}

/* A macro-enabled package behind an .xlsx name is still a macro, and says so. */
static void disguised_macro(void **state)
{
    (void)state;
    book b = make(FX_XLSX_MACRO, "book.xlsx", NOHIN_ROLE_PUBLIC);
    assert_non_null(strstr(first(b.r, "XLSX-MACRO")->message, "although"));
    done(&b);
    b = make(FX_XLSX_MACRO, "book.xlsm", NOHIN_ROLE_PUBLIC);
    assert_null(strstr(first(b.r, "XLSX-MACRO")->message, "although"));
    done(&b);
}

/* Hostile packages: a damaged sheet, a zip bomb, absurd nesting. */
static void damaged_workbooks_are_findings(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), *p = ts_path(dir, "cut.xlsx");
    assert_true(fx_xlsx_write(p, FX_XLSX_CLEAN));
    fx_zip_edit cut[] = {{"xl/worksheets/sheet1.xml", NULL,
                          "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
                          "main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x"}};
    assert_true(fx_zip_patch(p, cut, 1));
    nohin_report *r = ts_lint(p, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "XLSX-MALFORMED"), 1);
    ts_assert_loc(r, "XLSX-MALFORMED", 0, "sheet Data");
    nohin_report_free(r);

    /* 40 MB of blanks compress ~1000:1: over the per-entry ratio limit. */
    char *bomb = g_malloc(40 * 1024 * 1024 + 1);
    memset(bomb, ' ', 40 * 1024 * 1024);
    bomb[40 * 1024 * 1024] = 0;
    char *q = ts_path(dir, "bomb.xlsx");
    assert_true(fx_xlsx_write(q, FX_XLSX_CLEAN));
    fx_zip_edit b[] = {{"xl/worksheets/sheet1.xml", NULL, bomb}};
    assert_true(fx_zip_patch(q, b, 1));
    g_free(bomb);
    r = ts_lint(q, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "XLSX-MALFORMED"), 1);
    nohin_report_free(r);

    GString *deep = g_string_new("<worksheet xmlns=\"http://schemas.openxmlformats.org/"
                                 "spreadsheetml/2006/main\"><sheetData>");
    for (int i = 0; i < 2000; i++)
        g_string_append(deep, "<x>");
    for (int i = 0; i < 2000; i++)
        g_string_append(deep, "</x>");
    g_string_append(deep, "</sheetData></worksheet>");
    char *d = ts_path(dir, "deep.xlsx");
    assert_true(fx_xlsx_write(d, FX_XLSX_CLEAN));
    fx_zip_edit de[] = {{"xl/worksheets/sheet1.xml", NULL, deep->str}};
    assert_true(fx_zip_patch(d, de, 1));
    g_string_free(deep, TRUE);
    r = ts_lint(d, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "XLSX-MALFORMED"), 1);
    nohin_report_free(r);
    ts_rmtree(dir);
    g_free(p);
    g_free(q);
    g_free(d);
    g_free(dir);
}

/* A legacy .xls (written by LibreOffice) is a finding, not a crash. */
static void legacy_xls(void **state)
{
    (void)state;
    if (!ts_have("soffice")) skip();
    char *dir = ts_tmpdir(), *p = ts_path(dir, "old.xlsx");
    assert_true(fx_xlsx_write(p, FX_XLSX_CLEAN));
    if (ts_sh(NULL,
              "cd '%s' && HOME='%s' timeout 120 soffice --headless --convert-to xls old.xlsx "
              ">/dev/null 2>&1",
              dir, dir) != 0) {
        ts_rmtree(dir);
        skip();
    }
    char *x = ts_path(dir, "old.xls");
    nohin_report *r = ts_lint(x, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "XLSX-LEGACY"), 1);
    assert_int_equal(((nohin_file *)r->files->pdata[0])->status, NOHIN_STATUS_UNREADABLE);
    nohin_report_free(r);
    ts_rmtree(dir);
    g_free(p);
    g_free(x);
    g_free(dir);
}

/* One finding per contiguous range, and a bounded number of them. */
static void alternating_hidden_rows_are_capped(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), *p = ts_path(dir, "zebra.xlsx");
    lxw_workbook *wb = workbook_new(p);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Z");
    lxw_row_col_options h = {.hidden = 1};
    for (int r = 0; r < 1000; r++) {
        worksheet_write_number(ws, r, 0, r, NULL);
        if (r % 2) worksheet_set_row_opt(ws, r, LXW_DEF_ROW_HEIGHT, NULL, &h);
    }
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    assert_openpyxl_opens(p);
    nohin_report *r = ts_lint(p, NOHIN_ROLE_PUBLIC);
    /* 500 ranges: 200 listed, one line for the rest. */
    assert_int_equal(ts_count(r, "XLSX-HIDDEN-ROW"), NOHIN_XLSX_MAX_RANGES + 1);
    ts_assert_loc(r, "XLSX-HIDDEN-ROW", 0, "Z! row 2");
    nohin_report_free(r);
    ts_rmtree(dir);
    g_free(p);
    g_free(dir);
}

typedef struct {
    int body, hidden, comment, metadata, header;
    bool saw_hidden_sheet_cell, saw_author, saw_b3;
} tally;

static bool on_text(const nohin_text_piece *p, void *user)
{
    tally *t = user;
    char *where = nohin_location_format(p->loc);
    switch (p->kind) {
    case NOHIN_TEXT_BODY:
        t->body++;
        if (!strcmp(where, "Data!B3") && p->len == 4 && !memcmp(p->text, "1010", 4))
            t->saw_b3 = true;
        break;
    case NOHIN_TEXT_HIDDEN:
        t->hidden++;
        if (!strcmp(where, "Hidden!A1")) t->saw_hidden_sheet_cell = true;
        break;
    case NOHIN_TEXT_COMMENT:
        t->comment++;
        if (p->label && !strcmp(p->label, "comment author") &&
            !strncmp(p->text, "山田太郎", p->len))
            t->saw_author = true;
        break;
    case NOHIN_TEXT_METADATA:
        t->metadata++;
        break;
    case NOHIN_TEXT_HEADER:
        t->header++;
        break;
    default:
        break;
    }
    g_free(where);
    return true;
}

static void text_source_yields_every_text(void **state)
{
    (void)state;
    book b = make(FX_XLSX_HIDDEN_SHEET, "book.xlsx", NOHIN_ROLE_PUBLIC);
    tally t = {0};
    nohin_file_foreach_text(b.r->files->pdata[0], on_text, &t);
    assert_true(t.saw_hidden_sheet_cell);
    assert_true(t.saw_b3);
    assert_int_equal(t.body, 1 /* sheet name */ + 44 /* A1:D11 */);
    assert_true(t.metadata >= 2); /* author, company, title */
    done(&b);
    b = make(FX_XLSX_COMMENT, "book.xlsx", NOHIN_ROLE_PUBLIC);
    memset(&t, 0, sizeof t);
    nohin_file_foreach_text(b.r->files->pdata[0], on_text, &t);
    assert_true(t.saw_author);
    assert_int_equal(t.comment, 2);
    done(&b);
    b = make(FX_XLSX_HEADER_FOOTER, "book.xlsx", NOHIN_ROLE_PUBLIC);
    memset(&t, 0, sizeof t);
    nohin_file_foreach_text(b.r->files->pdata[0], on_text, &t);
    assert_int_equal(t.header, 2);
    done(&b);
}

/* The reader's own API, as `nohin clean` uses it. */
static bool count_cells(const nohin_xlsx_sheet *s, const nohin_xlsx_cell *c, void *user)
{
    (void)s;
    if (c->type != NOHIN_CELL_EMPTY) (*(int *)user)++;
    return true;
}

static void reader_api(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), *p = ts_path(dir, "b.xlsx");
    assert_true(fx_xlsx_write(p, FX_XLSX_HIDDEN_ROWS));
    nohin_xlsx *x = nohin_xlsx_open(p, NULL);
    assert_int_equal(x->status, NOHIN_XLSX_OK);
    assert_int_equal(x->sheets->len, 1);
    const nohin_xlsx_sheet *s = x->sheets->pdata[0];
    assert_string_equal(s->name, "Data");
    assert_int_equal(s->max_row, 11);
    assert_int_equal(s->max_col, 4);
    assert_int_equal(s->hidden_rows->len, 2);
    int n = 0;
    assert_true(nohin_xlsx_foreach_cell(x, 0, count_cells, &n));
    assert_int_equal(n, 44);
    assert_string_equal(x->title, "図3-1 地域別人口");
    nohin_xlsx_free(x);
    int row, col;
    assert_true(nohin_xlsx_parse_ref("$AB$12", &row, &col));
    assert_int_equal(row, 12);
    assert_int_equal(col, 28);
    assert_false(nohin_xlsx_parse_ref("A0", &row, &col));
    char *name = nohin_xlsx_col_name(16384);
    assert_string_equal(name, "XFD");
    g_free(name);
    ts_rmtree(dir);
    g_free(p);
    g_free(dir);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clean_book_has_no_findings),
        cmocka_unit_test(every_rule_at_its_location),
        cmocka_unit_test(reasons_and_evidence),
        cmocka_unit_test(people_are_masked),
        cmocka_unit_test(internal_role_reports_active_content_only),
        cmocka_unit_test(disguised_macro),
        cmocka_unit_test(damaged_workbooks_are_findings),
        cmocka_unit_test(legacy_xls),
        cmocka_unit_test(alternating_hidden_rows_are_capped),
        cmocka_unit_test(text_source_yields_every_text),
        cmocka_unit_test(reader_api),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
