/* CSV reader (see csv_reader.h). One streaming engine serves the open-time
 * scan and nohin_csv_foreach_field(): read → decode to UTF-8 (iconv, or
 * validation for UTF-8) → split physical lines (for line numbers) → libcsv. */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <uchardet.h>
#include "csv_reader.h"
#include "xlsx_classify.h"

#define CHUNK (1 << 20)
#define LIBCSV_ROW_NOT_BEGUN 0 /* libcsv's pstate outside any record */

static void mark_push(nohin_csv *c, nohin_csv_mark_kind k, nohin_csv_mark m)
{
    nohin_csv_marks *ms = &c->marks[k];
    ms->total++;
    if (!ms->items) ms->items = g_array_new(FALSE, TRUE, sizeof(nohin_csv_mark));
    if (ms->items->len >= NOHIN_CSV_MAX_MARKS) {
        g_free(m.evidence);
        return;
    }
    g_array_append_val(ms->items, m);
}

static void mark(nohin_csv *c, nohin_csv_mark_kind k, int line, int line_end, int field,
                 const char *ev)
{
    nohin_csv_mark m = {line, line_end ? line_end : line, field, 0, ev ? g_strdup(ev) : NULL};
    mark_push(c, k, m);
}

void nohin_csv_free(nohin_csv *c)
{
    if (!c) return;
    for (int k = 0; k < NOHIN_CSV_MARK_COUNT; k++) {
        GArray *a = c->marks[k].items;
        for (guint i = 0; a && i < a->len; i++)
            g_free(g_array_index(a, nohin_csv_mark, i).evidence);
        if (a) g_array_free(a, TRUE);
    }
    g_free(c->error);
    g_free(c->encoding);
    g_free(c->detected);
    g_free(c);
}

typedef struct {
    nohin_csv *scan;    /* non-NULL: fill observations */
    const nohin_csv *c; /* settings (encoding, delimiter) */
    nohin_csv_field_cb cb;
    void *user;
    bool stop;
    struct csv_parser p;
    unsigned char opts;
    char newline;
    int line, rec_line, record, field;
    bool at_line_start, blank_candidate;
    /* record summary */
    int rec_nonempty, rec_numbers;
    GArray *rec_empty_fields; /* field numbers, first real record only */
    /* table structure */
    int expected; /* expected field count, 0 until known */
    int title_lines[5], n_titles;
    int last_data_line, block_records, gap_start, gap_end;
    nohin_csv_mark rag;
    bool rag_open;
    bool saw_multibyte;
    bool skip_to_eol;
} engine;

static void flush_ragged(engine *e)
{
    if (!e->rag_open) return;
    mark_push(e->scan, NOHIN_CSV_MARK_RAGGED, e->rag);
    e->rag_open = false;
}

static void ragged(engine *e, int line, int line_end, int count)
{
    char ev[64];
    if (e->rag_open && e->rag.count == count && e->rag.line_end + 1 == line) {
        e->rag.line_end = line_end;
        return;
    }
    flush_ragged(e);
    g_snprintf(ev, sizeof ev, "fields=%d expected=%d", count, e->expected);
    e->rag = (nohin_csv_mark){line, line_end, 0, count, g_strdup(ev)};
    e->rag_open = true;
}

static void on_field(void *s, size_t len, void *data)
{
    engine *e = data;
    if (e->stop) return;
    e->field++;
    const char *text = s ? (const char *)s : "";
    if (!s) len = 0;
    char *fixed = NULL;
    /* The engine feeds libcsv validated UTF-8, except for a NUL inside a field. */
    if (memchr(text, 0, len) && !g_utf8_validate_len(text, len, NULL)) {
        fixed = g_utf8_make_valid(text, (gssize)len);
        text = fixed;
        len = strlen(fixed);
    }
    bool empty = nohin_text_blank(text);
    if (!empty) e->rec_nonempty++;
    if (e->scan) {
        nohin_csv *c = e->scan;
        if (!empty && nohin_text_is_number(text)) e->rec_numbers++;
        if (nohin_text_formula_like(text))
            mark(c, NOHIN_CSV_MARK_FORMULA, e->line, 0, e->field, text);
        if (nohin_text_layout_spaces(text))
            mark(c, NOHIN_CSV_MARK_LAYOUT_SPACES, e->line, 0, e->field, text);
        gunichar mc = nohin_text_machine_char(text);
        if (mc) {
            char buf[8] = {0};
            g_unichar_to_utf8(mc, buf);
            mark(c, NOHIN_CSV_MARK_MACHINE_CHARS, e->line, 0, e->field, buf);
        }
        if (empty && e->expected == 0 && e->rec_empty_fields->len < NOHIN_CSV_MAX_MARKS)
            g_array_append_val(e->rec_empty_fields, e->field);
    }
    if (e->cb) {
        nohin_csv_field f = {text, len, e->line, e->rec_line, e->record + 1, e->field};
        if (!e->cb(&f, e->user)) e->stop = true;
    }
    g_free(fixed);
}

