/* Caption index: figure/table captions from a report's text layer. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>
#include "bundle/captions.h"
#include "readers/pdf_reader.h"

#define KINDS "図表|図|表|グラフ|写真|Figure|Fig\\.?|Table"
/* A figure number: up to four parts of 1–3 digits joined by a dash, a dot or the
 * long-vowel mark that people type for a dash (3ー2). */
#define NUMBER "([0-9]{1,3}(?:\\s*[-.ー]\\s*[0-9]{1,3}){0,3})(?![0-9])"
#define MAX_TITLE_CHARS 200 /* a longer "title" is running text that wrapped */

static pcre2_code *re_caption, *re_leader, *re_name_kind, *re_name_bare, *re_number_only;

static pcre2_code *compile(const char *pattern)
{
    int err = 0;
    PCRE2_SIZE off = 0;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off, NULL);
    if (!re) g_error("caption pattern does not compile at %zu: %s", (size_t)off, pattern);
    return re;
}

static gpointer compile_all(gpointer unused)
{
    (void)unused;
    re_caption = compile("^(" KINDS ")\\s*" NUMBER "\\s*[:.]?\\s*(.*)$");
    /* Dot leaders then a page number: "……… 12", ". . . . 12", "・・・・12". */
    /* A caption whose title poppler put elsewhere: the page is read again by position. */
    re_number_only = compile("(?m)^\\s*(" KINDS ")\\s*" NUMBER "\\s*[:.]?\\s*$");
    re_leader = compile("\\s*(?:[.・·•]\\s*){3,}([0-9]{1,4})\\s*$");
    re_name_kind = compile("(" KINDS ")\\s*_?\\s*" NUMBER "[\\s_:.\\-]*(.*)$");
    re_name_bare =
        compile("^([0-9]{1,3}(?:\\s*[-.ー]\\s*[0-9]{1,3}){1,3})(?![0-9])[\\s_:.\\-]*(.*)$");
    return NULL;
}

static void ensure_patterns(void)
{
    static GOnce once = G_ONCE_INIT;
    g_once(&once, compile_all, NULL);
}

/* Group g of the last match, or NULL when it did not take part. */
static char *group(pcre2_match_data *md, const char *subject, int g)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    if (ov[2 * g] == PCRE2_UNSET) return NULL;
    return g_strndup(subject + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
}

static bool is_dash(gunichar c)
{
    return (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x2043 || c == 0xFE58 ||
           c == 0xFE63 || c == 0xFF0D || c == 0x2E3A || c == 0x2E3B;
}

char *nohin_caption_fold(const char *s)
{
    if (!s) return g_strdup("");
    char *valid = g_utf8_make_valid(s, -1);
    char *nfkc = g_utf8_normalize(valid, -1, G_NORMALIZE_NFKC);
    g_free(valid);
    if (!nfkc) return g_strdup("");
    GString *out = g_string_new(NULL);
    bool space = false;
    for (const char *p = nfkc; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isspace(c) || c == 0x3000 || c == 0x00A0) {
            space = out->len > 0;
            continue;
        }
        if (space) g_string_append_c(out, ' ');
        space = false;
        if (is_dash(c))
            g_string_append_c(out, '-');
        else
            g_string_append_unichar(out, c);
    }
    g_free(nfkc);
    return g_string_free(out, FALSE);
}

char *nohin_caption_title_key(const char *title)
{
    char *f = nohin_caption_fold(title);
    GString *out = g_string_new(NULL);
    for (const char *p = f; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == ' ' || c == '_' || (c < 0x80 && strchr("\\/:*?\"<>|", (int)c))) continue;
        g_string_append_unichar(out, c < 0x80 ? (gunichar)g_ascii_tolower((gchar)c) : c);
    }
    g_free(f);
    return g_string_free(out, FALSE);
}

/* "3 ー 2.1" -> "3-2-1" */
static char *canonical_number(const char *raw)
{
    GString *out = g_string_new(NULL);
    bool sep = false;
    for (const char *p = raw; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c >= '0' && c <= '9') {
            if (sep && out->len) g_string_append_c(out, '-');
            sep = false;
            g_string_append_c(out, (char)c);
        } else {
            sep = true;
        }
    }
    return g_string_free(out, FALSE);
}

