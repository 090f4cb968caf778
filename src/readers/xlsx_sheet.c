/* Streaming one worksheet: the scan that fills a sheet's bounded summary (and
 * feeds a cell callback in the same pass), and nohin_xlsx_foreach_cell().
 * Per-row state only; nothing grows with rows, and nothing is allocated per
 * cell or per row. */
#include <string.h>
#include "xlsx_classify.h"
#include "xlsx_reader.h"

#define BITS_BYTES (NOHIN_XLSX_MAX_COLS / 8 + 1)

/* Element names are compared on every node: the first byte rules most out. */
#define NAME_IS(ln, lit) ((ln)[0] == (lit)[0] && !strcmp((ln) + 1, (lit) + 1))

static inline void bit_set(guint8 *b, int i)
{
    if (i >= 1 && i <= NOHIN_XLSX_MAX_COLS) b[i >> 3] |= (guint8)(1u << (i & 7));
}
static inline bool bit_get(const guint8 *b, int i)
{
    return i >= 1 && i <= NOHIN_XLSX_MAX_COLS && (b[i >> 3] >> (i & 7)) & 1u;
}

typedef struct {
    nohin_xlsx *x;
    nohin_zip *zip; /* the handle this pass reads through */
    nohin_xlsx_sheet *s;
    bool scan; /* fill the summary (first pass) */
    nohin_xlsx_cell_cb cb;
    void *user;
    bool stop;    /* the callback asked to stop (the pass ends unless it scans) */
    bool cb_done; /* the callback asked to stop during a scan: no more calls */
    guint8 hidden_col[BITS_BYTES];
    /* current row */
    int row;
    bool row_hidden;
    int next_col;
    /* row summary for the table heuristics */
    int row_values, row_strings, row_numbers, row_first_col, row_last_col;
    int prev_data_row, block_rows, block_first_row_values;
    int header_row;
    guint8 header_cols[BITS_BYTES];
    guint8 used_cols[BITS_BYTES];
    guint8 below_cols[BITS_BYTES]; /* used under the header */
    /* hidden row run */
    nohin_xlsx_range hid;
    bool hid_open;
    xlsx_rect_acc *acc[NOHIN_MARK_COUNT];
    GString *v, *f, *tmp;
} sheet_stream;

static void flush_hidden_run(sheet_stream *st)
{
    if (!st->hid_open) return;
    xlsx_ranges_push(st->s->hidden_rows, st->hid, &st->s->hidden_rows_dropped);
    st->hid_open = false;
}

static void note_hidden_row(sheet_stream *st, int row, unsigned why)
{
    if (st->hid_open && st->hid.r1 == row - 1) {
        st->hid.r1 = row;
        st->hid.why |= why;
        return;
    }
    flush_hidden_run(st);
    st->hid = (nohin_xlsx_range){row, 0, row, 0, why, NULL};
    st->hid_open = true;
}

static void push_range(GArray *a, guint64 *dropped, int r0, int c0, int r1, int c1, const char *ev)
{
    nohin_xlsx_range r = {r0, c0, r1, c1, 0, ev ? g_strdup(ev) : NULL};
    xlsx_ranges_push(a, r, dropped);
}

static void mark_direct(sheet_stream *st, nohin_mark_kind k, int r0, int c0, int r1, int c1,
                        const char *ev)
{
    nohin_xlsx_marks *m = &st->s->marks[k];
    if (!m->ranges) m->ranges = g_array_new(FALSE, TRUE, sizeof(nohin_xlsx_range));
    m->cells++;
    push_range(m->ranges, &m->dropped_ranges, r0, c0, r1, c1, ev);
}

