/* Package parts that carry hidden or active content (external links, data
 * connections, query tables, custom XML, embedded objects, pivot caches, VBA)
 * and the document properties (core, app, custom, sensitivity labels). */
#include <string.h>
#include "xlsx_reader.h"

void xlsx_part_free(nohin_xlsx_part *p)
{
    if (!p) return;
    g_free(p->part);
    g_free(p->target);
    g_free(p->name);
    g_free(p);
}

static nohin_xlsx_part *add_part(GPtrArray *a, const char *part, char *target, char *name)
{
    if (a->len >= NOHIN_XLSX_MAX_ITEMS) {
        g_free(target);
        g_free(name);
        return NULL;
    }
    nohin_xlsx_part *p = g_new0(nohin_xlsx_part, 1);
    p->part = g_strdup(part);
    p->target = target;
    p->name = name;
    g_ptr_array_add(a, p);
    return p;
}

/* "xl/externalLinks/externalLink1.xml" and friends: prefix + name + suffix. */
static bool part_match(const char *name, const char *prefix, const char *suffix)
{
    return g_str_has_prefix(name, prefix) && g_str_has_suffix(name, suffix) &&
           !strstr(name + strlen(prefix), "/");
}

static char *external_target(nohin_xlsx *x, const char *part)
{
    GHashTable *rels = xlsx_read_rels(x, part);
    char *t = NULL;
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, rels);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        nohin_xlsx_rel *rel = v;
        if (!t || rel->external) {
            g_free(t);
            t = g_strdup(rel->target);
        }
    }
    g_hash_table_destroy(rels);
    if (t) return t;
    /* DDE links have no relationship: service|topic is in the part. */
    xmlTextReaderPtr r = nohin_zip_xml_reader(x->zip, part, NULL);
    if (!r) return NULL;
    while (!t && xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) continue;
        if (strcmp((const char *)xmlTextReaderConstLocalName(r), "ddeLink")) continue;
        char *svc = nohin_ooxml_attr(r, "ddeService"), *topic = nohin_ooxml_attr(r, "ddeTopic");
        t = g_strdup_printf("DDE %s|%s", svc ? svc : "", topic ? topic : "");
        g_free(svc);
        g_free(topic);
    }
    xmlFreeTextReader(r);
    return t;
}

static char *truncate_utf8(char *s, glong max)
{
    if (s && g_utf8_validate(s, -1, NULL) && g_utf8_strlen(s, -1) > max) {
        char *t = g_utf8_substring(s, 0, max);
        char *r = g_strconcat(t, "…", NULL);
        g_free(t);
        g_free(s);
        return r;
    }
    return s;
}

static void read_connections(nohin_xlsx *x, const char *part)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(x->zip, part, NULL);
    if (!r) return;
    nohin_xlsx_part *cur = NULL;
    while (xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) continue;
        const char *ln = (const char *)xmlTextReaderConstLocalName(r);
        if (!strcmp(ln, "connection")) {
            cur = add_part(x->connections, part, NULL, nohin_ooxml_attr(r, "name"));
        } else if (cur && !cur->target &&
                   (!strcmp(ln, "dbPr") || !strcmp(ln, "webPr") || !strcmp(ln, "olapPr") ||
                    !strcmp(ln, "textPr"))) {
            char *t = nohin_ooxml_attr(r, !strcmp(ln, "dbPr")     ? "connection"
                                          : !strcmp(ln, "webPr")  ? "url"
                                          : !strcmp(ln, "textPr") ? "sourceFile"
                                                                  : "connection");
            if (t && strstr(t, "Microsoft.Mashup")) x->power_query = true;
            cur->target = truncate_utf8(t, 200); /* frees t when it shortens it */
        }
    }
    xmlFreeTextReader(r);
}

static char *root_element(nohin_xlsx *x, const char *part)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(x->zip, part, NULL);
    if (!r) return NULL;
    char *name = NULL;
    while (xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT) {
            name = g_strdup((const char *)xmlTextReaderConstLocalName(r));
            break;
        }
    }
    xmlFreeTextReader(r);
    return name;
}

/* The record count of a pivot cache: the count attribute, or the records counted. */
static guint64 pivot_records(nohin_xlsx *x, const char *part)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(x->zip, part, NULL);
    if (!r) return 0;
    guint64 n = 0, declared = 0;
    while (xmlTextReaderRead(r) == 1) {
        int d = xmlTextReaderDepth(r);
        if (d > NOHIN_MAX_XML_DEPTH) break;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) continue;
        const char *ln = (const char *)xmlTextReaderConstLocalName(r);
        if (d == 0 && !strcmp(ln, "pivotCacheRecords")) {
            char *c = nohin_ooxml_attr(r, "count");
            if (c) declared = g_ascii_strtoull(c, NULL, 10);
            g_free(c);
        } else if (d == 1 && !strcmp(ln, "r")) {
            n++;
        }
    }
    xmlFreeTextReader(r);
    return n ? n : declared;
}

