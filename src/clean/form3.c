/* 様式3: render the entries src/bundle/form3.c read as PDF text. */
#include <gio/gio.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <string.h>
#include "clean/form3.h"

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
