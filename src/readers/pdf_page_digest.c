/* Page digests over a private qpdf handle (page tree only, objects resolved on
 * demand): the file's shared qpdf reader and its warning count stay untouched, so
 * computing digests never changes another check's findings. */
#include <limits.h>
#include <string.h>
#include <nettle/sha2.h>
#include "pdf_page_digest.h"
#include "qpdf_reader.h"

#define MAX_VISITS 2000000        /* objects and values hashed per document */
#define MAX_BYTES (1024ull << 20) /* stream bytes hashed per document */
#define MAX_DEPTH 96              /* nesting of arrays and dictionaries */
#define MAX_CHAIN 64              /* /Parent levels searched for an inherited attribute */

typedef struct {
    nohin_qpdf *qp;
    qpdf_data q;
    GHashTable *memo;  /* objid -> nohin_page_digest*: digests that do not depend on the path */
    GHashTable *pages; /* objid -> 1-based page index: another page is named, not entered */
    GArray *stack;     /* objids being hashed (a reference back into it is a cycle) */
    int root_id;       /* the catalog */
    long visits;
    guint64 bytes;
    bool failed;
} digester;

static void put(struct sha256_ctx *s, char tag, const void *p, size_t n)
{
    guint8 h[9] = {(guint8)tag};
    guint64 len = n;
    for (int i = 0; i < 8; i++)
        h[1 + i] = (guint8)(len >> (8 * i));
    sha256_update(s, sizeof h, h);
    if (n) sha256_update(s, n, p);
}

static void put_int(struct sha256_ctx *s, char tag, long long v)
{
    char b[32];
    int n = g_snprintf(b, sizeof b, "%lld", v);
    put(s, tag, b, (size_t)n);
}

static int hash_obj(digester *d, struct sha256_ctx *s, qpdf_oh oh, int depth);

