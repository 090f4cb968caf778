/* Package plumbing for the XLSX cleaner. */
#include <gio/gio.h>
#include <string.h>
#include "clean/xlsx_package.h"
#include "ooxml/ooxml.h"

#define MAX_SMALL_PART (64u * 1024u * 1024u)

static void rel_free(xlsx_rel *r)
{
    g_free(r->id);
    g_free(r->type_tail);
    g_free(r->target);
    g_free(r);
}

static void relfile_free(xlsx_relfile *f)
{
    g_free(f->rels_name);
    g_free(f->source);
    g_ptr_array_free(f->rels, TRUE);
    g_free(f);
}

char *cx_rels_name(const char *part)
{
    char *dir = g_path_get_dirname(part), *base = g_path_get_basename(part);
    char *r = strcmp(dir, ".") ? g_strdup_printf("%s/_rels/%s.rels", dir, base)
                               : g_strdup_printf("_rels/%s.rels", base);
    g_free(dir);
    g_free(base);
    return r;
}

/* "xl/worksheets/_rels/sheet1.xml.rels" -> "xl/worksheets/sheet1.xml"; "_rels/.rels" -> "". */
static char *source_of(const char *rels)
{
    const char *r = strstr(rels, "_rels/");
    if (!r || !g_str_has_suffix(rels, ".rels") || (r != rels && r[-1] != '/')) return NULL;
    const char *base = r + 6;
    GString *s = g_string_new_len(rels, r - rels);
    g_string_append_len(s, base, (gssize)strlen(base) - 5);
    return g_string_free(s, FALSE);
}

xmlDocPtr cx_read_dom(nohin_zip *z, const char *part, GError **error)
{
    gint64 i = nohin_zip_find(z, part);
    if (i < 0) {
        g_set_error(error, NOHIN_ZIP_ERROR, NOHIN_ZIP_ERROR_NOT_FOUND, "%s: missing", part);
        return NULL;
    }
    if (nohin_zip_size(z, i) > MAX_SMALL_PART) {
        g_set_error(error, NOHIN_ZIP_ERROR, NOHIN_ZIP_ERROR_LIMIT, "%s: too large", part);
        return NULL;
    }
    GBytes *b = nohin_zip_read_index(z, i, error);
    if (!b) return NULL;
    gsize len;
    const char *data = g_bytes_get_data(b, &len);
    xmlDocPtr d = xmlReadMemory(data, (int)len, part, NULL, NOHIN_XML_OPTIONS);
    g_bytes_unref(b);
    if (d && (d->intSubset || d->extSubset)) {
        /* serialising it would copy the DOCTYPE (external entities) into the output */
        xmlFreeDoc(d);
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: declares a DTD", part);
        return NULL;
    }
    if (!d) g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: damaged XML", part);
    return d;
}

GBytes *cx_dom_bytes(xmlDocPtr doc)
{
    xmlChar *mem = NULL;
    int len = 0;
    xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
    GBytes *b = g_bytes_new(mem, (gsize)len);
    xmlFree(mem);
    return b;
}

/* Every .rels part of the package, read by the model's one relationship reader. */
GHashTable *cx_read_rels(nohin_zip *z, GError **error)
{
    GHashTable *h =
        g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)relfile_free);
    gint64 n = nohin_zip_count(z);
    for (gint64 i = 0; i < n; i++) {
        const char *name = nohin_zip_name(z, i);
        char *src = source_of(name);
        if (!src) continue;
        bool ok = true;
        GPtrArray *rels = nohin_ooxml_read_rels(z, src, &ok);
        char *expected = nohin_ooxml_rels_part_for(src);
        bool same = !strcmp(expected, name);
        g_free(expected);
        if (!ok || !same || g_hash_table_contains(h, src)) {
            /* damaged, over a limit, or a name the model would not map back */
            g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: damaged relationships",
                        name);
            g_ptr_array_free(rels, TRUE);
            g_free(src);
            g_hash_table_destroy(h);
            return NULL;
        }
        xlsx_relfile *f = g_new0(xlsx_relfile, 1);
        f->rels_name = g_strdup(name);
        f->source = src;
        f->rels = g_ptr_array_new_with_free_func((GDestroyNotify)rel_free);
        for (guint k = 0; k < rels->len; k++) {
            nohin_ooxml_rel *o = rels->pdata[k];
            xlsx_rel *r = g_new0(xlsx_rel, 1);
            r->id = g_strdup(o->id);
            r->type_tail = g_strdup(o->type);
            r->target = o->external ? NULL : g_strdup(o->target);
            g_ptr_array_add(f->rels, r);
        }
        g_ptr_array_free(rels, TRUE);
        g_hash_table_insert(h, f->source, f);
    }
    return h;
}
