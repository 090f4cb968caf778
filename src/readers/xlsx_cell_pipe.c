/* Cells of one sheet handed to a callback on a second thread while the first
 * goes on inflating and parsing (the reference stream, unzip | xmllint, uses two
 * cores as well). One consumer takes batches in order, so the callback sees the
 * cells in the same order as in a serial pass; at most PIPE_BATCHES batches
 * exist, so memory stays flat. The thread starts only when the first batch is
 * full: a small sheet is delivered on the calling thread at the end. */
#include <string.h>
#include "xlsx_cell_pipe.h"

#define PIPE_CELLS 4096
#define PIPE_BYTES (1u << 20)
#define PIPE_BATCHES 4

typedef struct {
    guint32 value, ref; /* offsets into the batch's bytes */
    int row, col, style;
    nohin_cell_type type;
    bool hidden, invisible;
} piped_cell;

typedef struct {
    GString *bytes;
    GArray *cells; /* of piped_cell */
    bool end;      /* the last batch */
} batch;

struct xlsx_cell_pipe {
    const nohin_xlsx_sheet *s;
    nohin_xlsx_cell_cb cb;
    void *user;
    batch *cur;
    int batches;
    GAsyncQueue *full, *empty;
    GThread *thread;
    gint stopped; /* the callback said stop */
};

static batch *batch_new(void)
{
    batch *b = g_new0(batch, 1);
    b->bytes = g_string_sized_new(64 * 1024);
    b->cells = g_array_sized_new(FALSE, FALSE, sizeof(piped_cell), PIPE_CELLS);
    return b;
}

static void batch_free(batch *b)
{
    g_string_free(b->bytes, TRUE);
    g_array_free(b->cells, TRUE);
    g_free(b);
}

static void deliver(xlsx_cell_pipe *p, batch *b)
{
    for (guint i = 0; i < b->cells->len && !g_atomic_int_get(&p->stopped); i++) {
        const piped_cell *pc = &g_array_index(b->cells, piped_cell, i);
        nohin_xlsx_cell c = {.row = pc->row,
                             .col = pc->col,
                             .ref = b->bytes->str + pc->ref,
                             .type = pc->type,
                             .value = b->bytes->str + pc->value,
                             .style = pc->style,
                             .hidden = pc->hidden,
                             .invisible = pc->invisible};
        if (!p->cb(p->s, &c, p->user)) g_atomic_int_set(&p->stopped, 1);
    }
    g_string_truncate(b->bytes, 0);
    g_array_set_size(b->cells, 0);
}

static gpointer consume(gpointer data)
{
    xlsx_cell_pipe *p = data;
    for (;;) {
        batch *b = g_async_queue_pop(p->full);
        bool end = b->end;
        deliver(p, b);
        if (end) break; /* the last batch stays with the pipe */
        g_async_queue_push(p->empty, b);
    }
    return NULL;
}

xlsx_cell_pipe *xlsx_cell_pipe_new(const nohin_xlsx_sheet *s, nohin_xlsx_cell_cb cb, void *user)
{
    xlsx_cell_pipe *p = g_new0(xlsx_cell_pipe, 1);
    p->s = s;
    p->cb = cb;
    p->user = user;
    p->cur = batch_new();
    p->batches = 1;
    p->full = g_async_queue_new();
    p->empty = g_async_queue_new();
    return p;
}

bool xlsx_cell_pipe_push(xlsx_cell_pipe *p, const nohin_xlsx_cell *c)
{
    if (g_atomic_int_get(&p->stopped)) return false;
    batch *b = p->cur;
    piped_cell pc = {
        (guint32)b->bytes->len, 0, c->row, c->col, c->style, c->type, c->hidden, c->invisible};
    g_string_append_len(b->bytes, c->value, (gssize)strlen(c->value) + 1);
    pc.ref = (guint32)b->bytes->len;
    g_string_append_len(b->bytes, c->ref, (gssize)strlen(c->ref) + 1);
    g_array_append_val(b->cells, pc);
    if (b->cells->len < PIPE_CELLS && b->bytes->len < PIPE_BYTES) return true;
    if (!p->thread) p->thread = g_thread_new("nohin-cells", consume, p);
    g_async_queue_push(p->full, b);
    p->cur = g_async_queue_try_pop(p->empty);
    if (!p->cur && p->batches < PIPE_BATCHES) {
        p->cur = batch_new();
        p->batches++;
    }
    if (!p->cur) p->cur = g_async_queue_pop(p->empty); /* wait for the consumer */
    return true;
}

void xlsx_cell_pipe_finish(xlsx_cell_pipe *p)
{
    if (p->thread) {
        p->cur->end = true;
        g_async_queue_push(p->full, p->cur);
        g_thread_join(p->thread);
    } else {
        deliver(p, p->cur);
    }
    batch_free(p->cur);
    batch *b;
    while ((b = g_async_queue_try_pop(p->empty)))
        batch_free(b);
    g_async_queue_unref(p->full);
    g_async_queue_unref(p->empty);
    g_free(p);
}
