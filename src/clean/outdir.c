/* See outdir.h: an output folder that is complete or absent. */
#define _GNU_SOURCE
#include "clean/outdir.h"
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "clean/fsutil.h"

G_DEFINE_QUARK(nohin - write - error - quark, nohin_write_error)

bool nohin_write_fail(GError **error, const char *path, int err)
{
    g_set_error(error, NOHIN_WRITE_ERROR, err, "%s: %s", path, g_strerror(err));
    return false;
}

bool nohin_write_new_file(const char *path, const unsigned char *p, size_t len, GError **error)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return nohin_write_fail(error, path, errno);
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int e = n < 0 ? errno : EIO;
            close(fd);
            g_unlink(path);
            return nohin_write_fail(error, path, e);
        }
        p += n;
        len -= (size_t)n;
    }
    int synced = fsync(fd), e = errno;
    if (close(fd) != 0 && synced == 0) synced = -1, e = errno;
    if (synced != 0) {
        g_unlink(path);
        return nohin_write_fail(error, path, e);
    }
    return true;
}

bool nohin_is_write_failure(const GError *error)
{
    if (!error) return false;
    if (error->domain == NOHIN_WRITE_ERROR) return true;
    static const int errs[] = {ENOSPC, EDQUOT, EIO, EROFS};
    for (size_t i = 0; i < G_N_ELEMENTS(errs); i++)
        if (strstr(error->message, g_strerror(errs[i]))) return true;
    return false;
}

bool nohin_dir_writable(const char *dir)
{
    char *p = g_build_filename(dir, ".nohin-probe", NULL);
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    bool ok = fd >= 0;
    if (ok) {
        static const char buf[16384];
        ok = write(fd, buf, sizeof buf) == (ssize_t)sizeof buf && fsync(fd) == 0;
        ok = close(fd) == 0 && ok;
        g_unlink(p);
    }
    g_free(p);
    return ok;
}

bool nohin_fsync_path(const char *path, GError **error)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nohin_write_fail(error, path, errno);
    int rc = fsync(fd), e = errno;
    close(fd);
    if (rc != 0) return nohin_write_fail(error, path, e);
    return true;
}

static bool fsync_tree(const char *path, GError **error)
{
    GStatBuf st;
    if (g_lstat(path, &st) != 0) return nohin_write_fail(error, path, errno);
    if (S_ISDIR(st.st_mode)) {
        GDir *d = g_dir_open(path, 0, NULL);
        if (!d) return nohin_write_fail(error, path, errno);
        const char *name;
        bool ok = true;
        while (ok && (name = g_dir_read_name(d))) {
            char *p = g_build_filename(path, name, NULL);
            ok = fsync_tree(p, error);
            g_free(p);
        }
        g_dir_close(d);
        if (!ok) return false;
    } else if (!S_ISREG(st.st_mode)) {
        return true;
    }
    return nohin_fsync_path(path, error);
}

/* A temporary folder of another run is stale when nobody holds its lock. */
static void remove_stale(const char *parent, const char *prefix)
{
    GDir *d = g_dir_open(parent, 0, NULL);
    if (!d) return;
    const char *name;
    while ((name = g_dir_read_name(d))) {
        if (!g_str_has_prefix(name, prefix) || strlen(name) != strlen(prefix) + 6) continue;
        char *p = g_build_filename(parent, name, NULL);
        int fd = open(p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0) nohin_clean_rmtree(p);
        if (fd >= 0) close(fd);
        g_free(p);
    }
    g_dir_close(d);
}

char *nohin_outdir_begin(const char *absout, int *lock_fd, GError **error)
{
    char *parent = g_path_get_dirname(absout), *base = g_path_get_basename(absout);
    char *prefix = g_strdup_printf(".%s.tmp-", base);
    remove_stale(parent, prefix);
    char *tmpl = g_strdup_printf("%s/%sXXXXXX", parent, prefix);
    char *tmp = g_mkdtemp(tmpl);
    *lock_fd = -1;
    if (!tmp) {
        nohin_write_fail(error, tmpl, errno);
        g_free(tmpl);
    } else {
        *lock_fd = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (*lock_fd >= 0) flock(*lock_fd, LOCK_EX);
    }
    g_free(parent);
    g_free(base);
    g_free(prefix);
    return tmp;
}

bool nohin_outdir_install(const char *tmp, const char *dest, bool replace, GError **error)
{
    if (!fsync_tree(tmp, error)) return false;
    if (!g_file_test(dest, G_FILE_TEST_EXISTS)) {
        if (rename(tmp, dest) != 0) return nohin_write_fail(error, dest, errno);
    } else if (!replace) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("%s exists (use --force)"), dest);
        return false;
    } else {
        /* One system call swaps the two names: a reader sees the old or the new
         * folder, never a mix and never nothing. */
        if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dest, RENAME_EXCHANGE) != 0)
            return nohin_write_fail(error, dest, errno);
        nohin_clean_rmtree(tmp); /* now the old folder */
    }
    char *parent = g_path_get_dirname(dest);
    bool ok = nohin_fsync_path(parent, error);
    g_free(parent);
    return ok;
}

static void list_files(const char *dir, const char *rel, GPtrArray *out)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d) return;
    const char *name;
    while ((name = g_dir_read_name(d))) {
        char *p = g_build_filename(dir, name, NULL);
        char *r = rel ? g_strconcat(rel, "/", name, NULL) : g_strdup(name);
        if (g_file_test(p, G_FILE_TEST_IS_DIR))
            list_files(p, r, out), g_free(r);
        else
            g_ptr_array_add(out, r);
        g_free(p);
    }
    g_dir_close(d);
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bool nohin_outdir_manifest(const char *root, const char *manifest_path, GError **error)
{
    return nohin_outdir_manifest_known(root, manifest_path, NULL, error);
}

bool nohin_outdir_manifest_known(const char *root, const char *manifest_path, GHashTable *known,
                                 GError **error)
{
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    list_files(root, NULL, files);
    g_ptr_array_sort(files, cmp_str);
    GString *s = g_string_new("");
    bool ok = true;
    for (guint i = 0; i < files->len && ok; i++) {
        const char *rel = files->pdata[i];
        char *p = g_build_filename(root, rel, NULL);
        if (strcmp(p, manifest_path)) {
            const char *had = known ? g_hash_table_lookup(known, rel) : NULL;
            char *hex = had ? g_strdup(had) : nohin_sha256_file(p);
            if (!hex) {
                ok = nohin_write_fail(error, p, errno ? errno : EIO);
            } else if (strpbrk(rel, "\\\n")) {
                /* GNU sha256sum's form: a leading backslash, then \\ and \n */
                g_string_append_printf(s, "\\%s  ", hex);
                for (const char *c = rel; *c; c++)
                    if (*c == '\\')
                        g_string_append(s, "\\\\");
                    else if (*c == '\n')
                        g_string_append(s, "\\n");
                    else
                        g_string_append_c(s, *c);
                g_string_append_c(s, '\n');
            } else {
                g_string_append_printf(s, "%s  %s\n", hex, rel);
            }
            g_free(hex);
        }
        g_free(p);
    }
    if (ok && !nohin_write_file_atomic(manifest_path, s->str, s->len, false, error)) ok = false;
    g_string_free(s, TRUE);
    g_ptr_array_free(files, TRUE);
    return ok;
}
