/* PII-*: personal data (個人情報) in any text a file holds — PDF pages, cells,
 * CSV fields, properties, comments, file names. The public bundle must hold
 * none (001 §5(2)); in internal files it is only noted. Values are shown masked. */
#include <stdlib.h>
#include <string.h>
#include "pii/pdf_lines.h"
#include "pii/pdf_positions.h"
#include "pii/pii.h"
#include "readers/text_source.h"

#define SPEC "001 §5(2)"
static const nohin_rule rules[] = {
    {"PII-MY-NUMBER", NOHIN_SEV_ERROR, false,
     N_("My Number (個人番号): 12 digits with a valid check digit"), SPEC},
    {"PII-PHONE", NOHIN_SEV_ERROR, false,
     N_("Personal phone number (mobile, 050, fixed line; not toll-free desks)"), SPEC},
    {"PII-EMAIL", NOHIN_SEV_ERROR, false,
     N_("Personal e-mail address (not role addresses or allowed domains)"), SPEC},
    {"PII-ADDRESS", NOHIN_SEV_ERROR, false,
     N_("Home address (prefecture, municipality and block number)"), SPEC},
    {"PII-POSTAL-CODE", NOHIN_SEV_ERROR, false, N_("Postal code of a personal address"), SPEC},
    {"PII-BIRTHDATE", NOHIN_SEV_ERROR, false, N_("Date of birth (和暦 or western)"), SPEC},
    {"PII-PASSPORT", NOHIN_SEV_ERROR, false, N_("Passport number"), SPEC},
    {"PII-DRIVER-LICENSE", NOHIN_SEV_ERROR, false, N_("Driver's licence number"), SPEC},
    {"PII-BANK-ACCOUNT", NOHIN_SEV_ERROR, false, N_("Bank account number"), SPEC},
    {"PII-CARD", NOHIN_SEV_ERROR, false, N_("Payment card number (Luhn-valid)"), SPEC},
    {"PII-PERSON-NAME", NOHIN_SEV_ERROR, false,
     N_("Person's name (with an honorific, or after a label such as 氏名・担当者)"), SPEC},
    {NULL}};

/* Findings per rule and file before the rest is summed up in one line. */
#define MAX_PER_RULE 100

typedef struct {
    nohin_ctx *ctx;
    nohin_file *file;
    const nohin_config *cfg;
    GHashTable *allow[PII_KIND_COUNT]; /* canonical keys */
    const nohin_text_piece *piece;
    int count[PII_KIND_COUNT];
    pii_pdf_boxes *boxes; /* PDF pages only */
    GString *row;         /* earlier cells of the current table row or CSV line */
    /* The table row those cells are on: sheet ("" for a CSV) and row or line. */
    bool has_row;
    char *row_sheet;
    int row_num;
    GString *scratch;         /* row context plus a header label (no allocation per cell) */
    struct hc_slot *hc_cache; /* header labels of recent cell texts */
    /* Column headers naming a personal attribute, of the current sheet or CSV:
     * column ("B", "3") -> label word, found on row header_row. */
    GHashTable *headers;
    char *table;
    int header_row;
    GString *prev;          /* the previous short paragraph (docx: a table's label cell) */
    const unsigned *joined; /* PDF page: byte map of the joined text back to the page's */
    /* PDF page: page-text byte ranges already reported (kind, start, end triples), so
     * a value found again in a rebuilt label | value line is reported once. */
    GArray *seen;
    bool rescan; /* scanning rebuilt lines: skip values in seen */
    /* My Numbers without a context word in table cells wait for the end of the
     * file (pending_hit); columns that hold more other plain numbers (amounts)
     * than valid ones drop them. Keys "table\x1fcolumn". */
    bool piece_in_table;
    bool row_prefecture; /* the row starts with a prefecture's name (a 都道府県別 table) */
    GPtrArray *pending;
    GHashTable *numeric_cols;
    GString *colkey;
} scan_ctx;

typedef struct {
    char *column;
    nohin_location loc;
    const char *where;
    char *masked, *label;
} pending_hit;

