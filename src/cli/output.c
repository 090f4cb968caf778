#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>
#include <string.h>
#include <gio/gio.h>
#include <stdio.h>
#include "commands.h"
#include "core/isolate.h"

void nohin_cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("nohin: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* The report's own copy of the original stdout; fd 1 itself then points at stderr,
 * so whatever a library prints (poppler/cairo/freetype "BAD status: …", a stray
 * printf) cannot land in the JSON or SARIF. -1 until nohin_cli_protect_stdout. */
static int report_fd = -1;

void nohin_cli_protect_stdout(void)
{
    if (report_fd >= 0) return;
    fflush(stdout);
    report_fd = fcntl(1, F_DUPFD_CLOEXEC, 3);
    if (report_fd >= 0 && dup2(2, 1) < 0) {
        close(report_fd);
        report_fd = -1;
    }
}

static bool write_report(const char *data, size_t len)
{
    if (report_fd < 0) {
        fwrite(data, 1, len, stdout);
        return fflush(stdout) == 0;
    }
    while (len > 0) {
        ssize_t w = write(report_fd, data, len);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        data += w;
        len -= (size_t)w;
    }
    return true;
}

bool nohin_cli_emit_output(const char *path, const char *data, size_t len, bool force)
{
    if (!path || !strcmp(path, "-")) return write_report(data, len);
    GError *err = NULL;
    if (!nohin_write_file_atomic(path, data, len, force, &err)) {
        if (g_error_matches(err, G_IO_ERROR, G_IO_ERROR_EXISTS))
            nohin_cli_error(_("%s exists; use --force to replace it"), path);
        else
            nohin_cli_error("%s", err->message);
        g_error_free(err);
        return false;
    }
    return true;
}

bool nohin_cli_parse_profile(const char *profile, nohin_role *role)
{
    if (!profile) return true;
    if (!strcmp(profile, "public"))
        *role = NOHIN_ROLE_PUBLIC;
    else if (!strcmp(profile, "internal"))
        *role = NOHIN_ROLE_INTERNAL;
    else {
        nohin_cli_error(_("unknown profile '%s'"), profile);
        return false;
    }
    return true;
}

bool nohin_cli_parse_fail_on(const char *fail_on, nohin_severity *sev)
{
    if (!fail_on || nohin_severity_parse(fail_on, sev)) return true;
    nohin_cli_error(_("unknown severity '%s'"), fail_on);
    return false;
}

bool nohin_cli_parse(GOptionContext *oc, int *argc, char ***argv)
{
    GError *err = NULL;
    if (g_option_context_parse(oc, argc, argv, &err)) return true;
    nohin_cli_error("%s", err->message);
    g_error_free(err);
    return false;
}

/* A file's reader is stopped after SECONDS (wall clock and CPU). */
void nohin_cli_set_timeout(int seconds)
{
    nohin_isolate_limits lim = *nohin_isolate_get_limits();
    lim.timeout_s = seconds;
    if (lim.cpu_s > seconds) lim.cpu_s = seconds;
    nohin_isolate_set_limits(&lim);
}