const char *nohin_caption_kind_class(const char *kind)
{
    if (!kind) return "";
    if (!strcmp(kind, "図表")) return "図表";
    if (!strcmp(kind, "図") || !g_ascii_strncasecmp(kind, "fig", 3)) return "図";
    if (!strcmp(kind, "表") || !g_ascii_strcasecmp(kind, "table")) return "表";
    if (!strcmp(kind, "グラフ")) return "グラフ";
    if (!strcmp(kind, "写真")) return "写真";
    return kind;
}

bool nohin_caption_kinds_compatible(const char *a, const char *b)
{
    if (!a || !b) return true;
    const char *ca = nohin_caption_kind_class(a), *cb = nohin_caption_kind_class(b);
    return !strcmp(ca, cb) || !strcmp(ca, "図表") || !strcmp(cb, "図表");
}

void nohin_caption_clear(nohin_caption *c)
{
    if (!c) return;
    g_free(c->kind);
    g_free(c->number);
    g_free(c->title);
    g_free(c->toc_title);
    memset(c, 0, sizeof *c);
}

static void caption_free(nohin_caption *c)
{
    nohin_caption_clear(c);
    g_free(c);
}

/* A line that starts with "図3-2" but goes on "に示すとおり" refers to the figure:
 * it is running text, not the caption. */
static bool reads_as_reference(const char *title)
{
    static const char *const starts[] = {"に", "の", "を",   "は",     "で",   "と",   "や", "が",
                                         "も", "へ", "から", "より",   "参照", "、",   "。", ",",
                                         ")",  "」", "及び", "および", "及",   "など", "等", NULL};
    for (const char *const *s = starts; *s; s++)
        if (g_str_has_prefix(title, *s)) return true;
    if (g_str_has_suffix(title, "。")) return true;
    return g_utf8_strlen(title, -1) > MAX_TITLE_CHARS;
}

bool nohin_caption_parse_line(const char *line, nohin_caption *out, bool *is_toc)
{
    ensure_patterns();
    memset(out, 0, sizeof *out);
    *is_toc = false;
    char *f = nohin_caption_fold(line);
    pcre2_match_data *md = pcre2_match_data_create(8, NULL);
    bool ok = false;
    if (pcre2_match(re_caption, (PCRE2_SPTR)f, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) >= 0) {
        char *kind = group(md, f, 1), *num = group(md, f, 2), *title = group(md, f, 3);
        if (!title) title = g_strdup("");
        int printed = 0;
        if (pcre2_match(re_leader, (PCRE2_SPTR)title, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) >= 0) {
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            char *pg = group(md, title, 1);
            printed = atoi(pg);
            g_free(pg);
            title[ov[0]] = '\0';
            *is_toc = true;
        }
        g_strstrip(title);
        if (*is_toc || !reads_as_reference(title)) {
            out->kind = kind;
            out->number = canonical_number(num);
            out->title = title;
            out->printed_page = printed;
            kind = title = NULL;
            ok = true;
        }
        g_free(kind);
        g_free(num);
        g_free(title);
    }
    pcre2_match_data_free(md);
    g_free(f);
    return ok;
}

const nohin_caption *nohin_captions_find(const nohin_captions *c, const char *kind,
                                         const char *number)
{
    if (!c || !number) return NULL;
    for (guint i = 0; i < c->items->len; i++) {
        const nohin_caption *cap = c->items->pdata[i];
        if (!strcmp(cap->number, number) && nohin_caption_kinds_compatible(kind, cap->kind))
            return cap;
    }
    return NULL;
}

/* The caption with the same class of kind and number (exact class: 図 and 表 3-2 are two). */
static nohin_caption *find_same(nohin_captions *c, const nohin_caption *cap)
{
    for (guint i = 0; i < c->items->len; i++) {
        nohin_caption *o = c->items->pdata[i];
        if (!strcmp(o->number, cap->number) &&
            !strcmp(nohin_caption_kind_class(o->kind), nohin_caption_kind_class(cap->kind)))
            return o;
    }
    return NULL;
}

