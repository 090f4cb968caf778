#include <stdarg.h>
#include <string.h>
#include <gio/gio.h>
#include <stdio.h>
#include "commands.h"

void nohin_cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("nohin: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

bool nohin_cli_emit_output(const char *path, const char *data, size_t len, bool force)
{
    if (!path || !strcmp(path, "-")) {
        fwrite(data, 1, len, stdout);
        return fflush(stdout) == 0;
    }
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
