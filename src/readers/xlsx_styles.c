/* Shared strings and the styles that can make a cell invisible: number formats
 * with empty sections (";;;") and a font colour equal to the fill colour
 * (or white on no fill). */
#include <string.h>
#include "xlsx_reader.h"

void xlsx_read_shared_strings(nohin_xlsx *x, const char *part)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(x->zip, part, NULL);
    if (!r) return;
    while (xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) continue;
        const char *ln = (const char *)xmlTextReaderConstLocalName(r);
        if (!ln || strcmp(ln, "si")) continue;
        char *t = xlsx_read_text(r, NOHIN_XLSX_MAX_CELL_TEXT);
        if (x->sst_blob->len > G_MAXUINT32 - strlen(t) - 1) {
            g_free(t);
            break;
        }
        guint32 off = (guint32)x->sst_blob->len;
        g_array_append_val(x->sst_offsets, off);
        g_string_append_len(x->sst_blob, t, (gssize)strlen(t) + 1);
        g_free(t);
    }
    xmlFreeTextReader(r);
}

const char *xlsx_shared_string(const nohin_xlsx *x, long index)
{
    if (index < 0 || (guint)index >= x->sst_offsets->len) return "";
    return x->sst_blob->str + g_array_index(x->sst_offsets, guint32, index);
}

/* A colour as "RRGGBB", or "" when it cannot be resolved without the theme. */
static void resolve_colour(xmlTextReaderPtr r, char out[7])
{
    out[0] = 0;
    char *rgb = xlsx_attr(r, "rgb"), *theme = xlsx_attr(r, "theme"), *idx = xlsx_attr(r, "indexed");
    if (rgb && strlen(rgb) >= 6) {
        g_strlcpy(out, rgb + strlen(rgb) - 6, 7);
        for (int i = 0; out[i]; i++)
            out[i] = g_ascii_toupper(out[i]);
    } else if (theme) {
        /* Theme slots 0/1 are Background 1 / Text 1: white and black in every
         * default theme (Excel swaps lt1/dk1 in this index). */
        if (!strcmp(theme, "0"))
            g_strlcpy(out, "FFFFFF", 7);
        else if (!strcmp(theme, "1"))
            g_strlcpy(out, "000000", 7);
    } else if (idx) {
        int i = atoi(idx);
        if (i == 0 || i == 8)
            g_strlcpy(out, "000000", 7);
        else if (i == 1 || i == 9)
            g_strlcpy(out, "FFFFFF", 7);
        else if (i == 64)
            g_strlcpy(out, "000000", 7); /* system foreground */
    }
    g_free(rgb);
    g_free(theme);
    g_free(idx);
}

typedef struct {
    char colour[7];
} font_info;

typedef struct {
    bool solid;
    char colour[7];
} fill_info;

/* A format whose every section is empty shows nothing: ";;;", ";;", ";". */
static bool format_hides(const char *code)
{
    if (!code || !*code) return false;
    for (const char *p = code; *p; p++)
        if (*p != ';' && *p != ' ') return false;
    return strchr(code, ';') != NULL;
}

void xlsx_read_styles(nohin_xlsx *x, const char *part)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(x->zip, part, NULL);
    if (!r) return;
    GHashTable *hiding_fmts = g_hash_table_new(g_direct_hash, g_direct_equal);
    GArray *fonts = g_array_new(FALSE, TRUE, sizeof(font_info));
    GArray *fills = g_array_new(FALSE, TRUE, sizeof(fill_info));
    enum { NONE, FONTS, FILLS, CELLXFS } section = NONE;
    bool in_font = false, in_fill = false, in_fg = false;
    while (xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
        int type = xmlTextReaderNodeType(r);
        const char *ln = (const char *)xmlTextReaderConstLocalName(r);
        if (!ln) continue;
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (!strcmp(ln, "fonts") || !strcmp(ln, "fills") || !strcmp(ln, "cellXfs"))
                section = NONE;
            if (!strcmp(ln, "font")) in_font = false;
            if (!strcmp(ln, "fill")) in_fill = false;
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT) continue;
        bool empty = xmlTextReaderIsEmptyElement(r);
        if (!strcmp(ln, "numFmt")) {
            char *id = xlsx_attr(r, "numFmtId"), *code = xlsx_attr(r, "formatCode");
            if (id && format_hides(code)) g_hash_table_add(hiding_fmts, GINT_TO_POINTER(atoi(id)));
            g_free(id);
            g_free(code);
        } else if (!strcmp(ln, "fonts")) {
            section = FONTS;
        } else if (!strcmp(ln, "fills")) {
            section = FILLS;
        } else if (!strcmp(ln, "cellXfs")) {
            section = CELLXFS;
        } else if (section == FONTS && !strcmp(ln, "font")) {
            font_info f = {{0}};
            g_array_append_val(fonts, f);
            in_font = !empty;
        } else if (section == FONTS && in_font && !strcmp(ln, "color") && fonts->len) {
            resolve_colour(r, g_array_index(fonts, font_info, fonts->len - 1).colour);
        } else if (section == FILLS && !strcmp(ln, "fill")) {
            fill_info f = {false, {0}};
            g_array_append_val(fills, f);
            in_fill = !empty;
        } else if (section == FILLS && in_fill && !strcmp(ln, "patternFill") && fills->len) {
            char *pt = xlsx_attr(r, "patternType");
            g_array_index(fills, fill_info, fills->len - 1).solid = pt && !strcmp(pt, "solid");
            g_free(pt);
            in_fg = false;
        } else if (section == FILLS && in_fill && !strcmp(ln, "fgColor") && fills->len) {
            resolve_colour(r, g_array_index(fills, fill_info, fills->len - 1).colour);
            in_fg = true;
        } else if (section == CELLXFS && !strcmp(ln, "xf")) {
            char *nf = xlsx_attr(r, "numFmtId"), *fo = xlsx_attr(r, "fontId"),
                 *fi = xlsx_attr(r, "fillId");
            guint8 inv = 0;
            if (nf && g_hash_table_contains(hiding_fmts, GINT_TO_POINTER(atoi(nf)))) inv = 1;
            int fid = fo ? atoi(fo) : 0, lid = fi ? atoi(fi) : 0;
            if (!inv && fid >= 0 && (guint)fid < fonts->len) {
                const char *fc = g_array_index(fonts, font_info, fid).colour;
                const fill_info *fl = lid >= 0 && (guint)lid < fills->len
                                          ? &g_array_index(fills, fill_info, lid)
                                          : NULL;
                if (*fc && fl && fl->solid && *fl->colour && !strcmp(fc, fl->colour))
                    inv = 2;
                else if (!strcmp(fc, "FFFFFF") && (!fl || !fl->solid))
                    inv = 2;
            }
            if (x->xf_invisible->len < 65536) g_array_append_val(x->xf_invisible, inv);
            g_free(nf);
            g_free(fo);
            g_free(fi);
        }
    }
    (void)in_fg;
    xmlFreeTextReader(r);
    g_hash_table_destroy(hiding_fmts);
    g_array_free(fonts, TRUE);
    g_array_free(fills, TRUE);
}
