/* qpdf structural reader: one qpdf parse and one walk over every object per file. */
#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>
#include "qpdf_reader.h"

/* qpdf's message without the file's absolute path (reports show bundle paths only). */
static char *error_text(qpdf_data q, qpdf_error e)
{
    const char *detail = qpdf_get_error_message_detail(q, e);
    unsigned long long pos = qpdf_get_error_file_position(q, e);
    if (!detail || !*detail) return g_strdup("error");
    return pos ? g_strdup_printf("offset %llu: %s", pos, detail) : g_strdup(detail);
}

void nohin_qpdf_drain_warnings(nohin_qpdf *qp)
{
    if (!qp->q) return;
    while (qpdf_more_warnings(qp->q)) {
        qpdf_error e = qpdf_next_warning(qp->q);
        if (!e) break;
        if (!qp->first_warning) qp->first_warning = error_text(qp->q, e);
        qp->n_warnings++;
    }
    /* Errors of functions that return no code (silenced) count as damage too. */
    if (qpdf_has_error(qp->q)) {
        qpdf_error e = qpdf_get_error(qp->q);
        if (e && !qp->first_warning) qp->first_warning = error_text(qp->q, e);
        qp->n_warnings++;
    }
}

static void qpdf_free(void *p)
{
    nohin_qpdf *qp = p;
    if (qp->q) qpdf_cleanup(&qp->q);
    if (qp->map) g_mapped_file_unref(qp->map);
    if (qp->dicts) g_array_free(qp->dicts, TRUE);
    if (qp->page_of) g_hash_table_destroy(qp->page_of);
    if (qp->page_ids) g_array_free(qp->page_ids, TRUE);
    g_free(qp->error);
    g_free(qp->first_warning);
    g_free(qp->check_error);
    g_free(qp);
}

int nohin_qpdf_objid(nohin_qpdf *qp, qpdf_oh oh)
{
    if (!qp->q || !qpdf_oh_is_initialized(qp->q, oh) || !qpdf_oh_is_indirect(qp->q, oh)) return 0;
    return qpdf_oh_get_object_id(qp->q, oh);
}

/* ---- the walk ---- */

typedef struct {
    qpdf_oh oh;
    int owner;
    int depth;
} walk_item;

typedef struct {
    nohin_qpdf *qp;
    GArray *stack;
    GHashTable *seen; /* (id << 20 | gen) of indirect objects already walked */
    long visits;
} walker;

static void push(walker *w, qpdf_oh oh, int owner, int depth)
{
    walk_item it = {oh, owner, depth};
    g_array_append_val(w->stack, it);
}

static bool is_container(qpdf_data q, qpdf_oh oh)
{
    return qpdf_oh_is_dictionary(q, oh) || qpdf_oh_is_array(q, oh) || qpdf_oh_is_stream(q, oh);
}

static void push_children_of_dict(walker *w, qpdf_oh dict, int owner, int depth)
{
    qpdf_data q = w->qp->q;
    /* The key iterator lives in qpdf_data, so collect the keys before looking inside. */
    GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
    qpdf_oh_begin_dict_key_iter(q, dict);
    while (qpdf_oh_dict_more_keys(q))
        g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
    for (guint i = 0; i < keys->len; i++) {
        qpdf_oh c = qpdf_oh_get_key(q, dict, keys->pdata[i]);
        if (is_container(q, c))
            push(w, c, owner, depth + 1);
        else
            qpdf_oh_release(q, c);
    }
    g_ptr_array_free(keys, TRUE);
}

