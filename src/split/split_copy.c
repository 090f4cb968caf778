/* See split_copy.h. qpdf copies a page with what it refers to, but stops at
 * other pages (a reference to a page not yet copied becomes null): so every
 * page target is set again here from the input, where it is known. */
#include "split/split_copy.h"
#include <string.h>

#define MAX_OUTLINE_ITEMS 200000 /* hostile outlines: cycles are caught by id, size by this */
#define MAX_DEPTH 64

static bool name_is(qpdf_data q, qpdf_oh oh, const char *n)
{
    return qpdf_oh_is_name(q, oh) && !strcmp(qpdf_oh_get_name(q, oh), n);
}

/* The keys of a dictionary, copied: qpdf's key iterator is one per handle. */
static GPtrArray *dict_keys(qpdf_data q, qpdf_oh dict)
{
    GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
    if (!qpdf_oh_is_dictionary(q, dict)) return keys;
    qpdf_oh_begin_dict_key_iter(q, dict);
    while (qpdf_oh_dict_more_keys(q))
        g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
    return keys;
}

static bool is_page(qpdf_data q, qpdf_oh oh)
{
    return qpdf_oh_is_dictionary(q, oh) && (name_is(q, qpdf_oh_get_key(q, oh, "/Type"), "/Page") ||
                                            name_is(q, qpdf_oh_get_key(q, oh, "/Type"), "/Pages"));
}

/* oh of src as an object of dst. Indirect objects go through qpdf's copier
 * (one per dst, so an object copied with a page is the same object here);
 * pages are never copied this way (null). */
static qpdf_oh copy_value(qpdf_data dst, qpdf_data src, qpdf_oh oh, int depth)
{
    if (depth > MAX_DEPTH || !qpdf_oh_is_initialized(src, oh) || qpdf_oh_is_null(src, oh) ||
        is_page(src, oh))
        return qpdf_oh_new_null(dst);
    if (qpdf_oh_is_indirect(src, oh)) return qpdf_oh_copy_foreign_object(dst, src, oh);
    if (qpdf_oh_is_scalar(src, oh)) return qpdf_oh_parse(dst, qpdf_oh_unparse_resolved(src, oh));
    if (qpdf_oh_is_array(src, oh)) {
        qpdf_oh a = qpdf_oh_new_array(dst);
        int n = qpdf_oh_get_array_n_items(src, oh);
        for (int i = 0; i < n; i++)
            qpdf_oh_append_item(
                dst, a, copy_value(dst, src, qpdf_oh_get_array_item(src, oh, i), depth + 1));
        return a;
    }
    if (qpdf_oh_is_dictionary(src, oh)) {
        qpdf_oh d = qpdf_oh_new_dictionary(dst);
        GPtrArray *keys = dict_keys(src, oh);
        for (guint i = 0; i < keys->len; i++)
            qpdf_oh_replace_key(
                dst, d, keys->pdata[i],
                copy_value(dst, src, qpdf_oh_get_key(src, oh, keys->pdata[i]), depth + 1));
        g_ptr_array_free(keys, TRUE);
        return d;
    }
    return qpdf_oh_new_null(dst);
}

static void collect_names(nohin_split_src *s, qpdf_oh node, int depth)
{
    qpdf_data q = s->q;
    if (!qpdf_oh_is_dictionary(q, node) || depth > MAX_DEPTH) return;
    qpdf_oh names = qpdf_oh_get_key(q, node, "/Names");
    if (qpdf_oh_is_array(q, names)) {
        int n = qpdf_oh_get_array_n_items(q, names);
        for (int i = 0; i + 1 < n; i += 2) {
            qpdf_oh k = qpdf_oh_get_array_item(q, names, i);
            if (!qpdf_oh_is_string(q, k)) continue;
            g_hash_table_insert(s->named, g_strdup(qpdf_oh_get_utf8_value(q, k)),
                                GUINT_TO_POINTER(qpdf_oh_get_array_item(q, names, i + 1)));
        }
    }
    qpdf_oh kids = qpdf_oh_get_key(q, node, "/Kids");
    if (qpdf_oh_is_array(q, kids)) {
        int n = qpdf_oh_get_array_n_items(q, kids);
        for (int i = 0; i < n; i++)
            collect_names(s, qpdf_oh_get_array_item(q, kids, i), depth + 1);
    }
}

