/* Outputs never appear half-written and never replace a file by accident. */
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include "nohin_internal.h"

static bool write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += n;
        len -= (size_t)n;
    }
    return true;
}

bool nohin_write_file_atomic(const char *path, const void *data, size_t len, bool overwrite,
                             GError **error)
{
    char *dir = g_path_get_dirname(path);
    char *base = g_path_get_basename(path);
    char *tmpl = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
    bool ok = false;
    int fd = g_mkstemp_full(tmpl, O_WRONLY, 0644);
    if (fd < 0) {
        int e = errno;
        g_set_error(error, G_IO_ERROR, g_io_error_from_errno(e), "%s: %s", path, g_strerror(e));
        goto out;
    }
    if (!write_all(fd, data, len) || fsync(fd) != 0) {
        int e = errno;
        close(fd);
        g_unlink(tmpl);
        g_set_error(error, G_IO_ERROR, g_io_error_from_errno(e), "%s: %s", path, g_strerror(e));
        goto out;
    }
    close(fd);
    /* link() fails when path exists, which makes "never overwrite" atomic. */
    int rc = overwrite ? rename(tmpl, path) : link(tmpl, path);
    int e = errno;
    if (!overwrite) g_unlink(tmpl);
    if (rc != 0) {
        if (overwrite) g_unlink(tmpl);
        g_set_error(error, G_IO_ERROR, g_io_error_from_errno(e), "%s: %s", path, g_strerror(e));
        goto out;
    }
    ok = true;
out:
    g_free(dir);
    g_free(base);
    g_free(tmpl);
    return ok;
}
