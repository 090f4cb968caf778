/* Comments: legacy notes (comments part, authors list) and threaded comments
 * (threadedComments part, persons part), and the objects of a sheet's drawing. */
#include <string.h>
#include "xlsx_reader.h"

static void comment_free(gpointer p)
{
    nohin_xlsx_comment *c = p;
    g_free(c->ref);
    g_free(c->author);
    g_free(c->text);
    g_free(c);
}

static void add_comment(nohin_xlsx_sheet *s, char *ref, const char *author, char *text,
                        bool threaded)
{
    if (!s->comments) s->comments = g_ptr_array_new_with_free_func(comment_free);
    if (s->comments->len >= NOHIN_XLSX_MAX_ITEMS) {
        g_free(ref);
        g_free(text);
        return;
    }
    nohin_xlsx_comment *c = g_new0(nohin_xlsx_comment, 1);
    c->ref = ref;
    c->author = g_strdup(author ? author : "");
    c->text = text;
    c->threaded = threaded;
    g_ptr_array_add(s->comments, c);
}

static void read_legacy(nohin_xlsx *x, nohin_xlsx_sheet *s, const char *part)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(x->zip, part, NULL);
    if (!r) return;
    GPtrArray *authors = g_ptr_array_new_with_free_func(g_free);
    while (xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) continue;
        const char *ln = (const char *)xmlTextReaderConstLocalName(r);
        if (!strcmp(ln, "author")) {
            if (authors->len < NOHIN_XLSX_MAX_ITEMS)
                g_ptr_array_add(authors, xlsx_read_text(r, 1024));
        } else if (!strcmp(ln, "comment")) {
            char *ref = nohin_ooxml_attr(r, "ref"), *aid = nohin_ooxml_attr(r, "authorId");
            guint a = aid ? (guint)atoi(aid) : 0;
            const char *author = a < authors->len ? authors->pdata[a] : "";
            char *text = xlsx_read_text(r, 65536);
            /* Excel keeps a "[Threaded comment]" stand-in for every threaded
             * comment, authored "tc={guid}": the threaded part is the real one. */
            if (ref && !g_str_has_prefix(author, "tc="))
                add_comment(s, ref, author, text, false);
            else {
                g_free(ref);
                g_free(text);
            }
            g_free(aid);
        }
    }
    g_ptr_array_free(authors, TRUE);
    xmlFreeTextReader(r);
}

static void read_threaded(nohin_xlsx *x, nohin_xlsx_sheet *s, const char *part, GHashTable *persons)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(x->zip, part, NULL);
    if (!r) return;
    while (xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) continue;
        const char *ln = (const char *)xmlTextReaderConstLocalName(r);
        if (strcmp(ln, "threadedComment")) continue;
        char *ref = nohin_ooxml_attr(r, "ref"), *pid = nohin_ooxml_attr(r, "personId");
        const char *author = pid && persons ? g_hash_table_lookup(persons, pid) : NULL;
        char *text = xlsx_read_text(r, 65536);
        if (ref)
            add_comment(s, ref, author ? author : "", text, true);
        else
            g_free(text);
        g_free(pid);
    }
    xmlFreeTextReader(r);
}

GHashTable *xlsx_read_persons(nohin_xlsx *x, GHashTable *wb_rels)
{
    GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, wb_rels);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        nohin_xlsx_rel *rel = v;
        if (rel->external || strcmp(rel->type, "person")) continue;
        xmlTextReaderPtr r = nohin_zip_xml_reader(x->zip, rel->target, NULL);
        if (!r) continue;
        while (xmlTextReaderRead(r) == 1) {
            if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
            if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) continue;
            if (strcmp((const char *)xmlTextReaderConstLocalName(r), "person")) continue;
            char *id = nohin_ooxml_attr(r, "id"), *name = nohin_ooxml_attr(r, "displayName");
            if (id && name && g_hash_table_size(h) < NOHIN_XLSX_MAX_ITEMS)
                g_hash_table_replace(h, id, name);
            else {
                g_free(id);
                g_free(name);
            }
        }
        xmlFreeTextReader(r);
    }
    return h;
}

void xlsx_read_comments(nohin_xlsx *x, nohin_xlsx_sheet *s, GHashTable *sheet_rels,
                        GHashTable *persons)
{
    GList *keys = g_list_sort(g_hash_table_get_keys(sheet_rels), (GCompareFunc)strcmp);
    for (GList *l = keys; l; l = l->next) {
        nohin_xlsx_rel *rel = g_hash_table_lookup(sheet_rels, l->data);
        if (rel->external) continue;
        if (!strcmp(rel->type, "comments"))
            read_legacy(x, s, rel->target);
        else if (!strcmp(rel->type, "threadedComment"))
            read_threaded(x, s, rel->target, persons);
    }
    g_list_free(keys);
}

void xlsx_read_drawing(nohin_xlsx *x, nohin_xlsx_sheet *s, const char *part)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(x->zip, part, NULL);
    if (!r) return;
    while (xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) continue;
        const char *ln = (const char *)xmlTextReaderConstLocalName(r);
        if (!strcmp(ln, "chart"))
            s->charts++;
        else if (!strcmp(ln, "pic"))
            s->pictures++;
        else if (!strcmp(ln, "sp") || !strcmp(ln, "cxnSp"))
            s->shapes++;
    }
    xmlFreeTextReader(r);
}
