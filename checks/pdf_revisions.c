/* PDF-REVISIONS: incremental updates. Each save appended to a PDF leaves the
 * earlier version in the file; anyone can cut the file at an earlier %%EOF and
 * open what was there before. We count the revisions, open each earlier one
 * with poppler and report text or pages the final version no longer shows. */
#define _GNU_SOURCE /* memmem */
#include <string.h>
#include "readers/pdf_reader.h"
#include "readers/qpdf_reader.h"

static const nohin_rule rules[] = {
    {"PDF-REVISIONS", NOHIN_SEV_WARNING, true,
     N_("Incremental updates: earlier versions of the PDF are still inside the file"), "001 §5(2)"},
    {NULL}};

#define MAX_REVISIONS 64       /* ends of revisions collected */
#define MAX_COMPARED 10        /* earlier revisions opened and compared */
#define MAX_COMPARE_PAGES 4000 /* pages × revisions beyond which text is not compared */

/* Offsets just past each "%%EOF" that ends a revision (preceded by startxref). */
static GArray *revision_ends(const char *d, size_t n)
{
    GArray *ends = g_array_new(FALSE, FALSE, sizeof(size_t));
    const char *p = d;
    while (ends->len < MAX_REVISIONS) {
        const char *hit = memmem(p, n - (size_t)(p - d), "%%EOF", 5);
        if (!hit) break;
        size_t end = (size_t)(hit - d) + 5;
        while (end < n && (d[end] == '\r' || d[end] == '\n'))
            end++;
        size_t back = (size_t)(hit - d) > 1024 ? 1024 : (size_t)(hit - d);
        bool has_xref = memmem(hit - back, back, "startxref", 9) != NULL;
        size_t last = ends->len ? g_array_index(ends, size_t, ends->len - 1) : 0;
        /* "%%EOF%%EOF" or a second marker right after is still one revision. */
        if (has_xref && (ends->len == 0 || (size_t)(hit - d) > last + 16))
            g_array_append_val(ends, end);
        else if (has_xref && ends->len)
            g_array_index(ends, size_t, ends->len - 1) = end;
        p = hit + 5;
    }
    /* A linearized file has a first-page section ending in its own %%EOF: not a save. */
    size_t head = n < 1024 ? n : 1024;
    if (ends->len > 1 && memmem(d, head, "/Linearized", 11)) g_array_remove_index(ends, 0);
    return ends;
}

static char *norm_line(const char *s, size_t len)
{
    GString *o = g_string_new(NULL);
    for (size_t i = 0; i < len; i++)
        if (!g_ascii_isspace(s[i])) g_string_append_c(o, s[i]);
    return g_string_free(o, FALSE);
}

static void add_lines(GHashTable *set, const char *text)
{
    const char *p = text;
    while (*p) {
        const char *e = strpbrk(p, "\n\f");
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char *l = norm_line(p, len);
        if (*l)
            g_hash_table_add(set, l);
        else
            g_free(l);
        if (!e) break;
        p = e + 1;
    }
}

/* Adds a stream's raw (undecoded) bytes to a digest: equal bytes, equal content. */
static void digest_stream(nohin_qpdf *qp, qpdf_oh stream, GChecksum *sum)
{
    unsigned char *raw = NULL;
    size_t len = 0;
    if (!qpdf_oh_is_stream(qp->q, stream)) return;
    if (qpdf_oh_get_stream_data(qp->q, stream, qpdf_dl_none, NULL, &raw, &len) & QPDF_ERRORS)
        return;
    g_checksum_update(sum, raw, len);
    free(raw);
}

/* What decides a page's text: its content streams, its resources (by reference) and
 * the bytes of the form XObjects it draws. An incremental save rewrites a changed
 * page under new bytes and leaves the others alone, so a page whose digest the final
 * version also has holds no text the final version lost. */
