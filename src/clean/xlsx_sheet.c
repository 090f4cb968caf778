/* Worksheet scan and rewrite (xmlTextReader in, xmlTextWriter out). */
#include <gio/gio.h>
#include <string.h>
#include "clean/xlsx_sheet.h"
#include "clean/xlsx_package.h"
#include "ooxml/ooxml.h"

#define MAX_DEPTH 64
#define MAX_KEPT_PART (16u << 20) /* a sheet kept inflated between scan and rewrite */

/* A reader over the part in memory (same name and options as the streaming one). */
static xmlTextReaderPtr memory_reader(GBytes *xml, const char *part, GError **error)
{
    gsize len = 0;
    const char *data = g_bytes_get_data(xml, &len);
    xmlTextReaderPtr x = xmlReaderForMemory(data, (int)len, part, NULL, NOHIN_XML_OPTIONS);
    if (!x) g_set_error(error, NOHIN_ZIP_ERROR, NOHIN_ZIP_ERROR_READ, "%s: cannot parse", part);
    return x;
}

/* The scan inflates a sheet of moderate size once into memory and the rewrite
 * parses the same bytes (charged to the inflation limit twice, as when streamed
 * twice); a large or unreadable one is streamed, as before. */
static void load_part(nohin_zip *z, const char *part, xlsx_sheet_info *info)
{
    gint64 i = nohin_zip_find(z, part);
    if (i >= 0 && nohin_zip_size(z, i) <= MAX_KEPT_PART && !info->xml) {
        /* a failed read fails the stream too (same entry, same limit) */
        GBytes *b = nohin_zip_read_index(z, i, NULL);
        if (b && g_bytes_get_size(b) > 0)
            info->xml = b;
        else if (b)
            g_bytes_unref(b);
    }
}

bool cx_sheet_note_anchor(xlsx_sheet_info *info, const char *element)
{
    if (!strcmp(element, "drawing"))
        info->has_drawing = true;
    else if (!strcmp(element, "tablePart"))
        info->has_table = true;
    else if (!strcmp(element, "legacyDrawing") || !strcmp(element, "legacyDrawingHF"))
        info->has_legacy_drawing = true;
    else
        return false;
    return true;
}

void cx_sheet_info_init(xlsx_sheet_info *s, bool unhide)
{
    memset(s, 0, sizeof *s);
    s->unhide = unhide;
    cx_shift_init(&s->shift);
    s->object_pictures = g_ptr_array_new_with_free_func(g_free);
}

void cx_sheet_info_clear(xlsx_sheet_info *s)
{
    cx_shift_clear(&s->shift);
    if (s->object_pictures) g_ptr_array_free(s->object_pictures, TRUE);
    s->object_pictures = NULL;
    g_clear_pointer(&s->xml, g_bytes_unref);
}

static const char *lname(xmlTextReaderPtr x)
{
    return (const char *)xmlTextReaderConstLocalName(x);
}

static char *attr(xmlTextReaderPtr x, const char *name)
{
    xmlChar *v = xmlTextReaderGetAttribute(x, BAD_CAST name);
    char *r = v ? g_strdup((const char *)v) : NULL;
    xmlFree(v);
    return r;
}

static bool attr_true(xmlTextReaderPtr x, const char *name)
{
    char *v = attr(x, name);
    bool r = v && (!strcmp(v, "1") || !strcmp(v, "true"));
    g_free(v);
    return r;
}

static int attr_int(xmlTextReaderPtr x, const char *name, int dflt)
{
    char *v = attr(x, name);
    int r = v ? (int)g_ascii_strtoll(v, NULL, 10) : dflt;
    g_free(v);
    return r;
}

void cx_skip_subtree(xmlTextReaderPtr x)
{
    if (xmlTextReaderIsEmptyElement(x)) return;
    int d = xmlTextReaderDepth(x);
    while (xmlTextReaderRead(x) == 1)
        if (xmlTextReaderNodeType(x) == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(x) == d)
            return;
}

/* The model's rule (ht="0" hides with or without customHeight), so what lint
 * calls a hidden row is exactly what clean removes. */
static bool row_hidden(xmlTextReaderPtr x)
{
    char *h = attr(x, "hidden"), *ht = attr(x, "ht");
    bool r = nohin_ooxml_row_hidden(h, ht, NULL) != 0;
    g_free(h);
    g_free(ht);
    return r;
}

static bool col_hidden(xmlTextReaderPtr x)
{
    char *h = attr(x, "hidden"), *w = attr(x, "width");
    bool r = nohin_ooxml_col_hidden(h, w, NULL) != 0;
    g_free(h);
    g_free(w);
    return r;
}

static bool zero_size(xmlTextReaderPtr x, const char *name)
{
    char *v = attr(x, name);
    bool r = name[0] == 'h' ? nohin_ooxml_row_hidden(NULL, v, NULL) != 0
                            : nohin_ooxml_col_hidden(NULL, v, NULL) != 0;
    g_free(v);
    return r;
}

