/* The worksheet scan (xlsx_sheet.c, cx_sheet_scan) over a part already in memory,
 * with libxml2's SAX2 callbacks instead of xmlTextReader: the reader builds and
 * frees a node for every element, text and attribute, which made the scan a
 * quarter of a workbook's cleaning. Same decisions, node for node, as the reader
 * loop: a text node is the run of characters between two other nodes (elements,
 * CDATA, comments, processing instructions); whitespace-only text is a value (the
 * reader reports a blank text node as significant whatever xml:space says:
 * xmlNodeGetSpacePreserve gives -1 for a text node); an element written <x/> has
 * no end node; subtrees of hidden rows and dropped cells are skipped; only the
 * elements the reader loop itself sees (not inside a cell or a skipped subtree)
 * are checked for depth.
 * NOHIN_CLEAN_SCAN_CHECK=1 runs both scans and fails the workbook on any difference
 * (for tests and corpus runs). */
#include <gio/gio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <string.h>
#include "clean/xlsx_package.h"
#include "clean/xlsx_sheet.h"
#include "ooxml/ooxml.h"

#define MAX_DEPTH 64   /* as xlsx_sheet.c */
#define TREE_DEPTH 260 /* above libxml2's own limit (256) */

typedef struct {
    xmlParserCtxtPtr ctxt;
    xlsx_sheet_info *info;
    GArray *sst_used;
    bool failed;  /* the reader scan must decide (depth, row number, an entity) */
    int depth;    /* of the element being opened, as xmlTextReaderDepth */
    int skip;     /* depth of the subtree being skipped; -1 none */
    int row, col; /* as the reader loop counts them */
    int cell;     /* depth of the open cell; -1 none */
    bool shared, has_f, has_v, in_v;
    GString *text;          /* characters of the current text node */
    GString *hf;            /* text under the open header/footer elements */
    GArray *hf_open;        /* (depth, offset in hf) of each open header/footer element */
    bool empty[TREE_DEPTH]; /* written <x/>: the reader gives it no end node */
} sax_scan;

static void fail(sax_scan *s)
{
    s->failed = true;
    xmlStopParser(s->ctxt);
}

/* The value of an unprefixed attribute (SAX2: localname/prefix/URI/value/end).
 * Without entity substitution SAX2 hands "&amp;" on as "&#38;", which the tree
 * decodes: such a value is left to the reader scan. */
static char *value_of(sax_scan *s, const xmlChar *const *a)
{
    gsize l = (gsize)(a[4] - a[3]);
    if (memchr(a[3], '&', l)) fail(s);
    return g_strndup((const char *)a[3], l);
}

static char *sax_attr(sax_scan *s, int n, const xmlChar **a, const char *name)
{
    for (int i = 0; i < n; i++, a += 5)
        if (!a[1] && !strcmp((const char *)a[0], name)) return value_of(s, a);
    return NULL;
}

static int sax_attr_int(sax_scan *s, int n, const xmlChar **a, const char *name, int dflt)
{
    char *v = sax_attr(s, n, a, name);
    int r = v ? (int)g_ascii_strtoll(v, NULL, 10) : dflt;
    g_free(v);
    return r;
}

/* The text node that just ended: what the reader loop would do with it. */
static void flush_text(sax_scan *s)
{
    if (!s->text->len) return;
    if (s->skip < 0 && s->cell >= 0 && s->in_v) {
        bool blank = true;
        for (gsize i = 0; i < s->text->len && blank; i++)
            blank = IS_BLANK_CH(s->text->str[i]);
        s->has_v = true; /* blank text too: the reader calls it significant whitespace */
        if (!blank && s->shared) cx_sst_mark_used(s->sst_used, s->text->str);
    }
    g_string_truncate(s->text, 0);
}

static void on_characters(void *ctx, const xmlChar *ch, int len)
{
    sax_scan *s = ((xmlParserCtxtPtr)ctx)->_private;
    if (s->hf_open->len) g_string_append_len(s->hf, (const char *)ch, len);
    if (s->skip < 0 && s->cell >= 0 && s->in_v) g_string_append_len(s->text, (const char *)ch, len);
}

static void on_cdata(void *ctx, const xmlChar *ch, int len)
{
    sax_scan *s = ((xmlParserCtxtPtr)ctx)->_private;
    flush_text(s);
    if (s->hf_open->len) g_string_append_len(s->hf, (const char *)ch, len);
}