static void walk_from(walker *w, qpdf_oh start, int owner)
{
    nohin_qpdf *qp = w->qp;
    qpdf_data q = qp->q;
    push(w, start, owner, 0);
    while (w->stack->len > 0) {
        walk_item it = g_array_index(w->stack, walk_item, w->stack->len - 1);
        g_array_set_size(w->stack, w->stack->len - 1);
        if (++w->visits > NOHIN_QPDF_MAX_VISITS || qp->dicts->len >= NOHIN_QPDF_MAX_DICTS) {
            qp->truncated = true;
            g_array_set_size(w->stack, 0);
            return;
        }
        int depth = it.depth, own = it.owner;
        if (qpdf_oh_is_indirect(q, it.oh)) {
            gsize key = ((gsize)(guint)qpdf_oh_get_object_id(q, it.oh) << 20) |
                        ((gsize)qpdf_oh_get_generation(q, it.oh) & 0xFFFFF);
            if (g_hash_table_contains(w->seen, GSIZE_TO_POINTER(key))) {
                qpdf_oh_release(q, it.oh);
                continue;
            }
            g_hash_table_add(w->seen, GSIZE_TO_POINTER(key));
            own = qpdf_oh_get_object_id(q, it.oh);
            depth = 0;
        }
        if (depth > NOHIN_QPDF_MAX_DEPTH) {
            qp->truncated = true;
            continue;
        }
        if (qpdf_oh_is_stream(q, it.oh)) {
            nohin_qpdf_dict d = {qpdf_oh_get_dict(q, it.oh), it.oh, own, true};
            g_array_append_val(qp->dicts, d);
            push_children_of_dict(w, d.oh, own, depth);
        } else if (qpdf_oh_is_dictionary(q, it.oh)) {
            nohin_qpdf_dict d = {it.oh, it.oh, own, false};
            g_array_append_val(qp->dicts, d);
            push_children_of_dict(w, it.oh, own, depth);
        } else if (qpdf_oh_is_array(q, it.oh)) {
            int n = qpdf_oh_get_array_n_items(q, it.oh);
            if (n > NOHIN_QPDF_MAX_ARRAY) {
                n = NOHIN_QPDF_MAX_ARRAY;
                qp->truncated = true;
            }
            for (int i = n - 1; i >= 0; i--) {
                qpdf_oh c = qpdf_oh_get_array_item(q, it.oh, i);
                if (is_container(q, c))
                    push(w, c, own, depth + 1);
                else
                    qpdf_oh_release(q, c);
            }
        }
    }
}

static void map_page(nohin_qpdf *qp, qpdf_oh oh, int page)
{
    int id = nohin_qpdf_objid(qp, oh);
    if (id > 0 && !g_hash_table_contains(qp->page_of, GINT_TO_POINTER(id)))
        g_hash_table_insert(qp->page_of, GINT_TO_POINTER(id), GINT_TO_POINTER(page));
}

/* Pages, their annotations and what those annotations point to (actions, file
 * specifications, popups) are located on that page. */
static void map_pages(nohin_qpdf *qp)
{
    qpdf_data q = qp->q;
    int n = qpdf_get_num_pages(q);
    if (n < 0) {
        nohin_qpdf_drain_warnings(qp);
        n = 0;
    }
    qp->n_pages = n;
    for (int i = 0; i < n; i++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
        int pid = nohin_qpdf_objid(qp, page);
        g_array_append_val(qp->page_ids, pid);
        map_page(qp, page, i + 1);
        qpdf_oh annots = nohin_qpdf_get(qp, page, "/Annots");
        map_page(qp, annots, i + 1);
        map_page(qp, nohin_qpdf_get(qp, page, "/AA"), i + 1);
        int na = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
        for (int k = 0; k < na && k < 100000; k++) {
            qpdf_oh a = qpdf_oh_get_array_item(q, annots, k);
            map_page(qp, a, i + 1);
            static const char *const keys[] = {"/A",     "/AA",     "/FS",
                                               "/Popup", "/Parent", "/RichMediaContent"};
            for (size_t j = 0; j < G_N_ELEMENTS(keys); j++)
                map_page(qp, nohin_qpdf_get(qp, a, keys[j]), i + 1);
            qpdf_oh aa = nohin_qpdf_get(qp, a, "/AA");
            if (qpdf_oh_is_dictionary(q, aa)) {
                qpdf_oh_begin_dict_key_iter(q, aa);
                GPtrArray *ks = g_ptr_array_new_with_free_func(g_free);
                while (qpdf_oh_dict_more_keys(q))
                    g_ptr_array_add(ks, g_strdup(qpdf_oh_dict_next_key(q)));
                for (guint j = 0; j < ks->len; j++)
                    map_page(qp, qpdf_oh_get_key(q, aa, ks->pdata[j]), i + 1);
                g_ptr_array_free(ks, TRUE);
            }
        }
    }
}

