/* See split_pdf.h. The input is read once by qpdf; each part is a new, empty
 * PDF its pages are copied into (as `qpdf --split-pages` does), then given
 * what it keeps of the input's links, bookmarks and catalog (split_copy.c) and
 * its own Info/XMP, and written with checked writes. The input is read into
 * memory (a private copy, so another process truncating the file cannot raise
 * SIGBUS as a mapping could); a file over SPLIT_IN_MEMORY is read by qpdf
 * from the file (one seek and read per object, slower, but bounded memory). */
#include "split/split_pdf.h"
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <qpdf/qpdf-c.h>
#include <string.h>
#include "clean/outdir.h"
#include "clean/pdf_meta.h"
#include "clean/qpdf_guard.h"
#include "readers/pdf_reader.h"
#include "readers/qpdf_reader.h"
#include "split/split_copy.h"

/* Inside `nohin clean` (the page cache on) the page texts come through the PDF
 * reader, which takes every page clean's lint of the input has read already
 * (the same poppler text); false when it cannot (then poppler reads them here). */
static bool count_cached(const char *path, nohin_page_costs *pc, guint64 *units, guint64 *points)
{
    if (!nohin_pdf_page_cache_on()) return false;
    nohin_file *f = g_new0(nohin_file, 1);
    f->abspath = g_canonicalize_filename(path, NULL);
    f->path = g_strdup(path);
    nohin_pdf *pdf = nohin_pdf_of(f);
    bool ok = pdf->doc && !pdf->pages_capped && pdf->n_pages == pc->n;
    if (ok) nohin_pdf_load_texts(f, NULL);
    for (int i = 0; ok && i < pc->n; i++) {
        guint64 before = *units;
        nohin_utf8_count(pdf->page_text[i], units, points);
        pc->chars[i] = *units - before;
    }
    nohin_file_free(f);
    return ok;
}

GArray *nohin_split_plan_for(const char *path, bool *over, GError **error)
{
    char *abs = g_canonicalize_filename(path, NULL); /* poppler wants an absolute path */
    PopplerDocument *doc = nohin_pdf_open_document(abs, error);
    g_free(abs);
    if (!doc) return NULL;
    GStatBuf st;
    guint64 bytes = g_stat(path, &st) == 0 ? (guint64)st.st_size : 0;
    nohin_page_costs pc = {.n = poppler_document_get_n_pages(doc)};
    pc.chars = g_new0(guint64, pc.n + 1);
    guint64 units = 0, points = 0;
    if (!count_cached(path, &pc, &units, &points))
        for (int i = 0; i < pc.n; i++) {
            PopplerPage *p = poppler_document_get_page(doc, i);
            char *t = p ? poppler_page_get_text(p) : NULL;
            guint64 before = units;
            nohin_utf8_count(t ? t : "", &units, &points);
            pc.chars[i] = units - before;
            g_free(t);
            if (p) g_object_unref(p);
        }
    pc.bytes_per_page = pc.n ? (double)bytes / pc.n : 0;
    bool *chapter = g_new0(bool, pc.n + 1);
    nohin_split_chapters(doc, chapter, pc.n);
    *over =
        bytes > NOHIN_LIMIT_BYTES || (guint64)pc.n > NOHIN_LIMIT_PAGES || units > NOHIN_LIMIT_CHARS;
    GArray *plan = nohin_split_plan(&pc, chapter);
    g_free(chapter);
    g_free(pc.chars);
    g_object_unref(doc);
    return plan;
}

#define SPLIT_IN_MEMORY (512u << 20)

struct nohin_split_input {
    nohin_split_src src;
    char *path;
    char *bytes; /* the input, when read into memory */
    gsize len;
    char *title;
};

typedef struct {
    nohin_split_input *in;
    const char *out, *title, *author;
    int first, last;
    int links_removed;
    qpdf_data d; /* owned by the caller, so an exception in qpdf leaks nothing */
    GError **error;
} job;

static void qpdf_failed(qpdf_data q, const char *in, GError **error)
{
    qpdf_error e = qpdf_get_error(q);
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s cannot be processed (qpdf: %s)"), in,
                e ? qpdf_get_error_message_detail(q, e) : "?");
}