void cx_sst_mark_used(GArray *used, const char *v)
{
    guint64 i = g_ascii_strtoull(v, NULL, 10);
    if (i >= 16u * 1024u * 1024u) return;
    if (i >= used->len) g_array_set_size(used, (guint)i + 1);
    g_array_index(used, guint8, i) = 1;
}

static bool reader_error(xmlTextReaderPtr x, nohin_zip *z, const char *part, int rc, GError **error)
{
    if (rc >= 0 && !nohin_zip_limit_hit(z)) return true;
    (void)x;
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: damaged XML or over a limit"),
                part);
    return false;
}

/* A cell's r (its column) and t, in one pass over its attributes, without
 * copying r and with t on the stack unless it is long (once per cell, twice). */
typedef struct {
    bool has_col;
    int col;
    const char *t; /* NULL when absent */
    char tbuf[32];
    char *theap;
} cell_attrs;

static void read_cell_attrs(xmlTextReaderPtr x, cell_attrs *a)
{
    a->has_col = false;
    a->t = a->theap = NULL;
    for (int ok = xmlTextReaderMoveToFirstAttribute(x); ok == 1;
         ok = xmlTextReaderMoveToNextAttribute(x)) {
        const char *name = (const char *)xmlTextReaderConstName(x);
        const char *v = (const char *)xmlTextReaderConstValue(x);
        if (!strcmp(name, "r") && !a->has_col) {
            int rr = 0;
            a->has_col = nohin_ooxml_parse_cell(v, &a->col, &rr) && a->col;
        } else if (!strcmp(name, "t") && !a->t) {
            size_t n = strlen(v);
            a->t = n < sizeof a->tbuf ? memcpy(a->tbuf, v, n + 1) : (a->theap = g_strdup(v));
        }
    }
    xmlTextReaderMoveToElement(x);
}

/* The header/footer element at x prints more than page numbers: lint's
 * XLSX-HEADER-FOOTER, so it goes. Reads its text without moving the reader. */
static bool headerfooter_flagged(xmlTextReaderPtr x)
{
    xmlChar *t = xmlTextReaderReadString(x);
    bool r = t && nohin_ooxml_headerfooter_flagged((const char *)t);
    xmlFree(t);
    return r;
}

static bool same_ints(const GArray *a, const GArray *b)
{
    return a->len == b->len && (!a->len || !memcmp(a->data, b->data, a->len * sizeof(int)));
}

/* NOHIN_CLEAN_SCAN_CHECK=1: the SAX scan's result against the reader's. */
static bool sax_agrees(const xlsx_sheet_info *r, GArray *rused, const char *part)
{
    xlsx_sheet_info t;
    cx_sheet_info_init(&t, r->unhide);
    t.xml = g_bytes_ref(r->xml);
    GArray *used = g_array_new(FALSE, TRUE, sizeof(guint8));
    bool same = cx_sheet_scan_sax(t.xml, &t, used) == 1;
    bool ran = same;
    same = same && same_ints(t.shift.rows, r->shift.rows) &&
           same_ints(t.shift.cols, r->shift.cols) && t.hidden_rows == r->hidden_rows &&
           t.hidden_cols == r->hidden_cols && t.zero_height == r->zero_height &&
           t.has_drawing == r->has_drawing && t.has_table == r->has_table &&
           t.has_legacy_drawing == r->has_legacy_drawing && t.formulas == r->formulas &&
           t.formulas_without_value == r->formulas_without_value &&
           t.headers_removed == r->headers_removed &&
           t.object_pictures->len == r->object_pictures->len;
    for (guint i = 0; same && i < t.object_pictures->len; i++)
        same = !strcmp(t.object_pictures->pdata[i], r->object_pictures->pdata[i]);
    for (guint i = 0; same && i < MAX(used->len, rused->len); i++)
        same = (i < used->len && g_array_index(used, guint8, i)) ==
               (i < rused->len && g_array_index(rused, guint8, i));
    if (!same)
        g_printerr("clean: SAX scan of %s %s the reader's\n", part,
                   ran ? "differs from" : "left the decision to");
    cx_sheet_info_clear(&t);
    g_array_free(used, TRUE);
    return same || !ran;
}

