/* One self-overwriting status line on stderr, only for people at a terminal.
 * Files are checked on several threads (--jobs): one writer at a time. */
#include <stdio.h>
#include "nohin_internal.h"

static bool enabled;
static gint64 last_us;
static GMutex lock;

void nohin_progress_set_enabled(bool on)
{
    enabled = on;
}

void nohin_progress(const char *path, int file_i, int file_n, int done, int total)
{
    if (!enabled) return;
    g_mutex_lock(&lock);
    gint64 now = g_get_monotonic_time();
    if (done == total || now - last_us >= 100000) { /* at most 10 updates a second */
        last_us = now;
        if (total > 0)
            fprintf(stderr, "\r\033[K[%d/%d] %s  %d/%d", file_i, file_n, path, done, total);
        else
            fprintf(stderr, "\r\033[K[%d/%d] %s", file_i, file_n, path);
        fflush(stderr);
    }
    g_mutex_unlock(&lock);
}

void nohin_progress_done(void)
{
    if (!enabled) return;
    g_mutex_lock(&lock);
    fprintf(stderr, "\r\033[K");
    fflush(stderr);
    g_mutex_unlock(&lock);
}