static void pending_free(gpointer p)
{
    pending_hit *h = p;
    g_free(h->column);
    nohin_location_clear(&h->loc);
    g_free(h->masked);
    g_free(h->label);
    g_free(h);
}

/* A value found again starts inside what was reported; a rebuilt value's
 * fragments may lie far apart in the page text (a cell wrapped in a column,
 * kobayashi@exampl … e.or.jp), so its whole span would overlap unrelated text. */
static bool already_seen(const scan_ctx *s, size_t hs)
{
    const size_t *v = (const size_t *)s->seen->data;
    for (guint i = 0; i + 1 < s->seen->len; i += 2)
        if (v[i] <= hs && hs < v[i + 1]) return true;
    return false;
}

static void build_allow(scan_ctx *s)
{
    for (int k = 0; k < PII_KIND_COUNT; k++) {
        s->allow[k] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        for (char **v = s->cfg->pii_allow_values; v && *v; v++)
            g_hash_table_add(s->allow[k], pii_canonical((pii_kind)k, *v));
    }
    for (char **v = s->cfg->pii_allow_phones; v && *v; v++)
        g_hash_table_add(s->allow[PII_PHONE], pii_canonical(PII_PHONE, *v));
}

static bool domain_allowed(const scan_ctx *s, const char *email_key)
{
    const char *at = strrchr(email_key, '@');
    if (!at) return false;
    const char *dom = at + 1;
    for (char **d = s->cfg->pii_allow_domains; d && *d; d++) {
        char *want = g_ascii_strdown(*d[0] == '@' ? *d + 1 : *d, -1);
        size_t dl = strlen(dom), wl = strlen(want);
        bool ok = wl > 0 && (!strcmp(dom, want) ||
                             (dl > wl && dom[dl - wl - 1] == '.' && !strcmp(dom + dl - wl, want)));
        g_free(want);
        if (ok) return true;
    }
    return false;
}

static const char *piece_where(const nohin_text_piece *p)
{
    switch (p->kind) {
    case NOHIN_TEXT_FILENAME:
        return _("in the file name");
    case NOHIN_TEXT_HIDDEN:
        return _("in hidden content");
    case NOHIN_TEXT_COMMENT:
        return _("in a comment or annotation");
    case NOHIN_TEXT_METADATA:
        return _("in the document properties");
    case NOHIN_TEXT_HEADER:
        return _("in a header or footer");
    default:
        return _("in the text");
    }
}

/* The box around a hit: around each piece of the page text it came from when
 * the value was joined from places far apart (a wrapped table cell), not
 * around everything between them. */
static bool hit_box(scan_ctx *s, const pii_hit *h, int page, size_t hs, size_t he, nohin_box *out)
{
    if (!s->joined) return pii_pdf_boxes_get(s->boxes, page, s->piece->text, hs, he, out);
    bool any = false;
    for (size_t a = h->start; a < h->end;) {
        size_t b = a + 1;
        while (b < h->end && s->joined[b] == s->joined[b - 1] + 1)
            b++;
        nohin_box f;
        if (pii_pdf_boxes_get(s->boxes, page, s->piece->text, s->joined[a], s->joined[b - 1] + 1,
                              &f)) {
            if (!any) *out = f;
            out->x0 = MIN(out->x0, f.x0);
            out->y0 = MIN(out->y0, f.y0);
            out->x1 = MAX(out->x1, f.x1);
            out->y1 = MAX(out->y1, f.y1);
            any = true;
        }
        a = b;
    }
    return any;
}

