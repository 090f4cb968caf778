#include "fuzz_common.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "nohin_internal.h"

static char *dir;

void fuzz_init(void)
{
    if (dir) return;
    nohin_i18n_init("en");
    dir = g_dir_make_tmp("nohin-fuzz-XXXXXX", NULL);
    if (!dir) abort();
}

const char *fuzz_write_input(const uint8_t *data, size_t size, const char *ext)
{
    static char path[4096];
    fuzz_init();
    snprintf(path, sizeof path, "%s/input.%s", dir, ext);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) abort();
    while (size > 0) {
        ssize_t w = write(fd, data, size);
        if (w <= 0) abort();
        data += w;
        size -= (size_t)w;
    }
    close(fd);
    return path;
}

void fuzz_lint_file(const char *path)
{
    nohin_options o;
    nohin_options_init(&o);
    o.quiet = true;
    o.progress = false;
    const char *paths[] = {path};
    GError *err = NULL;
    nohin_report *r = nohin_lint(paths, 1, &o, &err);
    if (r) nohin_report_free(r);
    g_clear_error(&err);
}
