/* Minimal first-sheet reader for the forms (様式2/様式3). */
#include <string.h>
#include "bundle/form_sheet.h"
#include "readers/zip_safe.h"

#define MAX_SHARED 200000

static bool is_el(xmlTextReaderPtr r, const char *local)
{
    const xmlChar *ln = xmlTextReaderConstLocalName(r);
    return ln && !strcmp((const char *)ln, local);
}

static void free_row(gpointer row)
{
    if (row) g_ptr_array_free(row, TRUE);
}

void nohin_form_sheet_free(nohin_form_sheet *s)
{
    if (!s) return;
    g_free(s->error);
    g_ptr_array_free(s->rows, TRUE);
    g_free(s);
}

const char *nohin_form_sheet_cell(const nohin_form_sheet *s, guint row, guint col)
{
    if (!s || row >= s->rows->len) return NULL;
    GPtrArray *r = s->rows->pdata[row];
    if (!r || col >= r->len) return NULL;
    return r->pdata[col];
}

/* Shared strings: each <si> is the concatenation of its <t> texts (rich runs too,
 * but not phonetic <rPh> readings). */
static GPtrArray *read_shared(nohin_zip *z)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    if (!nohin_zip_has(z, "xl/sharedStrings.xml")) return out;
    xmlTextReaderPtr r = nohin_zip_xml_reader(z, "xl/sharedStrings.xml", NULL);
    if (!r) return out;
    GString *cur = NULL;
    bool in_t = false, in_rph = false;
    while (xmlTextReaderRead(r) == 1 && out->len < MAX_SHARED) {
        if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_ELEMENT) {
            bool empty = xmlTextReaderIsEmptyElement(r);
            if (is_el(r, "si")) {
                if (cur) g_string_free(cur, TRUE);
                cur = g_string_new(NULL);
                if (empty) {
                    g_ptr_array_add(out, g_string_free(cur, FALSE));
                    cur = NULL;
                }
            } else if (is_el(r, "rPh") && !empty) {
                in_rph = true;
            } else if (is_el(r, "t") && !empty) {
                in_t = true;
            }
        } else if ((type == XML_READER_TYPE_TEXT ||
                    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
                   in_t && !in_rph && cur) {
            g_string_append(cur, (const char *)xmlTextReaderConstValue(r));
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (is_el(r, "t")) in_t = false;
            if (is_el(r, "rPh")) in_rph = false;
            if (is_el(r, "si") && cur) {
                g_ptr_array_add(out, g_string_free(cur, FALSE));
                cur = NULL;
            }
        }
    }
    if (cur) g_string_free(cur, TRUE);
    xmlFreeTextReader(r);
    return out;
}

/* The first sheet's part: the first <sheet> of workbook.xml through its relationship. */
static char *first_sheet_part(nohin_zip *z)
{
    char *rid = NULL, *target = NULL;
    xmlTextReaderPtr r = nohin_zip_xml_reader(z, "xl/workbook.xml", NULL);
    while (r && !rid && xmlTextReaderRead(r) == 1)
        if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && is_el(r, "sheet")) {
            xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)"r:id");
            rid = g_strdup(v ? (const char *)v : "");
            xmlFree(v);
        }
    if (r) xmlFreeTextReader(r);
    r = rid ? nohin_zip_xml_reader(z, "xl/_rels/workbook.xml.rels", NULL) : NULL;
    while (r && !target && xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !is_el(r, "Relationship"))
            continue;
        xmlChar *id = xmlTextReaderGetAttribute(r, (const xmlChar *)"Id");
        if (id && !strcmp((const char *)id, rid)) {
            xmlChar *t = xmlTextReaderGetAttribute(r, (const xmlChar *)"Target");
            target = nohin_zip_resolve("xl/workbook.xml", (const char *)t);
            xmlFree(t);
        }
        xmlFree(id);
    }
    if (r) xmlFreeTextReader(r);
    g_free(rid);
    if (target && nohin_zip_has(z, target)) return target;
    g_free(target);
    return g_strdup("xl/worksheets/sheet1.xml");
}

/* "BC12" -> column 55 (1-based), row 12; false when not a cell reference. */
static bool parse_ref(const char *ref, guint *col, guint *row)
{
    guint c = 0, r = 0;
    const char *p = ref;
    for (; *p >= 'A' && *p <= 'Z' && c < 100000; p++)
        c = c * 26 + (guint)(*p - 'A' + 1);
    for (; *p >= '0' && *p <= '9' && r < 10000000; p++)
        r = r * 10 + (guint)(*p - '0');
    if (*p || !c || !r) return false;
    *col = c;
    *row = r;
    return true;
}

