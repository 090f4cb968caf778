/* docx text source: body paragraphs, comments, document properties, tracked
 * deletions and their authors, headers and footers. */
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
    /* Word keeps a tracked deletion's text in the file until it is accepted */
    for (guint i = 0; i < d->deleted->len; i++)
        if (!piece(cb, user, d->deleted->pdata[i], NOHIN_TEXT_HIDDEN, "deleted text")) return;
    for (guint i = 0; i < d->change_authors->len; i++)
        if (!piece(cb, user, d->change_authors->pdata[i], NOHIN_TEXT_METADATA, "change author"))
            return;
    for (guint i = 0; i < d->headers->len; i++)
        if (!piece(cb, user, d->headers->pdata[i], NOHIN_TEXT_HEADER, "header/footer")) return;
}
