/* Info dictionary and XMP metadata as flat (label, value) pairs. XMP is parsed
 * with libxml2 without network access or entity expansion. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>
#include "pdf_meta.h"

#define RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

static void field_free(void *p)
{
    nohin_pdf_meta_field *f = p;
    g_free(f->label);
    g_free(f->value);
    g_free(f);
}

static void add(GPtrArray *out, const char *label, const char *value, int objid, bool xmp)
{
    if (!value) return;
    char *v = g_utf8_make_valid(value, -1);
    for (char *p = v; *p; p++)
        if ((unsigned char)*p < 0x20) *p = ' ';
    g_strstrip(v);
    if (!*v || out->len >= 20000) {
        g_free(v);
        return;
    }
    nohin_pdf_meta_field *f = g_new0(nohin_pdf_meta_field, 1);
    f->label = g_strdup(label);
    f->value = v;
    f->objid = objid;
    f->xmp = xmp;
    g_ptr_array_add(out, f);
}

static char *qname(const xmlChar *prefix, const xmlChar *name)
{
    return prefix ? g_strdup_printf("%s:%s", prefix, name) : g_strdup((const char *)name);
}

static bool is_rdf(xmlNode *n)
{
    return n->ns && n->ns->href && !strcmp((const char *)n->ns->href, RDF_NS);
}

/* rdf:Seq/Bag/Alt/li/Description carry no meaning of their own: a value is
 * labelled with the property above them (dc:creator, not rdf:li). */
static void walk(GPtrArray *out, xmlNode *node, const char *label, int depth, int objid)
{
    for (xmlNode *n = node; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (depth > 64) return;
        char *own;
        if (is_rdf(n)) {
            own = g_strdup(label);
        } else {
            char *qn = qname(n->ns ? n->ns->prefix : NULL, n->name);
            /* History entries keep their parent: xmpMM:History/stEvt:softwareAgent. */
            own = label && g_str_has_prefix(label, "xmpMM:") ? g_strdup_printf("%s/%s", label, qn)
                                                             : g_strdup(qn);
            g_free(qn);
        }
        for (xmlAttr *a = n->properties; a; a = a->next) {
            if (a->ns && a->ns->href &&
                (!strcmp((const char *)a->ns->href, RDF_NS) ||
                 !strcmp((const char *)a->ns->href, "http://www.w3.org/XML/1998/namespace")))
                continue;
            char *an = qname(a->ns ? a->ns->prefix : NULL, a->name);
            char *lab =
                own && *own && is_rdf(n) && strcmp((const char *)n->name, "Description") != 0
                    ? g_strdup_printf("%s/%s", own, an)
                    : g_strdup(an);
            xmlChar *v = xmlNodeGetContent((xmlNode *)a);
            add(out, lab, (const char *)v, objid, true);
            xmlFree(v);
            g_free(lab);
            g_free(an);
        }
        bool leaf = true;
        for (xmlNode *c = n->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE) leaf = false;
        if (leaf) {
            xmlChar *v = xmlNodeGetContent(n);
            if (own && *own) add(out, own, (const char *)v, objid, true);
            xmlFree(v);
        } else {
            walk(out, n->children, own, depth + 1, objid);
        }
        g_free(own);
    }
}

static void parse_xmp(GPtrArray *out, nohin_qpdf *qp, qpdf_oh stream, int objid)
{
    size_t len = 0;
    unsigned char *d = nohin_qpdf_stream_data(qp, stream, NOHIN_PDF_MAX_XMP, &len, NULL);
    if (!d) return;
    /* No XML_PARSE_NOENT: entities stay unexpanded; NONET: nothing is fetched. */
    xmlDoc *doc = xmlReadMemory((const char *)d, (int)len, "xmp.xml", NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                    XML_PARSE_RECOVER | XML_PARSE_NOBLANKS);
    g_free(d);
    if (!doc) return;
    walk(out, xmlDocGetRootElement(doc), "", 0, objid);
    xmlFreeDoc(doc);
}

/* g_ptr_array_sort passes pointers to the elements. */
static gint cmp_key(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(char *const *)a, *(char *const *)b);
}

GPtrArray *nohin_pdf_meta_fields(nohin_qpdf *qp, bool all_packets)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(field_free);
    if (!qp->q) return out;
    qpdf_data q = qp->q;
    qpdf_oh info = nohin_qpdf_get(qp, qpdf_get_trailer(q), "/Info");
    int info_id = nohin_qpdf_objid(qp, info);
    if (qpdf_oh_is_dictionary(q, info)) {
        GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
        qpdf_oh_begin_dict_key_iter(q, info);
        while (qpdf_oh_dict_more_keys(q) && keys->len < 1000)
            g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
        g_ptr_array_sort(keys, cmp_key); /* sorted: output must not depend on memory layout */
        for (guint i = 0; i < keys->len; i++) {
            const char *k = keys->pdata[i];
            char *v = nohin_qpdf_key_text(qp, info, k, 65536);
            char *label = g_strdup_printf("Info/%s", k + 1);
            add(out, label, v, info_id, false);
            g_free(label);
            g_free(v);
        }
        g_ptr_array_free(keys, TRUE);
    }
    qpdf_oh meta = nohin_qpdf_get(qp, qpdf_get_root(q), "/Metadata");
    int meta_id = nohin_qpdf_objid(qp, meta);
    parse_xmp(out, qp, meta, meta_id);
    if (!all_packets) return out;
    /* Images and pages carry XMP of their own (Photoshop history, file paths). */
    int packets = 0;
    for (guint i = 0; i < qp->dicts->len && packets < 200; i++) {
        const nohin_qpdf_dict *d = &g_array_index(qp->dicts, nohin_qpdf_dict, i);
        if (!d->stream || d->objid == meta_id) continue;
        char *type = nohin_qpdf_name(qp, d->oh, "/Type");
        char *sub = nohin_qpdf_name(qp, d->oh, "/Subtype");
        if (!strcmp(type, "/Metadata") && !strcmp(sub, "/XML")) {
            parse_xmp(out, qp, d->obj, d->objid);
            packets++;
        }
        g_free(type);
        g_free(sub);
    }
    return out;
}