/* Takes loc. */
static void emit_hit(scan_ctx *s, pii_kind kind, nohin_location loc, const char *where,
                     const char *masked, const char *label, bool context)
{
    int n = ++s->count[kind];
    if (n > MAX_PER_RULE) {
        nohin_location_clear(&loc);
        return;
    }
    nohin_finding *f = nohin_emit(
        s->ctx, s->file, pii_rule_id(kind), loc,
        _("Remove it from the public version or replace it (e.g. with A氏 or ***); if the value "
          "is public (a contractor's switchboard, a desk address), add it to [pii] allow_values "
          "in nohin.ini."),
        _("Personal data (%s) %s: %s"), _(pii_kind_noun(kind)), where, masked);
    if (!f) return;
    nohin_finding_set_evidence(f, "%s%s%s", masked, label ? " @ " : "", label ? label : "");
    /* A checksum-valid My Number without a context word could be another number. */
    nohin_severity pub = kind == PII_MY_NUMBER && !context ? NOHIN_SEV_WARNING : NOHIN_SEV_ERROR;
    nohin_finding_set_severity(s->ctx, f, nohin_by_role(s->file, pub, NOHIN_SEV_INFO));
}

static bool on_hit(const pii_hit *h, void *user)
{
    scan_ctx *s = user;
    size_t hs = h->start, he = h->end;
    if (s->joined) {
        hs = s->joined[hs];
        he = s->joined[he - 1] + 1;
    }
    if (s->joined && s->seen) {
        if (s->rescan && already_seen(s, hs)) return true;
        for (size_t a = h->start; a < h->end;) { /* each piece of the page text */
            size_t b = a + 1;
            while (b < h->end && s->joined[b] == s->joined[b - 1] + 1)
                b++;
            size_t fs = s->joined[a], fe = s->joined[b - 1] + 1;
            g_array_append_val(s->seen, fs);
            g_array_append_val(s->seen, fe);
            a = b;
        }
    }
    if (g_hash_table_contains(s->allow[h->kind], h->key)) return true;
    if (h->kind == PII_EMAIL && domain_allowed(s, h->key)) return true;
    if (h->kind == PII_MY_NUMBER && !h->context && s->piece_in_table) {
        pending_hit *ph = g_new0(pending_hit, 1);
        ph->column = g_strdup(s->colkey->str);
        ph->loc = nohin_location_copy(s->piece->loc);
        ph->where = piece_where(s->piece);
        ph->masked = g_strdup(h->masked);
        ph->label = g_strdup(s->piece->label);
        g_ptr_array_add(s->pending, ph);
        return true;
    }
    nohin_location loc = nohin_location_copy(s->piece->loc);
    nohin_box box;
    if (s->boxes && s->piece->kind == NOHIN_TEXT_BODY && loc.kind == NOHIN_LOC_PAGE &&
        hit_box(s, h, loc.page, hs, he, &box)) {
        loc.has_box = true;
        loc.box = box;
    }
    emit_hit(s, h->kind, loc, piece_where(s->piece), h->masked, s->piece->label, h->context);
    return true;
}

/* atoi() of a cell reference's row digits, without strtol's cost (every cell
 * asks); anything unusual goes to atoi itself. */
static int ref_row(const char *d)
{
    int v = 0, n = 0;
    while (d[n] >= '0' && d[n] <= '9' && n < 9)
        v = v * 10 + (d[n++] - '0');
    return n > 0 && (d[n] < '0' || d[n] > '9') ? v : atoi(d);
}

/* Table coordinates of a cell or CSV field: the table (sheet name, "" for a
 * CSV), the row and the column. False outside tables. */
static bool table_pos(const nohin_location *l, const char **table, int *row, char col[16])
{
    if (l->kind == NOHIN_LOC_LINE) {
        *table = "";
        *row = l->line;
        g_snprintf(col, 16, "%d", l->column_index);
        return true;
    }
    if (l->kind != NOHIN_LOC_CELL || !l->cell) return false;
    const char *d = l->cell;
    size_t n = 0;
    while (d[n] && g_ascii_isalpha(d[n]) && n < 15)
        n++;
    memcpy(col, d, n);
    col[n] = '\0';
    *table = l->sheet ? l->sheet : "";
    *row = ref_row(d + n);
    return n > 0;
}

/* pii_header_context is asked about every cell and costs a normalisation; data
 * columns repeat their values, so recent answers are kept in a fixed table
 * (direct-mapped, no allocation). The function answers NULL beyond 96 bytes. */
#define HC_SLOTS 1024
#define HC_MAX 96
struct hc_slot {
    bool used;
    guint8 len;
    char text[HC_MAX];
    const char *label;
};