bool cx_sheet_scan(nohin_zip *z, const char *part, xlsx_sheet_info *info, GArray *sst_used,
                   GError **error)
{
    static gint check = -1;
    if (g_atomic_int_get(&check) < 0) {
        const char *c = g_getenv("NOHIN_CLEAN_SCAN_CHECK");
        g_atomic_int_set(&check, c && *c && strcmp(c, "0") ? 1 : 0);
    }
    load_part(z, part, info);
    /* a part in memory: the SAX scan (xlsx_scan_sax.c) unless it leaves the
     * decision to this one */
    if (info->xml && !check && !nohin_zip_limit_hit(z) &&
        cx_sheet_scan_sax(info->xml, info, sst_used) == 1)
        return true;
    xmlTextReaderPtr x =
        info->xml ? memory_reader(info->xml, part, error) : nohin_zip_xml_reader(z, part, error);
    if (!x) return false;
    GArray *mark = check ? g_array_new(FALSE, TRUE, sizeof(guint8)) : sst_used;
    int rc, row = 0, col = 0;
    while ((rc = xmlTextReaderRead(x)) == 1) {
        if (xmlTextReaderNodeType(x) != XML_READER_TYPE_ELEMENT) continue;
        if (xmlTextReaderDepth(x) > MAX_DEPTH) {
            rc = -1;
            break;
        }
        const char *n = lname(x);
        if (!strcmp(n, "sheetData")) {
            cx_shift_finish(&info->shift); /* columns sorted before cells look them up */
        } else if (!strcmp(n, "sheetFormatPr")) {
            info->zero_height = attr_true(x, "zeroHeight");
        } else if (!strcmp(n, "col")) {
            if (!col_hidden(x)) continue;
            int lo = CLAMP(attr_int(x, "min", 0), 1, XLSX_MAX_COL);
            int hi = CLAMP(attr_int(x, "max", lo), lo, XLSX_MAX_COL);
            info->hidden_cols += hi - lo + 1;
            if (!info->unhide)
                for (int c = lo; c <= hi; c++)
                    g_array_append_val(info->shift.cols, c);
        } else if (!strcmp(n, "row")) {
            row = attr_int(x, "r", row + 1);
            col = 0;
            if (row < 1 || row > XLSX_MAX_ROW) {
                rc = -1;
                break;
            }
            if (row_hidden(x)) {
                info->hidden_rows++;
                if (!info->unhide) {
                    g_array_append_val(info->shift.rows, row);
                    cx_skip_subtree(x);
                }
            }
        } else if (!strcmp(n, "c")) {
            cell_attrs ca;
            read_cell_attrs(x, &ca);
            if (ca.has_col)
                col = ca.col;
            else
                col++;
            bool drop = !info->unhide && info->shift.cols->len &&
                        g_array_index(info->shift.cols, int, 0) <= col &&
                        cx_col_deleted(&info->shift, col);
            bool shared = ca.t && !strcmp(ca.t, "s");
            g_free(ca.theap);
            if (drop || xmlTextReaderIsEmptyElement(x)) {
                cx_skip_subtree(x);
                continue;
            }
            int d = xmlTextReaderDepth(x);
            bool in_v = false, has_f = false, has_v = false;
            while ((rc = xmlTextReaderRead(x)) == 1) {
                int ty = xmlTextReaderNodeType(x);
                if (ty == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(x) == d) break;
                if (ty == XML_READER_TYPE_ELEMENT && !strcmp(lname(x), "f")) has_f = true;
                if (ty == XML_READER_TYPE_ELEMENT && !strcmp(lname(x), "v"))
                    in_v = !xmlTextReaderIsEmptyElement(x);
                else if (ty == XML_READER_TYPE_END_ELEMENT)
                    in_v = false;
                if ((ty == XML_READER_TYPE_TEXT || ty == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
                    in_v)
                    has_v = true;
                if (ty == XML_READER_TYPE_TEXT && in_v && shared)
                    cx_sst_mark_used(mark, (const char *)xmlTextReaderConstValue(x));
            }
            if (has_f) info->formulas++;
            if (has_f && !has_v) info->formulas_without_value++;
            if (rc != 1) break;
        } else if (nohin_ooxml_is_headerfooter(n) && headerfooter_flagged(x)) {
            info->headers_removed++;
        } else if (cx_sheet_note_anchor(info, n)) {
            /* drawing, table or legacy drawing: noted */
        } else if (!strcmp(n, "objectPr") || !strcmp(n, "controlPr")) {
            xmlChar *rid = xmlTextReaderGetAttributeNs(x, BAD_CAST "id", BAD_CAST REL_NS);
            if (rid && info->object_pictures->len < 4096)
                g_ptr_array_add(info->object_pictures, g_strdup((const char *)rid));
            xmlFree(rid);
        }
    }
    bool ok = reader_error(x, z, part, rc, error);
    xmlFreeTextReader(x);
    cx_shift_finish(&info->shift);
    if (check) {
        if (ok && info->xml && !sax_agrees(info, mark, part))
            ok = (g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "NOHIN_CLEAN_SCAN_CHECK: %s",
                              part),
                  false);
        if (mark->len > sst_used->len) g_array_set_size(sst_used, mark->len);
        for (guint i = 0; i < mark->len; i++)
            if (g_array_index(mark, guint8, i)) g_array_index(sst_used, guint8, i) = 1;
        g_array_free(mark, TRUE);
    }
    return ok;
}

