/* Zip attachments: expanded in an isolated child through zip_safe (limits on
 * inflated bytes, ratio and entries), names decoded from UTF-8 or CP932, nested
 * archives to NOHIN_ARCHIVE_MAX_DEPTH. Entries are written under generated
 * names; an entry whose name would escape a folder is never extracted. */
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include "core/isolate.h"
#include "intake.h"
#include "readers/archive.h"
#include "readers/zip_safe.h"

#define ENTRY_TYPE "(sstsss)" /* display, disk name, bytes, sha256, kind, note */
#define RESULT_TYPE "(ba" ENTRY_TYPE ")"

typedef struct {
    const char *root, *raw;
    guint id;                    /* reserved by the parent: names are z<id>_<k> */
    guint k;                     /* entries written */
    nohin_archive_budget budget; /* entries and bytes over all levels */
    GVariantBuilder *out;
} expand_state;

typedef struct {
    const char *zip_path;
    const char *display; /* the attachment's display name within the message */
    const char *root, *raw;
    guint id;
} expand_job;

/* One archive level being written by the archive module's loop. */
typedef struct {
    expand_state *st;
    const char *prefix; /* display names start with it: "a.zip/" */
    int depth;
    char *disk;    /* generated name of the entry being written */
    bool zip_like; /* written to the raw folder first, to be opened */
} level;

/* Entry names: UTF-8 when valid (the zip's UTF-8 flag or plain ASCII), else the
 * CP932 that Japanese Windows writes. */
static char *entry_name(const char *raw)
{
    char *s = nohin_archive_decode_name(raw); /* shared with lint's zip input */
    if (!s) s = g_utf8_make_valid(raw, -1);
    for (char *p = s; *p; p++) {
        if (*p == '\\') *p = '/';
        if ((unsigned char)*p < 0x20 || *p == 0x7f) *p = '_';
    }
    return s;
}

static void add(expand_state *st, const char *display, const char *disk, guint64 bytes,
                const char *sha, const char *kind, const char *note)
{
    g_variant_builder_add(st->out, ENTRY_TYPE, display, disk ? disk : "", bytes, sha ? sha : "",
                          kind, note ? note : "");
}

/* A zip we should open (not an Office or OpenDocument file, not a program);
 * NULL otherwise. The archive module decides, as for lint. */
static nohin_zip *open_plain_zip(const char *path)
{
    nohin_zip *z = nohin_zip_open(path, NULL);
    if (z && nohin_archive_is_package(z)) {
        nohin_zip_close(z);
        return NULL;
    }
    return z;
}

static void expand(expand_state *st, nohin_zip *z, const char *prefix, int depth);

/* Generated names only (z<id>_<k>.<ext>): nothing of the entry's name reaches
 * the disk. An entry that may be an archive goes to the raw folder first. */
static char *entry_dest(const nohin_archive_entry *e, void *user)
{
    level *lv = user;
    expand_state *st = lv->st;
    char *name = entry_name(e->raw);
    char *ext = nohin_file_extension(name);
    bool ext_ok = ext[0] && strlen(ext) <= 8;
    for (const char *p = ext; *p && ext_ok; p++)
        if (!g_ascii_isalnum(*p)) ext_ok = false;
    g_free(lv->disk);
    lv->disk = ext_ok ? g_strdup_printf("z%u_%u.%s", st->id, ++st->k, ext)
                      : g_strdup_printf("z%u_%u", st->id, ++st->k);
    gsize len = 0;
    const guchar *h = g_bytes_get_data(e->data, &len);
    lv->zip_like = len >= 4 && h[0] == 'P' && h[1] == 'K' && !nohin_archive_is_program(name);
    g_free(ext);
    g_free(name);
    return g_build_filename(lv->zip_like ? st->raw : st->root, lv->disk, NULL);
}

