/* DOCX reader: streaming XML over the parts we need, under zip_safe's limits. */
#include <string.h>
#include "readers/docx_reader.h"
#include "readers/zip_safe.h"

#define MAX_PARAS 200000
#define MAX_TEXT (64u * 1024u * 1024u) /* bytes of text kept from one document */

static void para_free(nohin_docx_para *p)
{
    if (!p) return;
    g_free(p->text);
    g_free(p);
}

void nohin_docx_free(nohin_docx *d)
{
    if (!d) return;
    g_free(d->error);
    g_ptr_array_free(d->paras, TRUE);
    g_ptr_array_free(d->comments, TRUE);
    g_ptr_array_free(d->change_authors, TRUE);
    g_ptr_array_free(d->deleted, TRUE);
    g_ptr_array_free(d->headers, TRUE);
    g_free(d->creator);
    g_free(d->last_modified_by);
    g_free(d->title);
    g_free(d);
}

static bool is_w(xmlTextReaderPtr r, const char *local)
{
    const xmlChar *ln = xmlTextReaderConstLocalName(r);
    return ln && !strcmp((const char *)ln, local);
}

static bool heading_style(const char *val)
{
    /* Word's English style ids are "Heading1"; Japanese Word's are often "1", "2" for
     * 見出し 1, 2, or the localized name itself. */
    if (!val) return false;
    if (!g_ascii_strncasecmp(val, "heading", 7) || !g_ascii_strcasecmp(val, "title")) return true;
    if (strstr(val, "見出し") || strstr(val, "表題")) return true;
    return val[0] >= '1' && val[0] <= '9' && val[1] == '\0';
}

typedef struct {
    nohin_docx *d;
    size_t text_bytes;
} walk_state;

/* Counts a text node against the document's text budget: false (and the
 * document marked truncated) when it would go over. */
static bool text_fits(walk_state *st, const char *v)
{
    size_t n = v ? strlen(v) : 0;
    if (st->text_bytes + n > MAX_TEXT) {
        st->d->truncated = true;
        return false;
    }
    st->text_bytes += n;
    return true;
}

#define MAX_AUTHORS 100

static void add_author(nohin_docx *d, const char *a)
{
    if (!a || !*a || d->change_authors->len >= MAX_AUTHORS) return;
    for (guint i = 0; i < d->change_authors->len; i++)
        if (!strcmp(d->change_authors->pdata[i], a)) return;
    g_ptr_array_add(d->change_authors, g_strdup(a));
}