static void add_line(nohin_captions *c, const char *line, int page, bool toc_page)
{
    nohin_caption cap;
    bool toc = false;
    if (!nohin_caption_parse_line(line, &cap, &toc)) return;
    toc = toc || toc_page; /* a caption on a contents page refers to the figure */
    nohin_caption *have = find_same(c, &cap);
    if (!have) {
        have = g_new0(nohin_caption, 1);
        have->kind = g_strdup(cap.kind);
        have->number = g_strdup(cap.number);
        have->title = g_strdup("");
        g_ptr_array_add(c->items, have);
    }
    if (toc) {
        if (!have->toc_page) {
            have->toc_page = page;
            have->printed_page = cap.printed_page;
            have->toc_title = g_strdup(cap.title);
            if (!have->page && !*have->title) {
                g_free(have->title);
                have->title = g_strdup(cap.title);
            }
        }
    } else if (!have->page) {
        /* The body's caption is the authority for kind and title; the contents only
         * fills a title the body line lacks (number and title on separate lines). */
        have->page = page;
        g_free(have->kind);
        have->kind = g_strdup(cap.kind);
        if (*cap.title || !have->toc_title) {
            g_free(have->title);
            have->title = g_strdup(cap.title);
        }
    }
    nohin_caption_clear(&cap);
}

/* "目次", "図表目次", "List of Figures", …: the page lists figures, it does not hold them. */
static bool is_contents_heading(const char *line)
{
    static const char *const heads[] = {
        "目次",     "図表目次", "図目次",          "表目次",        "図一覧",       "表一覧",
        "図表一覧", "contents", "tableofcontents", "listoffigures", "listoftables", NULL};
    char *key = nohin_caption_title_key(line);
    bool hit = false;
    for (const char *const *h = heads; *h && !hit; h++)
        hit = !strcmp(key, *h);
    g_free(key);
    return hit;
}

nohin_captions *nohin_captions_from_pages(const char *const *pages, int n)
{
    nohin_captions *c = g_new0(nohin_captions, 1);
    c->items = g_ptr_array_new_with_free_func((GDestroyNotify)caption_free);
    for (int i = 0; i < n; i++) {
        if (!pages[i]) continue;
        char **lines = g_strsplit_set(pages[i], "\n\r", -1);
        bool toc_page = false;
        for (char **l = lines; *l && !toc_page; l++)
            toc_page = is_contents_heading(*l);
        for (char **l = lines; *l; l++)
            if (**l) add_line(c, *l, i + 1, toc_page);
        g_strfreev(lines);
    }
    return c;
}

void nohin_captions_free(nohin_captions *c)
{
    if (!c) return;
    g_ptr_array_free(c->items, TRUE);
    g_free(c);
}

typedef struct {
    double x1, y1, x2, y2;
    gunichar c;
} glyph;

static int cmp_glyph_y(const void *a, const void *b)
{
    const glyph *x = a, *y = b;
    double cx = (x->y1 + x->y2) / 2, cy = (y->y1 + y->y2) / 2;
    if (cx != cy) return cx < cy ? -1 : 1;
    return (x->x1 > y->x1) - (x->x1 < y->x1);
}

static int cmp_glyph_x(const void *a, const void *b)
{
    const glyph *x = a, *y = b;
    return (x->x1 > y->x1) - (x->x1 < y->x1);
}

/* Appends one drawn row: glyphs left to right, a space where the gap is wider
 * than a quarter of the line height, a new line where it is wider than four
 * heights (another column). */
static void append_row(GString *out, glyph *g, size_t n)
{
    qsort(g, n, sizeof *g, cmp_glyph_x);
    double h = g[0].y2 - g[0].y1;
    for (size_t i = 0; i < n; i++) {
        if (i) {
            double gap = g[i].x1 - g[i - 1].x2;
            if (gap > 4 * h)
                g_string_append_c(out, '\n');
            else if (gap > h / 4)
                g_string_append_c(out, ' ');
        }
        g_string_append_unichar(out, g[i].c);
    }
    g_string_append_c(out, '\n');
}

