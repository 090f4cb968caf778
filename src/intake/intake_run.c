/* nohin intake: messages in, one record per message out. See intake.h. */
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <string.h>
#include "core/ctx.h"
#include "core/isolate.h"
#include "intake.h"

typedef struct {
    nohin_intake in;
    nohin_intake_sink sink;
    void *data;
    GPtrArray *pending; /* --group: messages waiting for the one lint run */
    bool failed;
    GError *error;
} run_state;

static bool setup_tmp(nohin_intake *in, GError **error)
{
    /* mkdtemp: mode 0700, a fresh name; nothing inside is named by the sender. */
    in->tmp = g_dir_make_tmp("nohin-intake-XXXXXX", error);
    if (!in->tmp) return false;
    in->root = g_build_filename(in->tmp, "files", NULL);
    in->raw = g_build_filename(in->tmp, "raw", NULL);
    if (g_mkdir(in->root, 0700) != 0 || g_mkdir(in->raw, 0700) != 0) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s: %s", in->tmp, g_strerror(errno));
        return false;
    }
    in->display = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    return true;
}

static void teardown_tmp(nohin_intake *in)
{
    if (in->tmp) nohin_intake_rmtree(in->tmp);
    g_clear_pointer(&in->tmp, g_free);
    g_clear_pointer(&in->root, g_free);
    g_clear_pointer(&in->raw, g_free);
    g_clear_pointer(&in->display, g_hash_table_destroy);
}

/* ---- MAIL-EXECUTABLE ---- */

static const char *const exec_mimes[] = {"application/x-executable",
                                         "application/x-pie-executable",
                                         "application/x-sharedlib",
                                         "application/x-dosexec",
                                         "application/x-msdownload",
                                         "application/x-mach-binary",
                                         "application/vnd.microsoft.portable-executable",
                                         "application/java-archive",
                                         "application/x-java-applet",
                                         "application/x-msi",
                                         "application/x-ms-shortcut",
                                         "text/x-shellscript",
                                         "text/x-msdos-batch",
                                         "application/x-bat",
                                         "text/x-python",
                                         "text/x-script.python",
                                         "text/x-perl",
                                         "text/x-ruby",
                                         "application/javascript",
                                         "text/javascript",
                                         "application/hta",
                                         "application/x-ms-installer",
                                         NULL};
static const char *const exec_exts[] = {
    "exe", "com", "scr", "pif", "bat", "cmd",    "ps1", "psm1", "vbs", "vbe",  "js", "jse", "wsf",
    "wsh", "hta", "msi", "msp", "dll", "cpl",    "jar", "lnk",  "sh",  "bash", "py", "pl",  "rb",
    "apk", "app", "reg", "scf", "inf", "gadget", "iso", "img",  "vhd", "vhdx", NULL};

static bool in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (!g_ascii_strcasecmp(s, *list)) return true;
    return false;
}

/* By content first (libmagic), then by name: a renamed program is still one, and
 * a script with an innocent extension is still run by whoever double-clicks it. */
static const char *executable_kind(const nohin_file *f)
{
    if (f->mime && in_list(f->mime, exec_mimes)) return f->mime;
    if (f->magic &&
        (g_str_has_prefix(f->magic, "PE32") || g_str_has_prefix(f->magic, "ELF") ||
         g_str_has_prefix(f->magic, "MS-DOS executable") || g_str_has_prefix(f->magic, "Mach-O") ||
         (strstr(f->magic, "script") && strstr(f->magic, "executable"))))
        return f->magic;
    char *ext = nohin_file_extension(f->path);
    bool by_name = in_list(ext, exec_exts);
    g_free(ext);
    return by_name ? "extension" : NULL;
}

/* ---- distributing one lint run over the messages ---- */

static nohin_mail *owner(GPtrArray *mails, const char *path)
{
    for (guint i = 0; i < mails->len; i++) {
        nohin_mail *m = mails->pdata[i];
        size_t n = strlen(m->id);
        if (!strncmp(path, m->id, n) && (path[n] == '/' || path[n] == '\0')) return m;
    }
    return NULL;
}

