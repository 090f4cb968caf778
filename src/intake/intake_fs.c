/* Small file helpers for intake: generated names, exclusive creation, hashing,
 * removal of the private temporary folder, and records. */
#define _GNU_SOURCE /* O_NOFOLLOW, O_CLOEXEC */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "bundle/zip_input.h"
#include "core/ctx.h"
#include "intake.h"

/* The extension is kept (ASCII letters and digits only) so that checks comparing
 * extension and content still work; the rest of the name is ours. */
char *nohin_intake_gen_name(nohin_intake *in, const char *display_name)
{
    char *ext = nohin_file_extension(display_name ? display_name : "");
    bool ok = ext[0] && strlen(ext) <= 8;
    for (const char *p = ext; *p && ok; p++)
        if (!g_ascii_isalnum(*p)) ok = false;
    char *name = ok ? g_strdup_printf("f%06u.%s", ++in->counter, ext)
                    : g_strdup_printf("f%06u", ++in->counter);
    g_free(ext);
    return name;
}

int nohin_intake_create(const char *path)
{
    return open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
}

bool nohin_intake_hash(const char *path, guint64 *bytes, char sha256[65])
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return false;
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    guchar buf[1 << 16];
    ssize_t n;
    guint64 total = 0;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        g_checksum_update(sum, buf, (gssize)n);
        total += (guint64)n;
    }
    close(fd);
    *bytes = total;
    g_strlcpy(sha256, g_checksum_get_string(sum), 65);
    g_checksum_free(sum);
    return n == 0;
}

/* Everything under dir was created by intake itself; links are never followed. */
void nohin_intake_rmtree(const char *dir)
{
    nohin_rmtree(dir);
}

nohin_finding *nohin_intake_emit(nohin_ctx *ctx, const nohin_mail *m, const char *name,
                                 const char *rule, const char *fix, const char *fmt, ...)
{
    nohin_file where = {0};
    char *shown = nohin_intake_mask(name);
    where.path = shown && *shown ? g_strdup_printf("%s/%s", m->id, shown) : g_strdup(m->id);
    g_free(shown);
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    nohin_finding *f = nohin_emit(ctx, &where, rule, nohin_loc_none(), fix, "%s", msg);
    g_free(msg);
    g_free(where.path);
    return f;
}

nohin_attachment *nohin_attachment_new(const char *name)
{
    nohin_attachment *a = g_new0(nohin_attachment, 1);
    a->name = nohin_intake_mask(name); /* names are shown: personal data masked */
    a->type = g_strdup("unknown");
    a->status = g_strdup("ok");
    return a;
}

void nohin_attachment_free(nohin_attachment *a)
{
    if (!a) return;
    g_free(a->name);
    g_free(a->disk);
    g_free(a->type);
    g_free(a->status);
    g_free(a);
}

void nohin_mail_free(nohin_mail *m)
{
    if (!m) return;
    g_free(m->id);
    g_free(m->date);
    g_free(m->subject);
    g_free(m->sender_domain);
    g_free(m->sender_addr);
    g_free(m->subject_raw);
    g_free(m->raw_id);
    g_free(m->mdir);
    g_free(m->source);
    g_free(m->base);
    g_free(m->counter_text);
    if (m->attachments) g_ptr_array_free(m->attachments, TRUE);
    nohin_report_free(m->report);
    g_free(m);
}