void nohin_split_src_index(nohin_split_src *s)
{
    qpdf_data q = s->q;
    s->n = qpdf_get_num_pages(q);
    for (int i = 0; i < s->n; i++)
        g_hash_table_insert(
            s->page_index, GINT_TO_POINTER(qpdf_oh_get_object_id(q, qpdf_get_page_n(q, (size_t)i))),
            GINT_TO_POINTER(i + 1));
    qpdf_oh root = qpdf_get_root(q);
    qpdf_oh dests = qpdf_oh_get_key(q, root, "/Dests"); /* old style: keyed by name */
    GPtrArray *keys = dict_keys(q, dests);
    for (guint i = 0; i < keys->len; i++) {
        const char *k = keys->pdata[i];
        g_hash_table_insert(s->named, g_strdup(k + 1),
                            GUINT_TO_POINTER(qpdf_oh_get_key(q, dests, k)));
    }
    g_ptr_array_free(keys, TRUE);
    qpdf_oh names = qpdf_oh_get_key(q, root, "/Names");
    if (qpdf_oh_is_dictionary(q, names)) collect_names(s, qpdf_oh_get_key(q, names, "/Dests"), 0);
}

/* The explicit destination array behind a /Dest or a GoTo's /D, or 0. */
static qpdf_oh explicit_dest(nohin_split_src *s, qpdf_oh d)
{
    qpdf_data q = s->q;
    if (qpdf_oh_is_name(q, d) || qpdf_oh_is_string(q, d)) {
        const char *key =
            qpdf_oh_is_name(q, d) ? qpdf_oh_get_name(q, d) + 1 : qpdf_oh_get_utf8_value(q, d);
        gpointer v = g_hash_table_lookup(s->named, key);
        if (!v) return 0;
        d = (qpdf_oh)GPOINTER_TO_UINT(v);
        if (qpdf_oh_is_dictionary(q, d)) d = qpdf_oh_get_key(q, d, "/D");
    }
    return qpdf_oh_is_array(q, d) && qpdf_oh_get_array_n_items(q, d) > 0 ? d : 0;
}

/* The input page index an outline item or annotation goes to: -1 when it has
 * no page target (a URI link, a note), -2 when the target is no page of the
 * input. *ex: the explicit destination. */
static int target(nohin_split_src *s, qpdf_oh item, qpdf_oh *ex, bool *in_action)
{
    qpdf_data q = s->q;
    qpdf_oh d;
    *in_action = false;
    if (qpdf_oh_has_key(q, item, "/Dest")) {
        d = qpdf_oh_get_key(q, item, "/Dest");
    } else {
        qpdf_oh a = qpdf_oh_get_key(q, item, "/A");
        if (!qpdf_oh_is_dictionary(q, a) || !name_is(q, qpdf_oh_get_key(q, a, "/S"), "/GoTo"))
            return -1;
        d = qpdf_oh_get_key(q, a, "/D");
        *in_action = true;
    }
    *ex = explicit_dest(s, d);
    if (!*ex) return -2;
    qpdf_oh pg = qpdf_oh_get_array_item(q, *ex, 0);
    int idx = GPOINTER_TO_INT(
        g_hash_table_lookup(s->page_index, GINT_TO_POINTER(qpdf_oh_get_object_id(q, pg))));
    return idx >= 1 ? idx - 1 : -2;
}

/* ex (of src) pointing at the part's page dpage instead. */
static qpdf_oh part_dest(nohin_split_src *s, qpdf_data dst, qpdf_oh ex, qpdf_oh dpage)
{
    qpdf_oh a = qpdf_oh_new_array(dst);
    qpdf_oh_append_item(dst, a, dpage);
    int n = qpdf_oh_get_array_n_items(s->q, ex);
    for (int i = 1; i < n; i++)
        qpdf_oh_append_item(dst, a, copy_value(dst, s->q, qpdf_oh_get_array_item(s->q, ex, i), 1));
    return a;
}