void cx_copy_attrs(xmlTextReaderPtr x, xmlTextWriterPtr w, const char *const *skip)
{
    if (!xmlTextReaderHasAttributes(x)) return;
    for (int ok = xmlTextReaderMoveToFirstAttribute(x); ok == 1;
         ok = xmlTextReaderMoveToNextAttribute(x)) {
        const char *name = (const char *)xmlTextReaderConstName(x);
        bool drop = false;
        for (const char *const *s = skip; s && *s; s++)
            if (!strcmp(*s, name)) drop = true;
        if (!drop) xmlTextWriterWriteAttribute(w, BAD_CAST name, xmlTextReaderConstValue(x));
    }
    xmlTextReaderMoveToElement(x);
}

/* State of one rewrite. A "pending" container (mergeCells, cols…) is only
 * written once it gets a child: an empty one would be invalid. */
typedef struct {
    xmlTextReaderPtr x;
    xmlTextWriterPtr w;
    const xlsx_sheet_info *info;
    const GArray *sst_map;
    bool shifting;
    bool written[MAX_DEPTH + 2];
    int pending_depth; /* -1: none */
    char *pending_name;
    GPtrArray *pending_attrs; /* name, value, name, value… */
    int row, col;
    const xmlChar *pfx; /* prefix of the element being rewritten (dict string) */
    GString *vbuf;      /* a cell's <v>, reused from cell to cell */
} rw;

/* Elements clean writes itself keep the source's prefix: in a sheet written
 * as <x:worksheet xmlns:x=…>, a bare <row> has no namespace and Excel and
 * openpyxl skip it (data loss). */
static void take_prefix(rw *s)
{
    s->pfx = xmlTextReaderConstPrefix(s->x);
}

static void el_start(rw *s, const char *local)
{
    xmlTextWriterStartElementNS(s->w, s->pfx, BAD_CAST local, NULL);
}

static void el_text(rw *s, const char *local, const char *text)
{
    xmlTextWriterWriteElementNS(s->w, s->pfx, BAD_CAST local, NULL, BAD_CAST text);
}

static void flush_pending(rw *s)
{
    if (s->pending_depth < 0) return;
    xmlTextWriterStartElement(s->w, BAD_CAST s->pending_name);
    for (guint i = 0; i + 1 < s->pending_attrs->len; i += 2)
        xmlTextWriterWriteAttribute(s->w, s->pending_attrs->pdata[i],
                                    s->pending_attrs->pdata[i + 1]);
    s->written[s->pending_depth] = true;
    s->pending_depth = -1;
    g_clear_pointer(&s->pending_name, g_free);
    g_ptr_array_set_size(s->pending_attrs, 0);
}

static void start_with(rw *s, const char *const *skip, const char *extra, const char *value)
{
    int d = xmlTextReaderDepth(s->x);
    if (s->pending_depth >= 0 && s->pending_depth == d - 1) flush_pending(s);
    xmlTextWriterStartElement(s->w, xmlTextReaderConstName(s->x));
    if (extra) xmlTextWriterWriteAttribute(s->w, BAD_CAST extra, BAD_CAST value);
    cx_copy_attrs(s->x, s->w, skip);
    if (xmlTextReaderIsEmptyElement(s->x))
        xmlTextWriterEndElement(s->w);
    else if (d <= MAX_DEPTH)
        s->written[d] = true;
}

static void start(rw *s, const char *const *skip)
{
    start_with(s, skip, NULL, NULL);
}

static void start_pending(rw *s, const char *const *skip)
{
    s->pending_depth = xmlTextReaderDepth(s->x);
    s->pending_name = g_strdup((const char *)xmlTextReaderConstName(s->x));
    for (int ok = xmlTextReaderMoveToFirstAttribute(s->x); ok == 1;
         ok = xmlTextReaderMoveToNextAttribute(s->x)) {
        const char *name = (const char *)xmlTextReaderConstName(s->x);
        bool drop = false;
        for (const char *const *k = skip; k && *k; k++)
            if (!strcmp(*k, name)) drop = true;
        if (drop) continue;
        g_ptr_array_add(s->pending_attrs, g_strdup(name));
        g_ptr_array_add(s->pending_attrs, g_strdup((const char *)xmlTextReaderConstValue(s->x)));
    }
    xmlTextReaderMoveToElement(s->x);
    if (xmlTextReaderIsEmptyElement(s->x)) {
        s->pending_depth = -1;
        g_clear_pointer(&s->pending_name, g_free);
        g_ptr_array_set_size(s->pending_attrs, 0);
    }
}

/* The mapped value of an element's reference attribute; NULL (and the element
 * skipped) when nothing of it is left. *keep says the attribute was absent or
 * nothing moves, so the element is copied as it is. */
static char *mapped(rw *s, const char *attr_name, bool sqref, bool *keep)
{
    char *v = attr(s->x, attr_name);
    *keep = !v || !s->shifting;
    if (*keep) {
        g_free(v);
        return NULL;
    }
    bool ok = true;
    char *m = sqref ? cx_map_sqref(&s->info->shift, v) : cx_map_ref(&s->info->shift, v, &ok);
    g_free(v);
    if (!m) cx_skip_subtree(s->x);
    return m;
}