static void put_cell(nohin_form_sheet *s, guint row, guint col, char *text)
{
    if (!row || !col || row > NOHIN_FORM_SHEET_MAX_ROWS || col > NOHIN_FORM_SHEET_MAX_COLS ||
        !text || !*text) {
        g_free(text);
        return;
    }
    while (s->rows->len < row)
        g_ptr_array_add(s->rows, NULL);
    GPtrArray *r = s->rows->pdata[row - 1];
    if (!r) r = s->rows->pdata[row - 1] = g_ptr_array_new_with_free_func(g_free);
    while (r->len < col)
        g_ptr_array_add(r, NULL);
    g_free(r->pdata[col - 1]);
    r->pdata[col - 1] = text;
}

static void read_cells(nohin_zip *z, const char *part, GPtrArray *shared, nohin_form_sheet *s)
{
    GError *err = NULL;
    xmlTextReaderPtr r = nohin_zip_xml_reader(z, part, &err);
    if (!r) {
        s->error = g_strdup(err ? err->message : "no worksheet");
        g_clear_error(&err);
        return;
    }
    guint row = 0, col = 0, next_row = 1;
    char *type = NULL;
    GString *val = NULL;
    bool in_v = false;
    int ret;
    while ((ret = xmlTextReaderRead(r)) == 1) {
        if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
        int nt = xmlTextReaderNodeType(r);
        if (nt == XML_READER_TYPE_ELEMENT) {
            if (is_el(r, "row")) {
                xmlChar *rv = xmlTextReaderGetAttribute(r, (const xmlChar *)"r");
                row = rv ? (guint)strtoul((const char *)rv, NULL, 10) : next_row;
                next_row = row + 1;
                col = 0;
                xmlFree(rv);
                if (row > NOHIN_FORM_SHEET_MAX_ROWS) break;
            } else if (is_el(r, "c")) {
                xmlChar *ref = xmlTextReaderGetAttribute(r, (const xmlChar *)"r");
                xmlChar *t = xmlTextReaderGetAttribute(r, (const xmlChar *)"t");
                guint rr = row, cc = col + 1;
                if (ref) parse_ref((const char *)ref, &cc, &rr);
                row = rr;
                col = cc;
                g_free(type);
                type = g_strdup(t ? (const char *)t : "n");
                xmlFree(ref);
                xmlFree(t);
                if (val) g_string_free(val, TRUE);
                val = xmlTextReaderIsEmptyElement(r) ? NULL : g_string_new(NULL);
            } else if ((is_el(r, "v") || is_el(r, "t")) && !xmlTextReaderIsEmptyElement(r)) {
                in_v = true;
            }
        } else if ((nt == XML_READER_TYPE_TEXT || nt == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
                   in_v && val) {
            g_string_append(val, (const char *)xmlTextReaderConstValue(r));
        } else if (nt == XML_READER_TYPE_END_ELEMENT) {
            if (is_el(r, "v") || is_el(r, "t")) in_v = false;
            if (is_el(r, "c") && val) {
                char *text = NULL;
                if (type && !strcmp(type, "s")) {
                    guint64 i = g_ascii_strtoull(val->str, NULL, 10);
                    if (i < shared->len) text = g_strdup(shared->pdata[i]);
                } else {
                    text = g_strdup(val->str);
                }
                put_cell(s, row, col, text);
                g_string_free(val, TRUE);
                val = NULL;
            }
        }
    }
    if (ret < 0 && !s->error) s->error = g_strdup("worksheet is not well-formed");
    if (val) g_string_free(val, TRUE);
    g_free(type);
    xmlFreeTextReader(r);
}

nohin_form_sheet *nohin_form_sheet_read(const char *path)
{
    nohin_form_sheet *s = g_new0(nohin_form_sheet, 1);
    s->rows = g_ptr_array_new_with_free_func(free_row);
    GError *err = NULL;
    nohin_zip *z = nohin_zip_open(path, &err);
    if (!z) {
        s->error = g_strdup(err ? err->message : "not a zip");
        g_clear_error(&err);
        return s;
    }
    GPtrArray *shared = read_shared(z);
    char *part = first_sheet_part(z);
    read_cells(z, part, shared, s);
    g_free(part);
    g_ptr_array_free(shared, TRUE);
    nohin_zip_close(z);
    return s;
}