static nohin_attachment *attachment_at(nohin_mail *m, const char *path)
{
    const char *rel = path + strlen(m->id) + 1;
    for (guint i = 0; i < m->attachments->len; i++) {
        nohin_attachment *a = m->attachments->pdata[i];
        if (a->disk && !strcmp(a->name, rel)) return a;
    }
    return NULL;
}

static gint cmp_finding(gconstpointer a, gconstpointer b)
{
    return nohin_finding_compare(*(nohin_finding *const *)a, *(nohin_finding *const *)b);
}

static void adopt_file(run_state *rs, nohin_mail *m, nohin_file *f)
{
    nohin_attachment *a = attachment_at(m, f->path);
    if (a) {
        g_free(a->type);
        a->type = g_strdup(nohin_format_name(f->format));
        g_free(a->status);
        bool isolation = f->unreadable_reason && g_str_has_prefix(f->unreadable_reason, "reader ");
        a->status = g_strdup(f->status == NOHIN_STATUS_OK ? "ok"
                             : isolation                  ? "unscannable"
                                                          : "unreadable");
    }
    const char *kind = executable_kind(f);
    if (kind) {
        nohin_ctx *ctx = nohin_ctx_new(rs->in.cfg);
        nohin_finding *x = nohin_emit(
            ctx, f, "MAIL-EXECUTABLE", nohin_loc_none(),
            _("Remove programs and scripts from the submission; deliverables are documents and "
              "data only."),
            _("The attachment is an executable program or script."));
        nohin_finding_set_evidence(x, "%s", kind);
        GPtrArray *found = nohin_ctx_steal_findings(ctx);
        for (guint i = 0; i < found->len; i++)
            g_ptr_array_add(m->report->findings, g_steal_pointer(&found->pdata[i]));
        g_ptr_array_set_free_func(found, NULL);
        g_ptr_array_free(found, TRUE);
        nohin_ctx_free(ctx);
    }
    g_ptr_array_add(m->report->files, f);
}

nohin_mail *nohin_mail_new(void)
{
    nohin_mail *m = g_new0(nohin_mail, 1);
    m->attachments = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_attachment_free);
    m->report = g_new0(nohin_report, 1);
    m->report->files = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_file_free);
    m->report->findings = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_finding_free);
    return m;
}

/* Evidence may quote the input (entry names, reader messages); PII-* evidence is
 * masked by its check already. */
static void mask_evidence(nohin_report *r)
{
    for (guint i = 0; i < r->findings->len; i++) {
        nohin_finding *f = r->findings->pdata[i];
        if (!f->evidence || g_str_has_prefix(f->rule, "PII-")) continue;
        char *m = nohin_intake_mask(f->evidence);
        g_free(f->evidence);
        f->evidence = m;
    }
}

/* Lints one submission's files (its messages' folders under root) and hands each
 * message its share; bundle-wide findings go to the submission. */
static void lint_and_deliver(run_state *rs, const char *root, nohin_submission *sub)
{
    GPtrArray *mails = sub->mails;
    nohin_options o = rs->in.opts->lint;
    o.isolate = rs->in.opts->isolate;
    o.display_paths = rs->in.display;
    GError *err = NULL;
    nohin_report *r = nohin_lint_with_config(&root, 1, &o, rs->in.cfg, &err);
    if (r) {
        for (guint i = 0; i < r->files->len; i++) {
            nohin_file *f = g_steal_pointer(&r->files->pdata[i]);
            nohin_mail *m = owner(mails, f->path);
            if (m)
                adopt_file(rs, m, f);
            else
                nohin_file_free(f); /* cannot happen: every file has a display path */
        }
        for (guint i = 0; i < r->findings->len; i++) {
            nohin_finding *f = g_steal_pointer(&r->findings->pdata[i]);
            nohin_mail *m = owner(mails, f->file);
            if (!m && f->file[0]) { /* a file no message owns: cannot happen, dropped */
                nohin_finding_free(f);
                continue;
            }
            g_ptr_array_add(m ? m->report->findings : sub->report->findings, f);
        }
        nohin_report_free(r);
    } else {
        g_clear_error(&err);
    }
    for (guint i = 0; i < mails->len; i++) {
        nohin_mail *m = mails->pdata[i];
        mask_evidence(m->report);
        g_ptr_array_sort(m->report->findings, cmp_finding);
    }
    nohin_submission_finish(sub, rs->in.cfg);
    mask_evidence(sub->report);
    g_ptr_array_sort(sub->report->findings, cmp_finding);
    for (guint i = 0; i < mails->len; i++)
        rs->sink(mails->pdata[i], rs->data);
    if (rs->in.opts->on_submission) rs->in.opts->on_submission(sub, rs->data);
}

