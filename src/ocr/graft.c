/* Grafting the text layer with qpdf's C API. Nothing of the page is rewritten:
 * /Contents becomes [q-stream, the original stream(s)…, layer stream], so the
 * original streams keep their bytes and the layer starts from a clean graphics
 * state; the font goes into a copy of the page's resources. */
#include <gio/gio.h>
#include <math.h>
#include <qpdf/qpdf-c.h>
#include <string.h>
#include "ocr/ocr_engine.h"

#define FONT_NAME "NohinOCR"
#define MAX_PARENTS 64

static GBytes *deflate(const void *data, size_t len)
{
    GZlibCompressor *z = g_zlib_compressor_new(G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9);
    GByteArray *out = g_byte_array_new();
    guchar buf[16384];
    const guchar *in = data;
    size_t left = len;
    for (;;) {
        gsize read = 0, written = 0;
        GConverterResult r = g_converter_convert(G_CONVERTER(z), in, left, buf, sizeof buf,
                                                 G_CONVERTER_INPUT_AT_END, &read, &written, NULL);
        g_byte_array_append(out, buf, (guint)written);
        in += read;
        left -= read;
        if (r == G_CONVERTER_FINISHED || r == G_CONVERTER_ERROR) break;
    }
    g_object_unref(z);
    return g_byte_array_free_to_bytes(out);
}

static qpdf_oh flate_stream(qpdf_data q, const void *data, size_t len)
{
    qpdf_oh s = qpdf_oh_new_stream(q);
    GBytes *b = deflate(data, len);
    gsize n;
    const unsigned char *p = g_bytes_get_data(b, &n);
    qpdf_oh_replace_stream_data(q, s, p, n, qpdf_oh_new_name(q, "/FlateDecode"),
                                qpdf_oh_new_null(q));
    g_bytes_unref(b);
    return s;
}

/* Identity ToUnicode over the BMP without the surrogates, in blocks of at
 * most 100 ranges (the CMap limit). */
