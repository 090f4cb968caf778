/* docx text source: body paragraphs, comments and document properties. */
#include <string.h>
#include "readers/docx_reader.h"
#include "text_source.h"

static bool piece(nohin_text_cb cb, void *user, const char *text, nohin_text_kind kind,
                  const char *label)
{
    if (!text || !*text) return true;
    nohin_location loc = nohin_loc_none();
    nohin_text_piece p = {text, strlen(text), kind, &loc, label};
    return cb(&p, user);
}

void nohin_docx_foreach_text(nohin_file *file, nohin_text_cb cb, void *user)
{
    nohin_docx *d = nohin_docx_of(file);
    if (!piece(cb, user, d->creator, NOHIN_TEXT_METADATA, "dc:creator")) return;
    if (!piece(cb, user, d->last_modified_by, NOHIN_TEXT_METADATA, "cp:lastModifiedBy")) return;
    if (!piece(cb, user, d->title, NOHIN_TEXT_METADATA, "dc:title")) return;
    for (guint i = 0; i < d->paras->len; i++) {
        const nohin_docx_para *p = d->paras->pdata[i];
        if (!piece(cb, user, p->text, NOHIN_TEXT_BODY, NULL)) return;
    }
    for (guint i = 0; i < d->comments->len; i++)
        if (!piece(cb, user, d->comments->pdata[i], NOHIN_TEXT_COMMENT, "comment")) return;
}