static void start_mapped(rw *s, const char *attr_name, bool sqref)
{
    bool keep;
    char *m = mapped(s, attr_name, sqref, &keep);
    if (keep) {
        start(s, NULL);
    } else if (m) {
        const char *skip[] = {attr_name, NULL};
        start_with(s, skip, attr_name, m);
    }
    g_free(m);
}

/* autoFilter keeps its range only: its criteria would hide rows again. */
static void rewrite_autofilter(rw *s)
{
    bool keep;
    char *m = mapped(s, "ref", false, &keep);
    char *ref = keep ? attr(s->x, "ref") : m;
    if (ref) {
        if (s->pending_depth >= 0) flush_pending(s);
        take_prefix(s);
        el_start(s, "autoFilter");
        xmlTextWriterWriteAttribute(s->w, BAD_CAST "ref", BAD_CAST ref);
        xmlTextWriterEndElement(s->w);
        cx_skip_subtree(s->x);
    }
    g_free(ref);
}

/* "%s%d" of the column name and row, without printf (once per cell). */
static void cell_ref(char ref[24], int col, int row)
{
    char name[8];
    nohin_ooxml_col_name(col, name);
    if (row <= 0) {
        g_snprintf(ref, 16, "%s%d", name, row);
        return;
    }
    char digits[12];
    int n = 0;
    for (unsigned v = (unsigned)row; v; v /= 10)
        digits[n++] = (char)('0' + v % 10);
    size_t len = strlen(name);
    if (len + (size_t)n > 15) { /* as the 16-byte snprintf had it (cut short) */
        g_snprintf(ref, 16, "%s%d", name, row);
        return;
    }
    memcpy(ref, name, len);
    while (n)
        ref[len++] = digits[--n];
    ref[len] = '\0';
}

static void write_cell_start(rw *s, int col, const char *type, xmlTextReaderPtr x)
{
    char ref[24];
    cell_ref(ref, col, s->row);
    if (s->pending_depth >= 0) flush_pending(s);
    el_start(s, "c");
    xmlTextWriterWriteAttribute(s->w, BAD_CAST "r", BAD_CAST ref);
    static const char *const skip[] = {"r", "t", "cm", "vm", NULL};
    cx_copy_attrs(x, s->w, skip);
    if (type) xmlTextWriterWriteAttribute(s->w, BAD_CAST "t", BAD_CAST type);
}

/* Copies the subtree at the reader (an <is>) element by element, as the main
 * loop copies the rest of the sheet: text, whitespace included (it is the
 * cell's value), CDATA, attributes as they are. Namespaces stay declared where
 * the source declares them (no xmlns repeated on every <t>, as a node dump
 * wrote it). The reader ends on the subtree's end tag. */
static int copy_subtree(rw *s)
{
    xmlTextReaderPtr x = s->x;
    int d = xmlTextReaderDepth(x), open = 0, rc = 1;
    xmlTextWriterStartElement(s->w, xmlTextReaderConstName(x));
    cx_copy_attrs(x, s->w, NULL);
    if (xmlTextReaderIsEmptyElement(x)) {
        xmlTextWriterEndElement(s->w);
        return 1;
    }
    while ((rc = xmlTextReaderRead(x)) == 1) {
        int ty = xmlTextReaderNodeType(x), dd = xmlTextReaderDepth(x);
        if (ty == XML_READER_TYPE_END_ELEMENT && dd == d) break;
        if (dd > MAX_DEPTH) {
            rc = -1;
            break;
        }
        if (ty == XML_READER_TYPE_ELEMENT) {
            xmlTextWriterStartElement(s->w, xmlTextReaderConstName(x));
            cx_copy_attrs(x, s->w, NULL);
            if (xmlTextReaderIsEmptyElement(x))
                xmlTextWriterEndElement(s->w);
            else
                open++;
        } else if (ty == XML_READER_TYPE_END_ELEMENT) {
            if (open > 0) {
                xmlTextWriterEndElement(s->w);
                open--;
            }
        } else if (ty == XML_READER_TYPE_TEXT || ty == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                   ty == XML_READER_TYPE_WHITESPACE) {
            xmlTextWriterWriteString(s->w, xmlTextReaderConstValue(x));
        } else if (ty == XML_READER_TYPE_CDATA) {
            xmlTextWriterWriteCDATA(s->w, xmlTextReaderConstValue(x));
        }
    }
    while (open-- > 0)
        xmlTextWriterEndElement(s->w);
    xmlTextWriterEndElement(s->w);
    return rc;
}

/* An inline-string cell: its start does not depend on its children, so it is
 * written at once and its (first) <is> copied as it streams past; other
 * children (a stray <v> or <f>) go. */