static gint cmp_key(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Keys of a dictionary, sorted (qpdf's key iteration cannot nest: collected first). */
static GPtrArray *keys_of(qpdf_data q, qpdf_oh dict)
{
    GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
    qpdf_oh_begin_dict_key_iter(q, dict);
    while (qpdf_oh_dict_more_keys(q))
        g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
    g_ptr_array_sort(keys, cmp_key);
    return keys;
}

static bool skipped(const char *key, const char *const *skip)
{
    for (; skip && *skip; skip++)
        if (!strcmp(key, *skip)) return true;
    return false;
}

/* A dictionary's entries (null values are no entries), leaving out skip. Returns
 * the lowest stack index a cycle inside reached (INT_MAX: none). */
static int hash_dict(digester *d, struct sha256_ctx *s, qpdf_oh dict, const char *const *skip,
                     int depth)
{
    qpdf_data q = d->q;
    GPtrArray *keys = keys_of(q, dict);
    int low = INT_MAX;
    put(s, 'd', NULL, 0);
    for (guint i = 0; i < keys->len && !d->failed; i++) {
        const char *k = keys->pdata[i];
        if (skipped(k, skip)) continue;
        qpdf_oh v = qpdf_oh_get_key(q, dict, k);
        if (!qpdf_oh_is_null(q, v)) {
            put(s, 'k', k, strlen(k));
            low = MIN(low, hash_obj(d, s, v, depth + 1));
        }
        qpdf_oh_release(q, v);
    }
    put(s, 'e', NULL, 0);
    g_ptr_array_free(keys, TRUE);
    return low;
}

static int hash_stream(digester *d, struct sha256_ctx *s, qpdf_oh oh, int depth)
{
    qpdf_data q = d->q;
    /* An image's samples are the one thing no text pass reads (poppler's text
     * output skips them): its dictionary (size, filters, masks) enters,
     * its bytes do not. A scan's pictures are most of its bytes. */
    qpdf_oh sub = nohin_qpdf_get(d->qp, oh, "/Subtype");
    bool image = qpdf_oh_is_name_and_equals(q, sub, "/Image");
    qpdf_oh_release(q, sub);
    if (image) {
        static const char *const skip_image[] = {"/Length", NULL};
        qpdf_oh dict = qpdf_oh_get_dict(q, oh);
        put(s, 'G', NULL, 0);
        int low = hash_dict(d, s, dict, skip_image, depth);
        qpdf_oh_release(q, dict);
        return low;
    }
    /* Content streams, fonts and the rest by their bytes as stored with their whole
     * dictionary (filters and parameters included): the decoded bytes are a function
     * of those, so nothing is inflated (embedded fonts are most of a text page's
     * bytes). qpdf's rewrite copies Flate streams as they are, so a page clean left
     * alone keeps its digest. */
    unsigned char *raw = NULL;
    size_t len = 0;
    if (qpdf_oh_get_stream_data(q, oh, qpdf_dl_none, NULL, &raw, &len) & QPDF_ERRORS) {
        free(raw);
        d->failed = true;
        return INT_MAX;
    }
    d->bytes += len;
    static const char *const skip_raw[] = {"/Length", NULL};
    qpdf_oh dict = qpdf_oh_get_dict(q, oh);
    put(s, 'S', NULL, 0);
    int low = hash_dict(d, s, dict, skip_raw, depth);
    qpdf_oh_release(q, dict);
    put(s, 'R', raw, len);
    free(raw);
    if (d->bytes > MAX_BYTES) d->failed = true;
    return low;
}

/* The value itself (an indirect object's, once resolved). */
static int hash_value(digester *d, struct sha256_ctx *s, qpdf_oh oh, int depth)
{
    qpdf_data q = d->q;
    if (depth > MAX_DEPTH || ++d->visits > MAX_VISITS) {
        d->failed = true;
        return INT_MAX;
    }
    switch (qpdf_oh_get_type_code(q, oh)) {
    case ot_null:
        put(s, 'n', NULL, 0);
        return INT_MAX;
    case ot_boolean:
        put(s, qpdf_oh_get_bool_value(q, oh) ? 'T' : 'F', NULL, 0);
        return INT_MAX;
    case ot_integer:
        put_int(s, 'i', qpdf_oh_get_int_value(q, oh));
        return INT_MAX;
    case ot_real: {
        const char *v = qpdf_oh_get_real_value(q, oh);
        put(s, 'r', v, strlen(v));
        return INT_MAX;
    }
    case ot_string: {
        size_t n = 0;
        const char *v = qpdf_oh_get_binary_string_value(q, oh, &n);
        put(s, 's', v, n);
        return INT_MAX;
    }
    case ot_name: {
        const char *v = qpdf_oh_get_name(q, oh);
        put(s, '/', v, strlen(v));
        return INT_MAX;
    }
    case ot_array: {
        int n = qpdf_oh_get_array_n_items(q, oh), low = INT_MAX;
        put_int(s, 'a', n);
        for (int i = 0; i < n && !d->failed; i++) {
            qpdf_oh it = qpdf_oh_get_array_item(q, oh, i);
            low = MIN(low, hash_obj(d, s, it, depth + 1));
            qpdf_oh_release(q, it);
        }
        return low;
    }
    case ot_dictionary:
        return hash_dict(d, s, oh, NULL, depth);
    case ot_stream:
        return hash_stream(d, s, oh, depth);
    default: /* operators, inline images, reserved: not in a page's objects */
        d->failed = true;
        return INT_MAX;
    }
}

/* An indirect object enters by its digest, computed once per document when it does
 * not depend on the path that reached it (no reference back to an object above it). */
static int hash_obj(digester *d, struct sha256_ctx *s, qpdf_oh oh, int depth)
{
    qpdf_data q = d->q;
    if (d->failed) return INT_MAX;
    if (!qpdf_oh_is_indirect(q, oh)) return hash_value(d, s, oh, depth);
    /* a number or name kept as an object of its own (a /Length) is hashed as a
     * value: writers move those in and out of objects freely */
    if (!qpdf_oh_is_array(q, oh) && !qpdf_oh_is_dictionary(q, oh) && !qpdf_oh_is_stream(q, oh))
        return hash_value(d, s, oh, depth);
    int id = qpdf_oh_get_object_id(q, oh);
    const nohin_page_digest *m = g_hash_table_lookup(d->memo, GINT_TO_POINTER(id));
    if (m) {
        put(s, 'M', m->d, sizeof m->d);
        return INT_MAX;
    }
    for (guint k = 0; k < d->stack->len; k++)
        if (g_array_index(d->stack, int, k) == id) { /* a cycle: how far up it goes */
            put_int(s, 'B', (long long)(d->stack->len - k));
            return (int)k;
        }
    int page = GPOINTER_TO_INT(g_hash_table_lookup(d->pages, GINT_TO_POINTER(id)));
    if (page) { /* another page (a link's destination): named, its content is its own */
        put_int(s, 'P', page);
        return INT_MAX;
    }
    if (id == d->root_id ||
        (qpdf_oh_is_dictionary(q, oh) &&
         qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, oh, "/Type"), "/Pages"))) {
        put(s, 'C', NULL, 0); /* the catalog or the page tree: not a page's drawing */
        return INT_MAX;
    }
    int at = (int)d->stack->len;
    g_array_append_val(d->stack, id);
    struct sha256_ctx sub;
    sha256_init(&sub);
    int low = hash_value(d, &sub, oh, depth);
    g_array_set_size(d->stack, (guint)at);
    nohin_page_digest dg;
    sha256_digest(&sub, sizeof dg.d, dg.d);
    put(s, 'I', dg.d, sizeof dg.d);
    if (low < at) return low;
    if (!d->failed) g_hash_table_insert(d->memo, GINT_TO_POINTER(id), g_memdup2(&dg, sizeof dg));
    return INT_MAX;
}

