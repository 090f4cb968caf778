/* 様式3: find it by name, read its table, render its entries as PDF text. */
#include <gio/gio.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <string.h>
#include "clean/form3.h"
#include "readers/zip_safe.h"

static GPtrArray *read_sst(nohin_zip *z)
{
    GPtrArray *sst = g_ptr_array_new_with_free_func(g_free);
    if (!nohin_zip_has(z, "xl/sharedStrings.xml")) return sst;
    xmlTextReaderPtr x = nohin_zip_xml_reader(z, "xl/sharedStrings.xml", NULL);
    if (!x) return sst;
    GString *cur = NULL;
    bool in_t = false, in_rph = false;
    while (xmlTextReaderRead(x) == 1 && sst->len < 1000000) {
        int t = xmlTextReaderNodeType(x);
        const char *ln = (const char *)xmlTextReaderConstLocalName(x);
        if (t == XML_READER_TYPE_ELEMENT) {
            if (!strcmp(ln, "si")) cur = g_string_new("");
            if (!strcmp(ln, "rPh")) in_rph = true; /* phonetic guides are not cell text */
            if (!strcmp(ln, "t") && !xmlTextReaderIsEmptyElement(x)) in_t = true;
            if (!strcmp(ln, "si") && xmlTextReaderIsEmptyElement(x))
                g_ptr_array_add(sst, g_string_free(cur, FALSE)), cur = NULL;
        } else if (t == XML_READER_TYPE_END_ELEMENT) {
            if (!strcmp(ln, "t")) in_t = false;
            if (!strcmp(ln, "rPh")) in_rph = false;
            if (!strcmp(ln, "si") && cur)
                g_ptr_array_add(sst, g_string_free(cur, FALSE)), cur = NULL;
        } else if ((t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
                   in_t && !in_rph && cur) {
            g_string_append(cur, (const char *)xmlTextReaderConstValue(x));
        }
    }
    if (cur) g_string_free(cur, TRUE);
    xmlFreeTextReader(x);
    return sst;
}

/* The part of the first sheet in workbook order. */
static char *first_sheet_part(nohin_zip *z)
{
    char *rid = NULL, *part = NULL;
    xmlTextReaderPtr x = nohin_zip_xml_reader(z, "xl/workbook.xml", NULL);
    if (!x) return NULL;
    while (!rid && xmlTextReaderRead(x) == 1)
        if (xmlTextReaderNodeType(x) == XML_READER_TYPE_ELEMENT &&
            !strcmp((const char *)xmlTextReaderConstLocalName(x), "sheet")) {
            xmlChar *v = xmlTextReaderGetAttributeNs(
                x, BAD_CAST "id",
                BAD_CAST "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
            if (v) rid = g_strdup((const char *)v);
            xmlFree(v);
        }
    xmlFreeTextReader(x);
    if (!rid) return NULL;
    x = nohin_zip_xml_reader(z, "xl/_rels/workbook.xml.rels", NULL);
    while (x && !part && xmlTextReaderRead(x) == 1) {
        if (xmlTextReaderNodeType(x) != XML_READER_TYPE_ELEMENT) continue;
        xmlChar *id = xmlTextReaderGetAttribute(x, BAD_CAST "Id");
        xmlChar *tg = xmlTextReaderGetAttribute(x, BAD_CAST "Target");
        if (id && tg && !strcmp((const char *)id, rid))
            part = nohin_zip_resolve("xl/workbook.xml", (const char *)tg);
        xmlFree(id);
        xmlFree(tg);
    }
    if (x) xmlFreeTextReader(x);
    g_free(rid);
    return part;
}

static int col_of_ref(const char *ref)
{
    int c = 0;
    for (; *ref >= 'A' && *ref <= 'Z' && c < 100000; ref++)
        c = c * 26 + (*ref - 'A' + 1);
    return c;
}

GPtrArray *nohin_xlsx_first_sheet_rows(const char *path, int max_rows, GError **error)
{
    nohin_zip *z = nohin_zip_open(path, error);
    if (!z) return NULL;
    char *part = first_sheet_part(z);
    if (!part) {
        g_set_error(error, NOHIN_ZIP_ERROR, NOHIN_ZIP_ERROR_NOT_FOUND, _("no worksheet"));
        nohin_zip_close(z);
        return NULL;
    }
    GPtrArray *sst = read_sst(z);
    GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    xmlTextReaderPtr x = nohin_zip_xml_reader(z, part, error);
    GPtrArray *cells = NULL;
    char *type = NULL;
    int col = 0;
    GString *val = NULL;
    while (x && xmlTextReaderRead(x) == 1 && (int)rows->len < max_rows) {
        int t = xmlTextReaderNodeType(x);
        const char *ln = (const char *)xmlTextReaderConstLocalName(x);
        if (t == XML_READER_TYPE_ELEMENT && !strcmp(ln, "row")) {
            cells = g_ptr_array_new();
            if (xmlTextReaderIsEmptyElement(x)) goto end_row;
        } else if (t == XML_READER_TYPE_ELEMENT && !strcmp(ln, "c") && cells) {
            xmlChar *r = xmlTextReaderGetAttribute(x, BAD_CAST "r");
            xmlChar *ty = xmlTextReaderGetAttribute(x, BAD_CAST "t");
            col = r ? col_of_ref((const char *)r) : (int)cells->len + 1;
            g_free(type);
            type = g_strdup(ty ? (const char *)ty : "n");
            xmlFree(r);
            xmlFree(ty);
            val = g_string_new("");
            if (xmlTextReaderIsEmptyElement(x)) goto end_cell;
        } else if ((t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
                   val) {
            g_string_append(val, (const char *)xmlTextReaderConstValue(x));
        } else if (t == XML_READER_TYPE_END_ELEMENT && !strcmp(ln, "c") && val) {
        end_cell:
            if (col > 0 && col <= 256 && cells) {
                while ((int)cells->len < col - 1)
                    g_ptr_array_add(cells, g_strdup(""));
                char *s;
                if (!strcmp(type, "s")) {
                    guint64 i = g_ascii_strtoull(val->str, NULL, 10);
                    s = g_strdup(i < sst->len ? (const char *)sst->pdata[i] : "");
                } else {
                    s = g_strdup(val->str);
                }
                if ((int)cells->len == col - 1)
                    g_ptr_array_add(cells, s);
                else
                    g_free(s);
            }
            g_string_free(val, TRUE);
            val = NULL;
        } else if (t == XML_READER_TYPE_END_ELEMENT && !strcmp(ln, "row") && cells) {
        end_row:
            g_ptr_array_add(cells, NULL);
            g_ptr_array_add(rows, g_ptr_array_free(cells, FALSE));
            cells = NULL;
        }
    }
    if (cells) g_ptr_array_free(cells, TRUE);
    if (val) g_string_free(val, TRUE);
    g_free(type);
    if (x) xmlFreeTextReader(x);
    g_ptr_array_free(sst, TRUE);
    g_free(part);
    nohin_zip_close(z);
    return rows;
}

static int filled(char **row, bool skip_numbers)
{
    int n = 0;
    for (int i = 0; row[i]; i++) {
        char *s = g_strstrip(g_strdup(row[i]));
        bool num = *s && strspn(s, "0123456789.") == strlen(s);
        if (*s && !(skip_numbers && num)) n++;
        g_free(s);
    }
    return n;
}

GPtrArray *nohin_form3_entries(GPtrArray *rows, char ***header)
{
    GPtrArray *e = g_ptr_array_new();
    *header = NULL;
    guint i = 0;
    for (; i < rows->len; i++)
        if (filled(rows->pdata[i], false) >= 2) break;
    if (i >= rows->len) return e;
    *header = rows->pdata[i];
    for (i++; i < rows->len; i++)
        if (filled(rows->pdata[i], true) > 0) g_ptr_array_add(e, rows->pdata[i]);
    return e;
}

#define PW 842.0 /* A4 landscape */
#define PH 595.0
#define MARGIN 36.0
#define FONT 8.0
#define LINE 11.0

/* Splits s into lines that fit width (by characters: Japanese has no spaces). */
static GPtrArray *wrap(cairo_t *cr, const char *s, double width)
{
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new("");
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == '\n' || c == '\r') {
            if (cur->len) g_ptr_array_add(lines, g_strdup(cur->str));
            g_string_truncate(cur, 0);
            continue;
        }
        gsize before = cur->len;
        g_string_append_unichar(cur, c);
        cairo_text_extents_t te;
        cairo_text_extents(cr, cur->str, &te);
        if (te.x_advance > width && before > 0) {
            g_string_truncate(cur, before);
            g_ptr_array_add(lines, g_strdup(cur->str));
            g_string_truncate(cur, 0);
            g_string_append_unichar(cur, c);
        }
    }
    if (cur->len || lines->len == 0) g_ptr_array_add(lines, g_strdup(cur->str));
    g_string_free(cur, TRUE);
    return lines;
}

static double draw_row(cairo_t *cr, char **cells, int ncols, double y, bool draw)
{
    double cw = (PW - 2 * MARGIN) / ncols, h = LINE;
    for (int c = 0; c < ncols; c++) {
        const char *s = cells && g_strv_length(cells) > (guint)c ? cells[c] : "";
        GPtrArray *l = wrap(cr, s, cw - 6);
        if (draw)
            for (guint k = 0; k < l->len; k++) {
                cairo_move_to(cr, MARGIN + c * cw + 3, y + LINE * (k + 1) - 2);
                cairo_show_text(cr, l->pdata[k]);
            }
        h = MAX(h, LINE * l->len + 4);
        g_ptr_array_free(l, TRUE);
    }
    if (draw) {
        cairo_rectangle(cr, MARGIN, y, PW - 2 * MARGIN, h);
        for (int c = 1; c < ncols; c++) {
            cairo_move_to(cr, MARGIN + c * cw, y);
            cairo_line_to(cr, MARGIN + c * cw, y + h);
        }
        cairo_stroke(cr);
    }
    return h;
}

bool nohin_form3_render_pdf(char **header, GPtrArray *entries, const char *title, const char *path,
                            GError **error)
{
    int ncols = header ? (int)g_strv_length(header) : 1;
    for (guint i = 0; i < entries->len; i++)
        ncols = MAX(ncols, (int)g_strv_length(entries->pdata[i]));
    ncols = CLAMP(ncols, 1, 12);
    cairo_surface_t *s = cairo_pdf_surface_create(path, PW, PH);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "");
    cairo_t *cr = cairo_create(s);
    cairo_select_font_face(cr, "IPAGothic", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_line_width(cr, 0.5);
    cairo_set_source_rgb(cr, 0, 0, 0);
    double y = PH; /* forces a first page header */
    bool first = true;
    for (guint i = 0; i < entries->len; i++) {
        cairo_set_font_size(cr, FONT);
        double h = draw_row(cr, entries->pdata[i], ncols, 0, false);
        if (y + h > PH - MARGIN) {
            if (!first) cairo_show_page(cr);
            first = false;
            cairo_set_font_size(cr, 12);
            cairo_move_to(cr, MARGIN, MARGIN + 12);
            cairo_show_text(cr, title);
            cairo_set_font_size(cr, FONT);
            y = MARGIN + 24;
            if (header) y += draw_row(cr, header, ncols, y, true);
        }
        y += draw_row(cr, entries->pdata[i], ncols, y, true);
    }
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_status_t st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", cairo_status_to_string(st));
        return false;
    }
    return true;
}
