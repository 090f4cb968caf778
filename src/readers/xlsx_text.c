/* XLSX text source: every cell (hidden ones as NOHIN_TEXT_HIDDEN), sheet names,
 * comments with their authors, headers/footers and document properties, each
 * with its location, for the personal-data detector. When the walk comes
 * before any other use of a sheet, its cells are handed over during the one
 * streaming pass that also fills the sheet's summary (no second pass). */
#include <string.h>
#include "text_source.h"
#include "xlsx_cell_pipe.h"
#include "xlsx_reader.h"

typedef struct {
    nohin_text_cb cb;
    void *user;
    bool stop;
} walk;

static bool yield(walk *w, const char *text, nohin_text_kind kind, nohin_location *loc,
                  const char *label)
{
    if (w->stop || !text || !*text) return !w->stop;
    nohin_text_piece p = {text, strlen(text), kind, loc, label};
    if (!w->cb(&p, w->user)) w->stop = true;
    return !w->stop;
}

static bool on_cell(const nohin_xlsx_sheet *s, const nohin_xlsx_cell *c, void *user)
{
    walk *w = user;
    if (c->type != NOHIN_CELL_STRING && c->type != NOHIN_CELL_NUMBER) return true;
    if (!*c->value) return true;
    /* Borrowed strings, valid during the callback (a check copies what it keeps):
     * nothing is allocated per cell. */
    nohin_location loc = {.kind = NOHIN_LOC_CELL, .sheet = s->name, .cell = (char *)c->ref};
    yield(w, c->value, c->hidden || c->invisible ? NOHIN_TEXT_HIDDEN : NOHIN_TEXT_BODY, &loc,
          c->invisible ? "invisible cell" : NULL);
    return !w->stop;
}

/* During the one pass, the cells the walk wants go through a pipe: the checks
 * run on a second thread while this one parses (NOHIN_XLSX_SERIAL set: not). */
static bool on_cell_piped(const nohin_xlsx_sheet *s, const nohin_xlsx_cell *c, void *user)
{
    (void)s;
    if (c->type != NOHIN_CELL_STRING && c->type != NOHIN_CELL_NUMBER) return true;
    if (!*c->value) return true;
    return xlsx_cell_pipe_push(user, c);
}

static bool scan_with_cells(nohin_xlsx *x, guint i, walk *w)
{
    if (g_getenv("NOHIN_XLSX_SERIAL")) return xlsx_scan_index(x, i, on_cell, w);
    xlsx_cell_pipe *p = xlsx_cell_pipe_new(x->sheets->pdata[i], on_cell, w);
    bool ok = xlsx_scan_index(x, i, on_cell_piped, p);
    xlsx_cell_pipe_finish(p); /* every cell read, also when a limit stopped the pass */
    return ok;
}

static void headers_footers(walk *w, const nohin_xlsx_sheet *s, nohin_location *sl)
{
    for (guint j = 0; s->headers_footers && j < s->headers_footers->len && !w->stop; j++) {
        const nohin_xlsx_headerfooter *h = s->headers_footers->pdata[j];
        char *t = nohin_xlsx_headerfooter_text(h->text, NULL, NULL);
        yield(w, t, NOHIN_TEXT_HEADER, sl, h->kind);
        g_free(t);
    }
}

void nohin_xlsx_foreach_text(nohin_file *file, nohin_text_cb cb, void *user)
{
    nohin_xlsx *x = xlsx_of_unscanned(file);
    if (x->status != NOHIN_XLSX_OK) return;
    walk w = {cb, user, false};
    for (guint i = 0; i < x->props->len && !w.stop; i++) {
        const nohin_xlsx_prop *p = x->props->pdata[i];
        nohin_location loc = nohin_loc_none();
        yield(&w, p->value, NOHIN_TEXT_METADATA, &loc, p->key);
    }
    if (x->title) {
        nohin_location loc = nohin_loc_none();
        yield(&w, x->title, NOHIN_TEXT_METADATA, &loc, "dc:title");
    }
    for (guint i = 0; i < x->sheets->len && !w.stop; i++) {
        const nohin_xlsx_sheet *s = x->sheets->pdata[i];
        bool cells = s->kind != NOHIN_SHEET_CHARTSHEET;
        /* Not streamed yet: cells come from the pass that fills the summary, and the
         * headers/footers (which follow the cells in the XML) after them. */
        bool one_pass = !s->scanned;
        nohin_location sl = nohin_loc_sheet(s->name);
        yield(&w, s->name, s->state == NOHIN_SHEET_VISIBLE ? NOHIN_TEXT_BODY : NOHIN_TEXT_HIDDEN,
              &sl, "sheet name");
        if (!one_pass) headers_footers(&w, s, &sl);
        for (guint j = 0; s->comments && j < s->comments->len && !w.stop; j++) {
            const nohin_xlsx_comment *c = s->comments->pdata[j];
            nohin_location loc = nohin_loc_cell(s->name, c->ref);
            yield(&w, c->author, NOHIN_TEXT_COMMENT, &loc, "comment author");
            yield(&w, c->text, NOHIN_TEXT_COMMENT, &loc, "comment");
            nohin_location_clear(&loc);
        }
        if (one_pass && !w.stop) {
            if (!(cells ? scan_with_cells(x, i, &w) : xlsx_scan_index(x, i, NULL, NULL))) {
                nohin_location_clear(&sl);
                return; /* a limit: the workbook is damaged, its checks say so */
            }
            headers_footers(&w, s, &sl);
        } else if (!w.stop && cells) {
            nohin_xlsx_foreach_cell(x, i, on_cell, &w);
        }
        nohin_location_clear(&sl);
    }
    for (guint i = 0; i < x->names->len && !w.stop; i++) {
        const nohin_xlsx_name *n = x->names->pdata[i];
        nohin_location loc = nohin_loc_none();
        yield(&w, n->value, n->hidden ? NOHIN_TEXT_HIDDEN : NOHIN_TEXT_METADATA, &loc,
              "defined name");
    }
}