static GString *to_unicode_cmap(void)
{
    GString *s = g_string_new("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                              "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 "
                              ">> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                              "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    int his[256], n = 0;
    for (int hi = 0; hi < 256; hi++)
        if (hi < 0xD8 || hi > 0xDF) his[n++] = hi;
    for (int i = 0; i < n; i += 100) {
        int k = MIN(100, n - i);
        g_string_append_printf(s, "%d beginbfrange\n", k);
        for (int j = i; j < i + k; j++)
            g_string_append_printf(s, "<%02X00> <%02XFF> <%02X00>\n", his[j], his[j], his[j]);
        g_string_append(s, "endbfrange\n");
    }
    g_string_append(s, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    return s;
}

unsigned int nohin_ocr_graft_font(nohin_qpdf_data q, const char *datadir, GError **error)
{
    /* Tesseract's own glyphless TrueType (one empty glyph): embedded, so the
     * font is complete, and it draws nothing even if a viewer ignores 3 Tr. */
    char *ttf_path = g_build_filename(datadir, "pdf.ttf", NULL);
    char *ttf = NULL;
    gsize ttf_len = 0;
    bool have_ttf = g_file_get_contents(ttf_path, &ttf, &ttf_len, NULL) && ttf_len > 0;
    g_free(ttf_path);
    (void)error;
    qpdf_oh desc = qpdf_oh_parse(
        q, "<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 /FontBBox [0 0 1000 1000] "
           "/ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 >>");
    qpdf_oh cid = qpdf_oh_parse(q, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont "
                                   "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
                                   "/Supplement 0 >> /DW 1000 >>");
    if (have_ttf) {
        qpdf_oh ff = flate_stream(q, ttf, ttf_len);
        qpdf_oh_replace_key(q, qpdf_oh_get_dict(q, ff), "/Length1",
                            qpdf_oh_new_integer(q, (long long)ttf_len));
        qpdf_oh_replace_key(q, desc, "/FontFile2", ff);
        /* every CID draws glyph 1, the font's only (empty) glyph */
        unsigned char *map = g_malloc(65536 * 2);
        for (int i = 0; i < 65536; i++)
            map[2 * i] = 0, map[2 * i + 1] = 1;
        qpdf_oh_replace_key(q, cid, "/CIDToGIDMap", flate_stream(q, map, 65536 * 2));
        g_free(map);
    } else {
        qpdf_oh_replace_key(q, cid, "/CIDToGIDMap", qpdf_oh_new_name(q, "/Identity"));
    }
    g_free(ttf);
    qpdf_oh_replace_key(q, cid, "/FontDescriptor", qpdf_make_indirect_object(q, desc));
    qpdf_oh type0 = qpdf_oh_parse(
        q, "<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H >>");
    qpdf_oh arr = qpdf_oh_new_array(q);
    qpdf_oh_append_item(q, arr, qpdf_make_indirect_object(q, cid));
    qpdf_oh_replace_key(q, type0, "/DescendantFonts", arr);
    GString *cmap = to_unicode_cmap();
    qpdf_oh_replace_key(q, type0, "/ToUnicode", flate_stream(q, cmap->str, cmap->len));
    g_string_free(cmap, TRUE);
    return qpdf_make_indirect_object(q, type0);
}

/* An inheritable page attribute (/Resources, /MediaBox, /CropBox, /Rotate). */
static qpdf_oh inherited(qpdf_data q, qpdf_oh page, const char *key)
{
    qpdf_oh node = page;
    for (int i = 0; i < MAX_PARENTS && qpdf_oh_is_dictionary(q, node); i++) {
        if (qpdf_oh_has_key(q, node, key)) {
            qpdf_oh v = qpdf_oh_get_key(q, node, key);
            if (!qpdf_oh_is_null(q, v)) return v;
        }
        node = qpdf_oh_get_key(q, node, "/Parent");
    }
    return qpdf_oh_new_null(q);
}

int nohin_ocr_page_image_width(nohin_qpdf_data q, int index)
{
    qpdf_oh page = qpdf_get_page_n(q, (size_t)index);
    qpdf_oh xo = qpdf_oh_get_key(q, inherited(q, page, "/Resources"), "/XObject");
    if (!qpdf_oh_is_dictionary(q, xo)) return 0;
    int width = 0, images = 0;
    bool other = false;
    qpdf_oh_begin_dict_key_iter(q, xo);
    while (qpdf_oh_dict_more_keys(q)) {
        qpdf_oh x = qpdf_oh_get_key(q, xo, qpdf_oh_dict_next_key(q));
        if (!qpdf_oh_is_stream(q, x)) continue;
        qpdf_oh d = qpdf_oh_get_dict(q, x);
        if (!qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, d, "/Subtype"), "/Image")) {
            other = true; /* a form may draw images of its own */
            continue;
        }
        images++;
        qpdf_oh w = qpdf_oh_get_key(q, d, "/Width");
        if (qpdf_oh_is_integer(q, w)) width = qpdf_oh_get_int_value_as_int(q, w);
    }
    return images == 1 && !other && width > 0 ? width : 0;
}

static bool get_box(qpdf_data q, qpdf_oh box, double r[4])
{
    if (!qpdf_oh_is_array(q, box) || qpdf_oh_get_array_n_items(q, box) != 4) return false;
    for (int i = 0; i < 4; i++) {
        qpdf_oh v = qpdf_oh_get_array_item(q, box, i);
        if (!qpdf_oh_is_number(q, v)) return false;
        r[i] = qpdf_oh_get_numeric_value(q, v);
    }
    double x0 = MIN(r[0], r[2]), x1 = MAX(r[0], r[2]), y0 = MIN(r[1], r[3]), y1 = MAX(r[1], r[3]);
    r[0] = x0, r[1] = y0, r[2] = x1, r[3] = y1;
    return true;
}

/* Keys of a dictionary (the C API's key iterator cannot nest). */
static GPtrArray *dict_keys(qpdf_data q, qpdf_oh d)
{
    GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
    if (!qpdf_oh_is_dictionary(q, d)) return keys;
    qpdf_oh_begin_dict_key_iter(q, d);
    while (qpdf_oh_dict_more_keys(q))
        g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
    return keys;
}

static qpdf_oh copy_dict(qpdf_data q, qpdf_oh d)
{
    qpdf_oh c = qpdf_oh_new_dictionary(q);
    GPtrArray *keys = dict_keys(q, d);
    for (guint i = 0; i < keys->len; i++)
        qpdf_oh_replace_key(q, c, keys->pdata[i], qpdf_oh_get_key(q, d, keys->pdata[i]));
    g_ptr_array_unref(keys);
    return c;
}

static qpdf_oh plain_stream(qpdf_data q, const char *text)
{
    qpdf_oh s = qpdf_oh_new_stream(q);
    qpdf_oh_replace_stream_data(q, s, (const unsigned char *)text, strlen(text),
                                qpdf_oh_new_null(q), qpdf_oh_new_null(q));
    return s;
}