/* Counts page-tree entries from the catalog without qpdf's getAllPages (which
 * flattens the tree and copies every page that appears twice). Only array sizes
 * are summed before a node's kids are looked at, so a huge /Kids costs nothing. */
bool nohin_qpdf_page_tree_fits(qpdf_data q)
{
    qpdf_oh root = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Root");
    GArray *todo = g_array_new(FALSE, FALSE, sizeof(qpdf_oh));
    GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    qpdf_oh pages = qpdf_oh_get_key(q, root, "/Pages");
    g_array_append_val(todo, pages);
    long long total = 0;
    while (todo->len > 0 && total <= NOHIN_QPDF_MAX_PAGES) {
        qpdf_oh node = g_array_index(todo, qpdf_oh, todo->len - 1);
        g_array_set_size(todo, todo->len - 1);
        if (!qpdf_oh_is_dictionary(q, node)) continue;
        int id = qpdf_oh_is_indirect(q, node) ? qpdf_oh_get_object_id(q, node) : 0;
        if (id > 0 && !g_hash_table_add(seen, GINT_TO_POINTER(id))) continue; /* a loop */
        qpdf_oh kids = qpdf_oh_get_key(q, node, "/Kids");
        if (!qpdf_oh_is_array(q, kids)) continue;
        int n = qpdf_oh_get_array_n_items(q, kids);
        total += n;
        for (int i = 0; i < n && total <= NOHIN_QPDF_MAX_PAGES; i++) {
            qpdf_oh k = qpdf_oh_get_array_item(q, kids, i);
            if (qpdf_oh_is_dictionary(q, k) && qpdf_oh_has_key(q, k, "/Kids"))
                g_array_append_val(todo, k);
        }
    }
    g_array_free(todo, TRUE);
    g_hash_table_destroy(seen);
    return total <= NOHIN_QPDF_MAX_PAGES;
}

static void walk_all(nohin_qpdf *qp)
{
    qpdf_data q = qp->q;
    walker w = {qp, g_array_new(FALSE, FALSE, sizeof(walk_item)),
                g_hash_table_new(g_direct_hash, g_direct_equal), 0};
    walk_from(&w, qpdf_get_trailer(q), 0);
    /* Objects nothing points to any more (left by incremental updates or
     * editors) still hold data: visit every other id the xref names. */
    qpdf_oh size = nohin_qpdf_get(qp, qpdf_get_trailer(q), "/Size");
    long long n = qpdf_oh_is_integer(q, size) ? qpdf_oh_get_int_value(q, size) : 0;
    if (n > NOHIN_QPDF_MAX_OBJECT_ID) {
        n = NOHIN_QPDF_MAX_OBJECT_ID;
        qp->truncated = true;
    }
    for (int id = 1; id < n && !qp->truncated; id++) {
        gsize key = (gsize)(guint)id << 20;
        if (g_hash_table_contains(w.seen, GSIZE_TO_POINTER(key))) continue;
        qpdf_oh oh = qpdf_get_object_by_id(q, id, 0);
        if (is_container(q, oh))
            walk_from(&w, oh, id);
        else
            qpdf_oh_release(q, oh);
    }
    g_array_free(w.stack, TRUE);
    g_hash_table_destroy(w.seen);
}

/* Reads path, or len bytes at data when path is NULL, and walks it (or only its
 * page tree when walk is false). */
