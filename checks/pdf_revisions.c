/* PDF-REVISIONS: incremental updates. Each save appended to a PDF leaves the
 * earlier version in the file; anyone can cut the file at an earlier %%EOF and
 * open what was there before. We count the revisions, open each earlier one
 * with poppler and report text or pages the final version no longer shows. */
#define _GNU_SOURCE /* memmem */
#include <string.h>
#include "readers/pdf_reader.h"
#include "readers/qpdf_reader.h"

static const nohin_rule rules[] = {
    {"PDF-REVISIONS", NOHIN_SEV_WARNING, false,
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

/* Compares one earlier revision with the final text; emits what was removed. */
typedef struct {
    GHashTable *lines; /* normalised lines of the final text */
    int pages, attachments, scripts;
} final_state;

static void compare(nohin_ctx *ctx, nohin_file *file, const char *data, size_t len, int rev,
                    int n_rev, const final_state *fin)
{
    GHashTable *final_lines = fin->lines;
    int final_pages = fin->pages;
    /* Structure too: files or scripts removed by a later save are still there. */
    int att = 0, js = 0;
    nohin_qpdf *old = nohin_qpdf_open_bytes(data, len);
    nohin_qpdf_count(old, &att, &js);
    nohin_qpdf_free(old);
    bool lost_structure = att > fin->attachments || js > fin->scripts;
    GBytes *bytes = g_bytes_new_static(data, len);
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, NULL);
    if (!doc) {
        g_bytes_unref(bytes);
        return;
    }
    int pages = poppler_document_get_n_pages(doc);
    int removed = 0, first_page = 0;
    char *first = NULL;
    for (int i = 0; i < pages; i++) {
        PopplerPage *pg = poppler_document_get_page(doc, i);
        char *t = pg ? poppler_page_get_text(pg) : NULL;
        if (pg) g_object_unref(pg);
        if (!t) continue;
        GHashTable *lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        add_lines(lines, t);
        GHashTableIter it;
        gpointer k;
        g_hash_table_iter_init(&it, lines);
        while (g_hash_table_iter_next(&it, &k, NULL)) {
            if (g_hash_table_contains(final_lines, k)) continue;
            /* Page numbers and dates change on every save; one or two characters are noise. */
            if (g_utf8_strlen(k, -1) < 3) continue;
            if (!removed++) {
                first_page = i + 1;
                first = g_strdup(k);
            }
        }
        g_hash_table_destroy(lines);
        g_free(t);
    }
    g_object_unref(doc);
    g_bytes_unref(bytes);
    if (removed > 0 || pages > final_pages || lost_structure) {
        nohin_finding *f = nohin_emit(
            ctx, file, "PDF-REVISIONS",
            first_page > 0 ? nohin_loc_page(first_page) : nohin_loc_none(),
            _("Save the PDF as a new file (Save As, or export again) so the earlier versions are "
              "dropped, and check that nothing removed is still in it."),
            _("Earlier version %1$d of %2$d holds text or pages that the final version no longer "
              "shows; they can be recovered from the file."),
            rev, n_rev);
        char *m = nohin_mask(first ? first : "");
        glong flen = first ? g_utf8_strlen(first, -1) : 0;
        char *cut = flen > 40 ? g_utf8_substring(m, 0, 40) : g_strdup(m);
        nohin_finding_set_evidence(f,
                                   "revision=%d removed_lines=%d pages_then=%d pages_now=%d "
                                   "attachments_then=%d attachments_now=%d scripts_then=%d "
                                   "scripts_now=%d first=%s",
                                   rev, removed, pages, final_pages, att, fin->attachments, js,
                                   fin->scripts, cut);
        if (f)
            nohin_finding_set_severity(ctx, f,
                                       nohin_by_role(file, NOHIN_SEV_ERROR, NOHIN_SEV_INFO));
        g_free(cut);
        g_free(m);
    }
    g_free(first);
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
        if ((long)pdf->n_pages * MIN(n_rev - 1, MAX_COMPARED) <= MAX_COMPARE_PAGES) {
            nohin_pdf_load_texts(file, ctx);
            final_state fin = {g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                               pdf->n_pages, 0, 0};
            for (int i = 0; i < pdf->n_pages; i++)
                add_lines(fin.lines, pdf->page_text[i]);
            nohin_qpdf_count(nohin_qpdf_of(file), &fin.attachments, &fin.scripts);
            /* The most recent earlier versions first: they are the likeliest to hold
             * what was just removed. */
            for (int r = n_rev - 2, k = 0; r >= 0 && k < MAX_COMPARED; r--, k++)
                compare(ctx, file, d, g_array_index(ends, size_t, r), r + 1, n_rev, &fin);
            g_hash_table_destroy(fin.lines);
        }
    }
    g_array_free(ends, TRUE);
    g_mapped_file_unref(mf);
}

NOHIN_CHECK(pdf_revisions) = {.name = "pdf_revisions",
                              .rules = rules,
                              .formats = NOHIN_FMT_PDF,
                              .roles = NOHIN_ROLE_ANY,
                              .run_file = run};
