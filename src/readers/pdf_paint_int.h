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

/* Annotations other than links, Type 3 fonts, transparency, shadings, patterns, and
 * XObjects unless xobjects (the caller follows them): true when any is there. */
bool nohin_pdf_structure_may_hide(nohin_qpdf *qp, qpdf_oh pg, qpdf_oh res, bool xobjects);

#endif
