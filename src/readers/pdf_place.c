/* Names for the places of PDF objects that are on no page (see pdf_place.h).
 * One pass over the walked dictionaries records, for every indirect action,
 * the object and key that point at it; a place is then found by going up
 * from the action (through /Next chains) to its holder. */
#include "readers/pdf_place.h"
#include <string.h>

typedef struct {
    int holder; /* objid of the object whose key points here */
    const char *key;
} ref;

struct nohin_pdf_places {
    nohin_qpdf *qp;
    int root;
    GHashTable *refs;    /* objid -> ref* */
    GHashTable *scripts; /* objid -> name in the Names/JavaScript tree */
};

static void note(nohin_pdf_places *p, qpdf_oh target, int holder, const char *key)
{
    int id = nohin_qpdf_objid(p->qp, target);
    if (id <= 0 || id == holder || g_hash_table_contains(p->refs, GINT_TO_POINTER(id))) return;
    ref *r = g_new(ref, 1);
    *r = (ref){holder, key};
    g_hash_table_insert(p->refs, GINT_TO_POINTER(id), r);
}

static void note_all(nohin_pdf_places *p, qpdf_oh v, int holder, const char *key)
{
    qpdf_data q = p->qp->q;
    if (qpdf_oh_is_array(q, v)) {
        int n = qpdf_oh_get_array_n_items(q, v);
        for (int i = 0; i < n && i < 1000; i++)
            note(p, qpdf_oh_get_array_item(q, v, i), holder, key);
    } else {
        note(p, v, holder, key);
    }
}

static void script_cb(nohin_qpdf *qp, const char *name, qpdf_oh value, void *user)
{
    int id = nohin_qpdf_objid(qp, value);
    if (id > 0) g_hash_table_insert(user, GINT_TO_POINTER(id), g_strdup(name));
}

nohin_pdf_places *nohin_pdf_places_new(nohin_qpdf *qp)
{
    nohin_pdf_places *p = g_new0(nohin_pdf_places, 1);
    p->qp = qp;
    p->refs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    p->scripts = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    if (!qp->q) return p;
    qpdf_data q = qp->q;
    p->root = nohin_qpdf_objid(qp, qpdf_get_root(q));
    nohin_qpdf_name_tree(qp, nohin_qpdf_catalog_names(qp, "/JavaScript"), script_cb, p->scripts);
    for (guint i = 0; i < qp->dicts->len; i++) {
        const nohin_qpdf_dict *d = &g_array_index(qp->dicts, nohin_qpdf_dict, i);
        int holder = d->objid;
        if (holder <= 0) continue;
        if (nohin_qpdf_has(qp, d->oh, "/A")) note(p, nohin_qpdf_get(qp, d->oh, "/A"), holder, "/A");
        if (nohin_qpdf_has(qp, d->oh, "/OpenAction"))
            note(p, nohin_qpdf_get(qp, d->oh, "/OpenAction"), holder, "/OpenAction");
        if (nohin_qpdf_has(qp, d->oh, "/Next"))
            note_all(p, nohin_qpdf_get(qp, d->oh, "/Next"), holder, "/Next");
        qpdf_oh aa = nohin_qpdf_get(qp, d->oh, "/AA");
        if (qpdf_oh_is_dictionary(q, aa)) {
            note(p, aa, holder, "/AA");
            qpdf_oh_begin_dict_key_iter(q, aa);
            GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
            while (qpdf_oh_dict_more_keys(q))
                g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
            for (guint k = 0; k < keys->len; k++)
                note(p, qpdf_oh_get_key(q, aa, keys->pdata[k]), holder, "/AA");
            g_ptr_array_free(keys, TRUE);
        }
    }
    return p;
}

void nohin_pdf_places_free(nohin_pdf_places *p)
{
    if (!p) return;
    g_hash_table_destroy(p->refs);
    g_hash_table_destroy(p->scripts);
    g_free(p);
}

/* A holder that is not an action: what kind of place it is. */
static nohin_location describe(nohin_pdf_places *p, int id, const char *key, qpdf_oh action)
{
    nohin_qpdf *qp = p->qp;
    int page = nohin_qpdf_page_of(qp, id);
    if (page > 0) return nohin_loc_page(page);
    if (id == p->root) {
        if (key && !strcmp(key, "/OpenAction")) return nohin_loc_part("open-action", NULL, 0);
        if (key) return nohin_loc_part("document-actions", NULL, 0);
        /* the action is written inside the catalog: its open action, or an entry of /AA */
        qpdf_oh oa = nohin_qpdf_get(qp, qpdf_get_root(qp->q), "/OpenAction");
        bool is_oa = qpdf_oh_is_dictionary(qp->q, oa) && !qpdf_oh_is_indirect(qp->q, oa) &&
                     qpdf_oh_is_dictionary(qp->q, action) && nohin_qpdf_has(qp, action, "/S") &&
                     !nohin_qpdf_has(qp, action, "/AA");
        if (is_oa) {
            char *s1 = nohin_qpdf_name(qp, oa, "/S"), *s2 = nohin_qpdf_name(qp, action, "/S");
            is_oa = !strcmp(s1, s2);
            g_free(s1);
            g_free(s2);
        }
        return nohin_loc_part(is_oa ? "open-action" : "document-actions", NULL, 0);
    }
    qpdf_oh h = qpdf_get_object_by_id(qp->q, id, 0);
    if (qpdf_oh_is_stream(qp->q, h)) h = qpdf_oh_get_dict(qp->q, h);
    char *title = nohin_qpdf_key_text(qp, h, "/Title", 200);
    if (title && (nohin_qpdf_has(qp, h, "/Parent") || nohin_qpdf_has(qp, h, "/Dest") ||
                  nohin_qpdf_has(qp, h, "/A"))) {
        nohin_location l = nohin_loc_part("bookmark", title, 0);
        g_free(title);
        return l;
    }
    g_free(title);
    char *field = nohin_qpdf_key_text(qp, h, "/T", 200);
    if (field || nohin_qpdf_has(qp, h, "/FT")) {
        nohin_location l = nohin_loc_part("form", field, 0);
        g_free(field);
        return l;
    }
    return nohin_loc_part("document", NULL, 0);
}

nohin_location nohin_pdf_place(nohin_pdf_places *p, const nohin_qpdf_dict *d)
{
    nohin_qpdf *qp = p->qp;
    int id = d->objid;
    int page = nohin_qpdf_page_of(qp, id);
    if (page > 0) return nohin_loc_page(page);
    const char *name = g_hash_table_lookup(p->scripts, GINT_TO_POINTER(id));
    if (name) return nohin_loc_part("javascript", name, 0);
    /* an indirect object: go up to whatever points at it, through /Next chains */
    bool indirect = qp->q && qpdf_oh_is_indirect(qp->q, d->obj);
    const char *key = NULL;
    for (int depth = 0; indirect && depth < 16; depth++) {
        const ref *r = g_hash_table_lookup(p->refs, GINT_TO_POINTER(id));
        if (!r) break;
        id = r->holder;
        key = r->key;
        if (nohin_qpdf_page_of(qp, id) > 0) break;
        name = g_hash_table_lookup(p->scripts, GINT_TO_POINTER(id));
        if (name) return nohin_loc_part("javascript", name, 0);
        if (strcmp(key, "/Next") != 0) break;
    }
    return describe(p, id, key, d->oh);
}