/* Without --group: submissions found by sender, subject counter and date; each is
 * linted on its own, its messages' folders moved under a folder of its own. */
static void deliver_submissions(run_state *rs)
{
    nohin_intake *in = &rs->in;
    GPtrArray *subs = nohin_submissions_group(g_steal_pointer(&rs->pending), in->opts->window_s);
    rs->pending = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_mail_free);
    char *groups = g_build_filename(in->tmp, "groups", NULL);
    g_mkdir(groups, 0700);
    for (guint i = 0; i < subs->len; i++) {
        nohin_submission *sub = subs->pdata[i];
        char *groot = g_strdup_printf("%s/g%06u", groups, i + 1);
        g_mkdir(groot, 0700);
        for (guint k = 0; k < sub->mails->len; k++) {
            nohin_mail *m = sub->mails->pdata[k];
            if (!m->mdir) continue;
            char *from = g_build_filename(in->root, m->mdir, NULL);
            char *to = g_build_filename(groot, m->mdir, NULL);
            if (g_file_test(from, G_FILE_TEST_IS_DIR)) g_rename(from, to);
            g_free(from);
            g_free(to);
        }
        lint_and_deliver(rs, groot, sub);
        nohin_intake_rmtree(groot);
        g_free(groot);
    }
    g_free(groups);
    g_ptr_array_free(subs, TRUE);
}

/* ---- one message, parsed and unpacked in an isolated child ---- */

#define ATT_TYPE "(sstsss)" /* name, disk ("" when not linted), bytes, sha256, type, status */
/* next, eos, id, date, subject, sender domain, sender address, raw subject, raw id,
 * bytes, counter, attachments, findings */
#define MAIL_TYPE "(xbsmsmsssmsmstua" ATT_TYPE NOHIN_ISOLATE_FINDINGS_TYPE ")"

typedef struct {
    run_state *rs;
    const char *path;
    bool mbox;
    gint64 offset;
} parse_job;

/* GMime parses the message and its attachments are decoded and unpacked here,
 * so a message that crashes the parser costs only that message. */
static GVariant *parse_child(void *data)
{
    parse_job *j = data;
    nohin_intake *in = &j->rs->in;
    gint64 next = -1;
    guint64 bytes = 0;
    bool eos = true;
    GMimeMessage *msg = nohin_mail_parse_at(j->path, j->mbox, j->offset, &next, &bytes, &eos);
    nohin_mail *m = nohin_mail_new();
    m->bytes = bytes;
    nohin_ctx *ctx = nohin_ctx_new(in->cfg);
    nohin_mail_extract(in, ctx, m, msg);
    if (msg) g_object_unref(msg);
    GPtrArray *found = nohin_ctx_steal_findings(ctx);
    nohin_ctx_free(ctx);
    GVariantBuilder atts;
    g_variant_builder_init(&atts, G_VARIANT_TYPE("a" ATT_TYPE));
    for (guint i = 0; i < m->attachments->len; i++) {
        const nohin_attachment *a = m->attachments->pdata[i];
        g_variant_builder_add(&atts, ATT_TYPE, a->name, a->disk ? a->disk : "", a->bytes, a->sha256,
                              a->type, a->status);
    }
    GVariant *v = g_variant_new("(xbsmsmsssmsmstu@a" ATT_TYPE "@" NOHIN_ISOLATE_FINDINGS_TYPE ")",
                                next, (gboolean)eos, m->id, m->date, m->subject, m->sender_domain,
                                m->sender_addr, m->subject_raw, m->raw_id, bytes, in->counter,
                                g_variant_builder_end(&atts), nohin_isolate_pack_findings(found));
    g_ptr_array_free(found, TRUE);
    nohin_mail_free(m);
    return v;
}

