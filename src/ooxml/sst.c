/* Shared strings: the one reader of a sharedStrings part. A streaming walk over
 * its <si> items serves both the lint reader (the text table below) and the
 * cleaner (which copies the items still in use). The table is two allocations
 * whatever the number of strings: one blob of NUL-terminated texts and one
 * array of offsets into it. */
#include <string.h>
#include "ooxml/ooxml.h"

struct nohin_ooxml_sst {
    char *blob;
    gsize blob_len;
    guint32 *offsets;
    guint count;
};

char *nohin_ooxml_attr(xmlTextReaderPtr r, const char *local)
{
    char *v = NULL;
    if (xmlTextReaderMoveToFirstAttribute(r) != 1) return NULL;
    do {
        const xmlChar *ln = xmlTextReaderConstLocalName(r);
        if (ln && !strcmp((const char *)ln, local)) {
            const xmlChar *val = xmlTextReaderConstValue(r);
            v = g_strdup(val ? (const char *)val : "");
            break;
        }
    } while (xmlTextReaderMoveToNextAttribute(r) == 1);
    xmlTextReaderMoveToElement(r);
    return v;
}

void nohin_ooxml_read_text_into(xmlTextReaderPtr r, GString *g, size_t max)
{
    if (xmlTextReaderIsEmptyElement(r)) return;
    int depth = xmlTextReaderDepth(r);
    int skip_depth = -1;
    while (xmlTextReaderRead(r) == 1) {
        int type = xmlTextReaderNodeType(r);
        int d = xmlTextReaderDepth(r);
        if (d > NOHIN_MAX_XML_DEPTH) break;
        if (type == XML_READER_TYPE_END_ELEMENT && d == depth) break;
        if (type == XML_READER_TYPE_ELEMENT && skip_depth < 0) {
            const char *ln = (const char *)xmlTextReaderConstLocalName(r);
            /* Phonetic guides (furigana) are not part of the cell's text. */
            if (ln && !strcmp(ln, "rPh") && !xmlTextReaderIsEmptyElement(r)) skip_depth = d;
        } else if (type == XML_READER_TYPE_END_ELEMENT && d == skip_depth) {
            skip_depth = -1;
        } else if ((type == XML_READER_TYPE_TEXT ||
                    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                    type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_CDATA) &&
                   skip_depth < 0) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            if (v && g->len < max) g_string_append_len(g, v, (gssize)MIN(strlen(v), max - g->len));
        }
    }
}

int nohin_ooxml_sst_walk(nohin_zip *z, const char *part, const nohin_ooxml_sst_visitor *v,
                         void *user, GError **error)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(z, part, error);
    if (!r) return -1;
    guint index = 0;
    bool stop = false;
    int rc = xmlTextReaderRead(r);
    while (rc == 1 && !stop) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) {
            rc = xmlTextReaderRead(r);
            continue;
        }
        int d = xmlTextReaderDepth(r);
        if (d > NOHIN_MAX_XML_DEPTH) {
            rc = -1;
            break;
        }
        if (d == 1) {
            const char *ln = (const char *)xmlTextReaderConstLocalName(r);
            if (ln && !strcmp(ln, "si")) {
                if (v->item && !v->item(r, index, user)) stop = true;
                index++;
            }
            /* Still on the start tag (the visitor did not read into the item, or
             * another element): go past its subtree. */
            if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && xmlTextReaderDepth(r) == 1 &&
                !xmlTextReaderIsEmptyElement(r))
                rc = xmlTextReaderNext(r);
            else
                rc = xmlTextReaderRead(r);
            continue;
        }
        if (d == 0 && v->root && !v->root(r, user)) stop = true;
        rc = xmlTextReaderRead(r);
    }
    bool ok = (rc >= 0 || stop) && !nohin_zip_limit_hit(z);
    xmlFreeTextReader(r);
    if (!ok && error && !*error)
        g_set_error(error, NOHIN_ZIP_ERROR, NOHIN_ZIP_ERROR_READ, "%s: damaged", part);
    return ok ? (int)MIN(index, (guint)G_MAXINT) : -1;
}

typedef struct {
    GString *blob;
    GArray *offsets;
    GString *text;
} table_build;

static bool add_item(xmlTextReaderPtr r, guint index, void *user)
{
    (void)index;
    table_build *b = user;
    g_string_truncate(b->text, 0);
    nohin_ooxml_read_text_into(r, b->text, NOHIN_OOXML_MAX_CELL_TEXT);
    if (b->blob->len > G_MAXUINT32 - b->text->len - 1) return false;
    guint32 off = (guint32)b->blob->len;
    g_array_append_val(b->offsets, off);
    g_string_append_len(b->blob, b->text->str, (gssize)b->text->len + 1);
    return true;
}

nohin_ooxml_sst *nohin_ooxml_sst_read(nohin_zip *z, const char *part)
{
    nohin_ooxml_sst *t = g_new0(nohin_ooxml_sst, 1);
    if (!part) return t;
    table_build b = {g_string_new(NULL), g_array_new(FALSE, FALSE, sizeof(guint32)),
                     g_string_new(NULL)};
    static const nohin_ooxml_sst_visitor visit = {NULL, add_item};
    /* A damaged part keeps the strings read before the damage (as before). */
    nohin_ooxml_sst_walk(z, part, &visit, &b, NULL);
    g_string_free(b.text, TRUE);
    t->count = b.offsets->len;
    t->blob_len = b.blob->len;
    /* Exact sizes: the doubling slack of a large table is given back. */
    t->blob = g_realloc(g_string_free(b.blob, FALSE), MAX(t->blob_len, 1));
    t->offsets = (guint32 *)g_array_free(b.offsets, FALSE);
    if (t->count) t->offsets = g_realloc(t->offsets, t->count * sizeof(guint32));
    return t;
}

guint nohin_ooxml_sst_count(const nohin_ooxml_sst *t)
{
    return t ? t->count : 0;
}

const char *nohin_ooxml_sst_get(const nohin_ooxml_sst *t, long index)
{
    if (!t || index < 0 || (gulong)index >= t->count) return "";
    return t->blob + t->offsets[index];
}

void nohin_ooxml_sst_free(nohin_ooxml_sst *t)
{
    if (!t) return;
    g_free(t->blob);
    g_free(t->offsets);
    g_free(t);
}