static nohin_qpdf *open_qpdf(const char *path, const char *data, size_t len, bool walk)
{
    nohin_qpdf *qp = g_new0(nohin_qpdf, 1);
    qp->dicts = g_array_new(FALSE, FALSE, sizeof(nohin_qpdf_dict));
    qp->page_of = g_hash_table_new(g_direct_hash, g_direct_equal);
    qp->page_ids = g_array_new(FALSE, TRUE, sizeof(int));
    qp->q = qpdf_init();
    qpdf_silence_errors(qp->q);
    qpdf_set_suppress_warnings(qp->q, QPDF_TRUE);
    /* A file is read through a mapping: qpdf's own file reading copies every byte
     * through stdio twice (the walk and the damage check), a third of a scan's lint.
     * Named by its path, so every message reads as before. */
    if (path && (qp->map = g_mapped_file_new(path, FALSE, NULL)) &&
        g_mapped_file_get_length(qp->map) > 0) {
        data = g_mapped_file_get_contents(qp->map);
        len = g_mapped_file_get_length(qp->map);
    } else if (qp->map) {
        g_mapped_file_unref(qp->map);
        qp->map = NULL;
    }
    QPDF_ERROR_CODE rc = qp->map ? qpdf_read_memory(qp->q, path, data, len, NULL)
                         : path  ? qpdf_read(qp->q, path, NULL)
                                 : qpdf_read_memory(qp->q, "revision", data, len, NULL);
    if (rc & QPDF_ERRORS) {
        qpdf_error e = qpdf_get_error(qp->q);
        qp->error = e ? error_text(qp->q, e) : g_strdup("qpdf cannot read the file");
        qpdf_cleanup(&qp->q);
        qp->q = NULL;
        if (qp->map) g_mapped_file_unref(qp->map);
        qp->map = NULL;
        return qp;
    }
    if (walk) walk_all(qp);
    if (nohin_qpdf_page_tree_fits(qp->q))
        map_pages(qp);
    else
        qp->truncated = qp->page_limit = true;
    nohin_qpdf_drain_warnings(qp);
    return qp;
}

nohin_qpdf *nohin_qpdf_of(nohin_file *file)
{
    nohin_qpdf *qp = nohin_file_reader(file, NOHIN_READER_QPDF);
    if (qp) return qp;
    qp = open_qpdf(file->abspath, NULL, 0, true);
    nohin_file_set_reader(file, NOHIN_READER_QPDF, qp, qpdf_free);
    return qp;
}

nohin_qpdf *nohin_qpdf_open_bytes(const char *data, size_t len)
{
    return open_qpdf(NULL, data, len, true);
}

nohin_qpdf *nohin_qpdf_open_bytes_pages(const char *data, size_t len)
{
    return open_qpdf(NULL, data, len, false);
}

void nohin_qpdf_free(nohin_qpdf *qp)
{
    if (qp) qpdf_free(qp);
}

void nohin_qpdf_count(nohin_qpdf *qp, int *attachments, int *scripts)
{
    *attachments = *scripts = 0;
    if (!qp->q) return;
    for (guint i = 0; i < qp->dicts->len; i++) {
        const nohin_qpdf_dict *d = &g_array_index(qp->dicts, nohin_qpdf_dict, i);
        if (d->stream) continue;
        if (nohin_qpdf_has(qp, d->oh, "/EF")) (*attachments)++;
        qpdf_oh s = nohin_qpdf_get(qp, d->oh, "/S");
        if (qpdf_oh_is_name_and_equals(qp->q, s, "/JavaScript")) (*scripts)++;
    }
    nohin_qpdf_drain_warnings(qp);
}

