#include "core/workers.h"

void nohin_run_workers(const char *name, GThreadFunc fn, gpointer arg, guint n)
{
    GThread *threads[4] = {0};
    n = CLAMP(n, 1u, G_N_ELEMENTS(threads));
    for (guint t = 1; t < n; t++)
        threads[t] = g_thread_new(name, fn, arg);
    fn(arg);
    for (guint t = 1; t < n; t++)
        g_thread_join(threads[t]);
}
