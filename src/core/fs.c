/* The one rmtree (lint's expanded zips, intake's work folder, clean's output). */
#include <errno.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include "core/fs.h"

bool nohin_rmtree(const char *path)
{
    if (!path || !*path) return true;
    GStatBuf st;
    if (g_lstat(path, &st) != 0) return errno == ENOENT;
    if (!S_ISDIR(st.st_mode)) return g_unlink(path) == 0;
    GDir *d = g_dir_open(path, 0, NULL);
    bool ok = d != NULL;
    if (d) {
        const char *name;
        while ((name = g_dir_read_name(d))) {
            char *p = g_build_filename(path, name, NULL);
            ok = nohin_rmtree(p) && ok;
            g_free(p);
        }
        g_dir_close(d);
    }
    return g_rmdir(path) == 0 && ok;
}
