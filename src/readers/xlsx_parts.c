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

/* Called on each element of a part in document order, with its local name and
 * depth; returns false to stop. */
typedef bool (*element_fn)(xmlTextReaderPtr r, const char *local, int depth, void *data);

/* The one walk over a part's elements: every reader below is a visitor, so none
 * can forget the nesting limit. */
static void each_element(nohin_xlsx *x, const char *part, element_fn fn, void *data)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(x->zip, part, NULL);
    if (!r) return;
    while (xmlTextReaderRead(r) == 1) {
        int depth = xmlTextReaderDepth(r);
        if (depth > NOHIN_MAX_XML_DEPTH) break;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) continue;
        if (!fn(r, (const char *)xmlTextReaderConstLocalName(r), depth, data)) break;
    }
    xmlFreeTextReader(r);
}

/* DDE links have no relationship: service|topic is in the part. */
static bool dde_link(xmlTextReaderPtr r, const char *local, int depth, void *data)
{
    (void)depth;
    char **t = data;
    if (strcmp(local, "ddeLink")) return true;
    char *svc = nohin_ooxml_attr(r, "ddeService"), *topic = nohin_ooxml_attr(r, "ddeTopic");
    *t = g_strdup_printf("DDE %s|%s", svc ? svc : "", topic ? topic : "");
    g_free(svc);
    g_free(topic);
    return false;
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
    if (!t) each_element(x, part, dde_link, &t);
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

typedef struct {
    nohin_xlsx *x;
    const char *part;
    nohin_xlsx_part *cur; /* the connection being read */
} connections_run;

static bool connection(xmlTextReaderPtr r, const char *ln, int depth, void *data)
{
    (void)depth;
    connections_run *c = data;
    if (!strcmp(ln, "connection")) {
        c->cur = add_part(c->x->connections, c->part, NULL, nohin_ooxml_attr(r, "name"));
    } else if (c->cur && !c->cur->target &&
               (!strcmp(ln, "dbPr") || !strcmp(ln, "webPr") || !strcmp(ln, "olapPr") ||
                !strcmp(ln, "textPr"))) {
        char *t = nohin_ooxml_attr(r, !strcmp(ln, "dbPr")     ? "connection"
                                      : !strcmp(ln, "webPr")  ? "url"
                                      : !strcmp(ln, "textPr") ? "sourceFile"
                                                              : "connection");
        if (t && strstr(t, "Microsoft.Mashup")) c->x->power_query = true;
        c->cur->target = truncate_utf8(t, 200); /* frees t when it shortens it */
    }
    return true;
}

static void read_connections(nohin_xlsx *x, const char *part)
{
    connections_run c = {x, part, NULL};
    each_element(x, part, connection, &c);
}

static bool root_name(xmlTextReaderPtr r, const char *local, int depth, void *data)
{
    (void)r, (void)depth;
    *(char **)data = g_strdup(local);
    return false;
}

static char *root_element(nohin_xlsx *x, const char *part)
{
    char *name = NULL;
    each_element(x, part, root_name, &name);
    return name;
}

/* The name attribute of the root element (a query table's name). */
static bool root_name_attr(xmlTextReaderPtr r, const char *local, int depth, void *data)
{
    (void)local, (void)depth;
    *(char **)data = nohin_ooxml_attr(r, "name");
    return false;
}

typedef struct {
    guint64 n, declared;
} pivot_count;

static bool pivot_record(xmlTextReaderPtr r, const char *ln, int d, void *data)
{
    pivot_count *c = data;
    if (d == 0 && !strcmp(ln, "pivotCacheRecords")) {
        char *v = nohin_ooxml_attr(r, "count");
        if (v) c->declared = g_ascii_strtoull(v, NULL, 10);
        g_free(v);
    } else if (d == 1 && !strcmp(ln, "r")) {
        c->n++;
    }
    return true;
}

/* The record count of a pivot cache: the count attribute, or the records counted. */
static guint64 pivot_records(nohin_xlsx *x, const char *part)
{
    pivot_count c = {0, 0};
    each_element(x, part, pivot_record, &c);
    return c.n ? c.n : c.declared;
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
            char *qname = NULL;
            each_element(x, name, root_name_attr, &qname);
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

/* docProps/core.xml: the children of cp:coreProperties. */
static bool core_prop(xmlTextReaderPtr r, const char *ln, int depth, void *data)
{
    nohin_xlsx *x = data;
    if (depth != 1) return true;
    if (!strcmp(ln, "creator"))
        add_prop(x, "dc:creator", xlsx_read_text(r, 4096));
    else if (!strcmp(ln, "lastModifiedBy"))
        add_prop(x, "cp:lastModifiedBy", xlsx_read_text(r, 4096));
    else if (!strcmp(ln, "title")) {
        g_free(x->title);
        x->title = g_strstrip(xlsx_read_text(r, 4096));
    } else if (!strcmp(ln, "subject") || !strcmp(ln, "description") || !strcmp(ln, "keywords")) {
        char *key = g_strconcat(!strcmp(ln, "description") ? "dc:" : "cp:", ln, NULL);
        if (!strcmp(ln, "subject")) {
            g_free(key);
            key = g_strdup("dc:subject");
        }
        add_prop(x, key, xlsx_read_text(r, 4096));
        g_free(key);
    }
    return true;
}

/* docProps/app.xml: the children of Properties. */
static bool app_prop(xmlTextReaderPtr r, const char *ln, int depth, void *data)
{
    if (depth == 1 && (!strcmp(ln, "Manager") || !strcmp(ln, "Company")))
        add_prop(data, ln, xlsx_read_text(r, 4096));
    return true;
}

static bool custom_prop(xmlTextReaderPtr r, const char *ln, int depth, void *data)
{
    (void)depth;
    if (strcmp(ln, "property")) return true;
    char *name = nohin_ooxml_attr(r, "name");
    char *key = g_strconcat("custom:", name ? name : "", NULL);
    add_prop(data, key, xlsx_read_text(r, 4096));
    g_free(key);
    g_free(name);
    return true;
}

static bool label_prop(xmlTextReaderPtr r, const char *ln, int depth, void *data)
{
    (void)depth;
    if (!strcmp(ln, "label")) add_prop(data, "label:id", nohin_ooxml_attr(r, "id"));
    return true;
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
            each_element(x, rel->target, core_prop, x), core = true;
        else if (!strcmp(rel->type, "extended-properties"))
            each_element(x, rel->target, app_prop, x), app = true;
        else if (!strcmp(rel->type, "custom-properties"))
            each_element(x, rel->target, custom_prop, x), custom = true;
    }
    g_hash_table_destroy(root);
    if (!core && nohin_zip_has(x->zip, "docProps/core.xml"))
        each_element(x, "docProps/core.xml", core_prop, x);
    if (!app && nohin_zip_has(x->zip, "docProps/app.xml"))
        each_element(x, "docProps/app.xml", app_prop, x);
    if (!custom && nohin_zip_has(x->zip, "docProps/custom.xml"))
        each_element(x, "docProps/custom.xml", custom_prop, x);
    /* Microsoft Purview sensitivity labels (docMetadata/LabelInfo.xml). */
    if (nohin_zip_has(x->zip, "docMetadata/LabelInfo.xml"))
        each_element(x, "docMetadata/LabelInfo.xml", label_prop, x);
}
