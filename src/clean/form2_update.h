/* Writing corrected values into clean's copy of 様式2: the first sheet's XML is
 * streamed through (xmlTextReader to xmlTextWriter), only the target cells'
 * values change, and libzip replaces that one part. */
#ifndef NOHIN_CLEAN_FORM2_UPDATE_H
#define NOHIN_CLEAN_FORM2_UPDATE_H

#include "nohin_internal.h"

typedef struct {
    guint row, col;    /* 0-based */
    const char *value; /* new value */
    bool number;       /* written as a number, else as an inline string */
} nohin_form2_edit;

/* Applies edits to the workbook at path (in place; libzip writes a temporary
 * file and renames it). A failed write is a NOHIN_WRITE_ERROR. */
bool nohin_form2_update(const char *path, const nohin_form2_edit *edits, size_t n, GError **error);

#endif