/* The paragraphs of every header and footer part (word/header1.xml …). */
static void read_headers(nohin_zip *z, nohin_docx *d)
{
    for (gint64 i = 0, n = nohin_zip_count(z); i < n; i++) {
        const char *name = nohin_zip_name(z, i);
        if ((!g_str_has_prefix(name, "word/header") && !g_str_has_prefix(name, "word/footer")) ||
            !g_str_has_suffix(name, ".xml") || strchr(name + 5, '/'))
            continue;
        xmlTextReaderPtr r = nohin_zip_xml_reader(z, name, NULL);
        if (!r) continue;
        GString *cur = NULL;
        bool in_text = false;
        while (xmlTextReaderRead(r) == 1 && d->headers->len < MAX_PARAS) {
            if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
            int type = xmlTextReaderNodeType(r);
            if (type == XML_READER_TYPE_ELEMENT && !xmlTextReaderIsEmptyElement(r)) {
                if (is_w(r, "p")) {
                    if (cur) g_string_free(cur, TRUE);
                    cur = g_string_new(NULL);
                } else if (is_w(r, "t")) {
                    in_text = true;
                }
            } else if ((type == XML_READER_TYPE_TEXT ||
                        type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
                       in_text && cur && cur->len < 65536) {
                g_string_append(cur, (const char *)xmlTextReaderConstValue(r));
            } else if (type == XML_READER_TYPE_END_ELEMENT) {
                if (is_w(r, "t")) in_text = false;
                if (is_w(r, "p") && cur) {
                    if (cur->len)
                        g_ptr_array_add(d->headers, g_string_free(cur, FALSE));
                    else
                        g_string_free(cur, TRUE);
                    cur = NULL;
                }
            }
        }
        if (cur) g_string_free(cur, TRUE);
        xmlFreeTextReader(r);
    }
}

/* Walks word/document.xml: paragraphs with their text, heading flag, pictures. */
static void read_body(nohin_zip *z, walk_state *st)
{
    GError *err = NULL;
    xmlTextReaderPtr r = nohin_zip_xml_reader(z, "word/document.xml", &err);
    if (!r) {
        st->d->error = g_strdup(err ? err->message : "no word/document.xml");
        g_clear_error(&err);
        return;
    }
    GString *cur = NULL, *del = NULL;
    bool heading = false, in_text = false, in_del = false, in_run = false, run_hidden = false;
    int ret;
    while ((ret = xmlTextReaderRead(r)) == 1) {
        if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_ELEMENT) {
            bool empty = xmlTextReaderIsEmptyElement(r);
            if (is_w(r, "p") && !empty) {
                if (cur) g_string_free(cur, TRUE);
                cur = g_string_new(NULL);
                heading = false;
            } else if (is_w(r, "pStyle")) {
                xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)"w:val");
                if (heading_style((const char *)v)) heading = true;
                xmlFree(v);
            } else if (is_w(r, "outlineLvl")) {
                heading = true;
            } else if (is_w(r, "r") && !empty) {
                in_run = true;
                run_hidden = false;
            } else if (in_run && is_w(r, "vanish")) { /* the run's own, not a paragraph mark's */
                xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)"w:val");
                run_hidden =
                    !v || (strcmp((const char *)v, "0") && strcmp((const char *)v, "false") &&
                           strcmp((const char *)v, "off"));
                xmlFree(v);
            } else if (is_w(r, "t") && !empty) {
                in_text = true;
            } else if (is_w(r, "delText") && !empty) {
                in_del = true;
            } else if (is_w(r, "ins") || is_w(r, "del")) {
                /* a run-level change (w:rPr's w:ins/w:del of a paragraph mark count too) */
                if (is_w(r, "ins"))
                    st->d->insertions++;
                else
                    st->d->deletions++;
                xmlChar *a = xmlTextReaderGetAttribute(r, (const xmlChar *)"w:author");
                add_author(st->d, (const char *)a);
                xmlFree(a);
            } else if (cur && is_w(r, "tab")) {
                g_string_append_c(cur, '\t');
            } else if (cur && (is_w(r, "br") || is_w(r, "cr"))) {
                g_string_append_c(cur, '\n');
            } else if (is_w(r, "drawing") || is_w(r, "pict") || is_w(r, "object")) {
                st->d->drawings++;
            }
        } else if ((type == XML_READER_TYPE_TEXT ||
                    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
                   in_del) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            if (!text_fits(st, v)) break;
            if (!del) del = g_string_new(NULL);
            if (v) g_string_append(del, v);
        } else if ((type == XML_READER_TYPE_TEXT ||
                    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
                   in_text && cur) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            if (!text_fits(st, v)) break;
            if (v) g_string_append(cur, v);
            if (v && run_hidden) st->d->hidden_chars += (int)g_utf8_strlen(v, -1);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (is_w(r, "t")) {
                in_text = false;
            } else if (is_w(r, "r")) {
                in_run = run_hidden = false;
            } else if (is_w(r, "delText")) {
                in_del = false;
            } else if (is_w(r, "p") && del) { /* the deleted text of one paragraph */
                if (st->d->deleted->len < MAX_PARAS)
                    g_ptr_array_add(st->d->deleted, g_string_free(del, FALSE));
                else
                    g_string_free(del, TRUE);
                del = NULL;
            }
            if (is_w(r, "p") && cur) {
                if (st->d->paras->len >= MAX_PARAS) {
                    st->d->truncated = true;
                    break;
                }
                nohin_docx_para *p = g_new0(nohin_docx_para, 1);
                p->heading = heading;
                p->text = g_string_free(cur, FALSE);
                cur = NULL;
                g_ptr_array_add(st->d->paras, p);
            }
        }
    }
    if (cur) g_string_free(cur, TRUE);
    if (del) g_string_free(del, TRUE);
    if (ret < 0 && !st->d->truncated && !st->d->error)
        st->d->error = g_strdup("word/document.xml is not well-formed");
    if (nohin_zip_limit_hit(z)) st->d->truncated = true;
    xmlFreeTextReader(r);
}