static const char *header_context(scan_ctx *s, const char *text, size_t len)
{
    if (len == 0 || len > HC_MAX) return pii_header_context(text, len);
    guint32 h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (guint8)text[i]) * 16777619u;
    struct hc_slot *e = &s->hc_cache[h % HC_SLOTS];
    if (e->used && e->len == len && !memcmp(e->text, text, len)) return e->label;
    e->label = pii_header_context(text, len);
    memcpy(e->text, text, len);
    e->len = (guint8)len;
    e->used = true;
    return e->label;
}

/* The label word of the personal-attribute header above this cell, if any.
 * A header row is a row with such a header cell; a later one (a second table)
 * replaces it, so a title block above the header changes nothing. */
static const char *header_above(scan_ctx *s, const nohin_text_piece *p, bool plain_number)
{
    const char *table;
    int row;
    char col[16];
    if (!table_pos(p->loc, &table, &row, col)) return NULL;
    if (!s->table || strcmp(s->table, table) != 0) {
        g_free(s->table);
        s->table = g_strdup(table);
        g_hash_table_remove_all(s->headers);
        s->header_row = 0;
    }
    /* A plain number is never a column header (every header spelling holds a
     * letter or a kanji): the costly lookup is left out for it. */
    const char *hc = plain_number ? NULL : header_context(s, p->text, p->len);
    if (hc) {
        if (row != s->header_row) {
            g_hash_table_remove_all(s->headers);
            s->header_row = row;
        }
        g_hash_table_replace(s->headers, g_strdup(col), (gpointer)hc);
        return NULL;
    }
    if (row <= s->header_row) return NULL;
    return g_hash_table_lookup(s->headers, col);
}

/* The table row of a cell (its sheet and row) or of a CSV field ("" and its
 * line); false outside tables. Cells of one row share it. */
static bool row_of(const nohin_location *l, const char **sheet, int *row)
{
    if (l->kind == NOHIN_LOC_LINE) {
        *sheet = "";
        *row = l->line;
        return true;
    }
    if (l->kind != NOHIN_LOC_CELL || !l->cell) return false;
    const char *d = l->cell;
    while (*d && g_ascii_isalpha(*d))
        d++;
    *sheet = l->sheet ? l->sheet : "";
    *row = ref_row(d);
    return true;
}

static void on_label_row(const char *label, const char *value, size_t len, const unsigned *orig,
                         void *user)
{
    scan_ctx *s = user;
    s->joined = orig;
    pii_scan_with_context(label, strlen(label), value, len, on_hit, s);
    s->joined = NULL;
}

/* The characters at two byte offsets of the page text overlap vertically by
 * more than half their height: printed on one line. */
static bool same_line(size_t before, size_t after, void *user)
{
    scan_ctx *s = user;
    const nohin_text_piece *p = s->piece;
    nohin_box a, b;
    const char *na = g_utf8_next_char(p->text + before), *nb = g_utf8_next_char(p->text + after);
    if (!pii_pdf_boxes_get(s->boxes, p->loc->page, p->text, before, (size_t)(na - p->text), &a) ||
        !pii_pdf_boxes_get(s->boxes, p->loc->page, p->text, after, (size_t)(nb - p->text), &b))
        return false;
    double overlap = MIN(a.y1, b.y1) - MAX(a.y0, b.y0);
    return overlap > 0.5 * MIN(a.y1 - a.y0, b.y1 - b.y0);
}

typedef struct {
    pii_hit hit;
    char *masked, *key;
} kept_hit;

static bool keep_hit(const pii_hit *h, void *user)
{
    kept_hit k = {*h, g_strdup(h->masked), g_strdup(h->key)};
    g_array_append_val((GArray *)user, k);
    return true;
}

static void kept_hit_clear(gpointer p)
{
    kept_hit *k = p;
    g_free(k->masked);
    g_free(k->key);
}

static GArray *hits_in(const pii_joined *j)
{
    GArray *a = g_array_new(FALSE, FALSE, sizeof(kept_hit));
    g_array_set_clear_func(a, kept_hit_clear);
    pii_scan(j->text, j->len, keep_hit, a);
    return a;
}

