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