bool nohin_ocr_graft_page(nohin_qpdf_data q, int index, unsigned int font, GPtrArray *words,
                          const nohin_ocr_image *img, double deskew, int *chars, GError **error)
{
    qpdf_oh page = qpdf_get_page_n(q, (size_t)index);
    double media[4], crop[4];
    if (!get_box(q, inherited(q, page, "/MediaBox"), media)) {
        /* poppler shows such a page as US Letter */
        media[0] = 0, media[1] = 0, media[2] = 612, media[3] = 792;
    }
    if (get_box(q, inherited(q, page, "/CropBox"), crop)) {
        crop[0] = MAX(crop[0], media[0]), crop[1] = MAX(crop[1], media[1]);
        crop[2] = MIN(crop[2], media[2]), crop[3] = MIN(crop[3], media[3]);
        if (crop[2] <= crop[0] || crop[3] <= crop[1]) memcpy(crop, media, sizeof crop);
    } else {
        memcpy(crop, media, sizeof crop);
    }
    qpdf_oh rot = inherited(q, page, "/Rotate");
    int rotate = qpdf_oh_is_integer(q, rot) ? qpdf_oh_get_int_value_as_int(q, rot) : 0;
    rotate = ((rotate % 360) + 360) % 360;
    /* image pixels (y up from the image's bottom) → user space, per /Rotate */
    double k = 72.0 / img->dpi, hk = img->h * k;
    double x0 = crop[0], y0 = crop[1], x1 = crop[2], y1 = crop[3];
    double cm[6];
    switch (rotate) {
    case 90:
        cm[0] = 0, cm[1] = k, cm[2] = -k, cm[3] = 0, cm[4] = x0 + hk, cm[5] = y0;
        break;
    case 180:
        cm[0] = -k, cm[1] = 0, cm[2] = 0, cm[3] = -k, cm[4] = x1, cm[5] = y0 + hk;
        break;
    case 270:
        cm[0] = 0, cm[1] = -k, cm[2] = k, cm[3] = 0, cm[4] = x1 - hk, cm[5] = y1;
        break;
    default:
        cm[0] = k, cm[1] = 0, cm[2] = 0, cm[3] = k, cm[4] = x0, cm[5] = y1 - hk;
        break;
    }

    /* a font name the page does not use yet */
    qpdf_oh res = inherited(q, page, "/Resources");
    qpdf_oh new_res = copy_dict(q, res);
    qpdf_oh fonts = qpdf_oh_get_key(q, new_res, "/Font");
    qpdf_oh new_fonts = copy_dict(q, fonts);
    char *name = g_strdup(FONT_NAME);
    for (int i = 1;; i++) {
        char *key = g_strconcat("/", name, NULL);
        bool taken = qpdf_oh_has_key(q, new_fonts, key);
        if (!taken) qpdf_oh_replace_key(q, new_fonts, key, font);
        g_free(key);
        if (!taken) break;
        g_free(name);
        name = g_strdup_printf("%s%d", FONT_NAME, i);
        if (i > 1000) {
            g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "page %d: no free font name",
                        index + 1);
            g_free(name);
            return false;
        }
    }
    qpdf_oh_replace_key(q, new_res, "/Font", new_fonts);

    GString *layer = nohin_ocr_layer_stream(words, img->w, img->h, deskew, cm, name, chars);
    g_free(name);
    qpdf_oh contents = qpdf_oh_get_key(q, page, "/Contents");
    qpdf_oh arr = qpdf_oh_new_array(q);
    qpdf_oh_append_item(q, arr, plain_stream(q, "q\n"));
    if (qpdf_oh_is_array(q, contents)) {
        int n = qpdf_oh_get_array_n_items(q, contents);
        for (int i = 0; i < n; i++)
            qpdf_oh_append_item(q, arr, qpdf_oh_get_array_item(q, contents, i));
    } else if (qpdf_oh_is_stream(q, contents)) {
        qpdf_oh_append_item(q, arr, contents);
    }
    qpdf_oh_append_item(q, arr, flate_stream(q, layer->str, layer->len));
    g_string_free(layer, TRUE);
    qpdf_oh_replace_key(q, page, "/Contents", arr);
    qpdf_oh_replace_key(q, page, "/Resources", new_res);
    return true;
}