/* The page's text as drawn: characters that share a line on the page make one line,
 * in the order of their x position. LibreOffice draws the full-width space of
 * "表3-1　タイトル" as a gap, and poppler's text then puts the number and the title
 * on separate lines; read by position they are one caption again. NULL when the
 * layout does not map one rectangle to each character. */
static char *page_rows(PopplerDocument *doc, int index, const char *text)
{
    PopplerPage *page = poppler_document_get_page(doc, index);
    if (!page) return NULL;
    PopplerRectangle *rects = NULL;
    guint n = 0;
    char *out = NULL;
    if (poppler_page_get_text_layout(page, &rects, &n) && (glong)n == g_utf8_strlen(text, -1)) {
        glyph *g = g_new(glyph, n ? n : 1);
        size_t k = 0;
        const char *p = text;
        for (guint i = 0; i < n; i++, p = g_utf8_next_char(p)) {
            gunichar c = g_utf8_get_char(p);
            PopplerRectangle r = rects[i];
            if (g_unichar_isspace(c) || c == 0x3000 || r.x2 <= r.x1 || r.y2 <= r.y1) continue;
            g[k++] = (glyph){r.x1, r.y1, r.x2, r.y2, c};
        }
        qsort(g, k, sizeof *g, cmp_glyph_y);
        GString *o = g_string_new(NULL);
        for (size_t start = 0; start < k;) {
            size_t end = start + 1;
            /* Same row: the centre lies within the first glyph's height. */
            while (end < k && (g[end].y1 + g[end].y2) / 2 <= g[start].y2)
                end++;
            append_row(o, g + start, end - start);
            start = end;
        }
        out = g_string_free(o, FALSE);
        g_free(g);
    }
    g_free(rects);
    g_object_unref(page);
    return out;
}

const nohin_captions *nohin_captions_of(nohin_file *pdf)
{
    nohin_captions *c = nohin_file_reader(pdf, NOHIN_READER_CAPTIONS);
    if (c) return c;
    /* clean's second lint: the same pages as a report read before, the same captions */
    if ((c = nohin_pdf_derived_get(pdf, "captions"))) {
        nohin_file_set_reader(pdf, NOHIN_READER_CAPTIONS, c, NULL);
        return c;
    }
    ensure_patterns();
    nohin_pdf *doc = nohin_pdf_of(pdf);
    int n = doc->doc ? doc->n_pages : 0;
    const char **pages = g_new0(const char *, n > 0 ? n : 1);
    char **rows = g_new0(char *, n > 0 ? n : 1);
    pcre2_match_data *md = pcre2_match_data_create(4, NULL);
    for (int i = 0; i < n; i++) {
        pages[i] = nohin_pdf_page_text(pdf, i);
        /* Only pages with a caption number standing alone are laid out again. */
        char *lined = g_strdelimit(g_strdup(pages[i]), "\r", '\n');
        bool alone = pcre2_match(re_number_only, (PCRE2_SPTR)lined, PCRE2_ZERO_TERMINATED, 0, 0, md,
                                 NULL) >= 0;
        g_free(lined);
        if (alone && (rows[i] = page_rows(doc->doc, i, pages[i]))) pages[i] = rows[i];
    }
    pcre2_match_data_free(md);
    c = nohin_captions_from_pages(pages, n);
    for (int i = 0; i < n; i++)
        g_free(rows[i]);
    g_free(rows);
    g_free(pages);
    nohin_captions *kept =
        nohin_pdf_derived_put(pdf, "captions", c, (GDestroyNotify)nohin_captions_free);
    if (kept) {
        nohin_file_set_reader(pdf, NOHIN_READER_CAPTIONS, kept, NULL);
        return kept;
    }
    nohin_file_set_reader(pdf, NOHIN_READER_CAPTIONS, c, (void (*)(void *))nohin_captions_free);
    return c;
}

/* The file name without folders and without its last extension. */
static char *stem_of(const char *file_name)
{
    const char *slash = strrchr(file_name, '/');
    const char *base = slash ? slash + 1 : file_name;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? g_strndup(base, (gsize)(dot - base)) : g_strdup(base);
}