int nohin_split_links(nohin_split_src *s, qpdf_data dst, int first, int last)
{
    qpdf_data q = s->q;
    int removed = 0;
    for (int i = first; i <= last && i < s->n; i++) {
        qpdf_oh sa = qpdf_oh_get_key(q, qpdf_get_page_n(q, (size_t)i), "/Annots");
        qpdf_oh dp = qpdf_get_page_n(dst, (size_t)(i - first));
        qpdf_oh da = qpdf_oh_get_key(dst, dp, "/Annots");
        if (!qpdf_oh_is_array(q, sa) || !qpdf_oh_is_array(dst, da)) continue;
        int n = qpdf_oh_get_array_n_items(q, sa);
        if (n != qpdf_oh_get_array_n_items(dst, da)) continue; /* the copy is item by item */
        qpdf_oh kept = qpdf_oh_new_array(dst);
        int k = 0;
        for (int j = 0; j < n; j++) {
            qpdf_oh a = qpdf_oh_get_array_item(q, sa, j), b = qpdf_oh_get_array_item(dst, da, j);
            qpdf_oh ex = 0;
            bool in_action;
            int t = qpdf_oh_is_dictionary(q, a) ? target(s, a, &ex, &in_action) : -1;
            if (t != -1 && (t < first || t > last)) {
                removed++; /* into another part (or nowhere) */
                continue;
            }
            if (t >= 0) {
                qpdf_oh d = part_dest(s, dst, ex, qpdf_get_page_n(dst, (size_t)(t - first)));
                if (in_action)
                    qpdf_oh_replace_key(dst, qpdf_oh_get_key(dst, b, "/A"), "/D", d);
                else
                    qpdf_oh_replace_key(dst, b, "/Dest", d);
            }
            qpdf_oh_append_item(dst, kept, b);
            k++;
        }
        if (k != n) qpdf_oh_replace_key(dst, dp, "/Annots", kept);
    }
    return removed;
}

typedef struct {
    nohin_split_src *s;
    qpdf_data d;
    int first, last, items, kept;
} outline;

/* Rebuilds the children of sparent (input) under dparent (part); returns how
 * many were kept at this level. */
static int build_outline(outline *o, qpdf_oh sparent, qpdf_oh dparent, int depth)
{
    qpdf_data q = o->s->q, d = o->d;
    GArray *kept = g_array_new(FALSE, FALSE, sizeof(qpdf_oh));
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    qpdf_oh item = qpdf_oh_get_key(q, sparent, "/First");
    while (qpdf_oh_is_dictionary(q, item) && depth < MAX_DEPTH && o->items++ < MAX_OUTLINE_ITEMS) {
        int id = qpdf_oh_get_object_id(q, item);
        if (id && !g_hash_table_add(seen, GINT_TO_POINTER(id))) break; /* a cycle */
        qpdf_oh ex = 0;
        bool in_action;
        int t = target(o->s, item, &ex, &in_action);
        bool in = t >= o->first && t <= o->last;
        qpdf_oh copy = qpdf_make_indirect_object(d, qpdf_oh_new_dictionary(d));
        int kids = build_outline(o, item, copy, depth + 1);
        if (in || kids > 0) {
            /* a bookmark into another part that holds bookmarks of this one
             * stays as a heading without a target */
            qpdf_oh_replace_key(d, copy, "/Title",
                                copy_value(d, q, qpdf_oh_get_key(q, item, "/Title"), 1));
            qpdf_oh_replace_key(d, copy, "/Parent", dparent);
            if (in)
                qpdf_oh_replace_key(
                    d, copy, "/Dest",
                    part_dest(o->s, d, ex, qpdf_get_page_n(d, (size_t)(t - o->first))));
            const char *style[] = {"/C", "/F"};
            for (size_t i = 0; i < G_N_ELEMENTS(style); i++)
                if (qpdf_oh_has_key(q, item, style[i]))
                    qpdf_oh_replace_key(d, copy, style[i],
                                        copy_value(d, q, qpdf_oh_get_key(q, item, style[i]), 1));
            if (kids > 0) {
                qpdf_oh c = qpdf_oh_get_key(q, item, "/Count");
                bool closed = qpdf_oh_is_integer(q, c) && qpdf_oh_get_int_value(q, c) < 0;
                qpdf_oh_replace_key(d, copy, "/Count",
                                    qpdf_oh_new_integer(d, closed ? -kids : kids));
            }
            g_array_append_val(kept, copy);
            o->kept++;
        }
        item = qpdf_oh_get_key(q, item, "/Next");
    }
    g_hash_table_destroy(seen);
    int n = (int)kept->len;
    for (int i = 0; i < n; i++) {
        qpdf_oh it = g_array_index(kept, qpdf_oh, i);
        if (i > 0) qpdf_oh_replace_key(d, it, "/Prev", g_array_index(kept, qpdf_oh, i - 1));
        if (i + 1 < n) qpdf_oh_replace_key(d, it, "/Next", g_array_index(kept, qpdf_oh, i + 1));
    }
    if (n) {
        qpdf_oh_replace_key(d, dparent, "/First", g_array_index(kept, qpdf_oh, 0));
        qpdf_oh_replace_key(d, dparent, "/Last", g_array_index(kept, qpdf_oh, n - 1));
    }
    g_array_free(kept, TRUE);
    return n;
}