/* Inherited attributes (PDF 32000 §7.7.3.4) are hashed as if on the page. */
static qpdf_oh inherited(digester *d, qpdf_oh page, const char *key)
{
    qpdf_data q = d->q;
    qpdf_oh node = page;
    for (int i = 0; i < MAX_CHAIN; i++) {
        qpdf_oh v = qpdf_oh_get_key(q, node, key);
        if (!qpdf_oh_is_null(q, v)) return v;
        node = qpdf_oh_get_key(q, node, "/Parent");
        if (!qpdf_oh_is_dictionary(q, node)) break;
    }
    return qpdf_oh_new_null(q);
}

static void hash_page(digester *d, int index, const nohin_page_digest *salt, nohin_page_digest *out)
{
    qpdf_data q = d->q;
    qpdf_oh page = qpdf_get_page_n(q, (size_t)index);
    struct sha256_ctx s;
    sha256_init(&s);
    put(&s, 'V', "nohin-page-2", 12);
    put(&s, 'X', salt->d, sizeof salt->d);
    int id = qpdf_oh_is_indirect(q, page) ? qpdf_oh_get_object_id(q, page) : 0;
    g_array_set_size(d->stack, 0);
    g_array_append_val(d->stack, id);
    static const char *const skip[] = {"/Parent",  "/Resources", "/MediaBox",
                                       "/CropBox", "/Rotate",    NULL};
    hash_dict(d, &s, page, skip, 0);
    for (int k = 1; skip[k]; k++) {
        qpdf_oh v = inherited(d, page, skip[k]);
        put(&s, 'k', skip[k], strlen(skip[k]));
        hash_obj(d, &s, v, 1);
    }
    g_array_set_size(d->stack, 0);
    sha256_digest(&s, sizeof out->d, out->d);
}

/* Digests of the files digested before in this run, by the SHA-256 of their bytes
 * and the page count: the digests are a function of those alone, and a whole bundle
 * holds the report twice (public and non-public package). */
typedef struct {
    nohin_page_digest *dg; /* NULL: no digest for that file */
} file_entry;

static GMutex memo_lock;
static GHashTable *file_memo; /* "n_pages:sha256 hex" -> file_entry* */

static void file_entry_free(void *p)
{
    file_entry *e = p;
    g_free(e->dg);
    g_free(e);
}

void nohin_pdf_page_digests_forget(void)
{
    g_mutex_lock(&memo_lock);
    g_clear_pointer(&file_memo, g_hash_table_destroy);
    g_mutex_unlock(&memo_lock);
}

static nohin_page_digest *digests_of(GMappedFile *map, int n_pages);