static void entry_result(const nohin_archive_entry *e, nohin_archive_status status,
                         const char *path, const char *detail, void *user)
{
    level *lv = user;
    expand_state *st = lv->st;
    char *name = entry_name(e->raw);
    char *display = g_strconcat(lv->prefix, name, NULL);
    gsize len = 0;
    const void *data = e->data ? g_bytes_get_data(e->data, &len) : NULL;
    char *sha = data ? g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len) : NULL;
    guint64 bytes = data ? len : e->size;
    nohin_zip *inner = NULL;
    switch (status) {
    case NOHIN_ARCHIVE_WRITTEN:
        if (!lv->zip_like) {
            add(st, display, lv->disk, bytes, sha, "file", "");
        } else if ((inner = open_plain_zip(path))) {
            if (lv->depth + 1 >= NOHIN_ARCHIVE_MAX_DEPTH) {
                add(st, display, NULL, bytes, sha, "depth", "");
            } else {
                add(st, display, NULL, bytes, sha, "zip", "");
                char *sub = g_strconcat(display, "/", NULL);
                expand(st, inner, sub, lv->depth + 1);
                g_free(sub);
            }
            nohin_zip_close(inner);
            g_unlink(path);
        } else {
            char *dest = g_build_filename(st->root, lv->disk, NULL);
            if (g_rename(path, dest) == 0) {
                add(st, display, lv->disk, bytes, sha, "file", "");
            } else {
                g_unlink(path);
                add(st, display, NULL, bytes, sha, "damaged", "cannot write the entry");
            }
            g_free(dest);
        }
        break;
    case NOHIN_ARCHIVE_UNSAFE:
        add(st, display, NULL, bytes, NULL, "unsafe", detail);
        break;
    case NOHIN_ARCHIVE_ENCRYPTED:
        add(st, display, NULL, bytes, NULL, "encrypted", "");
        break;
    case NOHIN_ARCHIVE_LIMIT:
        add(st, display, NULL, bytes, sha, "limit", detail);
        break;
    case NOHIN_ARCHIVE_DAMAGED:
        add(st, display, NULL, bytes, sha, "damaged", detail);
        break;
    case NOHIN_ARCHIVE_SKIPPED:
    case NOHIN_ARCHIVE_EXISTS:
    case NOHIN_ARCHIVE_WRITE_FAILED:
        add(st, display, NULL, bytes, sha, "damaged", "cannot write the entry");
        break;
    }
    g_free(sha);
    g_free(display);
    g_free(name);
}

static void expand(expand_state *st, nohin_zip *z, const char *prefix, int depth)
{
    level lv = {.st = st, .prefix = prefix, .depth = depth};
    nohin_archive_sink sink = {entry_dest, entry_result, &lv};
    nohin_archive_extract(z, &st->budget, &sink);
    g_free(lv.disk);
}

static GVariant *expand_child(void *data)
{
    expand_job *job = data;
    GVariantBuilder out;
    g_variant_builder_init(&out, G_VARIANT_TYPE("a" ENTRY_TYPE));
    expand_state st = {.root = job->root, .raw = job->raw, .id = job->id, .out = &out};
    nohin_zip *z = open_plain_zip(job->zip_path);
    if (z) {
        char *prefix = g_strconcat(job->display, "/", NULL);
        expand(&st, z, prefix, 0);
        g_free(prefix);
        nohin_zip_close(z);
    }
    return g_variant_new(RESULT_TYPE, (gboolean)(z != NULL), &out);
}

static nohin_attachment *record(nohin_mail *m, const char *name, guint64 bytes, const char *sha,
                                const char *type, const char *status)
{
    nohin_attachment *a = nohin_attachment_new(name);
    a->bytes = bytes;
    if (sha) g_strlcpy(a->sha256, sha, sizeof a->sha256);
    g_free(a->type);
    a->type = g_strdup(type);
    g_free(a->status);
    a->status = g_strdup(status);
    g_ptr_array_add(m->attachments, a);
    return a;
}

/* The pipeline sees root/<mdir>/<disk>, shown as "message-id/attachment". */
static void link_for_lint(nohin_intake *in, nohin_mail *m, nohin_attachment *a, const char *disk)
{
    a->disk = g_strdup_printf("%s/%s", in->mdir, disk);
    g_hash_table_insert(in->display, g_strdup(a->disk), g_strdup_printf("%s/%s", m->id, a->name));
}

static void entry_finding(nohin_ctx *ctx, nohin_mail *m, const char *display, const char *kind,
                          const char *note)
{
    nohin_finding *f = NULL;
    if (!strcmp(kind, "unsafe"))
        f = nohin_intake_emit(
            ctx, m, display, "MAIL-UNSCANNABLE",
            _("Make the archive again from the folder itself, with relative names."),
            _("The archive entry's name leads outside the archive's folder "
              "(path traversal); it was not extracted or checked."));
    else if (!strcmp(kind, "limit"))
        f = nohin_intake_emit(ctx, m, display, "MAIL-UNSCANNABLE",
                              _("Send the file uncompressed or split the archive."),
                              _("The archive entry exceeds the size or ratio limits for unpacking "
                                "(a possible zip bomb); it was not checked."));
    else if (!strcmp(kind, "depth"))
        f = nohin_intake_emit(
            ctx, m, display, "MAIL-UNSCANNABLE",
            _("Put the files into one archive instead of archives inside archives."),
            _("Archives are nested deeper than %d levels; this one was not opened."),
            NOHIN_ARCHIVE_MAX_DEPTH);
    else if (!strcmp(kind, "damaged"))
        f = nohin_intake_emit(ctx, m, display, "MAIL-UNSCANNABLE",
                              _("Make the archive again and send it once more."),
                              _("The archive entry is damaged and could not be read."));
    if (f && note && *note) nohin_finding_set_evidence(f, "%s", note);
}

