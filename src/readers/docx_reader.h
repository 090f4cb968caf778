/* A minimal DOCX reader (through zip_safe): what the bundle checks need from
 * 様式1 and from a report's Word counterpart, and the texts for personal-data
 * detection. Paragraph texts of the body, page count from docProps/app.xml,
 * pictures (word/media, drawing/pict/object elements), headings; what Word's
 * Document Inspector lists: tracked changes (their authors and the deleted text,
 * which is still in the file), comments, headers and footers. */
#ifndef NOHIN_DOCX_READER_H
#define NOHIN_DOCX_READER_H

#include "nohin_internal.h"

typedef struct {
    char *text;   /* UTF-8; tabs and line breaks as '\t' and '\n' */
    bool heading; /* a Heading/見出し/Title style or an outline level */
} nohin_docx_para;

typedef struct {
    char *error;                              /* why it could not be read; NULL when read */
    int pages;                                /* <Pages> of docProps/app.xml; -1 when absent */
    int media;                                /* entries under word/media/ */
    int drawings;                             /* w:drawing, w:pict, w:object elements in the body */
    bool macros;                              /* word/vbaProject.bin present */
    bool truncated;                           /* a size limit cut the reading short */
    GPtrArray *paras;                         /* nohin_docx_para*, body paragraphs in order */
    GPtrArray *comments;                      /* char*, "author\ttext" of word/comments.xml */
    int insertions, deletions;                /* tracked changes (w:ins, w:del) in the body */
    GPtrArray *change_authors;                /* char*, distinct w:author of w:ins/w:del */
    GPtrArray *deleted;                       /* char*, deleted text (w:delText) per paragraph */
    GPtrArray *headers;                       /* char*, paragraphs of word/header*, footer* */
    int hidden_chars;                         /* characters of runs formatted hidden (w:vanish) */
    char *creator, *last_modified_by, *title; /* docProps/core.xml; may be NULL */
} nohin_docx;

/* The file's DOCX reader, parsed on first use (cached in NOHIN_READER_DOCX); never NULL. */
nohin_docx *nohin_docx_of(nohin_file *file);
/* Parses a .docx at path (for callers without a nohin_file). Free with nohin_docx_free. */
nohin_docx *nohin_docx_read(const char *path);
void nohin_docx_free(nohin_docx *d);

#endif