bool nohin_qpdf_check(nohin_qpdf *qp)
{
    if (!qp->q) return false;
    if (qp->page_limit) return false; /* qpdf's check would build the page list it must not */
    if (qp->checked) return qp->check_warnings == 0 && !qp->check_error;
    qp->checked = true;
    nohin_qpdf_drain_warnings(qp);
    int before = qp->n_warnings;
    char *first_before = g_strdup(qp->first_warning);
    /* What qpdf_check_pdf does (a full write to nowhere, every stream decoded), minus
     * the lossy filters: decoding a scan's JPEGs and deflating them again was ~90 %
     * of a scanned report's lint. Lossless filters are still decoded and verified;
     * nothing is recompressed. */
    QPDF_ERROR_CODE rc = qpdf_init_write(qp->q, "/dev/null");
    if (!(rc & QPDF_ERRORS)) {
        qpdf_set_decode_level(qp->q, qpdf_dl_specialized);
        qpdf_set_compress_streams(qp->q, QPDF_TRUE);
        rc = qpdf_write(qp->q);
    }
    if (rc & QPDF_ERRORS) {
        qpdf_error e = qpdf_get_error(qp->q);
        qp->check_error = e ? error_text(qp->q, e) : g_strdup("qpdf check failed");
    }
    /* Warnings after the read are what the full check found. */
    g_free(qp->first_warning);
    qp->first_warning = NULL;
    nohin_qpdf_drain_warnings(qp);
    qp->check_warnings = qp->n_warnings - before;
    if (!qp->check_error && qp->first_warning) qp->check_error = g_strdup(qp->first_warning);
    g_free(qp->first_warning);
    qp->first_warning = first_before;
    qp->n_warnings = before;
    return qp->check_warnings == 0 && !qp->check_error;
}

/* ---- lookups ---- */

int nohin_qpdf_page_of(const nohin_qpdf *qp, int objid)
{
    if (objid <= 0) return 0;
    return GPOINTER_TO_INT(g_hash_table_lookup(qp->page_of, GINT_TO_POINTER(objid)));
}

nohin_location nohin_qpdf_loc(const nohin_qpdf *qp, int objid)
{
    int page = nohin_qpdf_page_of(qp, objid);
    if (page > 0) return nohin_loc_page(page);
    return objid > 0 ? nohin_loc_object(objid) : nohin_loc_none();
}

static bool rect_of(nohin_qpdf *qp, qpdf_oh arr, double r[4])
{
    qpdf_data q = qp->q;
    if (!qpdf_oh_is_array(q, arr) || qpdf_oh_get_array_n_items(q, arr) != 4) return false;
    for (int i = 0; i < 4; i++) {
        qpdf_oh v = qpdf_oh_get_array_item(q, arr, i);
        if (!qpdf_oh_is_number(q, v)) return false;
        r[i] = qpdf_oh_get_numeric_value(q, v);
    }
    return true;
}

nohin_location nohin_qpdf_loc_rect(nohin_qpdf *qp, int objid, qpdf_oh annot)
{
    int page = nohin_qpdf_page_of(qp, objid);
    if (page <= 0) return nohin_qpdf_loc(qp, objid);
    double r[4], box[4];
    qpdf_oh pg = qpdf_get_page_n(qp->q, (size_t)page - 1);
    qpdf_oh crop = nohin_qpdf_get(qp, pg, "/CropBox");
    if (!rect_of(qp, crop, box) && !rect_of(qp, nohin_qpdf_get(qp, pg, "/MediaBox"), box)) {
        /* Inherited boxes: A4 is the usual and only affects the outline drawn. */
        box[0] = box[1] = 0, box[2] = 595, box[3] = 842;
    }
    if (!rect_of(qp, nohin_qpdf_get(qp, annot, "/Rect"), r)) return nohin_loc_page(page);
    double top = MAX(box[1], box[3]), left = MIN(box[0], box[2]);
    nohin_box b = {MIN(r[0], r[2]) - left, top - MAX(r[1], r[3]), MAX(r[0], r[2]) - left,
                   top - MIN(r[1], r[3])};
    return nohin_loc_page_box(page, b);
}

static qpdf_oh as_dict(nohin_qpdf *qp, qpdf_oh oh)
{
    return qpdf_oh_is_stream(qp->q, oh) ? qpdf_oh_get_dict(qp->q, oh) : oh;
}

bool nohin_qpdf_has(nohin_qpdf *qp, qpdf_oh dict, const char *key)
{
    if (!qp->q) return false;
    dict = as_dict(qp, dict);
    return qpdf_oh_is_dictionary(qp->q, dict) && qpdf_oh_has_key(qp->q, dict, key);
}