static nohin_mail *mail_from_variant(nohin_intake *in, GVariant *v, gint64 *next, bool *eos)
{
    const char *id, *date, *subject, *sender, *addr, *subject_raw, *raw_id;
    gboolean end = TRUE;
    guint64 bytes = 0;
    guint32 counter = 0;
    GVariant *atts = NULL, *found = NULL;
    g_variant_get(v, "(xb&sm&sm&s&s&sm&sm&stu@a" ATT_TYPE "@" NOHIN_ISOLATE_FINDINGS_TYPE ")", next,
                  &end, &id, &date, &subject, &sender, &addr, &subject_raw, &raw_id, &bytes,
                  &counter, &atts, &found);
    *eos = end;
    nohin_mail *m = nohin_mail_new();
    m->id = g_strdup(id);
    m->date = date ? g_strdup(date) : NULL;
    m->subject = subject ? g_strdup(subject) : NULL;
    m->sender_domain = g_strdup(sender);
    m->sender_addr = g_strdup(addr);
    m->subject_raw = g_strdup(subject_raw);
    m->raw_id = g_strdup(raw_id);
    m->mdir = g_strdup(in->mdir);
    m->bytes = bytes;
    if (counter > in->counter) in->counter = counter;
    g_hash_table_add(in->ids, g_strdup(id));
    char *prefix = g_strconcat(in->mdir, "/", NULL);
    GVariantIter it;
    g_variant_iter_init(&it, atts);
    const char *name, *disk, *sha, *type, *status;
    guint64 n;
    while (g_variant_iter_next(&it, "(&s&st&s&s&s)", &name, &disk, &n, &sha, &type, &status)) {
        nohin_attachment *a = nohin_attachment_new(""); /* name: masked in the child */
        g_free(a->name);
        a->name = g_strdup(name);
        a->bytes = n;
        g_strlcpy(a->sha256, sha, sizeof a->sha256);
        g_free(a->type);
        a->type = g_strdup(type);
        g_free(a->status);
        a->status = g_strdup(status);
        /* Only names in this message's own folder, one level deep, are trusted. */
        if (g_str_has_prefix(disk, prefix) && !strchr(disk + strlen(prefix), '/') &&
            disk[strlen(prefix)] && disk[strlen(prefix)] != '.') {
            a->disk = g_strdup(disk);
            g_hash_table_insert(in->display, g_strdup(disk), g_strdup_printf("%s/%s", id, name));
        }
        g_ptr_array_add(m->attachments, a);
    }
    g_free(prefix);
    nohin_isolate_unpack_findings(found, m->report->findings);
    g_variant_unref(atts);
    g_variant_unref(found);
    return m;
}

static nohin_mail *unscannable_message(nohin_intake *in, guint n, guint64 bytes, const char *why)
{
    nohin_mail *m = nohin_mail_new();
    m->id = g_strdup_printf("unscannable-message-%u", n);
    m->sender_domain = g_strdup("");
    m->sender_addr = g_strdup("");
    m->bytes = bytes;
    g_hash_table_add(in->ids, g_strdup(m->id));
    nohin_ctx *ctx = nohin_ctx_new(in->cfg);
    nohin_finding *f = nohin_intake_emit(
        ctx, m, "", "MAIL-UNSCANNABLE", _("Send the submission again as an ordinary e-mail."),
        _("Reading the message failed: its reader %s. Nothing in it was checked."), why);
    nohin_finding_set_evidence(f, "%s", why);
    GPtrArray *found = nohin_ctx_steal_findings(ctx);
    g_ptr_array_free(m->report->findings, TRUE);
    m->report->findings = found;
    nohin_ctx_free(ctx);
    return m;
}