bool nohin_caption_parse_ref(const char *text, bool allow_bare, char **kind, char **number,
                             char **title)
{
    ensure_patterns();
    *kind = *number = *title = NULL;
    char *f = nohin_caption_fold(text);
    pcre2_match_data *md = pcre2_match_data_create(8, NULL);
    bool ok = false;
    if (pcre2_match(re_name_kind, (PCRE2_SPTR)f, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) >= 0) {
        *kind = group(md, f, 1);
        char *n = group(md, f, 2);
        *number = canonical_number(n);
        g_free(n);
        *title = group(md, f, 3);
        ok = true;
    } else if (allow_bare && pcre2_match(re_name_bare, (PCRE2_SPTR)f, PCRE2_ZERO_TERMINATED, 0, 0,
                                         md, NULL) >= 0) {
        char *n = group(md, f, 1);
        *number = canonical_number(n);
        g_free(n);
        *title = group(md, f, 2);
        ok = true;
    }
    if (ok && !*title) *title = g_strdup("");
    if (ok) g_strstrip(*title);
    pcre2_match_data_free(md);
    g_free(f);
    return ok;
}

bool nohin_caption_parse_name(const char *file_name, char **kind, char **number, char **title)
{
    char *stem = stem_of(file_name);
    bool ok = nohin_caption_parse_ref(stem, true, kind, number, title);
    g_free(stem);
    return ok;
}

const nohin_caption *nohin_captions_for_file_name(const nohin_captions *c, const char *file_name)
{
    char *kind = NULL, *number = NULL, *title = NULL;
    const nohin_caption *cap = NULL;
    if (nohin_caption_parse_name(file_name, &kind, &number, &title))
        cap = nohin_captions_find(c, kind, number);
    g_free(kind);
    g_free(number);
    g_free(title);
    return cap;
}

char *nohin_caption_file_name(const nohin_caption *c, const char *ext)
{
    GString *out = g_string_new(c->kind);
    g_string_append(out, c->number);
    const char *title = c->title && *c->title ? c->title : c->toc_title;
    if (title && *title) {
        g_string_append_c(out, '_');
        int n = 0;
        for (const char *p = title; *p && n < 60; p = g_utf8_next_char(p), n++) {
            gunichar ch = g_utf8_get_char(p);
            if (ch == ' ' || ch < 0x20 || (ch < 0x80 && strchr("\\/:*?\"<>|", (int)ch)))
                g_string_append_c(out, '_');
            else
                g_string_append_unichar(out, ch);
        }
    }
    if (ext && *ext) {
        g_string_append_c(out, '.');
        g_string_append(out, ext);
    }
    return g_string_free(out, FALSE);
}

/* Levenshtein distance over code points, as a share of the longer key: 0 same, 1 unrelated. */
double nohin_caption_title_distance(const char *a, const char *b)
{
    char *ka = nohin_caption_title_key(a), *kb = nohin_caption_title_key(b);
    glong na = 0, nb = 0;
    gunichar *ua = g_utf8_to_ucs4_fast(ka, -1, &na), *ub = g_utf8_to_ucs4_fast(kb, -1, &nb);
    double d = 1.0;
    if (na && nb && na <= 400 && nb <= 400) {
        guint *row = g_new(guint, (gsize)nb + 1);
        for (glong j = 0; j <= nb; j++)
            row[j] = (guint)j;
        for (glong i = 1; i <= na; i++) {
            guint diag = row[0];
            row[0] = (guint)i;
            for (glong j = 1; j <= nb; j++) {
                guint up = row[j];
                guint best = MIN(row[j] + 1, row[j - 1] + 1);
                row[j] = MIN(best, diag + (ua[i - 1] == ub[j - 1] ? 0u : 1u));
                diag = up;
            }
        }
        d = (double)row[nb] / (double)MAX(na, nb);
        g_free(row);
    }
    g_free(ua);
    g_free(ub);
    g_free(ka);
    g_free(kb);
    return d;
}
