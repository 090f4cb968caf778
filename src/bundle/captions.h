/* Figure and table captions of a report, read from its PDF text layer.
 *
 * A caption is a line that starts with 図, 表, 図表, グラフ, 写真, Figure, Fig. or
 * Table, then a number (3, 3-2, 3.2, ３－２, 3ー2, 2-1-1) and a title. Lines of the
 * table of contents (a title, dot leaders and a page number) are recognised and
 * merged with the caption in the body. Text is compared after NFKC and folding the
 * many dash and space characters, so "図３－２　売上" and "図3-2 売上" are one caption.
 *
 * The index is also what `nohin clean` uses to name data files after their figures:
 * nohin_captions_for_file_name() and nohin_caption_file_name(). */
#ifndef NOHIN_CAPTIONS_H
#define NOHIN_CAPTIONS_H

#include "nohin_internal.h"

typedef struct {
    char *kind;       /* as written, after NFKC: "図", "表", "Figure", "Fig.", … */
    char *number;     /* canonical: digits joined by '-' ("3-2") */
    char *title;      /* NFKC, spaces folded, trimmed; "" when none */
    char *toc_title;  /* the title in the table of contents; NULL when not listed */
    int page;         /* 1-based page of the caption in the body; 0 when only in the contents */
    int toc_page;     /* page of the contents line; 0 when not listed */
    int printed_page; /* page number the contents line gives; 0 when not listed */
} nohin_caption;

typedef struct {
    GPtrArray *items; /* nohin_caption*, in the order of first appearance */
} nohin_captions;

/* The captions of a PDF report (cached in NOHIN_READER_CAPTIONS); never NULL. */
const nohin_captions *nohin_captions_of(nohin_file *pdf);
/* The captions of page texts (page i is pages[i], 1-based page i + 1). */
nohin_captions *nohin_captions_from_pages(const char *const *pages, int n);
void nohin_captions_free(nohin_captions *c);

/* NFKC, dash variants (not the long-vowel mark ー) to '-', any run of white space
 * to one ' ', trimmed. Caller frees. */
char *nohin_caption_fold(const char *s);
/* Key for comparing titles: folded, without spaces, '_' and the characters a
 * file name cannot hold (\ / : * ? " < > |), ASCII lower-cased. Caller frees. */
char *nohin_caption_title_key(const char *title);
/* The class of a kind: "図" (図, Figure, Fig.), "表" (表, Table), "図表", "グラフ", "写真". */
const char *nohin_caption_kind_class(const char *kind);
/* Kinds that may share a number: same class, or one of them is 図表, or one is NULL. */
bool nohin_caption_kinds_compatible(const char *a, const char *b);

/* Parses one line; returns true for a caption or a contents line (*is_toc).
 * Fills out's kind, number, title (and printed_page for contents lines). */
bool nohin_caption_parse_line(const char *line, nohin_caption *out, bool *is_toc);
void nohin_caption_clear(nohin_caption *c);

/* The figure a data file's name speaks of: "図3-2_売上.xlsx", "表 3.2 売上.csv",
 * "3-2_売上.csv" (a bare number needs two parts). kind may come back NULL; title ""
 * when the name has none. False when the name holds no figure number. */
bool nohin_caption_parse_name(const char *file_name, char **kind, char **number, char **title);
/* The same on free text (a cell of 様式3): "図3.2 売上"; a bare number ("3-2")
 * only with allow_bare. */
bool nohin_caption_parse_ref(const char *text, bool allow_bare, char **kind, char **number,
                             char **title);
/* The caption with number (and a compatible kind), or NULL. */
const nohin_caption *nohin_captions_find(const nohin_captions *c, const char *kind,
                                         const char *number);
/* The caption a data file's name is for, or NULL. */
const nohin_caption *nohin_captions_for_file_name(const nohin_captions *c, const char *file_name);
/* The canonical file name for a caption: "図3-2_地域別出荷額の推移" + "." + ext (ext may
 * be NULL or ""). Characters a file name cannot hold become '_'. Caller frees. */
char *nohin_caption_file_name(const nohin_caption *c, const char *ext);

/* How far apart two titles are after nohin_caption_title_key: edit distance over
 * code points divided by the longer length (0 equal, 1 nothing in common or empty). */
double nohin_caption_title_distance(const char *a, const char *b);

#endif