static void process_message(run_state *rs, const char *path, bool mbox, gint64 offset, gint64 *next,
                            bool *eos)
{
    nohin_intake *in = &rs->in;
    *next = -1;
    *eos = true;
    if (!in->tmp && !setup_tmp(in, &rs->error)) {
        rs->failed = true;
        return;
    }
    guint n = ++in->n_messages;
    in->mdir = g_strdup_printf("m%06u", n);
    in->mroot = g_build_filename(in->root, in->mdir, NULL);
    in->mraw = g_build_filename(in->raw, in->mdir, NULL);
    g_mkdir(in->mroot, 0700);
    g_mkdir(in->mraw, 0700);
    parse_job job = {rs, path, mbox, offset};
    GVariant *v = NULL;
    char *why = NULL;
    nohin_isolate_status st = NOHIN_ISOLATE_OK;
    char *label = g_strdup_printf("message-%u", n);
    if (in->opts->isolate)
        st = nohin_isolate_call(label, parse_child, &job, G_VARIANT_TYPE(MAIL_TYPE), &v, &why);
    else
        v = g_variant_ref_sink(parse_child(&job));
    g_free(label);
    nohin_mail *m;
    if (st == NOHIN_ISOLATE_OK) {
        m = mail_from_variant(in, v, next, eos);
        g_variant_unref(v);
    } else {
        /* Whatever the child wrote is not trusted; the next message starts at the
         * next separator line. */
        nohin_intake_rmtree(in->mroot);
        GStatBuf sb;
        guint64 left =
            g_stat(path, &sb) == 0 && sb.st_size > offset ? (guint64)(sb.st_size - offset) : 0;
        *next = mbox ? nohin_mbox_next(path, offset + 1) : -1;
        *eos = *next < 0;
        m = unscannable_message(in, n, *eos ? left : (guint64)(*next - offset), why);
        g_free(why);
    }
    nohin_intake_rmtree(in->mraw);
    g_clear_pointer(&in->mdir, g_free);
    g_clear_pointer(&in->mroot, g_free);
    g_clear_pointer(&in->mraw, g_free);
    if (!m->mdir) m->mdir = g_strdup_printf("m%06u", n);
    m->source = g_strdup(path);
    g_ptr_array_add(rs->pending, m);
}

static void on_file(const char *path, bool mbox, void *data)
{
    run_state *rs = data;
    gint64 offset = 0;
    while (!rs->failed) {
        gint64 next = -1;
        bool eos = true;
        process_message(rs, path, mbox, offset, &next, &eos);
        if (eos || next <= offset) break; /* the offset must move on: no endless loop */
        offset = next;
    }
}

bool nohin_intake_run(const char *const *paths, size_t n, const nohin_intake_options *o,
                      const nohin_config *cfg, nohin_intake_sink sink, void *data, GError **error)
{
    static gsize gmime_ready;
    if (g_once_init_enter(&gmime_ready)) {
        g_mime_init();
        /* The masker's compiled pattern and name lists, loaded once here and
         * inherited by every child, instead of once per message child. */
        g_free(nohin_intake_mask("山田太郎 090-0000-0000"));
        g_once_init_leave(&gmime_ready, 1);
    }
    for (size_t i = 0; i < n; i++)
        if (!g_file_test(paths[i], G_FILE_TEST_EXISTS)) {
            g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("%s: no such file or folder"),
                        paths[i]);
            return false;
        }
    nohin_isolate_limits saved = *nohin_isolate_get_limits(), l = saved;
    l.failure_rule = "MAIL-UNSCANNABLE";
    nohin_isolate_set_limits(&l);
    run_state rs = {.sink = sink, .data = data};
    rs.in.opts = o;
    rs.in.cfg = cfg;
    rs.in.ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    rs.pending = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_mail_free);
    bool ok = true;
    for (size_t i = 0; i < n && ok && !rs.failed; i++)
        ok = nohin_mail_source_read(paths[i], on_file, &rs, error);
    if (ok && !rs.failed && rs.pending->len) {
        if (o->group) {
            nohin_submission *sub = nohin_submission_new_with(g_steal_pointer(&rs.pending));
            sub->group_option = true;
            rs.pending = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_mail_free);
            lint_and_deliver(&rs, rs.in.root, sub);
            nohin_submission_free(sub);
        } else {
            deliver_submissions(&rs);
        }
    }
    if (rs.failed) {
        g_propagate_error(error, rs.error);
        ok = false;
    }
    teardown_tmp(&rs.in);
    g_ptr_array_free(rs.pending, TRUE);
    g_hash_table_destroy(rs.in.ids);
    nohin_isolate_set_limits(&saved);
    return ok;
}
