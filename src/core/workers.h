/* A job split over a few threads that pull from a shared queue in their argument. */
#ifndef NOHIN_CORE_WORKERS_H
#define NOHIN_CORE_WORKERS_H

#include <glib.h>

/* Runs fn(arg) on n threads (1 to 4), the calling thread being one of them, and
 * returns when all have returned: the caller's thread works instead of waiting. */
void nohin_run_workers(const char *name, GThreadFunc fn, gpointer arg, guint n);

#endif