static void on_other(void *ctx, const xmlChar *a, const xmlChar *b)
{
    (void)a;
    (void)b;
    flush_text(((xmlParserCtxtPtr)ctx)->_private);
}

static void on_comment(void *ctx, const xmlChar *v)
{
    (void)v;
    flush_text(((xmlParserCtxtPtr)ctx)->_private);
}

/* The reader loop's handling of an element it sees itself (not in a cell). */
static void main_element(sax_scan *s, const char *n, int na, const xmlChar **a, int d, bool empty)
{
    xlsx_sheet_info *info = s->info;
    if (d > MAX_DEPTH) {
        fail(s);
        return;
    }
    if (!strcmp(n, "sheetData")) {
        cx_shift_finish(&info->shift);
    } else if (!strcmp(n, "sheetFormatPr")) {
        char *v = sax_attr(s, na, a, "zeroHeight");
        info->zero_height = v && (!strcmp(v, "1") || !strcmp(v, "true"));
        g_free(v);
    } else if (!strcmp(n, "col")) {
        char *h = sax_attr(s, na, a, "hidden"), *w = sax_attr(s, na, a, "width");
        bool hidden = nohin_ooxml_col_hidden(h, w, NULL) != 0;
        g_free(h);
        g_free(w);
        if (!hidden) return;
        int lo = CLAMP(sax_attr_int(s, na, a, "min", 0), 1, XLSX_MAX_COL);
        int hi = CLAMP(sax_attr_int(s, na, a, "max", lo), lo, XLSX_MAX_COL);
        info->hidden_cols += hi - lo + 1;
        if (!info->unhide)
            for (int c = lo; c <= hi; c++)
                g_array_append_val(info->shift.cols, c);
    } else if (!strcmp(n, "row")) {
        s->row = sax_attr_int(s, na, a, "r", s->row + 1);
        s->col = 0;
        if (s->row < 1 || s->row > XLSX_MAX_ROW) {
            fail(s);
            return;
        }
        char *h = sax_attr(s, na, a, "hidden"), *ht = sax_attr(s, na, a, "ht");
        bool hidden = nohin_ooxml_row_hidden(h, ht, NULL) != 0;
        g_free(h);
        g_free(ht);
        if (hidden) {
            info->hidden_rows++;
            if (!info->unhide) {
                g_array_append_val(info->shift.rows, s->row);
                if (!empty) s->skip = d;
            }
        }
    } else if (!strcmp(n, "c")) {
        char *r = sax_attr(s, na, a, "r"), *t = sax_attr(s, na, a, "t");
        int cc = 0, rr = 0;
        if (r && nohin_ooxml_parse_cell(r, &cc, &rr) && cc)
            s->col = cc;
        else
            s->col++;
        bool drop = !info->unhide && info->shift.cols->len &&
                    g_array_index(info->shift.cols, int, 0) <= s->col &&
                    cx_col_deleted(&info->shift, s->col);
        s->shared = t && !strcmp(t, "s");
        g_free(r);
        g_free(t);
        if (drop || empty) {
            if (!empty) s->skip = d;
        } else {
            s->cell = d;
            s->has_f = s->has_v = s->in_v = false;
        }
    } else if (nohin_ooxml_is_headerfooter(n)) {
        int open[2] = {d, (int)s->hf->len};
        g_array_append_vals(s->hf_open, open, 2);
    } else if (cx_sheet_note_anchor(info, n)) {
        /* drawing, table or legacy drawing: noted */
    } else if (!strcmp(n, "objectPr") || !strcmp(n, "controlPr")) {
        for (int i = 0; i < na; i++)
            if (a[i * 5 + 2] && !strcmp((const char *)a[i * 5 + 2], REL_NS) &&
                !strcmp((const char *)a[i * 5], "id") && info->object_pictures->len < 4096)
                g_ptr_array_add(info->object_pictures, value_of(s, a + i * 5));
    }
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nb_ns, const xmlChar **ns, int na, int nb_defaulted, const xmlChar **a)
{
    (void)prefix, (void)uri, (void)nb_ns, (void)ns, (void)nb_defaulted;
    sax_scan *s = ((xmlParserCtxtPtr)ctx)->_private;
    flush_text(s);
    int d = ++s->depth;
    /* as the reader marks an empty element: the input is at its "/>" */
    const xmlChar *cur = s->ctxt->input ? s->ctxt->input->cur : NULL;
    bool empty = cur && cur[0] == '/' && cur[1] == '>';
    if (d >= TREE_DEPTH) {
        fail(s);
        return;
    }
    s->empty[d] = empty;
    if (s->skip >= 0) return;
    const char *n = (const char *)local;
    if (s->cell >= 0) { /* the reader's loop over a cell's children */
        if (!strcmp(n, "f")) s->has_f = true;
        if (!strcmp(n, "v")) s->in_v = !empty;
        return;
    }
    main_element(s, n, na, a, d, empty);
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    (void)local, (void)prefix, (void)uri;
    sax_scan *s = ((xmlParserCtxtPtr)ctx)->_private;
    flush_text(s);
    int d = s->depth--;
    bool empty = d >= 0 && d < TREE_DEPTH && s->empty[d];
    if (s->skip >= 0) {
        if (d == s->skip) s->skip = -1;
        return;
    }
    if (s->cell >= 0) {
        if (d == s->cell) {
            if (s->has_f) s->info->formulas++;
            if (s->has_f && !s->has_v) s->info->formulas_without_value++;
            s->cell = -1;
        } else if (!empty) { /* the reader's end node */
            s->in_v = false;
        }
        return;
    }
    GArray *o = s->hf_open;
    if (o->len && g_array_index(o, int, o->len - 2) == d) {
        const char *t = s->hf->str + g_array_index(o, int, o->len - 1);
        if (nohin_ooxml_headerfooter_flagged(t)) s->info->headers_removed++;
        g_array_set_size(o, o->len - 2);
        if (!o->len) g_string_truncate(s->hf, 0);
    }
}