/* The first real record decides the header and the expected field count. */
static void first_record(engine *e, int nfields, int end_line)
{
    nohin_csv *c = e->scan;
    e->expected = nfields;
    c->fields = nfields;
    c->has_header = e->rec_numbers == 0 && e->rec_nonempty == nfields;
    if (e->rec_numbers > 0)
        mark(c, NOHIN_CSV_MARK_MISSING_HEADER, e->rec_line, end_line, 0, "numbers");
    else
        for (guint i = 0; i < e->rec_empty_fields->len; i++)
            mark(c, NOHIN_CSV_MARK_MISSING_HEADER, e->rec_line, end_line,
                 g_array_index(e->rec_empty_fields, int, i), "blank");
    for (int i = 0; e->rec_nonempty >= 2 && i < e->n_titles; i++)
        mark(c, NOHIN_CSV_MARK_TITLE, e->title_lines[i], e->title_lines[i], 0, NULL);
}

static void on_record(int ch, void *data)
{
    engine *e = data;
    (void)ch;
    int nfields = e->field, end_line = e->line;
    bool blank = e->rec_nonempty == 0;
    e->record++;
    if (e->scan && !e->stop) {
        nohin_csv *c = e->scan;
        c->records++;
        if (blank && e->expected && nfields > 1 && nfields != e->expected)
            ragged(e, e->rec_line, end_line, nfields);
        if (blank) {
            if (e->last_data_line) {
                if (!e->gap_start) e->gap_start = e->rec_line;
                e->gap_end = end_line;
            }
        } else {
            bool header_like = e->rec_nonempty >= 2 && e->rec_numbers == 0;
            if (e->gap_start) {
                bool title_only = e->block_records == 1 && e->expected == 0;
                if (header_like && e->block_records >= 2)
                    mark(c, NOHIN_CSV_MARK_NEW_TABLE, e->rec_line, end_line, 0, NULL);
                else if (!title_only)
                    mark(c, NOHIN_CSV_MARK_BLANK_ROWS, e->gap_start, e->gap_end, 0, NULL);
                e->gap_start = e->gap_end = 0;
                e->block_records = 0;
            }
            e->block_records++;
            e->last_data_line = end_line;
            if (e->expected == 0) {
                if (e->rec_nonempty == 1 && e->n_titles < 5) {
                    e->title_lines[e->n_titles++] =
                        e->rec_line; /* a title line above the header? */
                } else {
                    first_record(e, nfields, end_line);
                }
            } else if (nfields != e->expected) {
                ragged(e, e->rec_line, end_line, nfields);
            }
        }
    }
    e->field = 0;
    e->rec_nonempty = e->rec_numbers = 0;
    if (e->rec_empty_fields) g_array_set_size(e->rec_empty_fields, 0);
    e->rec_line = e->line + 1;
}

/* Blanks are data here (DATA-LAYOUT-SPACES, a leading tab in CSV-FORMULA):
 * libcsv must not trim them. */
static int no_space(unsigned char ch)
{
    (void)ch;
    return 0;
}

static void parser_init(engine *e)
{
    csv_init(&e->p, e->opts);
    /* libcsv grows its field buffer by blk_size (default 128 bytes): with realloc
     * copying, a 50 MB field cost quadratic time. 64 KiB steps keep it linear. */
    csv_set_blk_size(&e->p, 64 * 1024);
    csv_set_space_func(&e->p, no_space);
    csv_set_delim(&e->p, (unsigned char)e->c->delimiter);
}

