/* Hidden-data rules on PDFs with one planted item each (fx_pdf_plant.h), and a
 * clean report with links, bookmarks and an OCR page that must stay clean.
 * Each fixture is also checked with tools nobody here wrote (qpdf, poppler-utils). */
#include "fx_pdf.h"
#include "fx_pdf_plant.h"
#include "test_support.h"
#include "readers/text_source.h"

static const char *const hidden_rules[] = {"PDF-ATTACHMENT",      "PDF-JAVASCRIPT",
                                           "PDF-AUTO-ACTION",     "PDF-EXTERNAL-ACTION",
                                           "PDF-ANNOTATION",      "PDF-FORM",
                                           "PDF-HIDDEN-LAYER",    "PDF-REVISIONS",
                                           "PDF-METADATA-PERSON", "PDF-PROPERTIES",
                                           "PDF-PRIVATE-DATA",    "PDF-HIDDEN-TEXT",
                                           "PDF-MALFORMED",       NULL};

static const char *para = "第1章 調査の概要\n本調査は産業構造の変化を把握することを目的とする。";

typedef struct {
    char *dir, *path;
} fx;

/* A clean three-page report with a title and the organisation as author. */
static fx base(const char *name)
{
    fx f = {ts_tmpdir(), NULL};
    f.path = ts_path(f.dir, name);
    fx_page pages[] = {{FX_PAGE_TEXT, para, "第1章"},
                       {FX_PAGE_TEXT,
                        "第2章 ヒアリング結果\n委員からは予算の見直しを求める意見があった。",
                        "第2章"},
                       {FX_PAGE_TEXT, "第3章 まとめ\n今後の課題を整理した。", NULL}};
    fx_pdf_meta meta = {"令和6年度 産業構造調査 報告書", "株式会社サンプル総研", NULL};
    assert_true(fx_pdf_write(f.path, pages, 3, &meta));
    return f;
}

static void done(fx *f, nohin_report *r)
{
    nohin_report_free(r);
    ts_rmtree(f->dir);
    g_free(f->path);
    g_free(f->dir);
}

/* qpdf --check must accept every planted fixture: it is a valid PDF. */
static void qpdf_ok(const char *path)
{
    assert_int_equal(ts_sh(NULL, "qpdf --check '%s' >/dev/null 2>&1", path), 0);
}

static size_t count_all_hidden(const nohin_report *r)
{
    size_t n = 0;
    for (int i = 0; hidden_rules[i]; i++)
        n += ts_count(r, hidden_rules[i]);
    return n;
}

static nohin_severity sev_of(const nohin_report *r, const char *rule, size_t n)
{
    for (guint i = 0; i < r->findings->len; i++) {
        const nohin_finding *f = r->findings->pdata[i];
        if (!strcmp(f->rule, rule) && n-- == 0) return f->severity;
    }
    fail_msg("no finding %s", rule);
    return NOHIN_SEV_INFO;
}