static int rewrite_inline_cell(rw *s, int ncol)
{
    xmlTextReaderPtr x = s->x;
    write_cell_start(s, ncol, "inlineStr", x);
    int d = xmlTextReaderDepth(x), rc;
    bool copied = false;
    while ((rc = xmlTextReaderRead(x)) == 1) {
        int ty = xmlTextReaderNodeType(x);
        if (ty == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(x) == d) break;
        if (ty != XML_READER_TYPE_ELEMENT) continue;
        if (!copied && !strcmp(lname(x), "is")) {
            copied = true;
            if ((rc = copy_subtree(s)) != 1) break;
        } else {
            cx_skip_subtree(x);
        }
    }
    xmlTextWriterEndElement(s->w);
    return rc;
}

/* One <c>: formula dropped (its cached value stays), shared strings renumbered,
 * formula strings turned into inline strings. */
static int rewrite_cell(rw *s)
{
    xmlTextReaderPtr x = s->x;
    take_prefix(s);
    cell_attrs ca;
    read_cell_attrs(x, &ca);
    const char *t = ca.t;
    char *theap = ca.theap;
    int col = ca.has_col ? ca.col : s->col + 1;
    s->col = col;
    if (s->shifting && cx_col_deleted(&s->info->shift, col)) {
        cx_skip_subtree(x);
        g_free(theap);
        return 1;
    }
    int ncol = s->shifting ? cx_col_map(&s->info->shift, col) : col;
    const char *type = t ? t : NULL;
    if (xmlTextReaderIsEmptyElement(x)) {
        write_cell_start(s, ncol, type, x);
        xmlTextWriterEndElement(s->w);
        g_free(theap);
        return 1;
    }
    if (type && !strcmp(type, "inlineStr")) {
        g_free(theap);
        return rewrite_inline_cell(s, ncol);
    }
    /* Gather the children first: the type written depends on them. */
    GString *v = NULL;
    char *f_xml = NULL;
    int d = xmlTextReaderDepth(x), rc;
    bool in_v = false;
    while ((rc = xmlTextReaderRead(x)) == 1) {
        int ty = xmlTextReaderNodeType(x);
        if (ty == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(x) == d) break;
        if (ty == XML_READER_TYPE_ELEMENT) {
            const char *n = lname(x);
            if (!strcmp(n, "v")) {
                in_v = !xmlTextReaderIsEmptyElement(x);
                if (!v) v = g_string_truncate(s->vbuf, 0);
            } else if (!strcmp(n, "f") && s->info->keep_formulas) {
                xmlChar *o = xmlTextReaderReadOuterXml(x);
                g_free(f_xml);
                f_xml = g_strdup(o ? (const char *)o : "");
                xmlFree(o);
                cx_skip_subtree(x);
            } else {
                cx_skip_subtree(x); /* f, is (not an inline string), extLst */
            }
        } else if (ty == XML_READER_TYPE_END_ELEMENT) {
            in_v = false;
        } else if ((ty == XML_READER_TYPE_TEXT || ty == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
                   in_v) {
            g_string_append(v, (const char *)xmlTextReaderConstValue(x));
        }
    }
    if (f_xml && !(type && (!strcmp(type, "s") || !strcmp(type, "inlineStr")))) {
        /* A sheet with formulas that have no stored value keeps every formula
         * as it is (with the cached values it has): never an empty cell. */
        write_cell_start(s, ncol, type, x);
        xmlTextWriterWriteRaw(s->w, BAD_CAST f_xml);
        if (v && v->len) el_text(s, "v", v->str);
    } else if (type && !strcmp(type, "s") && v) {
        guint64 i = g_ascii_strtoull(v->str, NULL, 10);
        int ni = i < s->sst_map->len ? g_array_index(s->sst_map, int, i) : -1;
        write_cell_start(s, ncol, ni >= 0 ? "s" : NULL, x);
        if (ni >= 0) {
            char buf[16];
            g_snprintf(buf, sizeof buf, "%d", ni);
            el_text(s, "v", buf);
        }
    } else if (type && !strcmp(type, "str") && v) {
        write_cell_start(s, ncol, "inlineStr", x);
        el_start(s, "is");
        el_start(s, "t");
        xmlTextWriterWriteAttribute(s->w, BAD_CAST "xml:space", BAD_CAST "preserve");
        xmlTextWriterWriteString(s->w, BAD_CAST v->str);
        xmlTextWriterEndElement(s->w);
        xmlTextWriterEndElement(s->w);
    } else {
        write_cell_start(s, ncol, v && type && strcmp(type, "str") ? type : NULL, x);
        if (v) el_text(s, "v", v->str);
    }
    xmlTextWriterEndElement(s->w);
    g_free(f_xml);
    g_free(theap);
    return rc;
}

static void rewrite_col(rw *s)
{
    int lo = CLAMP(attr_int(s->x, "min", 1), 1, XLSX_MAX_COL);
    int hi = CLAMP(attr_int(s->x, "max", lo), lo, XLSX_MAX_COL);
    int nlo = lo, nhi = hi;
    if (s->shifting) {
        while (lo <= hi && cx_col_deleted(&s->info->shift, lo))
            lo++;
        while (hi >= lo && cx_col_deleted(&s->info->shift, hi))
            hi--;
        if (lo > hi) {
            cx_skip_subtree(s->x);
            return;
        }
        nlo = cx_col_map(&s->info->shift, lo);
        nhi = cx_col_map(&s->info->shift, hi);
    }
    bool zero_width = zero_size(s->x, "width");
    static const char *const skip_shift[] = {"min", "max", "hidden", "collapsed", NULL};
    static const char *const skip_unhide[] = {"min",   "max",         "hidden", "collapsed",
                                              "width", "customWidth", NULL};
    if (s->pending_depth >= 0) flush_pending(s);
    take_prefix(s);
    el_start(s, "col");
    char buf[16];
    g_snprintf(buf, sizeof buf, "%d", nlo);
    xmlTextWriterWriteAttribute(s->w, BAD_CAST "min", BAD_CAST buf);
    g_snprintf(buf, sizeof buf, "%d", nhi);
    xmlTextWriterWriteAttribute(s->w, BAD_CAST "max", BAD_CAST buf);
    if (zero_width) {
        cx_copy_attrs(s->x, s->w, skip_unhide);
        xmlTextWriterWriteAttribute(s->w, BAD_CAST "width", BAD_CAST "9.140625");
    } else {
        cx_copy_attrs(s->x, s->w, skip_shift);
    }
    xmlTextWriterEndElement(s->w);
    cx_skip_subtree(s->x);
}

static void rewrite_row(rw *s)
{
    int r = attr_int(s->x, "r", s->row + 1);
    s->row = r;
    s->col = 0;
    if (s->shifting && cx_row_deleted(&s->info->shift, r)) {
        cx_skip_subtree(s->x);
        s->row = r;
        return;
    }
    int nr = s->shifting ? cx_row_map(&s->info->shift, r) : r;
    bool zero = zero_size(s->x, "ht");
    static const char *const skip[] = {"r", "hidden", "spans", "collapsed", NULL};
    static const char *const skip_zero[] = {"r",  "hidden",       "spans", "collapsed",
                                            "ht", "customHeight", NULL};
    int d = xmlTextReaderDepth(s->x);
    if (s->pending_depth >= 0) flush_pending(s);
    take_prefix(s);
    el_start(s, "row");
    char buf[16];
    g_snprintf(buf, sizeof buf, "%d", nr);
    xmlTextWriterWriteAttribute(s->w, BAD_CAST "r", BAD_CAST buf);
    cx_copy_attrs(s->x, s->w, zero ? skip_zero : skip);
    s->row = nr; /* cells of this row are written with the new number */
    if (xmlTextReaderIsEmptyElement(s->x)) {
        xmlTextWriterEndElement(s->w);
        s->row = r;
        return;
    }
    int rc;
    while ((rc = xmlTextReaderRead(s->x)) == 1) {
        int ty = xmlTextReaderNodeType(s->x);
        if (ty == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(s->x) == d) break;
        if (ty != XML_READER_TYPE_ELEMENT) continue;
        if (!strcmp(lname(s->x), "c")) {
            if (rewrite_cell(s) != 1) break;
        } else {
            cx_skip_subtree(s->x);
        }
    }
    xmlTextWriterEndElement(s->w);
    s->row = r;
}

/* A header/footer lint flags: only its sections that print page numbers stay;
 * with none left, the element goes. */
static void rewrite_headerfooter(rw *s)
{
    xmlChar *t = xmlTextReaderReadString(s->x);
    char *keep = nohin_ooxml_headerfooter_keep((const char *)t);
    xmlFree(t);
    if (*keep) {
        xmlTextWriterStartElement(s->w, xmlTextReaderConstName(s->x));
        cx_copy_attrs(s->x, s->w, NULL);
        xmlTextWriterWriteString(s->w, BAD_CAST keep);
        xmlTextWriterEndElement(s->w);
    }
    g_free(keep);
    cx_skip_subtree(s->x);
}

/* Elements dropped from every kept sheet: comment drawings (their parts go),
 * custom views (they keep their own hidden rows), embedded OLE objects and
 * ActiveX controls (their parts go: XLSX-EMBEDDED-OBJECT). */
static bool always_drop(const char *n)
{
    return !strcmp(n, "legacyDrawing") || !strcmp(n, "legacyDrawingHF") ||
           !strcmp(n, "customSheetViews") || !strcmp(n, "selection") || !strcmp(n, "oleObjects") ||
           !strcmp(n, "controls");
}

/* Excel wraps a sheet's <controls> (and some writers <oleObjects>) in an
 * mc:AlternateContent of their own: such a wrapper goes with what it holds.
 * The reader stays where it is (ReadOuterXml does not move it). */
static bool wraps_objects(xmlTextReaderPtr x)
{
    if (strcmp(lname(x), "AlternateContent")) return false;
    xmlChar *o = xmlTextReaderReadOuterXml(x);
    bool objects =
        o && (strstr((const char *)o, "controls>") || strstr((const char *)o, "oleObjects>") ||
              strstr((const char *)o, "controls ") || strstr((const char *)o, "oleObjects "));
    xmlFree(o);
    return objects;
}

/* Elements dropped when rows or columns move: their references would point
 * at the wrong cells. */
static bool drop_when_shifting(const char *n)
{
    return !strcmp(n, "rowBreaks") || !strcmp(n, "colBreaks") || !strcmp(n, "ignoredErrors") ||
           !strcmp(n, "extLst") || !strcmp(n, "cellWatches") || !strcmp(n, "scenarios");
}

bool cx_sheet_rewrite(nohin_zip *z, const char *part, const xlsx_sheet_info *info,
                      const GArray *sst_map, xmlBufferPtr out, GError **error)
{
    xmlTextReaderPtr x;
    if (info->xml) {
        if (!nohin_zip_charge(z, g_bytes_get_size(info->xml))) {
            g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                        _("%s: damaged XML or over a limit"), part);
            return false;
        }
        x = memory_reader(info->xml, part, error);
    } else {
        x = nohin_zip_xml_reader(z, part, error);
    }
    if (!x) return false;
    xmlTextWriterPtr w = xmlNewTextWriterMemory(out, 0);
    rw s = {.x = x,
            .w = w,
            .info = info,
            .sst_map = sst_map,
            .shifting = !cx_shift_empty(&info->shift),
            .pending_depth = -1,
            .pending_attrs = g_ptr_array_new_with_free_func(g_free),
            .vbuf = g_string_new(NULL)};
    xmlTextWriterStartDocument(w, "1.0", "UTF-8", "yes");
    int rc;
    while ((rc = xmlTextReaderRead(x)) == 1) {
        int ty = xmlTextReaderNodeType(x), d = xmlTextReaderDepth(x);
        if (d > MAX_DEPTH) {
            rc = -1;
            break;
        }
        if (ty == XML_READER_TYPE_ELEMENT) {
            const char *n = lname(x);
            if (d == 1 &&
                (always_drop(n) || (s.shifting && drop_when_shifting(n)) || wraps_objects(x))) {
                cx_skip_subtree(x);
            } else if (!strcmp(n, "selection")) {
                cx_skip_subtree(x);
            } else if (d == 2 && nohin_ooxml_is_headerfooter(n) && headerfooter_flagged(x)) {
                rewrite_headerfooter(&s);
            } else if (!strcmp(n, "row")) {
                rewrite_row(&s);
            } else if (!strcmp(n, "col")) {
                rewrite_col(&s);
            } else if (!strcmp(n, "cols") || !strcmp(n, "mergeCells") || !strcmp(n, "hyperlinks") ||
                       !strcmp(n, "dataValidations")) {
                static const char *const skip[] = {"count", NULL};
                start_pending(&s, skip);
            } else if (!strcmp(n, "sheetFormatPr")) {
                static const char *const skip[] = {"zeroHeight", NULL};
                start(&s, skip);
            } else if (!strcmp(n, "sheetPr")) {
                static const char *const skip[] = {"filterMode", NULL};
                start(&s, skip);
            } else if (!strcmp(n, "pageSetup")) {
                static const char *const skip[] = {"r:id", NULL};
                start(&s, skip);
            } else if (!strcmp(n, "autoFilter")) {
                rewrite_autofilter(&s);
            } else if (!strcmp(n, "dimension") || !strcmp(n, "mergeCell") ||
                       !strcmp(n, "hyperlink")) {
                start_mapped(&s, "ref", false);
            } else if (!strcmp(n, "conditionalFormatting") || !strcmp(n, "dataValidation") ||
                       !strcmp(n, "protectedRange")) {
                start_mapped(&s, "sqref", true);
            } else if (!strcmp(n, "pane")) {
                start_mapped(&s, "topLeftCell", false);
            } else {
                start(&s, NULL);
            }
        } else if (ty == XML_READER_TYPE_END_ELEMENT) {
            if (d == s.pending_depth) {
                s.pending_depth = -1; /* never got a child: not written at all */
                g_clear_pointer(&s.pending_name, g_free);
                g_ptr_array_set_size(s.pending_attrs, 0);
            } else if (d <= MAX_DEPTH && s.written[d]) {
                xmlTextWriterEndElement(w);
                s.written[d] = false;
            }
        } else if (ty == XML_READER_TYPE_TEXT || ty == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            xmlTextWriterWriteString(w, xmlTextReaderConstValue(x));
        } else if (ty == XML_READER_TYPE_CDATA) {
            xmlTextWriterWriteCDATA(w, xmlTextReaderConstValue(x));
        }
    }
    xmlTextWriterEndDocument(w);
    xmlFreeTextWriter(w);
    bool ok = reader_error(x, z, part, rc, error);
    xmlFreeTextReader(x);
    g_free(s.pending_name);
    g_ptr_array_free(s.pending_attrs, TRUE);
    g_string_free(s.vbuf, TRUE);
    return ok;
}
