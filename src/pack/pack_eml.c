/* One draft as an RFC 5322 message, written by GMime: UTF-8 subject (RFC 2047),
 * a short Japanese body in base64, every file a base64 attachment with its name
 * RFC 2047-encoded (read by Outlook, Thunderbird and Japanese mail programs that
 * do not know RFC 2231). X-Unsent makes Outlook open it as a draft to send. */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <string.h>
#include <zip.h>
#include "nohin_internal.h"
#include "pack.h"
#include "readers/zip_safe.h"

static void replace(GString *s, const char *from, const char *to)
{
    for (char *p; (p = strstr(s->str, from));) {
        gssize at = p - s->str;
        g_string_erase(s, at, (gssize)strlen(from));
        g_string_insert(s, at, to);
    }
}

char *nohin_pack_subject(const nohin_pack_options *o, const char *title, guint n, guint total)
{
    const char *t =
        o->subject && strstr(o->subject, "{n}") ? o->subject : "【提出】{title}（{n}/{total}）";
    GString *s = g_string_new(t);
    char num[32], tot[32];
    g_snprintf(num, sizeof num, "%u", n);
    g_snprintf(tot, sizeof tot, "%u", total);
    /* {title} last: a title holding "{n}" stays as written. */
    replace(s, "{n}", num);
    replace(s, "{total}", tot);
    replace(s, "{title}", title);
    return g_string_free(s, FALSE);
}

static char *body_text(const nohin_pack_mail *m, guint n, guint total, const char *zipname)
{
    GString *b = g_string_new("ご担当者様\n\n");
    g_string_append_printf(b, "成果物を送付いたします（全%u通のうち%u通目）。\n\n", total, n);
    if (zipname)
        g_string_append_printf(b, "添付ファイル: %s（次の%u件をまとめたもの）\n", zipname,
                               m->files->len);
    else
        g_string_append_printf(b, "添付ファイル（%u件）:\n", m->files->len);
    for (guint i = 0; i < m->files->len; i++) {
        const nohin_pack_file *f = m->files->pdata[i];
        g_string_append_printf(b, "%u. %s（%'" G_GUINT64_FORMAT " バイト）\n   SHA-256: %s\n",
                               i + 1, f->name, f->bytes, f->sha256);
        if (f->origin)
            g_string_append_printf(b, "   （%s をページで分割した一部です）\n", f->origin);
    }
    g_string_append(b, "\n全通そろってからご確認ください。\n"
                       "このメールは nohin pack で作成しました。\n");
    return g_string_free(b, FALSE);
}

static const char *content_type(const char *name)
{
    static const char *const map[][2] = {
        {".pdf", "application/pdf"},
        {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
        {".csv", "text/csv"},
        {".zip", "application/zip"},
        {".txt", "text/plain"},
        {".json", "application/json"},
        {".xml", "application/xml"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(map); i++)
        if (g_str_has_suffix(name, map[i][0])) return map[i][1];
    return "application/octet-stream";
}

static GMimePart *attachment(const char *path, const char *name, GError **error)
{
    GMimeStream *s = g_mime_stream_fs_open(path, O_RDONLY, 0, error);
    if (!s) return NULL;
    GMimeContentType *ct = g_mime_content_type_parse(NULL, content_type(name));
    GMimePart *p = g_mime_part_new_with_type(g_mime_content_type_get_media_type(ct),
                                             g_mime_content_type_get_media_subtype(ct));
    g_object_unref(ct);
    GMimeDataWrapper *w = g_mime_data_wrapper_new_with_stream(s, GMIME_CONTENT_ENCODING_DEFAULT);
    g_mime_part_set_content(p, w);
    g_object_unref(w);
    g_object_unref(s);
    g_mime_part_set_content_encoding(p, GMIME_CONTENT_ENCODING_BASE64);
    g_mime_part_set_filename(p, name); /* also Content-Type name= */
    /* RFC 2047 in the name parameters: what Outlook and Japanese mail programs write
     * and read; RFC 2231 is not read everywhere. */
    GMimeParamList *lists[] = {
        g_mime_content_type_get_parameters(g_mime_object_get_content_type(GMIME_OBJECT(p))),
        g_mime_content_disposition_get_parameters(
            g_mime_object_get_content_disposition(GMIME_OBJECT(p)))};
    for (size_t i = 0; i < G_N_ELEMENTS(lists); i++)
        for (int k = 0; lists[i] && k < g_mime_param_list_length(lists[i]); k++)
            g_mime_param_set_encoding_method(g_mime_param_list_get_parameter_at(lists[i], k),
                                             GMIME_PARAM_ENCODING_METHOD_RFC2047);
    return p;
}

/* The mail's files as one zip in tmp (names as attached, UTF-8 flagged). */
static char *make_zip(const nohin_pack_mail *m, const char *tmp, const char *zipname,
                      GError **error)
{
    char *path = g_build_filename(tmp, zipname, NULL);
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_EXCL, &zerr);
    bool ok = z != NULL;
    for (guint i = 0; ok && i < m->files->len; i++) {
        const nohin_pack_file *f = m->files->pdata[i];
        /* a fixed time, not the files' (split parts are written by this run) */
        zip_source_t *src = zip_source_file(z, f->path, 0, -1);
        zip_int64_t idx = src ? zip_file_add(z, f->name, src, ZIP_FL_ENC_UTF_8) : -1;
        ok = idx >= 0 && nohin_zip_set_fixed_time(z, (zip_uint64_t)idx);
        if (idx < 0 && src) zip_source_free(src);
    }
    if (z && (ok ? zip_close(z) != 0 : (zip_discard(z), false))) ok = false;
    if (!ok) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("%s: cannot write the zip file"),
                    zipname);
        g_free(path);
        return NULL;
    }
    return path;
}