static void clean_report_has_no_hidden_data(void **state)
{
    (void)state;
    fx f = {ts_tmpdir(), NULL};
    f.path = ts_path(f.dir, "clean.pdf");
    fx_page pages[] = {
        {FX_PAGE_TEXT, para, "第1章"}, {FX_PAGE_OCR, para, "第2章"}, {FX_PAGE_TEXT, para, "第3章"}};
    fx_pdf_meta meta = {"令和6年度 産業構造調査 報告書", "株式会社サンプル総研", NULL};
    assert_true(fx_pdf_write(f.path, pages, 3, &meta));
    assert_true(fx_pdf_plant(f.path, FX_PLANT_GOTO_LINK, 3));
    assert_true(fx_pdf_plant(f.path, FX_PLANT_URI, 1));
    qpdf_ok(f.path);
    /* pdftotext sees the OCR page's invisible text; pdfinfo sees the title. */
    char *out = NULL;
    assert_int_equal(ts_sh(&out, "pdftotext -f 2 -l 2 '%s' - | grep -c 産業構造", f.path), 0);
    g_free(out);
    assert_int_equal(ts_sh(NULL, "pdfinfo '%s' | grep -q '^Title: *令和6年度'", f.path), 0);
    /* pdfimages: the OCR page is one scanned image; pdfdetach: nothing embedded. */
    assert_int_equal(ts_sh(&out, "pdfimages -list -f 2 -l 2 '%s' | tail -n +3 | wc -l", f.path), 0);
    assert_int_equal(atoi(out), 1);
    g_free(out);
    assert_int_equal(ts_sh(&out, "pdfdetach -list '%s' | head -1", f.path), 0);
    assert_non_null(strstr(out, "0 embedded files"));
    g_free(out);
    assert_int_equal(ts_sh(&out, "pdfinfo '%s' | grep -c '^Pages: *3'", f.path), 0);
    g_free(out);
    nohin_report *r = ts_lint(f.path, NOHIN_ROLE_PUBLIC);
    if (count_all_hidden(r) != 1) ts_dump(r);
    /* The only finding is the web link, listed at info so a reviewer sees where it points. */
    assert_int_equal(count_all_hidden(r), 1);
    assert_int_equal(ts_count(r, "PDF-EXTERNAL-ACTION"), 1);
    assert_int_equal(sev_of(r, "PDF-EXTERNAL-ACTION", 0), NOHIN_SEV_INFO);
    assert_string_equal(ts_must(r, "PDF-EXTERNAL-ACTION", 0)->evidence,
                        "uri=https://www.meti.go.jp/");
    assert_int_equal(ts_page(r, "PDF-EXTERNAL-ACTION", 0), 1);
    done(&f, r);
}