int nohin_split_outline(nohin_split_src *s, qpdf_data dst, int first, int last)
{
    qpdf_oh outlines = qpdf_oh_get_key(s->q, qpdf_get_root(s->q), "/Outlines");
    if (!qpdf_oh_is_dictionary(s->q, outlines)) return 0;
    outline o = {.s = s, .d = dst, .first = first, .last = last};
    qpdf_oh top = qpdf_make_indirect_object(dst, qpdf_oh_new_dictionary(dst));
    qpdf_oh_replace_key(dst, top, "/Type", qpdf_oh_new_name(dst, "/Outlines"));
    int n = build_outline(&o, outlines, top, 0);
    if (n) {
        qpdf_oh_replace_key(dst, top, "/Count", qpdf_oh_new_integer(dst, n));
        qpdf_oh_replace_key(dst, qpdf_get_root(dst), "/Outlines", top);
    }
    return o.kept;
}

/* /PageLabels as a flat number tree, rebased so the part's first page keeps
 * its label; a tree with /Kids is left out. */
static void page_labels(nohin_split_src *s, qpdf_data dst, int first, int last)
{
    qpdf_data q = s->q;
    qpdf_oh nums = qpdf_oh_get_key(q, qpdf_oh_get_key(q, qpdf_get_root(q), "/PageLabels"), "/Nums");
    if (!qpdf_oh_is_array(q, nums)) return;
    qpdf_oh out = qpdf_oh_new_array(dst);
    int n = qpdf_oh_get_array_n_items(q, nums), start = -1;
    for (int i = 0; i + 1 < n; i += 2) /* the range the part's first page is in */
        if (qpdf_oh_is_integer(q, qpdf_oh_get_array_item(q, nums, i)) &&
            qpdf_oh_get_int_value(q, qpdf_oh_get_array_item(q, nums, i)) <= first)
            start = i;
    if (start < 0) return;
    for (int i = start; i + 1 < n; i += 2) {
        qpdf_oh k = qpdf_oh_get_array_item(q, nums, i);
        if (!qpdf_oh_is_integer(q, k)) continue;
        long long at = qpdf_oh_get_int_value(q, k);
        if (at > last) break;
        qpdf_oh label = copy_value(dst, q, qpdf_oh_get_array_item(q, nums, i + 1), 1);
        if (!qpdf_oh_is_dictionary(dst, label)) continue;
        if (at < first) { /* numbering goes on from where the range stood */
            qpdf_oh st = qpdf_oh_get_key(dst, label, "/St");
            long long from = qpdf_oh_is_integer(dst, st) ? qpdf_oh_get_int_value(dst, st) : 1;
            qpdf_oh_replace_key(dst, label, "/St", qpdf_oh_new_integer(dst, from + first - at));
            at = first;
        }
        qpdf_oh_append_item(dst, out, qpdf_oh_new_integer(dst, at - first));
        qpdf_oh_append_item(dst, out, label);
    }
    qpdf_oh tree = qpdf_oh_new_dictionary(dst);
    qpdf_oh_replace_key(dst, tree, "/Nums", out);
    qpdf_oh_replace_key(dst, qpdf_get_root(dst), "/PageLabels", tree);
}

static bool field_on_part(qpdf_data q, qpdf_oh f, GHashTable *annots, int depth)
{
    if (!qpdf_oh_is_dictionary(q, f) || depth > MAX_DEPTH) return false;
    if (g_hash_table_contains(annots, GINT_TO_POINTER(qpdf_oh_get_object_id(q, f)))) return true;
    qpdf_oh kids = qpdf_oh_get_key(q, f, "/Kids");
    int n = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_n_items(q, kids) : 0;
    for (int i = 0; i < n; i++)
        if (field_on_part(q, qpdf_oh_get_array_item(q, kids, i), annots, depth + 1)) return true;
    return false;
}

/* The form with only the fields that have a widget on the part's pages (the
 * widgets came with the pages; the same copier maps them to the same objects).
 * XFA and the calculation order describe the whole form: left out. */