/* Text content of the first element named local in part (docProps). */
static char *first_text(nohin_zip *z, const char *part, const char *local)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(z, part, NULL);
    if (!r) return NULL;
    char *out = NULL;
    while (!out && xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
        if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && is_w(r, local) &&
            !xmlTextReaderIsEmptyElement(r)) {
            xmlChar *s = xmlTextReaderReadString(r);
            out = g_strdup(s ? (const char *)s : "");
            xmlFree(s);
        }
    }
    xmlFreeTextReader(r);
    return out;
}

/* word/comments.xml: each comment as "author\ttext". */
static void read_comments(nohin_zip *z, nohin_docx *d)
{
    if (!nohin_zip_has(z, "word/comments.xml")) return;
    xmlTextReaderPtr r = nohin_zip_xml_reader(z, "word/comments.xml", NULL);
    if (!r) return;
    while (xmlTextReaderRead(r) == 1 && d->comments->len < MAX_PARAS) {
        if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !is_w(r, "comment")) continue;
        xmlChar *author = xmlTextReaderGetAttribute(r, (const xmlChar *)"w:author");
        xmlChar *text = xmlTextReaderReadString(r);
        g_ptr_array_add(d->comments, g_strdup_printf("%s\t%s", author ? (char *)author : "",
                                                     text ? (char *)text : ""));
        xmlFree(author);
        xmlFree(text);
    }
    xmlFreeTextReader(r);
}

nohin_docx *nohin_docx_read(const char *path)
{
    nohin_docx *d = g_new0(nohin_docx, 1);
    d->pages = -1;
    d->paras = g_ptr_array_new_with_free_func((GDestroyNotify)para_free);
    d->comments = g_ptr_array_new_with_free_func(g_free);
    d->change_authors = g_ptr_array_new_with_free_func(g_free);
    d->deleted = g_ptr_array_new_with_free_func(g_free);
    d->headers = g_ptr_array_new_with_free_func(g_free);
    GError *err = NULL;
    nohin_zip *z = nohin_zip_open(path, &err);
    if (!z) {
        d->error = g_strdup(err ? err->message : "not a zip");
        g_clear_error(&err);
        return d;
    }
    for (gint64 i = 0, n = nohin_zip_count(z); i < n; i++)
        if (g_str_has_prefix(nohin_zip_name(z, i), "word/media/")) d->media++;
    d->macros = nohin_zip_has(z, "word/vbaProject.bin");
    walk_state st = {d, 0};
    read_body(z, &st);
    char *pages = first_text(z, "docProps/app.xml", "Pages");
    if (pages) {
        char *end = NULL;
        long v = strtol(g_strstrip(pages), &end, 10);
        if (end && !*end && v >= 0 && v < 1000000) d->pages = (int)v;
    }
    g_free(pages);
    d->creator = first_text(z, "docProps/core.xml", "creator");
    d->last_modified_by = first_text(z, "docProps/core.xml", "lastModifiedBy");
    d->title = first_text(z, "docProps/core.xml", "title");
    read_comments(z, d);
    read_headers(z, d);
    nohin_zip_close(z);
    return d;
}

nohin_docx *nohin_docx_of(nohin_file *file)
{
    nohin_docx *d = nohin_file_reader(file, NOHIN_READER_DOCX);
    if (d) return d;
    d = nohin_docx_read(file->abspath);
    nohin_file_set_reader(file, NOHIN_READER_DOCX, d, (void (*)(void *))nohin_docx_free);
    return d;
}