/* End of a row that holds values: blank gaps, new tables, the header. */
static void end_data_row(sheet_stream *st)
{
    if (!st->scan || st->row_values == 0) return;
    int row = st->row;
    bool header_like = st->row_values >= 2 && st->row_numbers == 0;
    if (st->prev_data_row > 0 && row > st->prev_data_row + 1) {
        bool title_only = st->block_rows == 1 && st->block_first_row_values == 1;
        if (header_like && st->block_rows >= 2)
            mark_direct(st, NOHIN_MARK_NEW_TABLE, row, st->row_first_col, row, st->row_last_col,
                        NULL);
        else if (!title_only)
            mark_direct(st, NOHIN_MARK_BLANK_ROWS, st->prev_data_row + 1, 0, row - 1, 0, NULL);
        st->block_rows = 0;
    }
    if (st->block_rows == 0) st->block_first_row_values = st->row_values;
    st->block_rows++;
    st->prev_data_row = row;
    if (st->header_row == 0 && st->row_values >= 2) {
        st->header_row = row;
        if (st->row_numbers > 0)
            mark_direct(st, NOHIN_MARK_MISSING_HEADER, row, st->row_first_col, row,
                        st->row_last_col, "numbers");
    }
}

/* A row attribute's value: copied into a small buffer, or onto the heap when
 * longer (never in well-formed files), so nothing is allocated per row. */
#define ATTR_MAX 64
typedef struct {
    char buf[ATTR_MAX];
    char *heap;
    const char *v; /* NULL when absent */
} row_attr;

static void row_attr_set(row_attr *a, const char *v)
{
    if (a->v) return; /* the first one counts */
    size_t n = strlen(v);
    if (n < ATTR_MAX) {
        memcpy(a->buf, v, n + 1);
        a->v = a->buf;
    } else {
        a->heap = g_strdup(v);
        a->v = a->heap;
    }
}

static void begin_row(sheet_stream *st, xmlTextReaderPtr r)
{
    row_attr rs = {0}, hidden = {0}, ht = {0}, lvl = {0};
    if (xmlTextReaderMoveToFirstAttribute(r) == 1) {
        do {
            const char *ln = (const char *)xmlTextReaderConstLocalName(r);
            const char *v = (const char *)xmlTextReaderConstValue(r);
            if (!ln || !v) continue;
            if (NAME_IS(ln, "r"))
                row_attr_set(&rs, v);
            else if (NAME_IS(ln, "hidden"))
                row_attr_set(&hidden, v);
            else if (NAME_IS(ln, "ht"))
                row_attr_set(&ht, v);
            else if (NAME_IS(ln, "outlineLevel"))
                row_attr_set(&lvl, v);
        } while (xmlTextReaderMoveToNextAttribute(r) == 1);
        xmlTextReaderMoveToElement(r);
    }
    int row = rs.v ? atoi(rs.v) : st->row + 1;
    if (row <= st->row || row > NOHIN_XLSX_MAX_ROWS) row = st->row + 1;
    st->row = row;
    st->next_col = 1;
    st->row_values = st->row_strings = st->row_numbers = 0;
    st->row_first_col = st->row_last_col = 0;
    if (st->scan && st->header_row == 0) memset(st->header_cols, 0, sizeof st->header_cols);
    unsigned why = nohin_ooxml_row_hidden(hidden.v, ht.v, lvl.v);
    st->row_hidden = why != 0;
    if (st->scan && why) note_hidden_row(st, row, why);
    g_free(rs.heap);
    g_free(hidden.heap);
    g_free(ht.heap);
    g_free(lvl.heap);
}

static void read_cols(sheet_stream *st, xmlTextReaderPtr r)
{
    char *mn = nohin_ooxml_attr(r, "min"), *mx = nohin_ooxml_attr(r, "max"),
         *hidden = nohin_ooxml_attr(r, "hidden"), *width = nohin_ooxml_attr(r, "width"),
         *lvl = nohin_ooxml_attr(r, "outlineLevel");
    int a = mn ? atoi(mn) : 0, b = mx ? atoi(mx) : a;
    /* Zero width hides; a narrow but visible column (0.5) does not. */
    unsigned why = nohin_ooxml_col_hidden(hidden, width, lvl);
    if (a >= 1 && b >= a && b <= NOHIN_XLSX_MAX_COLS && why) {
        for (int c = a; c <= b; c++)
            bit_set(st->hidden_col, c);
        if (st->scan) {
            GArray *h = st->s->hidden_cols;
            nohin_xlsx_range *last =
                h->len ? &g_array_index(h, nohin_xlsx_range, h->len - 1) : NULL;
            if (last && last->c1 == a - 1) {
                last->c1 = b;
                last->why |= why;
            } else {
                push_range(h, &st->s->hidden_cols_dropped, 0, a, 0, b, NULL);
                if (h->len) g_array_index(h, nohin_xlsx_range, h->len - 1).why = why;
            }
        }
    }
    g_free(mn);
    g_free(mx);
    g_free(hidden);
    g_free(width);
    g_free(lvl);
}