static char *page_digest(nohin_qpdf *qp, int page0)
{
    qpdf_data q = qp->q;
    qpdf_oh pg = qpdf_get_page_n(q, (size_t)page0);
    if (!qpdf_oh_is_dictionary(q, pg)) return NULL;
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    qpdf_oh contents = qpdf_oh_get_key(q, pg, "/Contents");
    if (qpdf_oh_is_array(q, contents)) {
        int n = qpdf_oh_get_array_n_items(q, contents);
        for (int i = 0; i < n && i < 1000; i++)
            digest_stream(qp, qpdf_oh_get_array_item(q, contents, i), sum);
    } else {
        digest_stream(qp, contents, sum);
    }
    qpdf_oh res = qpdf_oh_get_key(q, pg, "/Resources");
    const char *u = qpdf_oh_unparse(q, res);
    g_checksum_update(sum, (const guchar *)u, (gssize)strlen(u));
    qpdf_oh xobjects = qpdf_oh_get_key(q, res, "/XObject");
    if (qpdf_oh_is_dictionary(q, xobjects)) {
        qpdf_oh_begin_dict_key_iter(q, xobjects);
        for (int i = 0; qpdf_oh_dict_more_keys(q) && i < 1000; i++) {
            qpdf_oh x = qpdf_oh_get_key(q, xobjects, qpdf_oh_dict_next_key(q));
            if (qpdf_oh_is_name_and_equals(q, nohin_qpdf_get(qp, x, "/Subtype"), "/Form"))
                digest_stream(qp, x, sum);
        }
    }
    char *hex = g_strdup(g_checksum_get_string(sum));
    g_checksum_free(sum);
    nohin_qpdf_drain_warnings(qp);
    return hex;
}

/* What one earlier revision holds that the final version lost (computed on a worker). */
typedef struct {
    const char *data;
    size_t len;
    int rev;
    int pages, att, js, removed, first_page;
    char *first;
} revision_result;

typedef struct {
    GHashTable *lines;   /* normalised lines of the final text */
    GHashTable *digests; /* page digests of the final version */
    int pages, attachments, scripts;
} final_state;

/* Lines of the earlier page that the final text does not have. */
static void collect_removed(PopplerDocument *doc, int i, const final_state *fin, revision_result *r)
{
    PopplerPage *pg = poppler_document_get_page(doc, i);
    char *t = pg ? poppler_page_get_text(pg) : NULL;
    if (pg) g_object_unref(pg);
    if (!t) return;
    GHashTable *lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    add_lines(lines, t);
    GHashTableIter it;
    gpointer k;
    g_hash_table_iter_init(&it, lines);
    while (g_hash_table_iter_next(&it, &k, NULL)) {
        if (g_hash_table_contains(fin->lines, k)) continue;
        /* Page numbers and dates change on every save; one or two characters are noise. */
        if (g_utf8_strlen(k, -1) < 3) continue;
        if (!r->removed++) {
            r->first_page = i + 1;
            r->first = g_strdup(k);
        }
    }
    g_hash_table_destroy(lines);
    g_free(t);
}

static void compare_revision(gpointer item, gpointer user)
{
    revision_result *r = item;
    const final_state *fin = user;
    /* Structure too: files or scripts removed by a later save are still there. Only a
     * version whose bytes could hold them (the keys, or compressed object streams)
     * is walked object by object: the walk costs more than the rest together. */
    bool may_hold = memmem(r->data, r->len, "/EF", 3) ||
                    memmem(r->data, r->len, "/JavaScript", 11) ||
                    memmem(r->data, r->len, "/ObjStm", 7);
    nohin_qpdf *old = may_hold ? nohin_qpdf_open_bytes(r->data, r->len)
                               : nohin_qpdf_open_bytes_pages(r->data, r->len);
    if (may_hold) nohin_qpdf_count(old, &r->att, &r->js);
    int n_old = old->q ? (int)qpdf_get_num_pages(old->q) : 0;
    GArray *changed = g_array_new(FALSE, FALSE, sizeof(int));
    for (int i = 0; i < n_old; i++) {
        char *dg = page_digest(old, i);
        if (!dg || !g_hash_table_contains(fin->digests, dg)) g_array_append_val(changed, i);
        g_free(dg);
    }
    nohin_qpdf_free(old);
    if (n_old <= 0 || changed->len > 0) {
        GBytes *bytes = g_bytes_new_static(r->data, r->len);
        PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, NULL);
        if (doc) {
            r->pages = poppler_document_get_n_pages(doc);
            if (n_old <= 0) /* qpdf could not tell: every page */
                for (int i = 0; i < r->pages; i++)
                    collect_removed(doc, i, fin, r);
            else
                for (guint k = 0; k < changed->len; k++)
                    if (g_array_index(changed, int, k) < r->pages)
                        collect_removed(doc, g_array_index(changed, int, k), fin, r);
            g_object_unref(doc);
        }
        g_bytes_unref(bytes);
    } else {
        r->pages = n_old;
    }
    g_array_free(changed, TRUE);
}

