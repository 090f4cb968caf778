/* A conservative look at a page's resources and content operators. The content
 * is only split into tokens to find operator names (strings, hex strings,
 * arrays, dictionaries and comments are skipped); it is never interpreted
 * (pdf_paint_words.c follows it). */
#include <string.h>
#include "pdf_paint_int.h"

/* Operators that paint something other than text and strokes, or hide text. */
static bool hiding_operator(const char *op, size_t n, const char *prev, size_t prev_n)
{
    static const char *const ops[] = {"f",  "F",  "f*", "B",  "B*", "b",  "b*", "W",
                                      "W*", "sh", "BI", "Do", "d0", "d1", NULL};
    for (int i = 0; ops[i]; i++)
        if (strlen(ops[i]) == n && !memcmp(op, ops[i], n)) return true;
    /* Any render mode but 0 (fill): invisible (3), clip (7), stroke-only… */
    if (n == 2 && !memcmp(op, "Tr", 2)) return !(prev_n == 1 && prev[0] == '0');
    return false;
}

static bool content_may_hide(const unsigned char *d, size_t len)
{
    size_t i = 0;
    const char *prev = "";
    size_t prev_n = 0;
    while (i < len) {
        unsigned char c = d[i];
        size_t j;
        if (is_space(c)) {
            i++;
        } else if ((j = skip_opaque(d, len, i)) != i) {
            if (c != '%') prev_n = 0; /* a string is an operand */
            i = j;
        } else if (is_delim(c) && c != '/') { /* << >> [ ] { } */
            i++;
        } else {
            size_t start = i;
            if (c == '/') i++;
            while (i < len && !is_space(d[i]) && !is_delim(d[i]))
                i++;
            if (i == start) { /* a stray delimiter: skip it */
                i++;
                continue;
            }
            const char *tok = (const char *)d + start;
            size_t n = i - start;
            if (tok[0] != '/' && !g_ascii_isdigit(tok[0]) && tok[0] != '-' && tok[0] != '+' &&
                tok[0] != '.' && hiding_operator(tok, n, prev, prev_n))
                return true;
            prev = tok, prev_n = n;
        }
    }
    return false;
}

static bool dict_values_any(nohin_qpdf *qp, qpdf_oh dict, bool (*pred)(nohin_qpdf *qp, qpdf_oh v))
{
    qpdf_data q = qp->q;
    if (!qpdf_oh_is_dictionary(q, dict)) return false;
    GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
    qpdf_oh_begin_dict_key_iter(q, dict);
    while (qpdf_oh_dict_more_keys(q) && keys->len < 10000)
        g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
    bool any = false;
    for (guint i = 0; i < keys->len && !any; i++)
        any = pred(qp, qpdf_oh_get_key(q, dict, keys->pdata[i]));
    g_ptr_array_free(keys, TRUE);
    return any;
}

static bool type3(nohin_qpdf *qp, qpdf_oh font)
{
    return qpdf_oh_is_name_and_equals(qp->q, nohin_qpdf_get(qp, font, "/Subtype"), "/Type3");
}

/* Transparency, soft masks and blend modes can make text vanish. */
static bool see_through(nohin_qpdf *qp, qpdf_oh gs)
{
    qpdf_data q = qp->q;
    static const char *const alpha[] = {"/ca", "/CA"};
    for (int i = 0; i < 2; i++) {
        qpdf_oh a = nohin_qpdf_get(qp, gs, alpha[i]);
        if (qpdf_oh_is_number(q, a) && qpdf_oh_get_numeric_value(q, a) < 0.99) return true;
    }
    qpdf_oh sm = nohin_qpdf_get(qp, gs, "/SMask");
    if (!qpdf_oh_is_null(q, sm) && !qpdf_oh_is_name_and_equals(q, sm, "/None")) return true;
    qpdf_oh bm = nohin_qpdf_get(qp, gs, "/BM");
    return !qpdf_oh_is_null(q, bm) && !qpdf_oh_is_name_and_equals(q, bm, "/Normal") &&
           !qpdf_oh_is_name_and_equals(q, bm, "/Compatible");
}

static bool not_link(nohin_qpdf *qp, qpdf_oh annot)
{
    return !qpdf_oh_is_name_and_equals(qp->q, nohin_qpdf_get(qp, annot, "/Subtype"), "/Link");
}

/* Annotations other than links, Type 3 fonts, transparency, shadings and patterns:
 * what neither test follows. XObjects only when xobjects is false. */
bool nohin_pdf_structure_may_hide(nohin_qpdf *qp, qpdf_oh pg, qpdf_oh res, bool xobjects)
{
    qpdf_data q = qp->q;
    qpdf_oh annots = nohin_qpdf_get(qp, pg, "/Annots");
    int na = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
    for (int i = 0; i < na; i++)
        if (not_link(qp, qpdf_oh_get_array_item(q, annots, i))) return true;
    if (!qpdf_oh_is_dictionary(q, res)) return true; /* inherited: not worth following */
    if ((!xobjects && nohin_qpdf_has(qp, res, "/XObject")) || nohin_qpdf_has(qp, res, "/Shading") ||
        nohin_qpdf_has(qp, res, "/Pattern"))
        return true;
    if (dict_values_any(qp, nohin_qpdf_get(qp, res, "/Font"), type3)) return true;
    return dict_values_any(qp, nohin_qpdf_get(qp, res, "/ExtGState"), see_through);
}

bool nohin_pdf_page_may_hide_text(nohin_qpdf *qp, int page)
{
    if (!qp->q || page < 0 || page >= qp->n_pages) return true;
    qpdf_data q = qp->q;
    qpdf_oh pg = qpdf_get_page_n(q, (size_t)page);
    if (nohin_pdf_structure_may_hide(qp, pg, nohin_qpdf_get(qp, pg, "/Resources"), false))
        return true;
    qpdf_oh contents = nohin_qpdf_get(qp, pg, "/Contents");
    bool arr = qpdf_oh_is_array(q, contents);
    int n = arr ? qpdf_oh_get_array_n_items(q, contents) : 1;
    if (n > 1000) return true;
    for (int i = 0; i < n; i++) {
        qpdf_oh c = arr ? qpdf_oh_get_array_item(q, contents, i) : contents;
        size_t len = 0;
        bool complete = false;
        unsigned char *d = nohin_qpdf_stream_data(qp, c, MAX_CONTENT, &len, &complete);
        /* Operators may be split across streams: treat each boundary as whitespace. */
        bool hide = !d || !complete || content_may_hide(d, len);
        g_free(d);
        if (hide) return true;
    }
    return false;
}