/* 1: info and sst_used filled; 0: the reader scan must run (an error, a limit, an
 * entity in a value: it decides, and says so, as before), info untouched. */
int cx_sheet_scan_sax(GBytes *xml, xlsx_sheet_info *info, GArray *sst_used)
{
    gsize len = 0;
    const char *data = g_bytes_get_data(xml, &len);
    if (len == 0 || len > G_MAXINT) return 0;
    xmlSAXHandler h;
    memset(&h, 0, sizeof h);
    xmlSAXVersion(&h, 2);
    h.startElementNs = on_start;
    h.endElementNs = on_end;
    h.characters = on_characters;
    h.ignorableWhitespace = on_characters;
    h.cdataBlock = on_cdata;
    h.comment = on_comment;
    h.processingInstruction = on_other;
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(data, (int)len);
    if (!ctxt) return 0;
    xmlSAXHandler *mine = xmlMalloc(sizeof h); /* the context frees it */
    if (!mine) {
        xmlFreeParserCtxt(ctxt);
        return 0;
    }
    memcpy(mine, &h, sizeof h);
    xmlFree(ctxt->sax);
    ctxt->sax = mine;
    xlsx_sheet_info tmp;
    cx_sheet_info_init(&tmp, info->unhide);
    GArray *used = g_array_new(FALSE, TRUE, sizeof(guint8));
    sax_scan s = {.ctxt = ctxt,
                  .info = &tmp,
                  .sst_used = used,
                  .depth = -1,
                  .skip = -1,
                  .cell = -1,
                  .text = g_string_new(NULL),
                  .hf = g_string_new(NULL),
                  .hf_open = g_array_new(FALSE, FALSE, sizeof(int))};
    ctxt->_private = &s;
    xmlCtxtUseOptions(ctxt, NOHIN_XML_OPTIONS);
    int rc = xmlParseDocument(ctxt);
    bool ok = rc == 0 && ctxt->wellFormed && !s.failed;
    if (ctxt->myDoc) xmlFreeDoc(ctxt->myDoc); /* the empty document SAX2's start made */
    ctxt->myDoc = NULL;
    xmlFreeParserCtxt(ctxt);
    g_string_free(s.text, TRUE);
    g_string_free(s.hf, TRUE);
    g_array_free(s.hf_open, TRUE);
    if (ok) {
        cx_shift_finish(&tmp.shift);
        tmp.xml = info->xml; /* the caller's bytes, kept for the rewrite */
        info->xml = NULL;
        cx_sheet_info_clear(info);
        *info = tmp;
        if (used->len > sst_used->len) g_array_set_size(sst_used, used->len);
        for (guint i = 0; i < used->len; i++)
            if (g_array_index(used, guint8, i)) g_array_index(sst_used, guint8, i) = 1;
    } else {
        cx_sheet_info_clear(&tmp);
    }
    g_array_free(used, TRUE);
    return ok ? 1 : 0;
}
