/* Package plumbing: relationships, content types, the main part, DTD scan. */
#include <string.h>
#include "ooxml/ooxml.h"

#define MAX_XML_DEPTH 256

char *nohin_ooxml_rels_part_for(const char *part)
{
    if (!part || !*part) return g_strdup("_rels/.rels"); /* the package itself */
    char *dir = g_path_get_dirname(part), *base = g_path_get_basename(part);
    char *r = strcmp(dir, ".") ? g_strdup_printf("%s/_rels/%s.rels", dir, base)
                               : g_strdup_printf("_rels/%s.rels", base);
    g_free(dir);
    g_free(base);
    return r;
}

static void rel_free(gpointer p)
{
    nohin_ooxml_rel *r = p;
    g_free(r->id);
    g_free(r->type);
    g_free(r->target);
    g_free(r);
}

static char *attr(xmlTextReaderPtr r, const char *name)
{
    xmlChar *v = xmlTextReaderGetAttribute(r, BAD_CAST name);
    char *s = v ? g_strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

GPtrArray *nohin_ooxml_read_rels(nohin_zip *z, const char *part, bool *ok)
{
    GPtrArray *a = g_ptr_array_new_with_free_func(rel_free);
    if (ok) *ok = true;
    char *rels = nohin_ooxml_rels_part_for(part);
    xmlTextReaderPtr r = nohin_zip_has(z, rels) ? nohin_zip_xml_reader(z, rels, NULL) : NULL;
    if (!r) {
        if (ok && nohin_zip_has(z, rels)) *ok = false;
        g_free(rels);
        return a;
    }
    g_free(rels);
    int rc;
    while ((rc = xmlTextReaderRead(r)) == 1) {
        if (xmlTextReaderDepth(r) > MAX_XML_DEPTH) {
            rc = -1;
            break;
        }
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) continue;
        const char *ln = (const char *)xmlTextReaderConstLocalName(r);
        if (!ln || strcmp(ln, "Relationship")) continue;
        char *id = attr(r, "Id"), *type = attr(r, "Type"), *target = attr(r, "Target"),
             *mode = attr(r, "TargetMode");
        if (id && target && a->len < NOHIN_OOXML_MAX_RELS) {
            nohin_ooxml_rel *rel = g_new0(nohin_ooxml_rel, 1);
            const char *slash = type ? strrchr(type, '/') : NULL;
            rel->id = id;
            id = NULL;
            rel->type = g_strdup(slash ? slash + 1 : (type ? type : ""));
            rel->external = mode && !g_ascii_strcasecmp(mode, "External");
            rel->target = rel->external ? g_strdup(target) : nohin_zip_resolve(part, target);
            g_ptr_array_add(a, rel);
        }
        g_free(id);
        g_free(type);
        g_free(target);
        g_free(mode);
    }
    if (ok && (rc != 0 || nohin_zip_limit_hit(z))) *ok = false;
    xmlFreeTextReader(r);
    return a;
}

const nohin_ooxml_rel *nohin_ooxml_rel_of_type(const GPtrArray *rels, const char *type)
{
    for (guint i = 0; rels && i < rels->len; i++) {
        const nohin_ooxml_rel *r = rels->pdata[i];
        if (!r->external && !strcmp(r->type, type)) return r;
    }
    return NULL;
}

const nohin_ooxml_rel *nohin_ooxml_rel_by_id(const GPtrArray *rels, const char *id)
{
    for (guint i = 0; rels && id && i < rels->len; i++) {
        const nohin_ooxml_rel *r = rels->pdata[i];
        if (!strcmp(r->id, id)) return r;
    }
    return NULL;
}

char *nohin_ooxml_content_type(nohin_zip *z, const char *part)
{
    xmlTextReaderPtr r = nohin_zip_has(z, "[Content_Types].xml")
                             ? nohin_zip_xml_reader(z, "[Content_Types].xml", NULL)
                             : NULL;
    if (!r) return NULL;
    const char *dot = strrchr(part, '.');
    const char *ext = dot && !strchr(dot, '/') ? dot + 1 : "";
    char *over = NULL, *def = NULL;
    while (!over && xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderDepth(r) > MAX_XML_DEPTH) break;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) continue;
        const char *ln = (const char *)xmlTextReaderConstLocalName(r);
        if (!strcmp(ln, "Override")) {
            char *pn = attr(r, "PartName");
            /* part names are case-insensitive and start with '/' */
            if (pn && !g_ascii_strcasecmp(pn + (*pn == '/'), part)) over = attr(r, "ContentType");
            g_free(pn);
        } else if (!strcmp(ln, "Default") && !def) {
            char *e = attr(r, "Extension");
            if (e && !g_ascii_strcasecmp(e, ext)) def = attr(r, "ContentType");
            g_free(e);
        }
    }
    xmlFreeTextReader(r);
    if (over) {
        g_free(def);
        return over;
    }
    return def;
}

