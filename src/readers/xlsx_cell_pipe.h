/* A sheet's cells delivered to a callback on a second thread, in order
 * (xlsx_cell_pipe.c). */
#ifndef NOHIN_XLSX_CELL_PIPE_H
#define NOHIN_XLSX_CELL_PIPE_H

#include "xlsx_reader.h"

typedef struct xlsx_cell_pipe xlsx_cell_pipe;

/* cb is called with copies of the pushed cells (formula not carried), in push
 * order, on another thread or at finish; s must outlive the pipe. */
xlsx_cell_pipe *xlsx_cell_pipe_new(const nohin_xlsx_sheet *s, nohin_xlsx_cell_cb cb, void *user);
/* False once cb has returned false (then nothing more is delivered). */
bool xlsx_cell_pipe_push(xlsx_cell_pipe *p, const nohin_xlsx_cell *c);
/* Delivers what is left, waits for the thread and frees the pipe. */
void xlsx_cell_pipe_finish(xlsx_cell_pipe *p);

#endif
