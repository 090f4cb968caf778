/* Bundle walker: files and folders, recursively, in a stable sorted order.
 * Symbolic links are not followed (a bundle has no business pointing outside itself). */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include "nohin_internal.h"

void nohin_walk_entry_free(nohin_walk_entry *e)
{
    if (!e) return;
    g_free(e->abspath);
    g_free(e->relpath);
    g_free(e->arg_name);
    g_free(e);
}

static void add_entry(GPtrArray *out, const char *abspath, const char *relpath, const char *arg)
{
    nohin_walk_entry *e = g_new0(nohin_walk_entry, 1);
    e->abspath = g_strdup(abspath);
    e->relpath = g_strdup(relpath);
    e->arg_name = g_strdup(arg);
    g_ptr_array_add(out, e);
}

static int cmp_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dir(GPtrArray *out, const char *dir, const char *rel, const char *arg, int depth)
{
    if (depth > 64) return; /* deeper than any real bundle; guards against loops */
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d) return;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while ((name = g_dir_read_name(d)))
        g_ptr_array_add(names, g_strdup(name));
    g_dir_close(d);
    g_ptr_array_sort(names, cmp_names);
    for (guint i = 0; i < names->len; i++) {
        const char *n = names->pdata[i];
        char *abs = g_build_filename(dir, n, NULL);
        char *r = rel[0] ? g_strconcat(rel, "/", n, NULL) : g_strdup(n);
        GStatBuf st;
        if (g_lstat(abs, &st) == 0) {
            if (S_ISDIR(st.st_mode))
                walk_dir(out, abs, r, arg, depth + 1);
            else if (S_ISREG(st.st_mode))
                add_entry(out, abs, r, arg);
        }
        g_free(abs);
        g_free(r);
    }
    g_ptr_array_free(names, TRUE);
}

GPtrArray *nohin_walk(const char *const *paths, size_t n, GError **error)
{
    GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_walk_entry_free);
    for (size_t i = 0; i < n; i++) {
        GStatBuf st;
        if (g_stat(paths[i], &st) != 0) {
            g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("%s: no such file or folder"),
                        paths[i]);
            g_ptr_array_free(out, TRUE);
            return NULL;
        }
        char *canon = g_canonicalize_filename(paths[i], NULL);
        char *base = g_path_get_basename(canon);
        if (S_ISDIR(st.st_mode))
            walk_dir(out, canon, "", base, 0);
        else
            add_entry(out, canon, base, "");
        g_free(base);
        g_free(canon);
    }
    return out;
}
