/* Bundle walker: files and folders, recursively, in a stable sorted order.
 * Symbolic links are not followed (a bundle has no business pointing outside itself),
 * and nothing but regular files is ever opened: links, FIFOs, devices and sockets
 * become entries of their own, reported by checks/file_access.c. */
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "nohin_internal.h"

void nohin_walk_entry_free(nohin_walk_entry *e)
{
    if (!e) return;
    g_free(e->abspath);
    g_free(e->relpath);
    g_free(e->arg_name);
    g_free(e->link_target);
    g_free(e);
}

static nohin_walk_entry *add_entry(GPtrArray *out, const char *abspath, const char *relpath,
                                   const char *arg, unsigned mode)
{
    nohin_walk_entry *e = g_new0(nohin_walk_entry, 1);
    e->abspath = g_strdup(abspath);
    e->relpath = g_strdup(relpath);
    e->arg_name = g_strdup(arg);
    e->mode = mode;
    g_ptr_array_add(out, e);
    return e;
}

static int cmp_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Where a link leads: inside root (the folder given, resolved) or not. A dangling
 * link counts as outside: it was made somewhere else. */
static void describe_link(nohin_walk_entry *e, const char *root)
{
    e->link_target = g_file_read_link(e->abspath, NULL);
    char *real = realpath(e->abspath, NULL);
    e->link_outside = !real || !root || !g_str_has_prefix(real, root) ||
                      (real[strlen(root)] != '/' && real[strlen(root)] != '\0');
    free(real);
}

static void walk_dir(GPtrArray *out, const char *dir, const char *rel, const char *arg,
                     const char *root, int depth)
{
    if (depth > 64) return; /* deeper than any real bundle; guards against loops */
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d) {
        /* an unreadable folder is reported like an unreadable file */
        add_entry(out, dir, rel[0] ? rel : arg, arg, S_IFDIR);
        return;
    }
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
                walk_dir(out, abs, r, arg, root, depth + 1);
            else {
                nohin_walk_entry *e = add_entry(out, abs, r, arg, st.st_mode);
                if (S_ISLNK(st.st_mode)) describe_link(e, root);
            }
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
        /* A link given on the command line is the user's choice: read what it names. */
        char *real = realpath(canon, NULL);
        if (S_ISDIR(st.st_mode))
            walk_dir(out, canon, "", base, real, 0);
        else
            add_entry(out, real ? real : canon, base, "", st.st_mode);
        free(real);
        g_free(base);
        g_free(canon);
    }
    return out;
}