nohin_page_digest *nohin_pdf_page_digests(nohin_file *file, int n_pages)
{
    GMappedFile *map = g_mapped_file_new(file->abspath, FALSE, NULL);
    if (!map) return NULL;
    struct sha256_ctx s;
    guint8 h[SHA256_DIGEST_SIZE];
    sha256_init(&s);
    sha256_update(&s, g_mapped_file_get_length(map),
                  (const guint8 *)g_mapped_file_get_contents(map));
    sha256_digest(&s, sizeof h, h);
    GString *key = g_string_new(NULL);
    g_string_printf(key, "%d:", n_pages);
    for (size_t i = 0; i < sizeof h; i++)
        g_string_append_printf(key, "%02x", h[i]);
    g_mutex_lock(&memo_lock);
    const file_entry *e = file_memo ? g_hash_table_lookup(file_memo, key->str) : NULL;
    bool known = e != NULL;
    nohin_page_digest *out =
        e && e->dg ? g_memdup2(e->dg, sizeof *e->dg * (gsize)MAX(n_pages, 1)) : NULL;
    g_mutex_unlock(&memo_lock);
    if (!known) {
        out = digests_of(map, n_pages);
        file_entry *n = g_new0(file_entry, 1);
        n->dg = out ? g_memdup2(out, sizeof *out * (gsize)MAX(n_pages, 1)) : NULL;
        g_mutex_lock(&memo_lock);
        if (!file_memo)
            file_memo = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, file_entry_free);
        g_hash_table_replace(file_memo, g_strdup(key->str), n);
        g_mutex_unlock(&memo_lock);
    }
    g_string_free(key, TRUE);
    g_mapped_file_unref(map);
    return out;
}

static nohin_page_digest *digests_of(GMappedFile *map, int n_pages)
{
    nohin_qpdf *qp = g_mapped_file_get_length(map) > 0
                         ? nohin_qpdf_open_bytes_pages(g_mapped_file_get_contents(map),
                                                       g_mapped_file_get_length(map))
                         : NULL;
    nohin_page_digest *out = NULL;
    if (!qp || !qp->q || qp->n_warnings || qp->page_limit || qp->n_pages != n_pages) goto done;
    digester d = {.qp = qp,
                  .q = qp->q,
                  .memo = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free),
                  .pages = g_hash_table_new(g_direct_hash, g_direct_equal),
                  .stack = g_array_new(FALSE, FALSE, sizeof(int))};
    for (int i = 0; i < n_pages; i++) {
        int id = g_array_index(qp->page_ids, int, i);
        if (id > 0) g_hash_table_insert(d.pages, GINT_TO_POINTER(id), GINT_TO_POINTER(i + 1));
    }
    /* What the whole document says about how a page is shown: optional content
     * (a layer off by default draws nothing) and form field appearances. */
    qpdf_oh root = qpdf_get_root(qp->q);
    d.root_id = qpdf_oh_is_indirect(qp->q, root) ? qpdf_oh_get_object_id(qp->q, root) : -1;
    struct sha256_ctx s;
    sha256_init(&s);
    static const char *const doc_keys[] = {"/OCProperties", "/AcroForm"};
    for (size_t k = 0; k < G_N_ELEMENTS(doc_keys); k++) {
        put(&s, 'k', doc_keys[k], strlen(doc_keys[k]));
        hash_obj(&d, &s, qpdf_oh_get_key(qp->q, root, doc_keys[k]), 1);
    }
    nohin_page_digest salt;
    sha256_digest(&s, sizeof salt.d, salt.d);
    out = g_new0(nohin_page_digest, (gsize)MAX(n_pages, 1));
    for (int i = 0; i < n_pages && !d.failed; i++)
        hash_page(&d, i, &salt, &out[i]);
    nohin_qpdf_drain_warnings(qp); /* anything qpdf had to repair: no digest is trusted */
    if (d.failed || qp->n_warnings) g_clear_pointer(&out, g_free);
    g_hash_table_destroy(d.memo);
    g_hash_table_destroy(d.pages);
    g_array_free(d.stack, TRUE);
done:
    nohin_qpdf_free(qp);
    return out;
}
