/* The styles that decide whether a cell's value can be seen: number formats
 * with only empty sections (";;;") and a font colour equal to the fill colour
 * (or white on no fill), with indexed and theme colours resolved. One byte per
 * cell format (cellXfs entry). */
#include <string.h>
#include "ooxml/ooxml.h"

#define COLOUR 16 /* "RRGGBB" or "T<slot>:<tint>" and its NUL */

struct nohin_ooxml_styles {
    GArray *xf_invisible;           /* guint8 per cellXfs index */
    char theme_colours[12][COLOUR]; /* "RRGGBB" per theme index, "" unknown */
};

/* Excel's default indexed palette (legacy colour indices 0-63). */
static const char *const indexed_palette[64] = {
    "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF",
    "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF",
    "800000", "008000", "000080", "808000", "800080", "008080", "C0C0C0", "808080",
    "9999FF", "993366", "FFFFCC", "CCFFFF", "660066", "FF8080", "0066CC", "CCCCFF",
    "000080", "FF00FF", "FFFF00", "00FFFF", "800080", "800000", "008080", "0000FF",
    "00CCFF", "CCFFFF", "CCFFCC", "FFFF99", "99CCFF", "FF99CC", "CC99FF", "FFCC99",
    "3366FF", "33CCCC", "99CC00", "FFCC00", "FF9900", "FF6600", "666699", "969696",
    "003366", "339966", "003300", "333300", "993300", "993366", "333399", "333333"};

/* The theme's colour scheme in the order cell styles index it: lt1, dk1, lt2,
 * dk2 (Excel swaps the first two pairs), accent1-6, hlink, folHlink. */
static const char *const theme_slots[12] = {"lt1",     "dk1",     "lt2",     "dk2",
                                            "accent1", "accent2", "accent3", "accent4",
                                            "accent5", "accent6", "hlink",   "folHlink"};

static void read_theme(nohin_ooxml_styles *x, nohin_zip *z, const char *part)
{
    /* defaults of every Office theme for the two that matter most */
    g_strlcpy(x->theme_colours[0], "FFFFFF", 7);
    g_strlcpy(x->theme_colours[1], "000000", 7);
    xmlTextReaderPtr r = part ? nohin_zip_xml_reader(z, part, NULL) : NULL;
    if (!r) return;
    int slot = -1;
    while (xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
        if (xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
            !strcmp((const char *)xmlTextReaderConstLocalName(r), "clrScheme"))
            break;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) continue;
        const char *ln = (const char *)xmlTextReaderConstLocalName(r);
        bool found = false;
        for (int i = 0; i < 12; i++)
            if (!strcmp(ln, theme_slots[i])) {
                slot = i;
                found = true;
            }
        if (found || slot < 0) continue;
        char *v = !strcmp(ln, "srgbClr")  ? nohin_ooxml_attr(r, "val")
                  : !strcmp(ln, "sysClr") ? nohin_ooxml_attr(r, "lastClr")
                                          : NULL;
        if (v && strlen(v) == 6) {
            for (int i = 0; i < 6; i++)
                v[i] = g_ascii_toupper(v[i]);
            g_strlcpy(x->theme_colours[slot], v, 7);
        }
        g_free(v);
        slot = -1;
    }
    xmlFreeTextReader(r);
}

/* A colour as "RRGGBB" (indexed and theme colours resolved); a tinted theme
 * colour as "T<slot>:<tint>" so only the same tint compares equal; "" when
 * unknown. */
static void resolve_colour(const nohin_ooxml_styles *x, xmlTextReaderPtr r, char out[COLOUR])
{
    out[0] = 0;
    char *rgb = nohin_ooxml_attr(r, "rgb"), *theme = nohin_ooxml_attr(r, "theme"),
         *idx = nohin_ooxml_attr(r, "indexed"), *tint = nohin_ooxml_attr(r, "tint");
    if (rgb && strlen(rgb) >= 6) {
        g_strlcpy(out, rgb + strlen(rgb) - 6, 7);
        for (int i = 0; out[i]; i++)
            out[i] = g_ascii_toupper(out[i]);
    } else if (theme) {
        int t = atoi(theme);
        if (t >= 0 && t < 12 && tint && g_ascii_strtod(tint, NULL) != 0.0)
            g_snprintf(out, COLOUR, "T%d:%.4s", t, tint);
        else if (t >= 0 && t < 12)
            g_strlcpy(out, x->theme_colours[t], COLOUR);
    } else if (idx) {
        int i = atoi(idx);
        if (i >= 0 && i < 64)
            g_strlcpy(out, indexed_palette[i], COLOUR);
        else if (i == 64)
            g_strlcpy(out, "000000", COLOUR); /* system foreground */
    }
    g_free(rgb);
    g_free(theme);
    g_free(idx);
    g_free(tint);
}

