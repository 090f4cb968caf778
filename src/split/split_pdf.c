/* See split_pdf.h. Per part: read the input, resolve named destinations to
 * explicit ones, drop what points outside the part (bookmarks, links, the open
 * action, the structure tree that references every page), remove the other
 * pages, rebuild Info/XMP, write a full rewrite. */
#include "split/split_pdf.h"
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <qpdf/qpdf-c.h>
#include <string.h>
#include <unistd.h>
#include "clean/outdir.h"
#include "clean/qpdf_guard.h"
#include "readers/pdf_reader.h"

#define MAX_OUTLINE_ITEMS 200000
#define MAX_DEPTH 64

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

typedef struct {
    qpdf_data q;
    GHashTable *page_index; /* page object id -> index + 1 */
    GHashTable *named;      /* destination name -> explicit destination (qpdf_oh) */
    int first, last;
    int items;
} part;

static bool name_is(qpdf_data q, qpdf_oh oh, const char *n)
{
    return qpdf_oh_is_name(q, oh) && !strcmp(qpdf_oh_get_name(q, oh), n);
}

static void collect_names(part *p, qpdf_oh node, int depth)
{
    qpdf_data q = p->q;
    if (!qpdf_oh_is_dictionary(q, node) || depth > MAX_DEPTH) return;
    qpdf_oh names = qpdf_oh_get_key(q, node, "/Names");
    if (qpdf_oh_is_array(q, names)) {
        int n = qpdf_oh_get_array_n_items(q, names);
        for (int i = 0; i + 1 < n; i += 2) {
            qpdf_oh k = qpdf_oh_get_array_item(q, names, i);
            if (!qpdf_oh_is_string(q, k)) continue;
            char *key = g_strdup(qpdf_oh_get_utf8_value(q, k));
            g_hash_table_insert(p->named, key,
                                GUINT_TO_POINTER(qpdf_oh_get_array_item(q, names, i + 1)));
        }
    }
    qpdf_oh kids = qpdf_oh_get_key(q, node, "/Kids");
    if (qpdf_oh_is_array(q, kids)) {
        int n = qpdf_oh_get_array_n_items(q, kids);
        for (int i = 0; i < n; i++)
            collect_names(p, qpdf_oh_get_array_item(q, kids, i), depth + 1);
    }
}

/* The explicit destination array behind a /Dest or a GoTo action, or 0. */
static qpdf_oh explicit_dest(part *p, qpdf_oh d)
{
    qpdf_data q = p->q;
    if (qpdf_oh_is_name(q, d) || qpdf_oh_is_string(q, d)) {
        const char *key =
            qpdf_oh_is_name(q, d) ? qpdf_oh_get_name(q, d) + 1 : qpdf_oh_get_utf8_value(q, d);
        gpointer v = g_hash_table_lookup(p->named, key);
        if (!v) return 0;
        d = (qpdf_oh)GPOINTER_TO_UINT(v);
        if (qpdf_oh_is_dictionary(q, d)) d = qpdf_oh_get_key(q, d, "/D");
    }
    return qpdf_oh_is_array(q, d) ? d : 0;
}

/* -1: not a page destination; else whether it points into the part. Named
 * destinations are replaced by the explicit one (the name trees go). */
static int dest_inside(part *p, qpdf_oh holder, const char *key)
{
    qpdf_data q = p->q;
    qpdf_oh d = qpdf_oh_get_key(q, holder, key);
    if (qpdf_oh_is_null(q, d)) return -1;
    qpdf_oh ex = explicit_dest(p, d);
    if (!ex) return 0;
    if (!qpdf_oh_is_array(q, d)) qpdf_oh_replace_key(q, holder, key, ex);
    qpdf_oh pg = qpdf_oh_get_array_item(q, ex, 0);
    int idx = GPOINTER_TO_INT(
        g_hash_table_lookup(p->page_index, GINT_TO_POINTER(qpdf_oh_get_object_id(q, pg))));
    return idx >= 1 && idx - 1 >= p->first && idx - 1 <= p->last;
}

/* Whether an outline item or link points into the part (-1: no page target). */
static int target_inside(part *p, qpdf_oh item)
{
    qpdf_data q = p->q;
    if (qpdf_oh_has_key(q, item, "/Dest")) return dest_inside(p, item, "/Dest");
    qpdf_oh a = qpdf_oh_get_key(q, item, "/A");
    if (qpdf_oh_is_dictionary(q, a) && name_is(q, qpdf_oh_get_key(q, a, "/S"), "/GoTo"))
        return dest_inside(p, a, "/D");
    return -1;
}