GBytes *nohin_pack_build_eml(const nohin_pack_mail *m, guint n, guint total, const char *title,
                             const nohin_pack_options *o, const char *tmp, GError **error)
{
    GMimeMessage *msg = g_mime_message_new(TRUE);
    if (o->from) g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_FROM, NULL, o->from);
    if (o->to) g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_TO, NULL, o->to);
    char *subject = nohin_pack_subject(o, title, n, total);
    g_mime_message_set_subject(msg, subject, "UTF-8");
    g_free(subject);
    GDateTime *now = g_date_time_new_now_local();
    g_mime_message_set_date(msg, now);
    g_date_time_unref(now);
    char *mid = g_mime_utils_generate_message_id("nohin.invalid");
    g_mime_message_set_message_id(msg, mid);
    g_free(mid);
    g_mime_object_set_header(GMIME_OBJECT(msg), "X-Unsent", "1", NULL);

    char *zipname = o->zip ? g_strdup_printf("%s_%u.zip", title, n) : NULL;
    GMimeMultipart *mp = g_mime_multipart_new_with_subtype("mixed");
    GMimeTextPart *text = g_mime_text_part_new_with_subtype("plain");
    char *body = body_text(m, n, total, zipname);
    g_mime_text_part_set_text(text, body); /* sets charset=utf-8 */
    g_free(body);
    g_mime_part_set_content_encoding(GMIME_PART(text), GMIME_CONTENT_ENCODING_BASE64);
    g_mime_multipart_add(mp, GMIME_OBJECT(text));
    g_object_unref(text);
    bool ok = true;
    char *zippath = NULL;
    if (zipname) {
        zippath = make_zip(m, tmp, zipname, error);
        GMimePart *p = zippath ? attachment(zippath, zipname, error) : NULL;
        ok = p != NULL;
        if (p) {
            g_mime_multipart_add(mp, GMIME_OBJECT(p));
            g_object_unref(p);
        }
    }
    for (guint i = 0; ok && !zipname && i < m->files->len; i++) {
        const nohin_pack_file *f = m->files->pdata[i];
        GMimePart *p = attachment(f->path, f->name, error);
        ok = p != NULL;
        if (p) {
            g_mime_multipart_add(mp, GMIME_OBJECT(p));
            g_object_unref(p);
        }
    }
    g_mime_message_set_mime_part(msg, GMIME_OBJECT(mp));
    g_object_unref(mp);
    GBytes *out = NULL;
    if (ok) {
        GMimeFormatOptions *fo = g_mime_format_options_new();
        g_mime_format_options_set_newline_format(fo, GMIME_NEWLINE_FORMAT_DOS);
        g_mime_format_options_set_param_encoding_method(fo, GMIME_PARAM_ENCODING_METHOD_RFC2047);
        GMimeStream *mem = g_mime_stream_mem_new();
        if (g_mime_object_write_to_stream(GMIME_OBJECT(msg), fo, mem) >= 0) {
            GByteArray *ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
            out = g_bytes_new(ba->data, ba->len);
        } else {
            g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_IO, _("cannot write the message"));
        }
        g_object_unref(mem);
        g_mime_format_options_free(fo);
    }
    if (zippath) {
        g_unlink(zippath);
        g_free(zippath);
    }
    g_free(zipname);
    g_object_unref(msg);
    return out;
}