qpdf_oh nohin_qpdf_get(nohin_qpdf *qp, qpdf_oh dict, const char *key)
{
    dict = as_dict(qp, dict);
    if (!qpdf_oh_is_dictionary(qp->q, dict)) return qpdf_oh_new_null(qp->q);
    return qpdf_oh_get_key(qp->q, dict, key);
}

char *nohin_qpdf_name(nohin_qpdf *qp, qpdf_oh dict, const char *key)
{
    qpdf_oh v = nohin_qpdf_get(qp, dict, key);
    if (!qpdf_oh_is_name(qp->q, v)) return g_strdup("");
    return g_strdup(qpdf_oh_get_name(qp->q, v));
}

/* Removes control characters so a value can go into a one-line message. */
static char *clean_text(const char *s, size_t len)
{
    char *v = g_utf8_make_valid(s, (gssize)len);
    for (char *p = v; *p; p++)
        if ((unsigned char)*p < 0x20) *p = ' ';
    return v;
}

char *nohin_qpdf_text(nohin_qpdf *qp, qpdf_oh oh, size_t max)
{
    qpdf_data q = qp->q;
    if (qpdf_oh_is_string(q, oh)) {
        size_t len = 0;
        const char *s = qpdf_oh_get_binary_utf8_value(q, oh, &len);
        return clean_text(s, MIN(len, max));
    }
    if (qpdf_oh_is_stream(q, oh)) {
        size_t len = 0;
        unsigned char *d = nohin_qpdf_stream_data(qp, oh, max, &len, NULL);
        if (!d) return NULL;
        if (len >= 2 && d[0] == 0xFE && d[1] == 0xFF) { /* a UTF-16BE text stream */
            gsize out = 0;
            char *u = g_convert((const char *)d + 2, (gssize)((len - 2) & ~(size_t)1), "UTF-8",
                                "UTF-16BE", NULL, &out, NULL);
            if (u) {
                char *t = clean_text(u, out);
                g_free(u);
                g_free(d);
                return t;
            }
        }
        char *t = clean_text((const char *)d, len);
        g_free(d);
        return t;
    }
    return NULL;
}

char *nohin_qpdf_key_text(nohin_qpdf *qp, qpdf_oh dict, const char *key, size_t max)
{
    return nohin_qpdf_text(qp, nohin_qpdf_get(qp, dict, key), max);
}

/* Inflates at most max bytes with GLib's zlib converter (never the whole bomb). */
static unsigned char *inflate_capped(const unsigned char *in, size_t in_len, size_t max,
                                     size_t *out_len, bool *complete)
{
    GConverter *z = G_CONVERTER(g_zlib_decompressor_new(G_ZLIB_COMPRESSOR_FORMAT_ZLIB));
    GByteArray *out = g_byte_array_new();
    guint8 buf[65536];
    size_t pos = 0;
    bool done = false, ok = true;
    while (!done && out->len < max) {
        gsize r = 0, w = 0;
        GError *err = NULL;
        GConverterResult res = g_converter_convert(z, in + pos, in_len - pos, buf, sizeof buf,
                                                   G_CONVERTER_INPUT_AT_END, &r, &w, &err);
        pos += r;
        g_byte_array_append(out, buf, (guint)MIN(w, max - out->len));
        if (res == G_CONVERTER_ERROR) {
            /* A truncated stream still gives what was inflated so far. */
            ok = out->len > 0;
            g_clear_error(&err);
            done = true;
        } else if (res == G_CONVERTER_FINISHED || (r == 0 && w == 0)) {
            done = true;
        }
    }
    g_object_unref(z);
    if (complete) *complete = done && ok;
    if (!ok) {
        g_byte_array_free(out, TRUE);
        return NULL;
    }
    *out_len = out->len;
    return g_byte_array_free(out, FALSE);
}