/* Feeds decoded UTF-8 text to libcsv one physical line at a time. */
static void feed(engine *e, const char *buf, size_t len)
{
    size_t pos = 0;
    while (pos < len && !e->stop) {
        const char *nl = memchr(buf + pos, e->newline, len - pos);
        size_t seg = nl ? (size_t)(nl - (buf + pos)) + 1 : len - pos;
        if (e->skip_to_eol) { /* the rest of a line whose field went over the limit */
            pos += seg;
            if (nl) {
                e->skip_to_eol = false;
                e->line++;
                e->at_line_start = true;
            }
            continue;
        }
        if (e->at_line_start) {
            e->blank_candidate = e->p.pstate == LIBCSV_ROW_NOT_BEGUN;
            e->at_line_start = false;
            if (e->p.pstate == LIBCSV_ROW_NOT_BEGUN) e->rec_line = e->line;
        }
        if (e->blank_candidate)
            for (size_t i = 0; i < seg; i++) {
                char ch = buf[pos + i];
                if (ch != '\r' && ch != '\n') {
                    e->blank_candidate = false;
                    break;
                }
            }
        size_t done = csv_parse(&e->p, buf + pos, seg, on_field, on_record, e);
        if (done < seg) { /* broken quoting: note it, restart on the next line */
            if (e->scan) mark(e->scan, NOHIN_CSV_MARK_QUOTE, e->line, 0, 0, NULL);
            csv_free(&e->p);
            parser_init(e);
            e->field = 0;
            e->rec_nonempty = e->rec_numbers = 0;
        } else if (e->p.entry_pos > NOHIN_CSV_MAX_FIELD) {
            /* Quoted: a quote that never closes. Unquoted: simply a field over the
             * limit; the rest of its line is skipped, not parsed as new fields. */
            bool quoted = e->p.quoted;
            if (e->scan)
                mark(e->scan, NOHIN_CSV_MARK_QUOTE, e->rec_line, e->line, 0,
                     quoted ? "runaway" : NOHIN_CSV_FIELD_LIMIT_EVIDENCE);
            csv_free(&e->p);
            parser_init(e);
            e->field = 0;
            e->rec_nonempty = e->rec_numbers = 0;
            if (!quoted && !nl) e->skip_to_eol = true;
        }
        pos += seg;
        if (nl) {
            if (e->blank_candidate && e->scan && e->last_data_line) {
                if (!e->gap_start) e->gap_start = e->line;
                e->gap_end = e->line;
            }
            e->line++;
            e->at_line_start = true;
        }
    }
}

static void bad_bytes(engine *e, size_t n)
{
    if (e->scan) {
        e->scan->bad_bytes += n;
        mark(e->scan, NOHIN_CSV_MARK_ENCODING, e->line, 0, 0, NULL);
    }
    feed(e, "\xEF\xBF\xBD", 3); /* U+FFFD */
}

/* UTF-8 input: validate, pass valid text through, replace invalid bytes. */
static size_t pump_utf8(engine *e, const char *buf, size_t len, bool eof)
{
    size_t pos = 0;
    while (pos < len && !e->stop) {
        const gchar *end = NULL;
        bool ok = g_utf8_validate_len(buf + pos, len - pos, &end);
        size_t good = (size_t)(end - (buf + pos));
        if (!e->saw_multibyte)
            for (size_t i = 0; i < good; i++)
                if ((guchar)buf[pos + i] >= 0x80) {
                    e->saw_multibyte = true;
                    break;
                }
        feed(e, buf + pos, good);
        pos += good;
        if (ok) break;
        /* An incomplete character at the end of the chunk waits for the next one. */
        size_t rest = len - pos;
        if (!eof && rest < 4) {
            gunichar ch = g_utf8_get_char_validated(buf + pos, (gssize)rest);
            if (ch == (gunichar)-2) return pos;
        }
        if (buf[pos] == 0) { /* NUL passes validation's way: treat as invalid text */
            bad_bytes(e, 1);
            pos++;
            continue;
        }
        bad_bytes(e, 1);
        pos++;
    }
    return len;
}

/* Other encodings: iconv to UTF-8; undecodable bytes become U+FFFD. */
static size_t pump_iconv(engine *e, GIConv cd, const char *buf, size_t len, bool eof, size_t unit)
{
    char out[CHUNK];
    gchar *in = (gchar *)buf;
    gsize inleft = len;
    while (inleft > 0 && !e->stop) {
        gchar *o = out;
        gsize oleft = sizeof out;
        gsize r = g_iconv(cd, &in, &inleft, &o, &oleft);
        int err = r == (gsize)-1 ? errno : 0;
        feed(e, out, sizeof out - oleft);
        if (!err) break;
        if (err == E2BIG) continue;
        if (err == EINVAL && !eof) return len - inleft; /* incomplete: wait for more */
        size_t skip = MIN(unit, inleft);
        bad_bytes(e, skip);
        in += skip;
        inleft -= skip;
    }
    return len - inleft;
}