/* The same hits at the same places of the page text. */
static bool same_hits(GArray *a, const pii_joined *ja, GArray *b, const pii_joined *jb)
{
    if (a->len != b->len) return false;
    for (guint i = 0; i < a->len; i++) {
        const pii_hit *x = &g_array_index(a, kept_hit, i).hit,
                      *y = &g_array_index(b, kept_hit, i).hit;
        if (x->kind != y->kind || x->context != y->context ||
            ja->orig[x->start] != jb->orig[y->start] || (x->end > 0) != (y->end > 0) ||
            (x->end > 0 && ja->orig[x->end - 1] != jb->orig[y->end - 1]))
            return false;
    }
    return true;
}

/* Where a short line ends (its paragraph, or poppler broke one printed line at
 * a wide gap) is asked of the page's layout, a second text pass of poppler,
 * only when it matters: when the personal data found differs between every
 * short line ending its paragraph and none doing so. Japanese prose has short
 * lines on nearly every page (headings, paragraph ends). Returns the hits of j
 * to report, or NULL when j was joined again by the layout and must be scanned. */
static GArray *join_page(scan_ctx *s, const nohin_text_piece *p, pii_joined *j)
{
    pii_join_lines_geom(p->text, p->len, NULL, NULL, j);
    if (!s->boxes) return NULL;
    pii_joined all;
    pii_join_lines_every_short(p->text, p->len, &all);
    if (all.len == j->len && !memcmp(all.text, j->text, j->len)) {
        pii_joined_clear(&all);
        return NULL;
    }
    GArray *hj = hits_in(j), *ha = hits_in(&all);
    bool same = same_hits(hj, j, ha, &all);
    g_array_free(ha, TRUE);
    pii_joined_clear(&all);
    if (same) return hj;
    g_array_free(hj, TRUE);
    pii_joined_clear(j);
    pii_join_lines_geom(p->text, p->len, same_line, s, j);
    return NULL;
}

static void scan_page(scan_ctx *s, const nohin_text_piece *p)
{
    pii_joined j;
    GArray *found = join_page(s, p, &j);
    g_array_set_size(s->seen, 0);
    s->joined = j.orig;
    if (!found)
        pii_scan(j.text, j.len, on_hit, s);
    else {
        for (guint i = 0; i < found->len; i++) {
            kept_hit *k = &g_array_index(found, kept_hit, i);
            k->hit.masked = k->masked;
            k->hit.key = k->key;
            if (!on_hit(&k->hit, s)) break;
        }
        g_array_free(found, TRUE);
    }
    s->joined = NULL;
    pii_joined_clear(&j);
    /* A label alone on a line: perhaps a table poppler read column by column; the
     * rows rebuilt by position give each value its label. Other pages pay nothing. */
    const PopplerRectangle *rects;
    unsigned n;
    if (!s->boxes || !pii_page_has_label_line(p->text, p->len) ||
        !pii_pdf_boxes_layout(s->boxes, p->loc->page, p->text, &rects, &n))
        return;
    s->rescan = true;
    pii_pdf_label_rows(p->text, rects, n, on_label_row, s);
    s->rescan = false;
}

/* Whether the current table has a column of names (氏名, 姓, 名). */
static bool name_column(scan_ctx *s)
{
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, s->headers);
    while (g_hash_table_iter_next(&it, &k, &v))
        if (!strcmp(v, "氏名:") || !strcmp(v, PII_GIVEN_NAME_LABEL)) return true;
    return false;
}

/* An amount as a cell or field holds it: digits, thousands commas, a fraction. */
static bool plain_number(const char *t, size_t len)
{
    size_t i = t && len && (t[0] == '-' || t[0] == '+') ? 1 : 0, digits = 0;
    for (; i < len; i++) {
        if (g_ascii_isdigit(t[i]))
            digits++;
        else if (!(digits > 0 && (t[i] == ',' || t[i] == '.')))
            return false;
    }
    return digits > 0;
}