static void attachments(void **state)
{
    (void)state;
    fx f = base("attach.pdf");
    assert_true(fx_pdf_plant(f.path, FX_PLANT_ATTACHMENT, 1));
    assert_true(fx_pdf_plant(f.path, FX_PLANT_ATTACHMENT_ANNOT, 2));
    qpdf_ok(f.path);
    /* pdfdetach lists both; `qpdf --list-attachments` only the name-tree one. */
    char *out = NULL;
    assert_int_equal(ts_sh(&out, "pdfdetach -list '%s' | head -1", f.path), 0);
    assert_non_null(strstr(out, "2 embedded files"));
    g_free(out);
    assert_int_equal(ts_sh(&out, "qpdf --list-attachments '%s'", f.path), 0);
    assert_non_null(strstr(out, "minutes.txt"));
    assert_null(strstr(out, "budget.csv"));
    g_free(out);
    nohin_report *r = ts_lint(f.path, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-ATTACHMENT"), 2);
    /* Sorted: the page-located one first, then the document-level one by object. */
    assert_int_equal(ts_page(r, "PDF-ATTACHMENT", 0), 2);
    assert_string_equal(ts_must(r, "PDF-ATTACHMENT", 0)->evidence,
                        "name=budget.csv size=21 type=text/plain");
    /* said as what it is (添付ファイル「minutes.txt」), not as an object number */
    assert_int_equal(ts_must(r, "PDF-ATTACHMENT", 1)->loc.kind, NOHIN_LOC_PART);
    ts_assert_loc(r, "PDF-ATTACHMENT", 1, "attachment “minutes.txt”");
    assert_string_equal(ts_must(r, "PDF-ATTACHMENT", 1)->evidence,
                        "name=minutes.txt size=27 type=text/plain");
    done(&f, r);
}

static void javascript_and_auto_actions(void **state)
{
    (void)state;
    fx f = base("js.pdf");
    assert_true(fx_pdf_plant(f.path, FX_PLANT_OPEN_ACTION_JS, 1));
    assert_true(fx_pdf_plant(f.path, FX_PLANT_PAGE_AA, 2));
    assert_true(fx_pdf_plant(f.path, FX_PLANT_DOC_JS, 1)); /* rewritten with object streams */
    qpdf_ok(f.path);
    char *out = NULL;
    /* The document-level script sits inside a compressed object stream. */
    assert_int_equal(ts_sh(&out, "qpdf --show-xref '%s' | grep -c compressed", f.path), 0);
    assert_true(atoi(out) > 0);
    g_free(out);
    assert_int_equal(ts_sh(&out,
                           "qpdf --qdf --object-streams=disable '%s' - | grep -ac '/S /JavaScript'",
                           f.path),
                     0);
    assert_int_equal(atoi(out), 2);
    g_free(out);
    nohin_report *r = ts_lint(f.path, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-JAVASCRIPT"), 2);
    assert_int_equal(ts_count(r, "PDF-AUTO-ACTION"), 2); /* OpenAction + page open */
    assert_int_equal(ts_page(r, "PDF-AUTO-ACTION", 0), 2);
    int found_print = 0;
    for (size_t i = 0; i < 2; i++)
        if (strstr(ts_must(r, "PDF-JAVASCRIPT", i)->evidence, "this.print(true);")) found_print++;
    assert_int_equal(found_print, 1);
    assert_int_equal(ts_count(r, "PDF-EXTERNAL-ACTION"), 0);
    done(&f, r);
}

static void external_actions(void **state)
{
    (void)state;
    fx f = base("ext.pdf");
    assert_true(fx_pdf_plant(f.path, FX_PLANT_LAUNCH, 2));
    assert_true(fx_pdf_plant(f.path, FX_PLANT_SUBMITFORM, 3));
    assert_true(fx_pdf_plant(f.path, FX_PLANT_URI, 1));
    qpdf_ok(f.path);
    nohin_report *r = ts_lint(f.path, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-EXTERNAL-ACTION"), 3);
    assert_int_equal(ts_page(r, "PDF-EXTERNAL-ACTION", 0), 1);
    assert_int_equal(sev_of(r, "PDF-EXTERNAL-ACTION", 0), NOHIN_SEV_INFO);
    assert_int_equal(ts_page(r, "PDF-EXTERNAL-ACTION", 1), 2);
    assert_string_equal(ts_must(r, "PDF-EXTERNAL-ACTION", 1)->evidence,
                        "action=Launch target=cmd.exe");
    assert_int_equal(sev_of(r, "PDF-EXTERNAL-ACTION", 1), NOHIN_SEV_ERROR);
    assert_int_equal(ts_page(r, "PDF-EXTERNAL-ACTION", 2), 3);
    assert_non_null(strstr(ts_must(r, "PDF-EXTERNAL-ACTION", 2)->evidence, "SubmitForm"));
    done(&f, r);
}

static void comment_with_masked_author(void **state)
{
    (void)state;
    fx f = base("comment.pdf");
    assert_true(fx_pdf_plant(f.path, FX_PLANT_COMMENT, 2));
    assert_true(fx_pdf_plant(f.path, FX_PLANT_GOTO_LINK, 1)); /* near miss: a link is no comment */
    qpdf_ok(f.path);
    nohin_report *r = ts_lint(f.path, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-ANNOTATION"), 1);
    const nohin_finding *a = ts_must(r, "PDF-ANNOTATION", 0);
    assert_int_equal(a->loc.page, 2);
    assert_true(a->loc.has_box);
    /* /Rect [400 600 420 620] on an 842 pt page: top-left origin. */
    assert_true(a->loc.box.x0 == 400 && a->loc.box.y0 == 222);
    assert_null(strstr(a->message, "yamada"));
    assert_null(strstr(a->evidence, "yamada"));
    assert_non_null(strstr(a->evidence, "author=y*********o"));
    nohin_report_free(r);
    r = ts_lint(f.path, NOHIN_ROLE_INTERNAL); /* internal bundle: info only */
    assert_int_equal(sev_of(r, "PDF-ANNOTATION", 0), NOHIN_SEV_INFO);
    done(&f, r);
}

static void form_values_and_xfa(void **state)
{
    (void)state;
    fx f = base("form.pdf");
    assert_true(fx_pdf_plant(f.path, FX_PLANT_FORM_VALUE, 3));
    qpdf_ok(f.path);
    nohin_report *r = ts_lint(f.path, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-FORM"), 1);
    assert_int_equal(ts_page(r, "PDF-FORM", 0), 3);
    assert_non_null(strstr(ts_must(r, "PDF-FORM", 0)->evidence, "value=山***"));
    nohin_report_free(r);
    fx g = base("xfa.pdf");
    assert_true(fx_pdf_plant(g.path, FX_PLANT_XFA, 1));
    qpdf_ok(g.path);
    r = ts_lint(g.path, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-FORM"), 1);
    ts_assert_loc(r, "PDF-FORM", 0, "form fields");
    assert_int_equal(sev_of(r, "PDF-FORM", 0), NOHIN_SEV_ERROR);
    done(&g, r);
    ts_rmtree(f.dir);
    g_free(f.path);
    g_free(f.dir);
}

static void layers(void **state)
{
    (void)state;
    fx f = base("layer-off.pdf");
    assert_true(fx_pdf_plant(f.path, FX_PLANT_LAYER_OFF, 2));
    qpdf_ok(f.path);
    nohin_report *r = ts_lint(f.path, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-HIDDEN-LAYER"), 1);
    assert_int_equal(ts_page(r, "PDF-HIDDEN-LAYER", 0), 2);
    assert_int_equal(sev_of(r, "PDF-HIDDEN-LAYER", 0), NOHIN_SEV_ERROR);
    assert_non_null(strstr(ts_must(r, "PDF-HIDDEN-LAYER", 0)->evidence, "layer=社内メモ"));
    /* no object number: it changes when the same document is exported again */
    assert_null(strstr(ts_must(r, "PDF-HIDDEN-LAYER", 0)->evidence, "object"));
    nohin_report_free(r);
    fx g = base("layer-on.pdf"); /* near miss: a layer that is on is only listed */
    assert_true(fx_pdf_plant(g.path, FX_PLANT_LAYER_ON, 2));
    r = ts_lint(g.path, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-HIDDEN-LAYER"), 1);
    assert_int_equal(sev_of(r, "PDF-HIDDEN-LAYER", 0), NOHIN_SEV_INFO);
    done(&g, r);
    ts_rmtree(f.dir);
    g_free(f.path);
    g_free(f.dir);
}

static void metadata(void **state)
{
    (void)state;
    fx f = base("meta.pdf");
    assert_true(fx_pdf_plant(f.path, FX_PLANT_AUTHOR_LOGIN, 1));
    assert_true(fx_pdf_plant(f.path, FX_PLANT_XMP_PATH, 1));
    assert_true(fx_pdf_plant(f.path, FX_PLANT_TITLE_FILENAME, 1));
    assert_true(fx_pdf_plant(f.path, FX_PLANT_PIECEINFO, 2));
    assert_true(fx_pdf_plant(f.path, FX_PLANT_THUMB, 3));
    qpdf_ok(f.path);
    assert_int_equal(ts_sh(NULL, "pdfinfo '%s' | grep -q '^Author: *yamada'", f.path), 0);
    assert_int_equal(ts_sh(NULL, "pdfinfo -meta '%s' | grep -q 'Users.yamada'", f.path), 0);
    nohin_report *r = ts_lint(f.path, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-METADATA-PERSON"), 2); /* the login name, the path */
    for (size_t i = 0; i < 2; i++) {
        const nohin_finding *m = ts_must(r, "PDF-METADATA-PERSON", i);
        assert_null(strstr(m->evidence, "yamada"));
        assert_null(strstr(m->message, "yamada"));
    }
    assert_int_equal(ts_count(r, "PDF-PROPERTIES"), 1);
    assert_non_null(strstr(ts_must(r, "PDF-PROPERTIES", 0)->message, "報告書_最終版.docx"));
    assert_int_equal(ts_count(r, "PDF-PRIVATE-DATA"), 2); /* PieceInfo, thumbnail */
    assert_int_equal(ts_page(r, "PDF-PRIVATE-DATA", 0), 2);
    assert_int_equal(ts_page(r, "PDF-PRIVATE-DATA", 1), 3);
    nohin_report_free(r);
    fx g = base("untitled.pdf");
    assert_true(fx_pdf_plant(g.path, FX_PLANT_NO_TITLE, 1));
    assert_int_equal(ts_sh(NULL, "pdfinfo '%s' | grep -q '^Title:'", g.path), 1);
    r = ts_lint(g.path, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-PROPERTIES"), 1);
    assert_int_equal(ts_count(r, "PDF-METADATA-PERSON"), 0); /* near miss: organisation author */
    nohin_report_free(r);
    /* Near miss: a PDF named after its own title is fine. */
    char *named = ts_path(g.dir, "令和6年度 産業構造調査 報告書.pdf");
    fx_page one[] = {{FX_PAGE_TEXT, para, NULL}};
    fx_pdf_meta meta = {"令和6年度 産業構造調査 報告書", "株式会社サンプル総研", NULL};
    assert_true(fx_pdf_write(named, one, 1, &meta));
    r = ts_lint(named, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-PROPERTIES"), 0);
    g_free(named);
    done(&g, r);
    ts_rmtree(f.dir);
    g_free(f.path);
    g_free(f.dir);
}

static void revisions(void **state)
{
    (void)state;
    fx f = base("rev.pdf");
    char *out = NULL;
    assert_true(fx_pdf_incremental(f.path, 2, true));
    qpdf_ok(f.path);
    /* pdftotext of the final version: page 2 lost its text, page 3 is gone. */
    assert_int_equal(ts_sh(&out, "pdfinfo '%s' | grep -c '^Pages: *2'", f.path), 0);
    g_free(out);
    assert_int_equal(ts_sh(&out, "pdftotext -f 2 -l 2 '%s' - | tr -d ' \\n\\f' | wc -c", f.path),
                     0);
    assert_int_equal(atoi(out), 0);
    g_free(out);
    assert_int_equal(ts_sh(&out, "grep -ac '%%%%EOF' '%s'", f.path), 0);
    assert_int_equal(atoi(out), 2);
    g_free(out);
    nohin_report *r = ts_lint(f.path, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-REVISIONS"), 2);
    /* Sorted: the one without location (the count) first, then page 2 of revision 1. */
    assert_string_equal(ts_must(r, "PDF-REVISIONS", 0)->evidence, "revisions=2");
    assert_int_equal(sev_of(r, "PDF-REVISIONS", 0), NOHIN_SEV_WARNING);
    assert_int_equal(ts_page(r, "PDF-REVISIONS", 1), 2);
    assert_int_equal(sev_of(r, "PDF-REVISIONS", 1), NOHIN_SEV_ERROR);
    assert_non_null(strstr(ts_must(r, "PDF-REVISIONS", 1)->evidence, "pages_then=3 pages_now=2"));
    nohin_report_free(r);
    /* Near miss: an update that only retitles keeps all text: the count, no error. */
    fx g = base("retitled.pdf");
    assert_true(fx_pdf_incremental_title(g.path, "令和6年度 産業構造調査 報告書（確定版）"));
    qpdf_ok(g.path);
    assert_int_equal(ts_sh(NULL, "pdfinfo '%s' | grep -q '確定版'", g.path), 0);
    r = ts_lint(g.path, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-REVISIONS"), 1);
    assert_int_equal(sev_of(r, "PDF-REVISIONS", 0), NOHIN_SEV_WARNING);
    done(&g, r);
    ts_rmtree(f.dir);
    g_free(f.path);
    g_free(f.dir);
}

static void hidden_text(void **state)
{
    (void)state;
    fx f = {ts_tmpdir(), NULL};
    f.path = ts_path(f.dir, "hidden.pdf");
    assert_true(fx_pdf_hidden_text(f.path));
    qpdf_ok(f.path);
    char *out = NULL;
    /* pdftotext finds the white, covered and tiny text (it is in the text layer). */
    assert_int_equal(
        ts_sh(&out, "pdftotext '%s' - | grep -c -e 内部メモ -e 佐藤花子 -e 'tiny note'", f.path),
        0);
    assert_int_equal(atoi(out), 3);
    g_free(out);
    /* Text below the crop box: pdftotext finds it (in the media box); pdfinfo shows the crop box.
     */
    assert_int_equal(ts_sh(NULL, "pdftotext -f 5 -l 5 '%s' - | grep -q 最終版ではない", f.path), 0);
    assert_int_equal(
        ts_sh(NULL,
              "pdfinfo -box -f 5 -l 5 '%s' | grep -q 'CropBox: *0.00 *100.00 *595.00 *842.00'",
              f.path),
        0);
    nohin_report *r = ts_lint(f.path, NOHIN_ROLE_PUBLIC);
    if (ts_count(r, "PDF-HIDDEN-TEXT") != 4) ts_dump(r);
    assert_int_equal(ts_count(r, "PDF-HIDDEN-TEXT"), 4);
    static const char *const reasons[] = {"reason=white", "reason=covered", "reason=tiny",
                                          "reason=outside-crop"};
    for (int i = 0; i < 4; i++) {
        const nohin_finding *h = ts_must(r, "PDF-HIDDEN-TEXT", (size_t)i);
        assert_int_equal(h->loc.page, i + 2); /* pages 2–5; page 1 (white on dark) is a near miss */
        assert_true(h->loc.has_box);
        assert_non_null(strstr(h->evidence, reasons[i]));
        assert_null(strstr(h->evidence, "佐藤花子"));
    }
    done(&f, r);
}

static bool collect(const nohin_text_piece *p, void *user)
{
    g_string_append_printf(user, "%d|%s|%.*s\n", (int)p->kind, p->label ? p->label : "",
                           (int)p->len, p->text);
    return true;
}

/* The personal-data detector sees properties and comments, not only page text. */
static void text_pieces_include_metadata_and_comments(void **state)
{
    (void)state;
    fx f = base("pieces.pdf");
    assert_true(fx_pdf_plant(f.path, FX_PLANT_COMMENT, 2));
    assert_true(fx_pdf_plant(f.path, FX_PLANT_AUTHOR_LOGIN, 1));
    assert_true(fx_pdf_plant(f.path, FX_PLANT_XMP_PATH, 1));
    nohin_file *file = g_new0(nohin_file, 1);
    file->path = g_strdup("pieces.pdf");
    file->abspath = g_strdup(f.path);
    file->format = NOHIN_FMT_PDF;
    GString *all = g_string_new(NULL);
    nohin_pdf_foreach_text(file, collect, all);
    char *want_author = g_strdup_printf("%d|Info/Author|yamada\n", NOHIN_TEXT_METADATA);
    char *want_comment = g_strdup_printf("%d|comment author|yamada.taro\n", NOHIN_TEXT_COMMENT);
    char *want_history = g_strdup_printf("%d|xmpMM:History/stEvt:parameters|from C:\\Users\\yamada",
                                         NOHIN_TEXT_METADATA);
    assert_non_null(strstr(all->str, want_author));
    assert_non_null(strstr(all->str, want_comment));
    assert_non_null(strstr(all->str, want_history));
    assert_non_null(strstr(all->str, "要確認"));
    g_free(want_author);
    g_free(want_comment);
    g_free(want_history);
    g_string_free(all, TRUE);
    nohin_file_free(file);
    ts_rmtree(f.dir);
    g_free(f.path);
    g_free(f.dir);
}

/* A damaged cross-reference table: readers repair it, qpdf --check reports it,
 * and the checks still run on the repaired file (the planted comment is found). */
static void damaged_file_is_checked_and_flagged(void **state)
{
    (void)state;
    fx f = base("damaged.pdf");
    assert_true(fx_pdf_plant(f.path, FX_PLANT_COMMENT, 1));
    gchar *d = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(f.path, &d, &len, NULL));
    /* Point startxref at the wrong place. */
    char *sx = NULL; /* the last "startxref" (the file has binary streams: no str*()) */
    for (gsize i = len >= 10 ? len - 10 : 0; i > 0 && !sx; i--)
        if (!memcmp(d + i, "startxref\n", 10)) sx = d + i;
    assert_non_null(sx);
    sx[10] = sx[10] == '1' ? '2' : '1';
    assert_true(fx_write_bytes(f.path, d, len));
    g_free(d);
    assert_int_equal(ts_sh(NULL, "qpdf --check '%s' >/dev/null 2>&1", f.path), 3); /* warnings */
    assert_int_equal(ts_sh(NULL, "pdfinfo '%s' 2>/dev/null | grep -q '^Pages: *3'", f.path), 0);
    nohin_report *r = ts_lint(f.path, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-MALFORMED"), 1);
    assert_int_equal(sev_of(r, "PDF-MALFORMED", 0), NOHIN_SEV_WARNING);
    assert_null(strstr(ts_must(r, "PDF-MALFORMED", 0)->evidence, f.dir)); /* no absolute paths */
    assert_int_equal(ts_count(r, "PDF-ANNOTATION"), 1);
    done(&f, r);
}

/* An attachment deleted by a later save: gone from the final version (no
 * PDF-ATTACHMENT, pdfdetach lists nothing) but recoverable from revision 1. */
static void deleted_attachment_in_earlier_revision(void **state)
{
    (void)state;
    fx f = base("deleted-attachment.pdf");
    assert_true(fx_pdf_plant(f.path, FX_PLANT_ATTACHMENT, 1));
    assert_true(fx_pdf_incremental_drop_attachments(f.path));
    qpdf_ok(f.path);
    char *out = NULL;
    assert_int_equal(ts_sh(&out, "pdfdetach -list '%s' | head -1", f.path), 0);
    assert_non_null(strstr(out, "0 embedded files"));
    g_free(out);
    nohin_report *r = ts_lint(f.path, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-ATTACHMENT"), 0);
    assert_int_equal(ts_count(r, "PDF-REVISIONS"), 2);
    const nohin_finding *e = ts_must(r, "PDF-REVISIONS", 0);
    if (!strstr(e->evidence, "attachments_then")) e = ts_must(r, "PDF-REVISIONS", 1);
    assert_non_null(strstr(e->evidence, "attachments_then=1 attachments_now=0"));
    assert_int_equal(e->severity, NOHIN_SEV_ERROR);
    done(&f, r);
}

/* Hostile structure: nesting deeper than the walker follows. The run finishes
 * and says the file could not be walked completely. */
static void deep_nesting_is_bounded(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), *p = ts_path(dir, "deep.pdf");
    GString *deep = g_string_new(NULL);
    for (int i = 0; i < 100; i++)
        g_string_append(deep, "[");
    for (int i = 0; i < 100; i++)
        g_string_append(deep, "]");
    char *objs[4] = {
        g_strdup_printf("<< /Type /Catalog /Pages 2 0 R /Deep %s >>", deep->str),
        g_strdup("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        g_strdup("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"),
        g_strdup("<< /Length 0 >>\nstream\n\nendstream")};
    GString *pdf = g_string_new("%PDF-1.4\n");
    size_t off[4];
    for (int i = 0; i < 4; i++) {
        off[i] = pdf->len;
        g_string_append_printf(pdf, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
        g_free(objs[i]);
    }
    size_t xref = pdf->len;
    g_string_append(pdf, "xref\n0 5\n0000000000 65535 f \n");
    for (int i = 0; i < 4; i++)
        g_string_append_printf(pdf, "%010zu 00000 n \n", off[i]);
    g_string_append_printf(pdf, "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                           xref);
    assert_true(fx_write_bytes(p, pdf->str, pdf->len));
    g_string_free(pdf, TRUE);
    g_string_free(deep, TRUE);
    assert_int_equal(ts_sh(NULL, "qpdf --check '%s' >/dev/null 2>&1", p), 0); /* valid, just deep */
    nohin_report *r = ts_lint(p, NOHIN_ROLE_PUBLIC);
    assert_int_equal(ts_count(r, "PDF-MALFORMED"), 1);
    assert_non_null(strstr(ts_must(r, "PDF-MALFORMED", 0)->message, "too deeply nested"));
    nohin_report_free(r);
    ts_rmtree(dir);
    g_free(p);
    g_free(dir);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clean_report_has_no_hidden_data),
        cmocka_unit_test(attachments),
        cmocka_unit_test(javascript_and_auto_actions),
        cmocka_unit_test(external_actions),
        cmocka_unit_test(comment_with_masked_author),
        cmocka_unit_test(form_values_and_xfa),
        cmocka_unit_test(layers),
        cmocka_unit_test(metadata),
        cmocka_unit_test(revisions),
        cmocka_unit_test(hidden_text),
        cmocka_unit_test(text_pieces_include_metadata_and_comments),
        cmocka_unit_test(damaged_file_is_checked_and_flagged),
        cmocka_unit_test(deleted_attachment_in_earlier_revision),
        cmocka_unit_test(deep_nesting_is_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