unsigned char *nohin_qpdf_stream_data(nohin_qpdf *qp, qpdf_oh stream, size_t max, size_t *len,
                                      bool *complete)
{
    qpdf_data q = qp->q;
    *len = 0;
    if (complete) *complete = false;
    if (!q || !qpdf_oh_is_stream(q, stream)) return NULL;
    if (max > NOHIN_QPDF_MAX_STREAM) max = NOHIN_QPDF_MAX_STREAM;
    qpdf_oh filter = nohin_qpdf_get(qp, stream, "/Filter");
    if (qpdf_oh_is_array(q, filter) && qpdf_oh_get_array_n_items(q, filter) == 1)
        filter = qpdf_oh_get_array_item(q, filter, 0);
    bool plain = qpdf_oh_is_null(q, filter) ||
                 (qpdf_oh_is_array(q, filter) && qpdf_oh_get_array_n_items(q, filter) == 0);
    bool flate = qpdf_oh_is_name_and_equals(q, filter, "/FlateDecode") &&
                 !nohin_qpdf_has(qp, stream, "/DecodeParms");
    unsigned char *raw = NULL;
    size_t raw_len = 0;
    unsigned char *result = NULL;
    if (plain || flate) {
        if (qpdf_oh_get_stream_data(q, stream, qpdf_dl_none, NULL, &raw, &raw_len) & QPDF_ERRORS) {
            nohin_qpdf_drain_warnings(qp);
            return NULL;
        }
        if (plain) {
            *len = MIN(raw_len, max);
            result = g_memdup2(raw, *len);
            if (complete) *complete = raw_len <= max;
        } else {
            result = inflate_capped(raw, raw_len, max, len, complete);
        }
        free(raw);
        return result;
    }
    /* Other filters (predictors, LZW, ASCII85…) expand by a bounded ratio; let
     * qpdf decode them when the raw stream is small. */
    qpdf_oh length = nohin_qpdf_get(qp, stream, "/Length");
    if (!qpdf_oh_is_integer(q, length) || qpdf_oh_get_int_value(q, length) > 1024 * 1024)
        return NULL;
    QPDF_BOOL filtered = QPDF_FALSE;
    if (qpdf_oh_get_stream_data(q, stream, qpdf_dl_generalized, &filtered, &raw, &raw_len) &
        QPDF_ERRORS) {
        nohin_qpdf_drain_warnings(qp);
        return NULL;
    }
    if (filtered) {
        *len = MIN(raw_len, max);
        result = g_memdup2(raw, *len);
        if (complete) *complete = raw_len <= max;
    }
    free(raw);
    return result;
}

static void name_tree(nohin_qpdf *qp, qpdf_oh node, int depth, int *budget, nohin_qpdf_name_cb cb,
                      void *user)
{
    qpdf_data q = qp->q;
    if (depth > 32 || *budget <= 0 || !qpdf_oh_is_dictionary(q, node)) return;
    qpdf_oh names = nohin_qpdf_get(qp, node, "/Names");
    int n = qpdf_oh_is_array(q, names) ? qpdf_oh_get_array_n_items(q, names) : 0;
    for (int i = 0; i + 1 < n && (*budget)-- > 0; i += 2) {
        char *name = nohin_qpdf_text(qp, qpdf_oh_get_array_item(q, names, i), 4096);
        cb(qp, name ? name : "", qpdf_oh_get_array_item(q, names, i + 1), user);
        g_free(name);
    }
    qpdf_oh kids = nohin_qpdf_get(qp, node, "/Kids");
    n = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_n_items(q, kids) : 0;
    for (int i = 0; i<n && * budget> 0; i++)
        name_tree(qp, qpdf_oh_get_array_item(q, kids, i), depth + 1, budget, cb, user);
}

void nohin_qpdf_name_tree(nohin_qpdf *qp, qpdf_oh root, nohin_qpdf_name_cb cb, void *user)
{
    int budget = 100000; /* a looping /Kids chain ends here too */
    if (qp->q) name_tree(qp, root, 0, &budget, cb, user);
}

qpdf_oh nohin_qpdf_catalog_names(nohin_qpdf *qp, const char *tree)
{
    return nohin_qpdf_get(qp, nohin_qpdf_get(qp, qpdf_get_root(qp->q), "/Names"), tree);
}