static bool my_number_cell(const char *t, size_t len)
{
    char d[13];
    if (len != 12) return false;
    for (size_t i = 0; i < 12; i++)
        if (!g_ascii_isdigit(t[i])) return false;
    memcpy(d, t, 12);
    d[12] = '\0';
    return pii_my_number_valid(d);
}

/* A paragraph this short can be a label cell (氏名) before its value cell. */
#define LABEL_MAX 48

static bool on_piece(const nohin_text_piece *p, void *user)
{
    scan_ctx *s = user;
    s->piece = p;
    s->piece_in_table = false;
    if (p->kind == NOHIN_TEXT_BODY && p->loc->kind == NOHIN_LOC_PAGE) {
        scan_page(s, p);
        return true;
    }
    /* In a table the label or the name often sits in the cell to the left
     * (口座番号 | 1234567, 株式会社A | 03-…): earlier cells of the row are context,
     * and so is the column's header (氏名 over a column of names). */
    const char *sheet = NULL;
    int row = 0;
    /* hidden cells (a hidden row, a hidden sheet) sit in the table all the same */
    bool in_table = (p->kind == NOHIN_TEXT_BODY || p->kind == NOHIN_TEXT_HIDDEN) &&
                    row_of(p->loc, &sheet, &row);
    if (!in_table || !s->has_row || row != s->row_num || strcmp(sheet, s->row_sheet) != 0) {
        g_string_truncate(s->row, 0);
        s->row_prefecture = in_table && pii_is_prefecture(p->text, p->len);
    }
    s->has_row = in_table;
    if (in_table) {
        s->row_num = row;
        if (!s->row_sheet || strcmp(s->row_sheet, sheet) != 0) {
            g_free(s->row_sheet);
            s->row_sheet = g_strdup(sheet);
        }
    }
    if (in_table) {
        const char *table;
        int r;
        char col[16];
        if (table_pos(p->loc, &table, &r, col)) {
            s->piece_in_table = true;
            g_string_assign(s->colkey, table);
            g_string_append_c(s->colkey, '\x1f');
            g_string_append(s->colkey, col);
            if (plain_number(p->text, p->len)) {
                /* per column: [0] valid My Numbers, [1] other plain numbers */
                int *n = g_hash_table_lookup(s->numeric_cols, s->colkey->str);
                if (!n) {
                    n = g_new0(int, 2);
                    g_hash_table_insert(s->numeric_cols, g_strdup(s->colkey->str), n);
                }
                n[my_number_cell(p->text, p->len) ? 0 : 1]++;
            }
        }
    }
    /* A stored number no detector can match is not scanned (most cells of a
     * data sheet); it is still context for the cells after it. */
    bool skip = in_table && pii_number_cannot_match(p->text, p->len);
    const char *hc = in_table ? header_above(s, p, skip) : NULL;
    /* A fixed line in a row keyed by a prefecture, in a table without names
     * (都道府県 | 窓口 | 電話): the prefecture's desk. A mobile stays personal. */
    bool desk_row = in_table && s->row_prefecture && s->row->len > 0 && p->len > 0 &&
                    (p->text[0] == '0' || p->text[0] == '(') && !name_column(s);
    if (hc) {
        g_string_truncate(s->scratch, 0);
        g_string_append_len(s->scratch, s->row->str, (gssize)s->row->len);
        g_string_append(s->scratch, desk_row && !strcmp(hc, PII_PHONE_LABEL) ? "代表電話:" : hc);
        /* 09012345678 typed into a cell is stored as the number 9012345678: in a
         * phone column the lost leading zero is put back. */
        char zero[16];
        const char *v = p->text;
        size_t vlen = p->len;
        if (!strcmp(hc, PII_PHONE_LABEL)) {
            size_t d = 0;
            while (d < p->len && g_ascii_isdigit(p->text[d]))
                d++;
            if (d == p->len && (d == 9 || d == 10) && p->text[0] != '0') {
                zero[0] = '0';
                memcpy(zero + 1, p->text, d);
                v = zero;
                vlen = d + 1;
            }
        }
        if (!skip) pii_scan_with_context(s->scratch->str, s->scratch->len, v, vlen, on_hit, s);
    } else if (!in_table && p->kind == NOHIN_TEXT_BODY && p->loc->kind == NOHIN_LOC_NONE) {
        pii_scan_with_context(s->prev->str, s->prev->len, p->text, p->len, on_hit, s);
        g_string_truncate(s->prev, 0);
        if (p->len <= LABEL_MAX) g_string_append_len(s->prev, p->text, (gssize)p->len);
    } else if (!skip && desk_row) {
        g_string_truncate(s->scratch, 0);
        g_string_append_len(s->scratch, s->row->str, (gssize)s->row->len);
        g_string_append(s->scratch, "代表電話:");
        pii_scan_with_context(s->scratch->str, s->scratch->len, p->text, p->len, on_hit, s);
    } else if (!skip) {
        pii_scan_with_context(s->row->str, s->row->len, p->text, p->len, on_hit, s);
    }
    if (in_table) {
        if (s->row->len > 1024) g_string_erase(s->row, 0, (gssize)(s->row->len - 512));
        g_string_append_len(s->row, p->text, (gssize)MIN(p->len, 1024));
        g_string_append_c(s->row, '\t');
    }
    return true;
}

