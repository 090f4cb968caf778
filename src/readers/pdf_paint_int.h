/* What pdf_paint.c and pdf_paint_words.c share: the content tokenizer's character
 * classes and the structural test (annotations, Type 3 fonts, transparency…). */
#ifndef NOHIN_PDF_PAINT_INT_H
#define NOHIN_PDF_PAINT_INT_H

#include "pdf_paint.h"

#define MAX_CONTENT (16u * 1024u * 1024u) /* bigger pages are simply rendered */

static inline bool is_delim(unsigned char c)
{
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
           c == '}' || c == '/' || c == '%';
}

static inline bool is_space(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
}

/* Skips what no operator hides in: a comment, a literal string (nested
 * parentheses, escapes) or a hex string starting at d[i]. Returns the index after
 * it, or i when d[i] starts none of them. */
static inline size_t skip_opaque(const unsigned char *d, size_t len, size_t i)
{
    if (d[i] == '%') {
        while (i < len && d[i] != '\n' && d[i] != '\r')
            i++;
    } else if (d[i] == '(') {
        int depth = 0;
        for (; i < len; i++) {
            if (d[i] == '\\') {
                i++;
                continue;
            }
            if (d[i] == '(') depth++;
            if (d[i] == ')' && --depth == 0) break;
        }
        i++;
    } else if (d[i] == '<' && i + 1 < len && d[i + 1] != '<') {
        while (i < len && d[i] != '>')
            i++;
        i++;
    }
    return i;
}

/* Annotations other than links, Type 3 fonts, transparency, shadings, patterns, and
 * XObjects unless xobjects (the caller follows them): true when any is there. */
bool nohin_pdf_structure_may_hide(nohin_qpdf *qp, qpdf_oh pg, qpdf_oh res, bool xobjects);

#endif