static void emit_revision(nohin_ctx *ctx, nohin_file *file, const revision_result *r, int n_rev,
                          const final_state *fin)
{
    bool lost_structure = r->att > fin->attachments || r->js > fin->scripts;
    if (r->removed == 0 && r->pages <= fin->pages && !lost_structure) return;
    nohin_finding *f = nohin_emit(
        ctx, file, "PDF-REVISIONS",
        r->first_page > 0 ? nohin_loc_page(r->first_page) : nohin_loc_none(),
        _("Save the PDF as a new file (Save As, or export again) so the earlier versions are "
          "dropped, and check that nothing removed is still in it."),
        _("Earlier version %1$d of %2$d holds text or pages that the final version no longer "
          "shows; they can be recovered from the file."),
        r->rev, n_rev);
    char *m = nohin_mask(r->first ? r->first : "");
    glong flen = r->first ? g_utf8_strlen(r->first, -1) : 0;
    char *cut = flen > 40 ? g_utf8_substring(m, 0, 40) : g_strdup(m);
    nohin_finding_set_evidence(f,
                               "revision=%d removed_lines=%d pages_then=%d pages_now=%d "
                               "attachments_then=%d attachments_now=%d scripts_then=%d "
                               "scripts_now=%d first=%s",
                               r->rev, r->removed, r->pages, fin->pages, r->att, fin->attachments,
                               r->js, fin->scripts, cut);
    if (f) nohin_finding_set_severity(ctx, f, nohin_by_role(file, NOHIN_SEV_ERROR, NOHIN_SEV_INFO));
    g_free(cut);
    g_free(m);
}

/* Compares the most recent earlier versions with the final one, on all cores, and
 * reports them in revision order. */
static void compare_revisions(nohin_ctx *ctx, nohin_file *file, const char *d, GArray *ends)
{
    nohin_pdf *pdf = nohin_pdf_of(file);
    int n_rev = (int)ends->len;
    nohin_pdf_load_texts(file, ctx);
    nohin_qpdf *qp = nohin_qpdf_of(file);
    final_state fin = {g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                       g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL), pdf->n_pages,
                       0, 0};
    for (int i = 0; i < pdf->n_pages; i++)
        add_lines(fin.lines, pdf->page_text[i]);
    for (int i = 0; qp->q && i < qp->n_pages; i++) {
        char *dg = page_digest(qp, i);
        if (dg) g_hash_table_add(fin.digests, dg);
    }
    nohin_qpdf_count(qp, &fin.attachments, &fin.scripts);
    /* The most recent earlier versions first: they are the likeliest to hold what
     * was just removed. */
    int n_cmp = MIN(n_rev - 1, MAX_COMPARED);
    revision_result *res = g_new0(revision_result, n_cmp);
    GThreadPool *pool =
        g_thread_pool_new(compare_revision, &fin, (gint)MIN(g_get_num_processors(), 8), TRUE, NULL);
    for (int k = 0; k < n_cmp; k++) {
        int r = n_rev - 2 - k;
        res[k] = (revision_result){.data = d, .len = g_array_index(ends, size_t, r), .rev = r + 1};
        g_thread_pool_push(pool, &res[k], NULL);
    }
    g_thread_pool_free(pool, FALSE, TRUE);
    for (int k = 0; k < n_cmp; k++) {
        emit_revision(ctx, file, &res[k], n_rev, &fin);
        g_free(res[k].first);
    }
    g_free(res);
    g_hash_table_destroy(fin.lines);
    g_hash_table_destroy(fin.digests);
}

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_pdf *pdf = nohin_pdf_of(file);
    if (!pdf->doc) return;
    GMappedFile *mf = g_mapped_file_new(file->abspath, FALSE, NULL);
    if (!mf) return;
    const char *d = g_mapped_file_get_contents(mf);
    size_t n = g_mapped_file_get_length(mf);
    GArray *ends = d ? revision_ends(d, n) : g_array_new(FALSE, FALSE, sizeof(size_t));
    int n_rev = (int)ends->len;
    if (n_rev > 1) {
        nohin_finding *f = nohin_emit(
            ctx, file, "PDF-REVISIONS", nohin_loc_none(),
            _("Save the PDF as a new file (Save As, or export again) so only the final version "
              "remains."),
            _("The PDF was saved %d more times after it was first written (incremental updates); "
              "the earlier versions are still in the file."),
            n_rev - 1);
        nohin_finding_set_evidence(f, "revisions=%d", n_rev);
        if (f)
            nohin_finding_set_severity(ctx, f,
                                       nohin_by_role(file, NOHIN_SEV_WARNING, NOHIN_SEV_INFO));
        if ((long)pdf->n_pages * MIN(n_rev - 1, MAX_COMPARED) <= MAX_COMPARE_PAGES)
            compare_revisions(ctx, file, d, ends);
    }
    g_array_free(ends, TRUE);
    g_mapped_file_unref(mf);
}

NOHIN_CHECK(pdf_revisions) = {.name = "pdf_revisions",
                              .rules = rules,
                              .formats = NOHIN_FMT_PDF,
                              .roles = NOHIN_ROLE_ANY,
                              .run_file = run};