/* Formula referring to another workbook: "[1]Sheet1!A1" or "'[2]Data'!B3". */
static bool external_formula(const char *f)
{
    for (const char *p = f; (p = strchr(p, '[')) != NULL; p++)
        if (g_ascii_isdigit(p[1])) {
            const char *q = p + 1;
            while (g_ascii_isdigit(*q))
                q++;
            if (*q == ']') return true;
        }
    return false;
}

static void scan_cell(sheet_stream *st, const nohin_xlsx_cell *c)
{
    /* A formula without a cached value (written by a library) still fills the cell. */
    bool has_value = (c->type != NOHIN_CELL_EMPTY && *c->value) || c->formula;
    if (c->formula) {
        xlsx_rect_acc_add(st->acc[NOHIN_MARK_FORMULA], c->row, c->col, c->formula);
        if (c->type == NOHIN_CELL_EMPTY || !*c->value) st->s->formulas_without_value++;
        if (external_formula(c->formula))
            xlsx_rect_acc_add(st->acc[NOHIN_MARK_EXTERNAL_REF], c->row, c->col, c->formula);
    }
    if (!has_value) return;
    nohin_xlsx_sheet *s = st->s;
    s->cells++;
    if (c->row > s->max_row) s->max_row = c->row;
    if (c->col > s->max_col) s->max_col = c->col;
    if (c->invisible) xlsx_rect_acc_add(st->acc[NOHIN_MARK_INVISIBLE], c->row, c->col, c->value);
    st->row_values++;
    if (!st->row_first_col) st->row_first_col = c->col;
    st->row_last_col = c->col;
    bit_set(st->used_cols, c->col);
    if (st->header_row) bit_set(st->below_cols, c->col);
    if (c->type == NOHIN_CELL_STRING) {
        if (nohin_text_is_number(c->value)) {
            st->row_numbers++;
            xlsx_rect_acc_add(st->acc[NOHIN_MARK_NUMBER_AS_TEXT], c->row, c->col, c->value);
        } else {
            st->row_strings++;
        }
        if (nohin_text_layout_spaces(c->value))
            xlsx_rect_acc_add(st->acc[NOHIN_MARK_LAYOUT_SPACES], c->row, c->col, c->value);
        gunichar mc = nohin_text_machine_char(c->value);
        if (mc) {
            char buf[8] = {0};
            g_unichar_to_utf8(mc, buf);
            xlsx_rect_acc_add(st->acc[NOHIN_MARK_MACHINE_CHARS], c->row, c->col, buf);
        }
    } else if (c->type == NOHIN_CELL_NUMBER) {
        st->row_numbers++;
    }
    if (st->header_row == 0) bit_set(st->header_cols, c->col);
}

