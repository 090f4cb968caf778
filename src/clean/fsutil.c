/* Output-folder plumbing: copy, hash, manifest, atomic install. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "clean/fsutil.h"
#include "core/fs.h"

bool nohin_clean_rmtree(const char *path)
{
    return nohin_rmtree(path);
}

static bool io_error(GError **error, const char *path)
{
    int e = errno;
    g_set_error(error, G_IO_ERROR, g_io_error_from_errno(e), "%s: %s", path, g_strerror(e));
    return false;
}

bool nohin_copy_file(const char *src, const char *dst, GError **error)
{
    FILE *in = fopen(src, "rb");
    if (!in) return io_error(error, src);
    int fd = open(dst, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) {
        fclose(in);
        return io_error(error, dst);
    }
    FILE *out = fdopen(fd, "wb");
    char buf[1 << 16];
    size_t n;
    bool ok = true;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n) ok = false;
    if (ferror(in)) ok = false;
    fclose(in);
    if (fclose(out) != 0) ok = false;
    if (!ok) {
        g_unlink(dst);
        return io_error(error, dst);
    }
    return true;
}

bool nohin_install_dir(const char *tmp, const char *dest, bool replace, GError **error)
{
    if (!g_file_test(dest, G_FILE_TEST_EXISTS)) {
        if (rename(tmp, dest) != 0) return io_error(error, dest);
        return true;
    }
    if (!replace) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("%s exists (use --force)"), dest);
        return false;
    }
    /* One system call swaps the two names: a reader sees the old or the new
     * folder, never a mix and never nothing. */
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dest, RENAME_EXCHANGE) != 0)
        return io_error(error, dest);
    nohin_clean_rmtree(tmp); /* now the old folder */
    return true;
}

char *nohin_sha256_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    guchar buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        g_checksum_update(sum, buf, n);
    bool bad = ferror(fp);
    fclose(fp);
    char *hex = bad ? NULL : g_strdup(g_checksum_get_string(sum));
    g_checksum_free(sum);
    return hex;
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

bool nohin_write_manifest(const char *dir, GError **error)
{
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    list_files(dir, NULL, files);
    g_ptr_array_sort(files, cmp_str);
    GString *s = g_string_new("");
    bool ok = true;
    for (guint i = 0; i < files->len && ok; i++) {
        const char *rel = files->pdata[i];
        if (!strcmp(rel, "MANIFEST.sha256")) continue;
        char *p = g_build_filename(dir, rel, NULL);
        char *hex = nohin_sha256_file(p);
        if (hex)
            g_string_append_printf(s, "%s  %s\n", hex, rel);
        else
            ok = io_error(error, p);
        g_free(hex);
        g_free(p);
    }
    if (ok) {
        char *m = g_build_filename(dir, "MANIFEST.sha256", NULL);
        ok = nohin_write_file_atomic(m, s->str, s->len, false, error);
        g_free(m);
    }
    g_string_free(s, TRUE);
    g_ptr_array_free(files, TRUE);
    return ok;
}