static bool run_engine(const char *abspath, engine *e)
{
    FILE *fp = fopen(abspath, "rb");
    if (!fp) return false;
    const nohin_csv *c = e->c;
    e->opts = CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL;
    parser_init(e);
    e->line = 1;
    e->rec_line = 1;
    e->at_line_start = true;
    bool utf8 = !strcmp(c->encoding, "UTF-8");
    size_t unit = g_str_has_prefix(c->encoding, "UTF-16")   ? 2
                  : g_str_has_prefix(c->encoding, "UTF-32") ? 4
                                                            : 1;
    GIConv cd = utf8 ? (GIConv)-1 : g_iconv_open("UTF-8", c->encoding);
    if (!utf8 && cd == (GIConv)-1) {
        fclose(fp);
        csv_free(&e->p);
        return false;
    }
    char *buf = g_malloc(CHUNK + 8);
    size_t carry = 0, n;
    bool first = true, ok = true;
    while (!e->stop && (n = fread(buf + carry, 1, CHUNK, fp)) > 0) {
        size_t len = carry + n, start = 0;
        if (first && c->bom) start = g_str_has_prefix(c->encoding, "UTF-32") ? 4 : utf8 ? 3 : 2;
        first = false;
        bool eof = feof(fp);
        size_t used = utf8 ? pump_utf8(e, buf + start, len - start, eof)
                           : pump_iconv(e, cd, buf + start, len - start, eof, unit);
        carry = len - start - used;
        memmove(buf, buf + start + used, carry);
    }
    if (ferror(fp)) ok = false;
    if (carry && !e->stop) { /* a truncated character at the very end */
        if (utf8)
            pump_utf8(e, buf, carry, true);
        else
            pump_iconv(e, cd, buf, carry, true, unit);
    }
    if (!e->stop && csv_fini(&e->p, on_field, on_record, e) != 0 && e->scan)
        mark(e->scan, NOHIN_CSV_MARK_QUOTE, e->rec_line, e->line, 0, "unterminated");
    csv_free(&e->p);
    g_free(buf);
    if (cd != (GIConv)-1) g_iconv_close(cd);
    fclose(fp);
    if (e->scan) {
        flush_ragged(e);
        e->scan->lines = (guint64)e->line;
        if (e->expected == 0 && e->n_titles) { /* a one-column file: no title after all */
            e->scan->fields = 1;
        }
    }
    return ok;
}

bool nohin_csv_foreach_field(const char *abspath, const nohin_csv *c, nohin_csv_field_cb cb,
                             void *user)
{
    engine e = {0};
    e.c = c;
    e.cb = cb;
    e.user = user;
    e.newline = '\n';
    return run_engine(abspath, &e);
}

/* ---- detection ---- */

static const char *japanese_name(const char *d)
{
    if (!g_ascii_strcasecmp(d, "SHIFT_JIS") || !g_ascii_strcasecmp(d, "WINDOWS-31J") ||
        !g_ascii_strcasecmp(d, "CP932") || !g_ascii_strcasecmp(d, "SJIS"))
        return "CP932";
    return NULL;
}

/* Decodes strictly as CP932 and reads as Japanese. strict: for bytes a
 * detector named otherwise — a Latin-1 text's accented letters pair into
 * double-byte codes (Número), and alone they read as half-width katakana
 * (© = ｩ) or as user-defined characters (ó r = U+E266): neither may occur, and
 * the text needs kana or 16 Japanese characters. */
static bool cp932_japanese(const char *b, size_t n, bool strict)
{
    char *u = g_convert(b, (gssize)n, "UTF-8", "CP932", NULL, NULL, NULL);
    if (!u) return false;
    int jp = 0, other = 0, kana = 0, odd = 0;
    for (const char *p = u; *p; p = g_utf8_next_char(p)) {
        gunichar ch = g_utf8_get_char(p);
        if (ch < 0x80) continue;
        odd += (ch >= 0xE000 && ch <= 0xF8FF) || (ch >= 0xFF61 && ch <= 0xFF9F);
        if ((ch >= 0x3000 && ch <= 0x30FF) || (ch >= 0x4E00 && ch <= 0x9FFF) ||
            (ch >= 0xFF00 && ch <= 0xFFEF) ||
            /* NEC and IBM extensions: ①, Ⅰ, ㈱, ㍉, 髙 (0xF900–0xFAFF), ∵ */
            (ch >= 0x2150 && ch <= 0x24FF) || (ch >= 0x3200 && ch <= 0x33FF) ||
            (ch >= 0xF900 && ch <= 0xFAFF) || (ch >= 0x2200 && ch <= 0x22FF))
            jp++;
        else
            other++;
        kana += ch >= 0x3041 && ch <= 0x30FA;
    }
    g_free(u);
    return jp > 0 && jp >= 4 * other && (!strict || (odd == 0 && (kana > 0 || jp >= 16)));
}