/* Keeps the outline items whose target, or a descendant's, is in the part;
 * relinks the kept siblings. Returns the number kept at this level. */
static int prune_outline(part *p, qpdf_oh parent, int depth)
{
    qpdf_data q = p->q;
    qpdf_oh item = qpdf_oh_get_key(q, parent, "/First");
    GArray *kept = g_array_new(FALSE, FALSE, sizeof(qpdf_oh));
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    while (qpdf_oh_is_dictionary(q, item) && depth < MAX_DEPTH && p->items++ < MAX_OUTLINE_ITEMS) {
        int id = qpdf_oh_get_object_id(q, item);
        if (id && !g_hash_table_add(seen, GINT_TO_POINTER(id))) break; /* a cycle */
        int in = target_inside(p, item);
        int kids = prune_outline(p, item, depth + 1);
        if (in == 0) {
            /* its target is in another part: the bookmark goes, or only its
             * action when it still holds bookmarks of this part */
            qpdf_oh_remove_key(q, item, "/Dest");
            qpdf_oh_remove_key(q, item, "/A");
        }
        if (in == 1 || kids > 0) g_array_append_val(kept, item);
        item = qpdf_oh_get_key(q, item, "/Next");
    }
    g_hash_table_destroy(seen);
    int n = (int)kept->len;
    for (int i = 0; i < n; i++) {
        qpdf_oh it = g_array_index(kept, qpdf_oh, i);
        if (i > 0)
            qpdf_oh_replace_key(q, it, "/Prev", g_array_index(kept, qpdf_oh, i - 1));
        else
            qpdf_oh_remove_key(q, it, "/Prev");
        if (i + 1 < n)
            qpdf_oh_replace_key(q, it, "/Next", g_array_index(kept, qpdf_oh, i + 1));
        else
            qpdf_oh_remove_key(q, it, "/Next");
    }
    if (n) {
        qpdf_oh_replace_key(q, parent, "/First", g_array_index(kept, qpdf_oh, 0));
        qpdf_oh_replace_key(q, parent, "/Last", g_array_index(kept, qpdf_oh, n - 1));
        qpdf_oh_replace_key(q, parent, "/Count", qpdf_oh_new_integer(q, n));
    } else {
        qpdf_oh_remove_key(q, parent, "/First");
        qpdf_oh_remove_key(q, parent, "/Last");
        qpdf_oh_remove_key(q, parent, "/Count");
    }
    g_array_free(kept, TRUE);
    return n;
}

static void prune_links(part *p, qpdf_oh page)
{
    qpdf_data q = p->q;
    qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
    if (!qpdf_oh_is_array(q, annots)) return;
    qpdf_oh kept = qpdf_oh_new_array(q);
    int n = qpdf_oh_get_array_n_items(q, annots), k = 0;
    for (int i = 0; i < n; i++) {
        qpdf_oh a = qpdf_oh_get_array_item(q, annots, i);
        if (qpdf_oh_is_dictionary(q, a) && target_inside(p, a) == 0) continue;
        /* a widget's /P and a popup's /Parent may point elsewhere: not for links */
        qpdf_oh_append_item(q, kept, a);
        k++;
    }
    if (k != n) qpdf_oh_replace_key(q, page, "/Annots", kept);
}

static char *xmp(const char *title, const char *author)
{
    char *t = g_markup_escape_text(title, -1),
         *a = author ? g_markup_escape_text(author, -1) : NULL;
    char *x = g_strdup_printf(
        "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
        "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n"
        "%s%s%s<pdf:Producer>nohin</pdf:Producer>\n</rdf:Description>\n</rdf:RDF>\n"
        "</x:xmpmeta>\n<?xpacket end=\"w\"?>\n",
        t, a ? "<dc:creator><rdf:Seq><rdf:li>" : "", a ? a : "",
        a ? "</rdf:li></rdf:Seq></dc:creator>\n" : "");
    g_free(t);
    g_free(a);
    return x;
}