static void place_file(nohin_intake *in, nohin_mail *m, const char *raw_path, const char *display)
{
    nohin_attachment *a = record(m, display, 0, NULL, "unknown", "ok");
    nohin_intake_hash(raw_path, &a->bytes, a->sha256);
    char *disk = nohin_intake_gen_name(in, display);
    char *dest = g_build_filename(in->mroot, disk, NULL);
    if (g_rename(raw_path, dest) == 0) link_for_lint(in, m, a, disk);
    g_free(dest);
    g_free(disk);
}

/* A child stopped in the middle may have written some entries: nothing of an
 * archive that failed is checked, so none of them may reach the lint run. */
static void remove_partial(const char *root, guint id)
{
    char *prefix = g_strdup_printf("z%u_", id);
    GDir *d = g_dir_open(root, 0, NULL);
    const char *n;
    while (d && (n = g_dir_read_name(d))) {
        if (!g_str_has_prefix(n, prefix)) continue;
        char *p = g_build_filename(root, n, NULL);
        g_unlink(p);
        g_free(p);
    }
    if (d) g_dir_close(d);
    g_free(prefix);
}

void nohin_intake_place(nohin_intake *in, nohin_ctx *ctx, nohin_mail *m, const char *raw_path,
                        const char *display)
{
    if (!nohin_archive_zip_magic(raw_path) || nohin_archive_is_program(display)) {
        place_file(in, m, raw_path, display);
        return;
    }
    /* Office files are zips too; type detection opens their directory in this
     * process anyway, so recognising them here costs no new exposure and saves a fork. */
    nohin_zip *probe = nohin_zip_open(raw_path, NULL);
    bool office = probe && nohin_archive_is_package(probe);
    nohin_zip_close(probe);
    if (office) {
        place_file(in, m, raw_path, display);
        return;
    }
    expand_job job = {raw_path, display, in->mroot, in->mraw, ++in->counter};
    GVariant *v = NULL;
    char *why = NULL;
    nohin_isolate_status st = NOHIN_ISOLATE_OK;
    char *label = g_path_get_basename(display);
    if (in->opts->isolate)
        st = nohin_isolate_call(label, expand_child, &job, G_VARIANT_TYPE(RESULT_TYPE), &v, &why);
    else
        v = g_variant_ref_sink(expand_child(&job));
    g_free(label);
    if (st != NOHIN_ISOLATE_OK) {
        remove_partial(in->mroot, job.id);
        nohin_attachment *a = record(m, display, 0, NULL, "zip", "unscannable");
        nohin_intake_hash(raw_path, &a->bytes, a->sha256);
        nohin_finding *f = nohin_intake_emit(
            ctx, m, display, "MAIL-UNSCANNABLE",
            _("Send the files again uncompressed or in a freshly made archive."),
            _("Unpacking the archive failed: its reader %s. Nothing in it was checked."), why);
        nohin_finding_set_evidence(f, "%s", why);
        g_free(why);
        return;
    }
    gboolean is_archive = FALSE;
    GVariantIter *it = NULL;
    g_variant_get(v, "(ba" ENTRY_TYPE ")", &is_archive, &it);
    if (!is_archive) {
        g_variant_iter_free(it);
        g_variant_unref(v);
        place_file(in, m, raw_path, display); /* an Office file or a damaged zip: lint reads it */
        return;
    }
    nohin_attachment *zip = record(m, display, 0, NULL, "zip", "ok");
    nohin_intake_hash(raw_path, &zip->bytes, zip->sha256);
    const char *name, *disk, *sha, *kind, *note;
    guint64 bytes;
    guint encrypted = 0;
    while (g_variant_iter_next(it, "(&s&st&s&s&s)", &name, &disk, &bytes, &sha, &kind, &note)) {
        bool file = !strcmp(kind, "file");
        bool nested = !strcmp(kind, "zip");
        bool enc = !strcmp(kind, "encrypted");
        nohin_attachment *a = record(m, name, bytes, *sha ? sha : NULL, nested ? "zip" : "unknown",
                                     file || nested ? "ok"
                                     : enc          ? "encrypted"
                                                    : "unscannable");
        if (file && *disk && !strchr(disk, '/')) link_for_lint(in, m, a, disk);
        encrypted += enc;
        entry_finding(ctx, m, name, kind, note);
    }
    g_variant_iter_free(it);
    g_variant_unref(v);
    if (encrypted) {
        nohin_finding *f = nohin_intake_emit(
            ctx, m, display, "MAIL-ENCRYPTED-ARCHIVE",
            _("Send the files without a password through a channel the ministry accepts (for "
              "example its file transfer service); a password sent by a second e-mail (PPAP) "
              "protects nothing and the government has stopped using it."),
            _("The archive is protected by a password, so %u of its files could not be checked."),
            encrypted);
        nohin_finding_set_evidence(f, "encrypted entries=%u", encrypted);
    }
}