static bool plausible_cp932(const char *b, size_t n)
{
    return cp932_japanese(b, n, false);
}

bool nohin_csv_cp932_despite_detector(const char *b, size_t n)
{
    return cp932_japanese(b, n, true);
}

static void detect_encoding(nohin_csv *c, const guchar *b, size_t n, bool whole)
{
    c->detected = g_strdup("");
    if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
        c->encoding = g_strdup("UTF-8"), c->bom = true, c->encoding_ok = true;
        return;
    }
    if (n >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) {
        c->encoding = g_strdup("UTF-32LE"), c->bom = true;
        return;
    }
    if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
        c->encoding = g_strdup("UTF-16LE"), c->bom = true, c->encoding_ok = true;
        return;
    }
    if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
        c->encoding = g_strdup("UTF-16BE"), c->bom = true, c->encoding_ok = true;
        return;
    }
    const gchar *end = NULL;
    bool valid = g_utf8_validate_len((const gchar *)b, n, &end);
    size_t rest = n - (size_t)(end - (const gchar *)b);
    if (!valid && !whole && rest < 4 &&
        g_utf8_get_char_validated(end, (gssize)rest) == (gunichar)-2)
        valid = true; /* the sample cut a character in two */
    bool nul = memchr(b, 0, n) != NULL;
    if (valid && !nul) {
        c->encoding = g_strdup("UTF-8"), c->encoding_ok = true;
        return;
    }
    uchardet_t ud = uchardet_new();
    uchardet_handle_data(ud, (const char *)b, n);
    uchardet_data_end(ud);
    const char *d = uchardet_get_charset(ud);
    g_free(c->detected);
    c->detected = g_strdup(d ? d : "");
    uchardet_delete(ud);
    const char *jp = japanese_name(c->detected);
    /* Short samples leave uchardet unsure: take CP932 when the sample decodes
     * strictly and reads as Japanese. A named single-byte charset is trusted. */
    if (!jp && (!*c->detected || !g_ascii_strcasecmp(c->detected, "ASCII")) && !nul &&
        plausible_cp932((const char *)b, whole ? n : n - MIN(n, 1)))
        jp = "CP932";
    /* uchardet's Shift_JIS prober does not know the NEC and IBM extensions
     * (①, ㈱, Ⅱ, 髙, 﨑) that Excel writes in CP932, and names a single-byte
     * charset instead (ISO-8859-13 for 髙橋①): a sample that decodes strictly as
     * CP932 into Japanese text is CP932. */
    if (!jp && *c->detected && !nul && g_ascii_strcasecmp(c->detected, "EUC-JP") &&
        g_ascii_strncasecmp(c->detected, "UTF-", 4) &&
        g_ascii_strncasecmp(c->detected, "ISO-2022", 8) &&
        (nohin_csv_cp932_despite_detector((const char *)b, n) ||
         (!whole && nohin_csv_cp932_despite_detector((const char *)b, n - MIN(n, 1)))))
        jp = "CP932"; /* a sample may end inside a character */
    if (jp) {
        c->encoding = g_strdup(jp), c->encoding_ok = true;
    } else if (nul && n >= 2 && b[1] == 0 && b[0] != 0) {
        c->encoding = g_strdup("UTF-16LE"); /* no BOM */
    } else if (nul && n >= 2 && b[0] == 0 && b[1] != 0) {
        c->encoding = g_strdup("UTF-16BE");
    } else if (*c->detected && g_ascii_strcasecmp(c->detected, "ASCII") &&
               g_ascii_strcasecmp(c->detected, "UTF-8")) {
        GIConv cd = g_iconv_open("UTF-8", c->detected);
        if (cd != (GIConv)-1) {
            g_iconv_close(cd);
            c->encoding = g_strdup(c->detected);
        }
    }
    if (!c->encoding) c->encoding = g_strdup(nul ? "UTF-8" : "CP932");
    if (!strcmp(c->encoding, "UTF-8")) c->encoding_ok = true; /* bad bytes are reported apart */
    /* Mostly valid UTF-8 with a few bad bytes: read as UTF-8 and report the bytes. */
    if (!jp && !nul && g_ascii_strcasecmp(c->detected, "EUC-JP") &&
        (!*c->detected || !g_ascii_strcasecmp(c->detected, "UTF-8"))) {
        g_free(c->encoding);
        c->encoding = g_strdup("UTF-8");
        c->encoding_ok = true;
    }
}