typedef struct {
    bool has_colour; /* a <color> element; without one the text is automatic (black in Excel) */
    char colour[COLOUR];
} font_info;

typedef struct {
    bool solid;
    bool has_fg; /* an <fgColor>; a solid fill without one is black (Excel, LibreOffice) */
    char colour[COLOUR];
} fill_info;

/* A format whose every section is empty shows nothing: ";;;", ";;", ";". */
static bool format_hides(const char *code)
{
    if (!code || !*code) return false;
    for (const char *p = code; *p; p++)
        if (*p != ';' && *p != ' ') return false;
    return strchr(code, ';') != NULL;
}

static void read_styles(nohin_ooxml_styles *x, nohin_zip *z, const char *part)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(z, part, NULL);
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
            char *id = nohin_ooxml_attr(r, "numFmtId"), *code = nohin_ooxml_attr(r, "formatCode");
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
            font_info f = {false, {0}};
            g_array_append_val(fonts, f);
            in_font = !empty;
        } else if (section == FONTS && in_font && !strcmp(ln, "color") && fonts->len) {
            resolve_colour(x, r, g_array_index(fonts, font_info, fonts->len - 1).colour);
            g_array_index(fonts, font_info, fonts->len - 1).has_colour = true;
        } else if (section == FILLS && !strcmp(ln, "fill")) {
            fill_info f = {false, false, {0}};
            g_array_append_val(fills, f);
            in_fill = !empty;
        } else if (section == FILLS && in_fill && !strcmp(ln, "patternFill") && fills->len) {
            char *pt = nohin_ooxml_attr(r, "patternType");
            g_array_index(fills, fill_info, fills->len - 1).solid = pt && !strcmp(pt, "solid");
            g_free(pt);
            in_fg = false;
        } else if (section == FILLS && in_fill && !strcmp(ln, "fgColor") && fills->len) {
            resolve_colour(x, r, g_array_index(fills, fill_info, fills->len - 1).colour);
            g_array_index(fills, fill_info, fills->len - 1).has_fg = true;
            in_fg = true;
        } else if (section == CELLXFS && !strcmp(ln, "xf")) {
            char *nf = nohin_ooxml_attr(r, "numFmtId"), *fo = nohin_ooxml_attr(r, "fontId"),
                 *fi = nohin_ooxml_attr(r, "fillId");
            guint8 inv = 0;
            if (nf && g_hash_table_contains(hiding_fmts, GINT_TO_POINTER(atoi(nf)))) inv = 1;
            int fid = fo ? atoi(fo) : 0, lid = fi ? atoi(fi) : 0;
            if (!inv && fid >= 0 && (guint)fid < fonts->len) {
                const font_info *fn = &g_array_index(fonts, font_info, fid);
                const fill_info *fl = lid >= 0 && (guint)lid < fills->len
                                          ? &g_array_index(fills, fill_info, lid)
                                          : NULL;
                /* 黒塗り: black fill (also a solid fill without a colour) under black or
                 * automatic text */
                const char *fc = fn->has_colour ? fn->colour : "000000";
                const char *bc = fl && fl->solid && !fl->has_fg ? "000000" : fl ? fl->colour : "";
                if (*fc && fl && fl->solid && *bc && !strcmp(fc, bc))
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

nohin_ooxml_styles *nohin_ooxml_styles_read(nohin_zip *z, const char *styles_part,
                                            const char *theme_part)
{
    nohin_ooxml_styles *st = g_new0(nohin_ooxml_styles, 1);
    st->xf_invisible = g_array_new(FALSE, TRUE, sizeof(guint8));
    read_theme(st, z, theme_part);
    if (styles_part) read_styles(st, z, styles_part);
    return st;
}

unsigned nohin_ooxml_xf_invisible(const nohin_ooxml_styles *st, long xf)
{
    if (!st || xf < 0 || (gulong)xf >= st->xf_invisible->len) return 0;
    return g_array_index(st->xf_invisible, guint8, xf);
}

void nohin_ooxml_styles_free(nohin_ooxml_styles *st)
{
    if (!st) return;
    g_array_free(st->xf_invisible, TRUE);
    g_free(st);
}
