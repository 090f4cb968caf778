/* Page pictures for the HTML report: a PDF page rendered with poppler + cairo
 * into a PNG data: URI, with the finding's region outlined. */
#ifndef NOHIN_HTML_THUMB_H
#define NOHIN_HTML_THUMB_H

#include <poppler.h>
#include "nohin_internal.h"

#define NOHIN_THUMB_WIDTH 240 /* pixels; small enough that body text is not a readable copy */

typedef struct {
    const nohin_box *outline; /* region to outline; NULL: outline the whole page */
    const nohin_box *masks;   /* personal-data regions to blank (filled grey) */
    int n_masks;
    bool blur; /* the page holds personal data at an unknown place: render it unreadable */
} nohin_thumb_spec;

typedef struct {
    char *data_uri; /* "data:image/png;base64,…" */
    int width, height;
} nohin_thumb;

/* Renders page (1-based) of doc. Returns false (thumb untouched) when the page
 * does not exist or has an unusable size. */
bool nohin_thumb_render(PopplerDocument *doc, int page, const nohin_thumb_spec *spec,
                        nohin_thumb *thumb);
void nohin_thumb_clear(nohin_thumb *thumb);

#endif