/* The delimiter that splits the first lines into the most consistent count. */
static char detect_delimiter(const char *s, size_t n, const char *path)
{
    char *ext = nohin_file_extension(path ? path : "");
    bool tsv = !strcmp(ext, "tsv") || !strcmp(ext, "tab");
    g_free(ext);
    static const char cands[] = {',', '\t', ';', '|'};
    int best = tsv ? 1 : 0, best_score = -1;
    for (int k = 0; k < 4; k++) {
        int counts[50] = {0}, lines = 0;
        bool q = false;
        for (size_t i = 0; i < n && lines < 50; i++) {
            if (s[i] == '"')
                q = !q;
            else if (!q && s[i] == cands[k])
                counts[lines]++;
            else if (!q && s[i] == '\n')
                lines++;
        }
        if (lines == 0) lines = 1;
        int same = 0;
        for (int i = 0; i < lines; i++)
            if (counts[i] > 0 && counts[i] == counts[0]) same++;
        int score = counts[0] > 0 ? same * 4 + (counts[0] > 0) : 0;
        if (score > best_score || (score == best_score && k == (tsv ? 1 : 0))) {
            best_score = score;
            best = k;
        }
    }
    return best_score <= 0 ? (tsv ? '\t' : ',') : cands[best];
}

nohin_csv *nohin_csv_open(const char *abspath, const char *path_for_ext)
{
    nohin_csv *c = g_new0(nohin_csv, 1);
    FILE *fp = fopen(abspath, "rb");
    if (!fp) {
        c->error = g_strdup(g_strerror(errno));
        c->encoding = g_strdup("UTF-8");
        c->detected = g_strdup("");
        c->delimiter = ',';
        return c;
    }
    guchar *sniff = g_malloc(NOHIN_CSV_SNIFF);
    size_t n = fread(sniff, 1, NOHIN_CSV_SNIFF, fp);
    bool whole = feof(fp);
    fseek(fp, 0, SEEK_END);
    c->bytes = (guint64)ftell(fp);
    fclose(fp);
    detect_encoding(c, sniff, n, whole);
    /* Delimiter from a decoded sample. */
    char *sample = NULL;
    gsize slen = 0;
    size_t skip = c->bom ? (g_str_has_prefix(c->encoding, "UTF-32") ? 4
                            : !strcmp(c->encoding, "UTF-8")         ? 3
                                                                    : 2)
                         : 0;
    if (!strcmp(c->encoding, "UTF-8")) {
        sample = g_strndup((const char *)sniff + skip, n - skip);
        slen = strlen(sample);
    } else {
        sample = g_convert_with_fallback((const char *)sniff + skip, (gssize)(n - skip), "UTF-8",
                                         c->encoding, "?", NULL, &slen, NULL);
        if (!sample) sample = g_strdup(""), slen = 0;
    }
    c->delimiter = detect_delimiter(sample, slen, path_for_ext);
    g_free(sample);
    g_free(sniff);
    engine e = {0};
    e.scan = c;
    e.c = c;
    e.newline = '\n';
    e.rec_empty_fields = g_array_new(FALSE, FALSE, sizeof(int));
    if (!run_engine(abspath, &e)) c->error = g_strdup(_("the file cannot be read"));
    g_array_free(e.rec_empty_fields, TRUE);
    c->mixed = c->bad_bytes > 0 && e.saw_multibyte;
    return c;
}

nohin_csv *nohin_csv_of(nohin_file *file)
{
    nohin_csv *c = nohin_file_reader(file, NOHIN_READER_CSV);
    if (c) return c;
    c = nohin_csv_open(file->abspath, file->path);
    nohin_file_set_reader(file, NOHIN_READER_CSV, c, (GDestroyNotify)nohin_csv_free);
    return c;
}