static void run(nohin_ctx *ctx, nohin_file *file)
{
    scan_ctx s = {.ctx = ctx,
                  .file = file,
                  .cfg = nohin_ctx_config(ctx),
                  .row = g_string_new(NULL),
                  .scratch = g_string_new(NULL),
                  .hc_cache = g_new0(struct hc_slot, HC_SLOTS),
                  .prev = g_string_new(NULL),
                  .headers = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                  .seen = g_array_new(FALSE, FALSE, sizeof(size_t)),
                  .pending = g_ptr_array_new_with_free_func(pending_free),
                  .numeric_cols = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free),
                  .colkey = g_string_new(NULL)};
    build_allow(&s);
    if (file->format == NOHIN_FMT_PDF) s.boxes = pii_pdf_boxes_new(file);
    nohin_file_foreach_text(file, on_piece, &s);
    /* A 12-digit amount that passes the check digit (one in 11) beside more
     * amounts that do not is an amount too. */
    for (guint i = 0; i < s.pending->len; i++) {
        pending_hit *h = s.pending->pdata[i];
        const int *cnt = g_hash_table_lookup(s.numeric_cols, h->column);
        if (cnt && cnt[1] > cnt[0]) continue;
        emit_hit(&s, PII_MY_NUMBER, h->loc, h->where, h->masked, h->label, false);
        h->loc = nohin_loc_none(); /* taken */
    }
    g_ptr_array_free(s.pending, TRUE);
    g_hash_table_destroy(s.numeric_cols);
    g_string_free(s.colkey, TRUE);
    pii_pdf_boxes_free(s.boxes);
    g_string_free(s.row, TRUE);
    g_string_free(s.prev, TRUE);
    g_free(s.row_sheet);
    g_string_free(s.scratch, TRUE);
    g_free(s.hc_cache);
    g_free(s.table);
    g_hash_table_destroy(s.headers);
    g_array_free(s.seen, TRUE);
    for (int k = 0; k < PII_KIND_COUNT; k++) {
        if (s.count[k] > MAX_PER_RULE) {
            nohin_finding *f =
                nohin_emit(ctx, file, pii_rule_id((pii_kind)k), nohin_loc_none(),
                           _("Review the whole file: it holds personal data throughout."),
                           _("%d more findings of this kind in this file are not listed."),
                           s.count[k] - MAX_PER_RULE);
            if (f)
                nohin_finding_set_severity(ctx, f,
                                           nohin_by_role(file, NOHIN_SEV_ERROR, NOHIN_SEV_INFO));
        }
        g_hash_table_destroy(s.allow[k]);
    }
}

NOHIN_CHECK(pii) = {.name = "pii",
                    .rules = rules,
                    .formats = NOHIN_FMT_ANY,
                    .roles = NOHIN_ROLE_ANY,
                    .run_file = run};