static void set_metadata(qpdf_data q, const char *title, const char *author)
{
    qpdf_oh st = qpdf_oh_new_stream(q); /* may throw: before anything is allocated */
    qpdf_oh info = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, info, "/Title", qpdf_oh_new_unicode_string(q, title));
    if (author) qpdf_oh_replace_key(q, info, "/Author", qpdf_oh_new_unicode_string(q, author));
    qpdf_oh_replace_key(q, info, "/Producer", qpdf_oh_new_unicode_string(q, "nohin"));
    qpdf_oh_replace_key(q, qpdf_get_trailer(q), "/Info", qpdf_make_indirect_object(q, info));
    char *x = xmp(title, author);
    qpdf_oh_replace_stream_data(q, st, (const unsigned char *)x, strlen(x), qpdf_oh_new_null(q),
                                qpdf_oh_new_null(q));
    qpdf_oh d = qpdf_oh_get_dict(q, st);
    qpdf_oh_replace_key(q, d, "/Type", qpdf_oh_new_name(q, "/Metadata"));
    qpdf_oh_replace_key(q, d, "/Subtype", qpdf_oh_new_name(q, "/XML"));
    qpdf_oh_replace_key(q, qpdf_get_root(q), "/Metadata", st);
    g_free(x);
}

typedef struct {
    const char *in, *out, *title, *author;
    const char *bytes; /* the input, read once for every part */
    size_t len;
    int first, last;
    GError **error;
    part p; /* owned by the caller, so an exception in qpdf leaks nothing */
} job;

static bool run_part(void *data)
{
    job *j = data;
    part p = j->p;
    qpdf_data q = p.q;
    bool ok = false;
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    if (qpdf_read_memory(q, j->in, j->bytes, (unsigned long long)j->len, "") & QPDF_ERRORS) {
        qpdf_error e = qpdf_get_error(q);
        g_set_error(j->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                    _("%s cannot be read as a PDF (qpdf: %s)"), j->in,
                    e ? qpdf_get_error_message_detail(q, e) : "?");
        goto out;
    }
    int n = qpdf_get_num_pages(q);
    for (int i = 0; i < n; i++)
        g_hash_table_insert(
            p.page_index, GINT_TO_POINTER(qpdf_oh_get_object_id(q, qpdf_get_page_n(q, (size_t)i))),
            GINT_TO_POINTER(i + 1));
    qpdf_oh root = qpdf_get_root(q);
    qpdf_oh dests = qpdf_oh_get_key(q, root, "/Dests");
    if (qpdf_oh_is_dictionary(q, dests)) {
        qpdf_oh keys = qpdf_oh_new_array(q);
        (void)keys;
        /* old-style /Dests: a dictionary keyed by name */
        qpdf_oh_begin_dict_key_iter(q, dests);
        while (qpdf_oh_dict_more_keys(q)) {
            const char *k = qpdf_oh_dict_next_key(q);
            g_hash_table_insert(p.named, g_strdup(k + 1),
                                GUINT_TO_POINTER(qpdf_oh_get_key(q, dests, k)));
        }
    }
    qpdf_oh names = qpdf_oh_get_key(q, root, "/Names");
    if (qpdf_oh_is_dictionary(q, names)) collect_names(&p, qpdf_oh_get_key(q, names, "/Dests"), 0);
    qpdf_oh outlines = qpdf_oh_get_key(q, root, "/Outlines");
    if (qpdf_oh_is_dictionary(q, outlines)) prune_outline(&p, outlines, 0);
    for (int i = j->first; i <= j->last && i < n; i++)
        prune_links(&p, qpdf_get_page_n(q, (size_t)i));
    /* every remaining way back to the removed pages */
    const char *drop[] = {"/Dests", "/OpenAction", "/StructTreeRoot", "/MarkInfo", "/AcroForm"};
    for (size_t i = 0; i < G_N_ELEMENTS(drop); i++)
        if (qpdf_oh_has_key(q, root, drop[i])) qpdf_oh_remove_key(q, root, drop[i]);
    if (qpdf_oh_is_dictionary(q, names) && qpdf_oh_has_key(q, names, "/Dests"))
        qpdf_oh_remove_key(q, names, "/Dests");
    /* The page tree becomes one flat /Kids of the part's pages (inherited
     * attributes pushed down first): removing pages one by one costs qpdf a
     * rebuild of its page index per page. */
    if (qpdf_push_inherited_attributes_to_page(q) & QPDF_ERRORS) goto qerr;
    qpdf_oh tree = qpdf_oh_get_key(q, root, "/Pages");
    qpdf_oh kids = qpdf_oh_new_array(q);
    for (int i = j->first; i <= j->last && i < n; i++) {
        qpdf_oh pg = qpdf_get_page_n(q, (size_t)i);
        qpdf_oh_replace_key(q, pg, "/Parent", tree);
        if (qpdf_oh_has_key(q, pg, "/StructParents")) qpdf_oh_remove_key(q, pg, "/StructParents");
        qpdf_oh_append_item(q, kids, pg);
    }
    qpdf_oh_replace_key(q, tree, "/Kids", kids);
    qpdf_oh_replace_key(q, tree, "/Count", qpdf_oh_new_integer(q, j->last - j->first + 1));
    if (qpdf_update_all_pages_cache(q) & QPDF_ERRORS) goto qerr;
    set_metadata(q, j->title, j->author);
    if (qpdf_has_error(q)) goto qerr;
    if (qpdf_init_write_memory(q) & QPDF_ERRORS) goto qerr;
    qpdf_set_deterministic_ID(q, QPDF_TRUE);
    qpdf_set_preserve_encryption(q, QPDF_FALSE);
    qpdf_set_object_stream_mode(q, qpdf_o_generate);
    if (qpdf_write(q) & QPDF_ERRORS) goto qerr;
    ok = nohin_write_new_file(j->out, qpdf_get_buffer(q), qpdf_get_buffer_length(q), j->error);
    goto out;
qerr : {
    qpdf_error e = qpdf_get_error(q);
    g_set_error(j->error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s cannot be processed (qpdf: %s)"),
                j->in, e ? qpdf_get_error_message_detail(q, e) : "?");
}
out:
    if (qpdf_has_error(q)) qpdf_get_error(q);
    return ok;
}

