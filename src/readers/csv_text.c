/* CSV text source: every field with its line and field number. */
#include "csv_reader.h"
#include "text_source.h"

typedef struct {
    nohin_text_cb cb;
    void *user;
} walk;

static bool on_field(const nohin_csv_field *f, void *user)
{
    walk *w = user;
    if (f->len == 0) return true;
    nohin_location loc = nohin_loc_line(f->line, f->field);
    nohin_text_piece p = {f->text, f->len, NOHIN_TEXT_BODY, &loc, NULL};
    return w->cb(&p, w->user);
}

void nohin_csv_foreach_text(nohin_file *file, nohin_text_cb cb, void *user)
{
    nohin_csv *c = nohin_csv_of(file);
    if (c->error) return;
    walk w = {cb, user};
    nohin_csv_foreach_field(file->abspath, c, on_field, &w);
}