static char *input_title(qpdf_data q)
{
    qpdf_oh t = qpdf_oh_get_key(q, qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info"), "/Title");
    if (!qpdf_oh_is_string(q, t)) return NULL;
    char *s = g_strdup(qpdf_oh_get_utf8_value(q, t));
    if (!*g_strstrip(s)) g_clear_pointer(&s, g_free);
    return s;
}

static bool read_input(void *data)
{
    job *j = data;
    nohin_split_input *in = j->in;
    qpdf_data q = in->src.q;
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    GStatBuf st;
    if (g_stat(in->path, &st) == 0 && S_ISREG(st.st_mode) &&
        (guint64)st.st_size <= SPLIT_IN_MEMORY &&
        !g_file_get_contents(in->path, &in->bytes, &in->len, j->error))
        return false;
    if ((in->bytes ? qpdf_read_memory(q, in->path, in->bytes, in->len, "")
                   : qpdf_read(q, in->path, "")) &
        QPDF_ERRORS) {
        qpdf_error e = qpdf_get_error(q);
        g_set_error(j->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                    _("%s cannot be read as a PDF (qpdf: %s)"), in->path,
                    e ? qpdf_get_error_message_detail(q, e) : "?");
        return false;
    }
    if (!nohin_qpdf_page_tree_fits(q)) { /* qpdf would copy every repeated page */
        g_set_error(j->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                    _("%s: the page tree has more than %d entries; not split"), in->path,
                    NOHIN_QPDF_MAX_PAGES);
        return false;
    }
    nohin_split_src_index(&in->src);
    in->title = input_title(q);
    if (qpdf_has_error(q)) {
        qpdf_failed(q, in->path, j->error);
        return false;
    }
    return true;
}

static bool run_part(void *data)
{
    job *j = data;
    nohin_split_src *src = &j->in->src;
    qpdf_data q = src->q, d = j->d;
    qpdf_silence_errors(d);
    qpdf_set_suppress_warnings(d, QPDF_TRUE);
    if (qpdf_empty_pdf(d) & QPDF_ERRORS) goto qerr;
    for (int i = j->first; i <= j->last && i < src->n; i++)
        if (qpdf_add_page(d, q, qpdf_get_page_n(q, (size_t)i), QPDF_FALSE) & QPDF_ERRORS) goto qerr;
    /* the structure tree is not taken over (it refers to every page) */
    int n = qpdf_get_num_pages(d);
    for (int i = 0; i < n; i++) {
        qpdf_oh pg = qpdf_get_page_n(d, (size_t)i);
        if (qpdf_oh_has_key(d, pg, "/StructParents")) qpdf_oh_remove_key(d, pg, "/StructParents");
    }
    j->links_removed = nohin_split_links(src, d, j->first, j->last);
    nohin_split_outline(src, d, j->first, j->last);
    if (qpdf_has_error(d)) goto qerr;
    nohin_split_catalog(src, d, j->first, j->last);
    nohin_pdf_set_info_xmp(d, qpdf_oh_new_stream(d), j->title, j->author);
    if (qpdf_has_error(d)) goto qerr;
    if (qpdf_init_write_memory(d) & QPDF_ERRORS) goto qerr;
    qpdf_set_minimum_pdf_version(d, qpdf_get_pdf_version(q));
    qpdf_set_deterministic_ID(d, QPDF_TRUE);
    qpdf_set_object_stream_mode(d, qpdf_o_generate);
    if (qpdf_write(d) & QPDF_ERRORS) goto qerr;
    return nohin_write_new_file(j->out, qpdf_get_buffer(d), qpdf_get_buffer_length(d), j->error);
qerr:
    qpdf_failed(d, j->in->path, j->error);
    return false;
}

/* A guarded step failed: its message, or the exception's text. */
static bool guarded(bool (*fn)(void *), job *j, qpdf_data q)
{
    char *what = NULL;
    bool ok = nohin_qpdf_guarded(fn, j, &what);
    if (qpdf_has_error(q)) qpdf_get_error(q);
    if (!ok && what) {
        g_clear_error(j->error);
        g_set_error(j->error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s cannot be processed (qpdf: %s)"),
                    j->in->path, what);
    }
    g_free(what);
    return ok;
}

void nohin_split_close(nohin_split_input *in)
{
    if (!in) return;
    if (qpdf_has_error(in->src.q)) qpdf_get_error(in->src.q);
    qpdf_cleanup(&in->src.q);
    g_free(in->bytes); /* qpdf read from it until here */
    g_hash_table_destroy(in->src.page_index);
    g_hash_table_destroy(in->src.named);
    g_free(in->title);
    g_free(in->path);
    g_free(in);
}

nohin_split_input *nohin_split_open(const char *path, GError **error)
{
    nohin_split_input *in = g_new0(nohin_split_input, 1);
    in->path = g_strdup(path);
    in->src =
        (nohin_split_src){.q = qpdf_init(),
                          .page_index = g_hash_table_new(NULL, NULL),
                          .named = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    job j = {.in = in, .error = error};
    if (!guarded(read_input, &j, in->src.q)) {
        nohin_split_close(in);
        return NULL;
    }
    return in;
}

int nohin_split_n_pages(const nohin_split_input *in)
{
    return in->src.n;
}

const char *nohin_split_title(const nohin_split_input *in)
{
    return in->title;
}

bool nohin_split_write(nohin_split_input *in, int first, int last, const char *out,
                       const char *title, const char *author, int *links_removed, GError **error)
{
    job j = {.in = in,
             .out = out,
             .title = title,
             .author = author,
             .first = first,
             .last = last,
             .d = qpdf_init(),
             .error = error};
    bool ok = guarded(run_part, &j, j.d);
    qpdf_cleanup(&j.d);
    if (links_removed) *links_removed = j.links_removed;
    return ok;
}

bool nohin_split_pdf_counted(const char *path, const char *outdir, const char *stem,
                             const GArray *ranges, const char *title, const char *author,
                             GPtrArray *names, GArray *links_removed, GError **error)
{
    nohin_split_input *in = nohin_split_open(path, error);
    if (!in) return false;
    const char *base = title ? title : in->title ? in->title : stem;
    bool ok = true;
    for (guint i = 0; i < ranges->len && ok; i++) {
        const nohin_split_range *r = &g_array_index(ranges, nohin_split_range, i);
        char *name = g_strdup_printf("%s_分冊%u.pdf", stem, i + 1);
        char *out = g_build_filename(outdir, name, NULL);
        char *t = g_strdup_printf(_("%s (part %u of %u)"), base, i + 1, ranges->len);
        int dropped = 0;
        ok = nohin_split_write(in, r->first, r->last, out, t, author, &dropped, error);
        if (ok && names) g_ptr_array_add(names, g_strdup(name));
        if (ok && links_removed) g_array_append_val(links_removed, dropped);
        g_free(t);
        g_free(out);
        g_free(name);
    }
    nohin_split_close(in);
    return ok;
}

bool nohin_split_pdf(const char *path, const char *outdir, const char *stem, const GArray *ranges,
                     const char *title, const char *author, GPtrArray *names, GError **error)
{
    return nohin_split_pdf_counted(path, outdir, stem, ranges, title, author, names, NULL, error);
}