/* Column letters into buf (no allocation: this runs for every cell). */
static void col_letters(int col, char *buf, size_t size)
{
    char tmp[8];
    int i = 0;
    while (col > 0 && i < 7) {
        tmp[i++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    size_t j = 0;
    while (i > 0 && j + 1 < size)
        buf[j++] = tmp[--i];
    buf[j] = 0;
}

static void read_cell(sheet_stream *st, xmlTextReaderPtr r)
{
    int row = st->row ? st->row : 1, col = st->next_col, style = 0;
    char t = 'n'; /* s: shared, i: inline, f: formula string, b, e */
    /* One pass over the attributes, without copies. */
    if (xmlTextReaderMoveToFirstAttribute(r) == 1) {
        do {
            const char *ln = (const char *)xmlTextReaderConstLocalName(r);
            const char *v = (const char *)xmlTextReaderConstValue(r);
            if (!ln || !v || ln[1]) continue;
            if (ln[0] == 'r') {
                int rr, cc;
                if (nohin_xlsx_parse_ref(v, &rr, &cc)) col = cc;
            } else if (ln[0] == 's') {
                style = atoi(v);
            } else if (ln[0] == 't') {
                t = !strcmp(v, "s")           ? 's'
                    : !strcmp(v, "inlineStr") ? 'i'
                    : !strcmp(v, "str")       ? 'f'
                    : !strcmp(v, "b")         ? 'b'
                    : !strcmp(v, "e")         ? 'e'
                                              : 'n';
            }
        } while (xmlTextReaderMoveToNextAttribute(r) == 1);
        xmlTextReaderMoveToElement(r);
    }
    st->next_col = col + 1;
    g_string_truncate(st->v, 0);
    g_string_truncate(st->f, 0);
    bool has_f = false, has_v = false;
    if (!xmlTextReaderIsEmptyElement(r)) {
        int depth = xmlTextReaderDepth(r);
        while (xmlTextReaderRead(r) == 1) {
            int type = xmlTextReaderNodeType(r), d = xmlTextReaderDepth(r);
            if (d > NOHIN_MAX_XML_DEPTH) break;
            if (type == XML_READER_TYPE_END_ELEMENT && d == depth) break;
            if (type != XML_READER_TYPE_ELEMENT) continue;
            const char *ln = (const char *)xmlTextReaderConstLocalName(r);
            if (NAME_IS(ln, "v")) {
                xlsx_read_text_into(r, st->v, NOHIN_XLSX_MAX_CELL_TEXT);
                has_v = true;
            } else if (NAME_IS(ln, "f")) {
                xlsx_read_text_into(r, st->f, 65536);
                has_f = true;
            } else if (NAME_IS(ln, "is")) {
                xlsx_read_text_into(r, st->v, NOHIN_XLSX_MAX_CELL_TEXT);
                has_v = true;
            }
        }
    }
    nohin_xlsx_cell c = {0};
    char refbuf[24];
    col_letters(col, refbuf, 8);
    size_t n = strlen(refbuf);
    char digits[12];
    int nd = 0;
    for (int v = row; v > 0 && nd < 11; v /= 10)
        digits[nd++] = (char)('0' + v % 10);
    while (nd > 0)
        refbuf[n++] = digits[--nd];
    refbuf[n] = 0;
    c.row = row;
    c.col = col;
    c.ref = refbuf;
    c.style = style;
    c.formula = has_f ? st->f->str : NULL;
    c.type = NOHIN_CELL_NUMBER;
    const char *value = st->v->str;
    if (!has_v) {
        c.type = NOHIN_CELL_EMPTY;
    } else if (t == 's') {
        c.type = NOHIN_CELL_STRING;
        value = nohin_ooxml_sst_get(st->x->sst, atol(st->v->str));
    } else if (t == 'i' || t == 'f') {
        c.type = NOHIN_CELL_STRING;
    } else if (t == 'b') {
        c.type = NOHIN_CELL_BOOL;
    } else if (t == 'e') {
        c.type = NOHIN_CELL_ERROR;
    }
    c.value = value;
    c.hidden = st->s->state != NOHIN_SHEET_VISIBLE || st->row_hidden ||
               bit_get(st->hidden_col, col) || st->s->default_hidden_rows;
    c.invisible = nohin_ooxml_xf_invisible(st->x->styles, c.style) != 0;
    if (st->scan) scan_cell(st, &c);
    if (st->cb && !st->cb_done && !st->cb(st->s, &c, st->user)) {
        if (st->scan)
            st->cb_done = true; /* the summary still needs the whole sheet */
        else
            st->stop = true;
    }
}

static void read_after_data(sheet_stream *st, xmlTextReaderPtr r, const char *ln)
{
    nohin_xlsx_sheet *s = st->s;
    if (!strcmp(ln, "mergeCell")) {
        char *ref = nohin_ooxml_attr(r, "ref");
        char **ab = ref ? g_strsplit(ref, ":", 2) : NULL;
        int r0, c0, r1, c1;
        /* A "merge" of one cell (ref="A3", as openpyxl writes it, or A3:A3)
         * merges nothing. */
        bool single = ab && ab[0] && nohin_xlsx_parse_ref(ab[0], &r0, &c0) &&
                      (!ab[1] || (nohin_xlsx_parse_ref(ab[1], &r1, &c1) && r0 == r1 && c0 == c1));
        if (!single) s->merged_count++;
        if (!single && ab && ab[0] && ab[1] && nohin_xlsx_parse_ref(ab[0], &r0, &c0) &&
            nohin_xlsx_parse_ref(ab[1], &r1, &c1))
            push_range(s->merged, NULL, r0, c0, r1, c1, NULL);
        g_strfreev(ab);
        g_free(ref);
    } else if (!strcmp(ln, "autoFilter")) {
        g_free(s->autofilter);
        s->autofilter = nohin_ooxml_attr(r, "ref");
    } else if (!strcmp(ln, "oddHeader") || !strcmp(ln, "oddFooter") || !strcmp(ln, "evenHeader") ||
               !strcmp(ln, "evenFooter") || !strcmp(ln, "firstHeader") ||
               !strcmp(ln, "firstFooter")) {
        char *t = xlsx_read_text(r, 65536);
        if (*t && s->headers_footers->len < 16) {
            nohin_xlsx_headerfooter *hf = g_new0(nohin_xlsx_headerfooter, 1);
            hf->kind = g_strdup(ln);
            hf->text = t;
            g_ptr_array_add(s->headers_footers, hf);
        } else {
            g_free(t);
        }
    } else if (!strcmp(ln, "drawing")) {
        s->has_drawing = true;
        if (!s->drawing_rid) s->drawing_rid = nohin_ooxml_attr(r, "id");
    } else if (!strcmp(ln, "oleObject")) {
        s->ole_objects++;
    } else if (!strcmp(ln, "control")) {
        s->controls++;
    } else if (!strcmp(ln, "picture")) {
        s->pictures++; /* sheet background image */
    }
}

/* Column ranges used below the header that have no header cell, and blank
 * columns inside the used range. */
static void finish_columns(sheet_stream *st)
{
    if (st->header_row) {
        int run0 = 0;
        for (int c = 1; c <= st->s->max_col + 1; c++) {
            bool miss =
                c <= st->s->max_col && bit_get(st->below_cols, c) && !bit_get(st->header_cols, c);
            if (miss && !run0) run0 = c;
            if (!miss && run0) {
                mark_direct(st, NOHIN_MARK_MISSING_HEADER, st->header_row, run0, st->header_row,
                            c - 1, "blank");
                run0 = 0;
            }
        }
    }
    int first = 0;
    for (int c = 1; c <= st->s->max_col; c++)
        if (bit_get(st->used_cols, c)) {
            first = c;
            break;
        }
    if (!first || !st->header_row) return;
    int run0 = 0;
    for (int c = first; c <= st->s->max_col; c++) {
        bool blank = !bit_get(st->used_cols, c);
        if (blank && !run0) run0 = c;
        if (!blank && run0) {
            mark_direct(st, NOHIN_MARK_BLANK_COLS, 0, run0, 0, c - 1, NULL);
            run0 = 0;
        }
    }
}

/* Rows hidden inside the auto-filter's range are hidden by the filter. */
static void tag_filtered(nohin_xlsx_sheet *s)
{
    if (!s->autofilter) return;
    char **ab = g_strsplit(s->autofilter, ":", 2);
    int r0, c0, r1 = 0, c1;
    if (ab[0] && nohin_xlsx_parse_ref(ab[0], &r0, &c0) &&
        (!ab[1] || nohin_xlsx_parse_ref(ab[1], &r1, &c1))) {
        if (!ab[1]) r1 = r0;
        for (guint i = 0; i < s->hidden_rows->len; i++) {
            nohin_xlsx_range *h = &g_array_index(s->hidden_rows, nohin_xlsx_range, i);
            if (h->r0 > r0 && h->r1 <= r1) h->why |= NOHIN_HIDE_FILTER;
        }
    }
    g_strfreev(ab);
}

static bool stream_sheet(sheet_stream *st)
{
    nohin_xlsx_sheet *s = st->s;
    if (!s->part) return false;
    /* Inflated ahead on a second thread: while the sheet streams, nothing else
     * reads through this handle (the cell callback never opens a part).
     * NOHIN_XLSX_SERIAL set: one thread (tests compare the two). */
    xmlTextReaderPtr r = g_getenv("NOHIN_XLSX_SERIAL")
                             ? nohin_zip_xml_reader(st->zip, s->part, NULL)
                             : nohin_zip_xml_reader_ahead(st->zip, s->part, NULL);
    if (!r) return false;
    st->v = g_string_sized_new(256);
    st->f = g_string_sized_new(256);
    if (st->scan)
        for (int k = 0; k < NOHIN_MARK_COUNT; k++)
            st->acc[k] = xlsx_rect_acc_new(&s->marks[k]);
    bool in_data = false, in_row = false;
    int rc;
    bool ok = true;
    while (!st->stop && (rc = xmlTextReaderRead(r)) == 1) {
        if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) {
            ok = false;
            break;
        }
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_END_ELEMENT) {
            const char *ln = (const char *)xmlTextReaderConstLocalName(r);
            if (in_row && NAME_IS(ln, "row")) {
                end_data_row(st);
                in_row = false;
            } else if (NAME_IS(ln, "sheetData")) {
                in_data = false;
            }
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT) continue;
        const char *ln = (const char *)xmlTextReaderConstLocalName(r);
        if (in_data) {
            if (NAME_IS(ln, "c")) {
                read_cell(st, r);
            } else if (NAME_IS(ln, "row")) {
                if (in_row) end_data_row(st);
                begin_row(st, r);
                in_row = !xmlTextReaderIsEmptyElement(r);
            }
            continue;
        }
        if (!strcmp(ln, "sheetData")) {
            in_data = !xmlTextReaderIsEmptyElement(r);
        } else if (!strcmp(ln, "col")) {
            read_cols(st, r);
        } else if (!strcmp(ln, "sheetFormatPr")) {
            char *zh = nohin_ooxml_attr(r, "zeroHeight");
            s->default_hidden_rows = zh && (!strcmp(zh, "1") || !strcmp(zh, "true"));
            g_free(zh);
        } else if (!strcmp(ln, "dimension") && st->scan) {
            g_free(s->dimension);
            s->dimension = nohin_ooxml_attr(r, "ref");
        } else if (st->scan) {
            read_after_data(st, r, ln);
        }
    }
    if (!st->stop && (rc != 0 || nohin_zip_limit_hit(st->zip))) ok = false;
    xmlFreeTextReader(r);
    if (st->scan) {
        flush_hidden_run(st);
        for (int k = 0; k < NOHIN_MARK_COUNT; k++)
            xlsx_rect_acc_finish(st->acc[k]);
        finish_columns(st);
        tag_filtered(s);
    }
    g_string_free(st->v, TRUE);
    g_string_free(st->f, TRUE);
    return ok;
}