static char *input_title(const char *path)
{
    char *abs = g_canonicalize_filename(path, NULL);
    PopplerDocument *doc = nohin_pdf_open_document(abs, NULL);
    g_free(abs);
    char *t = doc ? poppler_document_get_title(doc) : NULL;
    if (doc) g_object_unref(doc);
    if (t && !*g_strstrip(t)) g_clear_pointer(&t, g_free);
    return t;
}

bool nohin_split_pdf(const char *path, const char *outdir, const char *stem, const GArray *ranges,
                     const char *title, const char *author, GPtrArray *names, GError **error)
{
    /* Mapped once: qpdf reading the file itself costs a seek and a small read
     * per object, for every part (most of split's time before). */
    GMappedFile *map = g_mapped_file_new(path, FALSE, error);
    if (!map) return false;
    char *own = title ? NULL : input_title(path);
    const char *base = title ? title : own ? own : stem;
    bool ok = true;
    for (guint i = 0; i < ranges->len && ok; i++) {
        const nohin_split_range *r = &g_array_index(ranges, nohin_split_range, i);
        char *name = g_strdup_printf("%s_分冊%u.pdf", stem, i + 1);
        char *out = g_build_filename(outdir, name, NULL);
        char *t = g_strdup_printf(_("%s (part %u of %u)"), base, i + 1, ranges->len);
        job j = {path,
                 out,
                 t,
                 author,
                 g_mapped_file_get_contents(map),
                 g_mapped_file_get_length(map),
                 r->first,
                 r->last,
                 error,
                 {.q = qpdf_init(),
                  .page_index = g_hash_table_new(NULL, NULL),
                  .named = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                  .first = r->first,
                  .last = r->last}};
        char *what = NULL;
        ok = nohin_qpdf_guarded(run_part, &j, &what);
        if (qpdf_has_error(j.p.q)) qpdf_get_error(j.p.q);
        qpdf_cleanup(&j.p.q);
        g_hash_table_destroy(j.p.page_index);
        g_hash_table_destroy(j.p.named);
        if (!ok && what) {
            g_clear_error(error);
            g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED,
                        _("%s cannot be processed (qpdf: %s)"), path, what);
        }
        g_free(what);
        if (ok && names) g_ptr_array_add(names, g_strdup(name));
        g_free(t);
        g_free(out);
        g_free(name);
    }
    g_free(own);
    g_mapped_file_unref(map);
    return ok;
}
