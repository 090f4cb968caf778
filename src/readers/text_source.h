/* Text sources: every reader hands each piece of text it can read to one callback,
 * with where it came from. The personal-data detector (and any check that wants
 * "all the text") runs on this, whatever the format. */
#ifndef NOHIN_TEXT_SOURCE_H
#define NOHIN_TEXT_SOURCE_H

#include "nohin_internal.h"

typedef enum {
    NOHIN_TEXT_BODY,     /* page text, cell value, CSV field */
    NOHIN_TEXT_HIDDEN,   /* text in hidden rows/columns/sheets/cells */
    NOHIN_TEXT_COMMENT,  /* comments, annotations, notes */
    NOHIN_TEXT_METADATA, /* document properties, XMP, authors */
    NOHIN_TEXT_HEADER,   /* headers and footers */
    NOHIN_TEXT_FILENAME, /* the file's own name */
} nohin_text_kind;

typedef struct {
    const char *text; /* UTF-8, not necessarily NUL-terminated */
    size_t len;
    nohin_text_kind kind;
    const nohin_location *loc; /* borrowed for the duration of the call */
    const char *label;         /* e.g. "dc:creator", "comment author"; may be NULL */
} nohin_text_piece;

/* Return false to stop the walk early. */
typedef bool (*nohin_text_cb)(const nohin_text_piece *piece, void *user);

/* Walks every text of file, dispatching on its format. */
void nohin_file_foreach_text(nohin_file *file, nohin_text_cb cb, void *user);

/* Per-format walkers (each in its reader's folder). */
void nohin_pdf_foreach_text(nohin_file *file, nohin_text_cb cb, void *user);
void nohin_xlsx_foreach_text(nohin_file *file, nohin_text_cb cb, void *user);
void nohin_csv_foreach_text(nohin_file *file, nohin_text_cb cb, void *user);
void nohin_docx_foreach_text(nohin_file *file, nohin_text_cb cb, void *user);

#endif