void xlsx_read_parts(nohin_xlsx *x)
{
    gint64 n = nohin_zip_count(x->zip);
    for (gint64 i = 0; i < n; i++) {
        const char *name = nohin_zip_name(x->zip, i);
        if (part_match(name, "xl/externalLinks/", ".xml")) {
            add_part(x->external_links, name, external_target(x, name), NULL);
        } else if (!strcmp(name, "xl/connections.xml")) {
            read_connections(x, name);
        } else if (part_match(name, "xl/queryTables/", ".xml")) {
            xmlTextReaderPtr r = nohin_zip_xml_reader(x->zip, name, NULL);
            char *qname = NULL;
            while (r && xmlTextReaderRead(r) == 1)
                if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT) {
                    qname = nohin_ooxml_attr(r, "name");
                    break;
                }
            if (r) xmlFreeTextReader(r);
            add_part(x->query_tables, name, NULL, qname);
        } else if (g_str_has_prefix(name, "customXml/item") && g_str_has_suffix(name, ".xml") &&
                   !g_str_has_prefix(name, "customXml/itemProps") && !strchr(name + 10, '/')) {
            char *root = root_element(x, name);
            if (root && !strcmp(root, "DataMashup")) x->power_query = true;
            add_part(x->custom_xml, name, root, NULL);
        } else if (g_str_has_prefix(name, "xl/embeddings/") && !g_str_has_suffix(name, "/")) {
            add_part(x->embedded, name, NULL, NULL);
        } else if (part_match(name, "xl/activeX/", ".xml")) {
            add_part(x->embedded, name, NULL, g_strdup("ActiveX"));
        } else if (part_match(name, "xl/pivotCache/", ".xml") &&
                   strstr(name, "pivotCacheRecords")) {
            nohin_xlsx_part *p = add_part(x->pivot_records, name, NULL, NULL);
            if (p) p->count = pivot_records(x, name);
        } else if (g_str_has_suffix(name, "vbaProject.bin") ||
                   g_str_has_suffix(name, "vbaProjectSignature.bin")) {
            if (!x->has_vba) x->vba_part = g_strdup(name);
            x->has_vba = true;
        }
    }
}

static void add_prop(nohin_xlsx *x, const char *key, char *value)
{
    if (!value || !*g_strstrip(value) || x->props->len >= NOHIN_XLSX_MAX_ITEMS) {
        g_free(value);
        return;
    }
    nohin_xlsx_prop *p = g_new0(nohin_xlsx_prop, 1);
    p->key = g_strdup(key);
    p->value = truncate_utf8(value, 500);
    g_ptr_array_add(x->props, p);
}

static void read_core(nohin_xlsx *x, const char *part)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(x->zip, part, NULL);
    if (!r) return;
    while (xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || xmlTextReaderDepth(r) != 1)
            continue;
        const char *ln = (const char *)xmlTextReaderConstLocalName(r);
        if (!strcmp(ln, "creator"))
            add_prop(x, "dc:creator", xlsx_read_text(r, 4096));
        else if (!strcmp(ln, "lastModifiedBy"))
            add_prop(x, "cp:lastModifiedBy", xlsx_read_text(r, 4096));
        else if (!strcmp(ln, "title")) {
            g_free(x->title);
            x->title = g_strstrip(xlsx_read_text(r, 4096));
        } else if (!strcmp(ln, "subject") || !strcmp(ln, "description") ||
                   !strcmp(ln, "keywords")) {
            char *key = g_strconcat(!strcmp(ln, "description") ? "dc:" : "cp:", ln, NULL);
            if (!strcmp(ln, "subject")) {
                g_free(key);
                key = g_strdup("dc:subject");
            }
            add_prop(x, key, xlsx_read_text(r, 4096));
            g_free(key);
        }
    }
    xmlFreeTextReader(r);
}

static void read_app(nohin_xlsx *x, const char *part)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(x->zip, part, NULL);
    if (!r) return;
    while (xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || xmlTextReaderDepth(r) != 1)
            continue;
        const char *ln = (const char *)xmlTextReaderConstLocalName(r);
        if (!strcmp(ln, "Manager") || !strcmp(ln, "Company"))
            add_prop(x, ln, xlsx_read_text(r, 4096));
    }
    xmlFreeTextReader(r);
}

static void read_custom(nohin_xlsx *x, const char *part)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(x->zip, part, NULL);
    if (!r) return;
    while (xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) continue;
        if (strcmp((const char *)xmlTextReaderConstLocalName(r), "property")) continue;
        char *name = nohin_ooxml_attr(r, "name");
        char *key = g_strconcat("custom:", name ? name : "", NULL);
        add_prop(x, key, xlsx_read_text(r, 4096));
        g_free(key);
        g_free(name);
    }
    xmlFreeTextReader(r);
}

void xlsx_read_props(nohin_xlsx *x)
{
    GHashTable *root = xlsx_read_rels(x, "");
    GHashTableIter it;
    gpointer k, v;
    bool core = false, app = false, custom = false;
    g_hash_table_iter_init(&it, root);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        nohin_xlsx_rel *rel = v;
        if (rel->external) continue;
        if (!strcmp(rel->type, "core-properties"))
            read_core(x, rel->target), core = true;
        else if (!strcmp(rel->type, "extended-properties"))
            read_app(x, rel->target), app = true;
        else if (!strcmp(rel->type, "custom-properties"))
            read_custom(x, rel->target), custom = true;
    }
    g_hash_table_destroy(root);
    if (!core && nohin_zip_has(x->zip, "docProps/core.xml")) read_core(x, "docProps/core.xml");
    if (!app && nohin_zip_has(x->zip, "docProps/app.xml")) read_app(x, "docProps/app.xml");
    if (!custom && nohin_zip_has(x->zip, "docProps/custom.xml"))
        read_custom(x, "docProps/custom.xml");
    /* Microsoft Purview sensitivity labels (docMetadata/LabelInfo.xml). */
    if (nohin_zip_has(x->zip, "docMetadata/LabelInfo.xml")) {
        xmlTextReaderPtr r = nohin_zip_xml_reader(x->zip, "docMetadata/LabelInfo.xml", NULL);
        while (r && xmlTextReaderRead(r) == 1) {
            if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
            if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) continue;
            if (strcmp((const char *)xmlTextReaderConstLocalName(r), "label")) continue;
            add_prop(x, "label:id", nohin_ooxml_attr(r, "id"));
        }
        if (r) xmlFreeTextReader(r);
    }
}