static char *root_name(nohin_zip *z, const char *part)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(z, part, NULL);
    if (!r) return NULL;
    char *name = NULL;
    while (xmlTextReaderRead(r) == 1)
        if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT) {
            name = g_strdup((const char *)xmlTextReaderConstLocalName(r));
            break;
        }
    xmlFreeTextReader(r);
    return name;
}

char *nohin_ooxml_main_part(nohin_zip *z, nohin_ooxml_kind *kind)
{
    if (kind) *kind = NOHIN_OOXML_NONE;
    GPtrArray *rels = nohin_ooxml_read_rels(z, "", NULL);
    const nohin_ooxml_rel *main = nohin_ooxml_rel_of_type(rels, "officeDocument");
    char *part = main && nohin_zip_has(z, main->target) ? g_strdup(main->target) : NULL;
    g_ptr_array_free(rels, TRUE);
    if (!part || !kind) return part;
    char *ct = nohin_ooxml_content_type(z, part);
    if (ct && strstr(ct, "sheet.binary")) {
        *kind = NOHIN_OOXML_WORKBOOK_BINARY;
    } else if (ct && (strstr(ct, "spreadsheetml") || strstr(ct, "ms-excel"))) {
        *kind = NOHIN_OOXML_WORKBOOK;
    } else if (ct && (strstr(ct, "wordprocessingml") || strstr(ct, "ms-word"))) {
        *kind = NOHIN_OOXML_DOCUMENT;
    } else if (ct && (strstr(ct, "presentationml") || strstr(ct, "ms-powerpoint"))) {
        *kind = NOHIN_OOXML_OTHER;
    } else if (g_str_has_suffix(part, ".bin")) {
        *kind = NOHIN_OOXML_WORKBOOK_BINARY;
    } else {
        /* No usable content type: the root element says what it is. */
        char *root = root_name(z, part);
        if (root && !strcmp(root, "workbook"))
            *kind = NOHIN_OOXML_WORKBOOK;
        else if (root && !strcmp(root, "document"))
            *kind = NOHIN_OOXML_DOCUMENT;
        else
            *kind = NOHIN_OOXML_OTHER;
        g_free(root);
    }
    g_free(ct);
    return part;
}

bool nohin_ooxml_xml_part(const char *name)
{
    return g_str_has_suffix(name, ".xml") || g_str_has_suffix(name, ".rels") ||
           g_str_has_suffix(name, ".vml") || g_str_has_suffix(name, ".XML");
}

/* Reads the prolog only: a DOCTYPE must come before the root element. */
static bool has_dtd(nohin_zip *z, const char *name)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(z, name, NULL);
    if (!r) return false;
    bool dtd = false;
    while (xmlTextReaderRead(r) == 1) {
        int t = xmlTextReaderNodeType(r);
        if (t == XML_READER_TYPE_DOCUMENT_TYPE) {
            dtd = true;
            break;
        }
        if (t == XML_READER_TYPE_ELEMENT) break;
    }
    xmlFreeTextReader(r);
    return dtd;
}

char *nohin_ooxml_dtd_part(nohin_zip *z)
{
    gint64 n = nohin_zip_count(z);
    for (gint64 i = 0; i < n; i++) {
        const char *name = nohin_zip_name(z, i);
        if (nohin_ooxml_xml_part(name) && has_dtd(z, name)) return g_strdup(name);
    }
    return NULL;
}

bool nohin_ooxml_part_well_formed(nohin_zip *z, const char *name)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(z, name, NULL);
    if (!r) return false;
    int rc;
    bool dtd = false, root = false;
    while ((rc = xmlTextReaderRead(r)) == 1) {
        int t = xmlTextReaderNodeType(r);
        if (t == XML_READER_TYPE_DOCUMENT_TYPE) dtd = true;
        if (t == XML_READER_TYPE_ELEMENT) root = true;
        if (xmlTextReaderDepth(r) > MAX_XML_DEPTH) {
            rc = -1;
            break;
        }
    }
    xmlFreeTextReader(r);
    return rc == 0 && root && !dtd && !nohin_zip_limit_hit(z);
}