static void form(nohin_split_src *s, qpdf_data dst, int first, int last)
{
    qpdf_data q = s->q;
    qpdf_oh af = qpdf_oh_get_key(q, qpdf_get_root(q), "/AcroForm");
    qpdf_oh fields = qpdf_oh_get_key(q, af, "/Fields");
    if (!qpdf_oh_is_array(q, fields)) return;
    GHashTable *annots = g_hash_table_new(NULL, NULL);
    for (int i = first; i <= last && i < s->n; i++) {
        qpdf_oh a = qpdf_oh_get_key(q, qpdf_get_page_n(q, (size_t)i), "/Annots");
        int n = qpdf_oh_is_array(q, a) ? qpdf_oh_get_array_n_items(q, a) : 0;
        for (int j = 0; j < n; j++) {
            int id = qpdf_oh_get_object_id(q, qpdf_oh_get_array_item(q, a, j));
            if (id) g_hash_table_add(annots, GINT_TO_POINTER(id));
        }
    }
    qpdf_oh kept = qpdf_oh_new_array(dst);
    int n = qpdf_oh_get_array_n_items(q, fields), k = 0;
    for (int i = 0; i < n; i++) {
        qpdf_oh f = qpdf_oh_get_array_item(q, fields, i);
        if (!field_on_part(q, f, annots, 0)) continue;
        qpdf_oh_append_item(dst, kept, copy_value(dst, q, f, 0));
        k++;
    }
    g_hash_table_destroy(annots);
    if (!k) return;
    qpdf_oh out = qpdf_oh_new_dictionary(dst);
    GPtrArray *keys = dict_keys(q, af);
    for (guint i = 0; i < keys->len; i++) {
        const char *key = keys->pdata[i];
        if (strcmp(key, "/Fields") && strcmp(key, "/XFA") && strcmp(key, "/CO"))
            qpdf_oh_replace_key(dst, out, key, copy_value(dst, q, qpdf_oh_get_key(q, af, key), 1));
    }
    g_ptr_array_free(keys, TRUE);
    qpdf_oh_replace_key(dst, out, "/Fields", kept);
    qpdf_oh_replace_key(dst, qpdf_get_root(dst), "/AcroForm", out);
}

/* A catalog entry that cannot be copied is left out, not a failed part. */
static void forget_error(qpdf_data dst)
{
    if (qpdf_has_error(dst)) qpdf_get_error(dst);
}

void nohin_split_catalog(nohin_split_src *s, qpdf_data dst, int first, int last)
{
    qpdf_data q = s->q;
    qpdf_oh root = qpdf_get_root(q), droot = qpdf_get_root(dst);
    /* entries that refer to no page (the open action, the structure tree and
     * the old /Dests do: they are not taken over) */
    const char *plain[] = {"/Lang",     "/ViewerPreferences", "/PageLayout",
                           "/PageMode", "/OCProperties",      "/URI"};
    for (size_t i = 0; i < G_N_ELEMENTS(plain); i++) {
        if (!qpdf_oh_has_key(q, root, plain[i])) continue;
        qpdf_oh v = copy_value(dst, q, qpdf_oh_get_key(q, root, plain[i]), 0);
        if (qpdf_has_error(dst))
            forget_error(dst);
        else
            qpdf_oh_replace_key(dst, droot, plain[i], v);
    }
    qpdf_oh names = qpdf_oh_get_key(q, root, "/Names");
    GPtrArray *keys = dict_keys(q, names);
    qpdf_oh dnames = qpdf_oh_new_dictionary(dst);
    int k = 0;
    for (guint i = 0; i < keys->len; i++) {
        const char *key = keys->pdata[i];
        /* destinations are resolved into the links; page templates are pages */
        if (!strcmp(key, "/Dests") || !strcmp(key, "/Pages") || !strcmp(key, "/Templates"))
            continue;
        qpdf_oh v = copy_value(dst, q, qpdf_oh_get_key(q, names, key), 1);
        if (qpdf_has_error(dst)) {
            forget_error(dst);
            continue;
        }
        qpdf_oh_replace_key(dst, dnames, key, v);
        k++;
    }
    g_ptr_array_free(keys, TRUE);
    if (k) qpdf_oh_replace_key(dst, droot, "/Names", dnames);
    page_labels(s, dst, first, last);
    forget_error(dst);
    form(s, dst, first, last);
    forget_error(dst);
}