bool xlsx_scan_sheet(nohin_xlsx *x, nohin_xlsx_sheet *s, nohin_xlsx_cell_cb cb, void *user)
{
    sheet_stream *st = g_new0(sheet_stream, 1);
    st->x = x;
    st->zip = x->zip;
    st->s = s;
    st->scan = true;
    st->cb = cb;
    st->user = user;
    bool ok = stream_sheet(st);
    g_free(st);
    s->scan_failed = !ok;
    return ok;
}

bool nohin_xlsx_foreach_cell(nohin_xlsx *x, guint index, nohin_xlsx_cell_cb cb, void *user)
{
    if (!x || x->status != NOHIN_XLSX_OK || index >= x->sheets->len) return false;
    /* A pass of its own through a fresh handle: the inflation limit counts per
     * pass, so a large sheet can be streamed again after the open-time scan. */
    nohin_zip *z = x->path ? nohin_zip_open(x->path, NULL) : NULL;
    if (!z) return false;
    sheet_stream *st = g_new0(sheet_stream, 1);
    st->x = x;
    st->zip = z;
    st->s = x->sheets->pdata[index];
    st->cb = cb;
    st->user = user;
    bool ok = stream_sheet(st);
    g_free(st);
    nohin_zip_close(z);
    return ok;
}
