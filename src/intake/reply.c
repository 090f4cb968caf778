/* The reply to a submission's sender: a Japanese .eml draft (verdict, counts, fix
 * list, what to send again) for METI's staff to check and send. nohin never
 * sends it. Written by GMime like pack's drafts. */
#include <string.h>
#include "intake.h"

static const char *verdict_ja(nohin_verdict v)
{
    return v == NOHIN_VERDICT_ACCEPT ? "受理"
           : v == NOHIN_VERDICT_REJECT ? "差戻し（修正のうえ再提出をお願いします）"
                                       : "要確認（担当者が内容を確認します）";
}

static const char *severity_ja(nohin_severity s)
{
    return s == NOHIN_SEV_ERROR ? "エラー" : s == NOHIN_SEV_WARNING ? "警告" : "情報";
}

/* "message-id/報告書.pdf" → "報告書.pdf" (the sender knows the files, not our ids). */
static const char *file_part(const nohin_submission *s, const char *file)
{
    for (guint i = 0; i < s->mails->len; i++) {
        const char *id = ((nohin_mail *)s->mails->pdata[i])->id;
        size_t n = strlen(id);
        if (!strncmp(file, id, n) && file[n] == '/') return file + n + 1;
        if (!strcmp(file, id)) return "";
    }
    return file;
}

static char *body(const nohin_submission *s)
{
    GString *b = g_string_new("ご担当者様\n\n");
    guint atts = 0;
    for (guint i = 0; i < s->mails->len; i++)
        atts += ((nohin_mail *)s->mails->pdata[i])->attachments->len;
    g_string_append_printf(
        b, "お送りいただいた提出物（メール%u通、添付ファイル%u件）を検査しました。\n\n",
        s->mails->len, atts);
    g_string_append_printf(b, "判定: %s\n", verdict_ja(s->verdict));
    g_string_append_printf(b, "件数: エラー %zu件、警告 %zu件、情報 %zu件\n", s->n_error,
                           s->n_warning, s->n_info);
    if (s->missing->len) {
        g_string_append(b, "\n■ 届いていないメール\n");
        for (guint i = 0; i < s->missing->len; i++)
            g_string_append_printf(b, "  ・%s\n", (char *)s->missing->pdata[i]);
        g_string_append(b, "  同じ件名に番号を付けて、不足分のメールをお送りください。\n");
    }
    GPtrArray *all = nohin_submission_findings(s);
    GHashTable *resend = g_hash_table_new(g_str_hash, g_str_equal);
    GPtrArray *resend_order = g_ptr_array_new_with_free_func(g_free);
    guint listed = 0;
    for (int pass = 0; pass < 2; pass++) /* errors first, then warnings */
        for (guint i = 0; i < all->len; i++) {
            const nohin_finding *f = all->pdata[i];
            nohin_severity want = pass == 0 ? NOHIN_SEV_ERROR : NOHIN_SEV_WARNING;
            if (f->severity != want || !strcmp(f->rule, "MAIL-INCOMPLETE")) continue;
            if (!listed++) g_string_append(b, "\n■ 修正が必要な点\n");
            const char *file = file_part(s, f->file);
            char *loc = nohin_location_format(&f->loc);
            g_string_append_printf(b, "%2u. [%s] %s%s%s %s\n    %s\n", listed,
                                   severity_ja(f->severity), *file ? file : "（提出物全体）",
                                   loc && *loc ? " " : "", loc ? loc : "", f->rule, f->message);
            if (f->fix && *f->fix) g_string_append_printf(b, "    対処: %s\n", f->fix);
            g_free(loc);
            if (f->severity == NOHIN_SEV_ERROR && *file) {
                char *top = g_strdup(file);
                char *slash = strchr(top, '/'); /* an entry of a zip: the zip is resent */
                if (slash) *slash = '\0';
                if (!g_hash_table_contains(resend, top)) {
                    g_hash_table_add(resend, top);
                    g_ptr_array_add(resend_order, top);
                } else {
                    g_free(top);
                }
            }
        }
    g_ptr_array_free(all, TRUE);
    if (resend_order->len || s->missing->len) {
        g_string_append(b, "\n■ 再送していただくもの\n");
        for (guint i = 0; i < resend_order->len; i++)
            g_string_append_printf(b, "  ・%s（修正後のもの）\n", (char *)resend_order->pdata[i]);
        for (guint i = 0; i < s->missing->len; i++)
            g_string_append_printf(b, "  ・%s のメール\n", (char *)s->missing->pdata[i]);
    }
    if (s->verdict == NOHIN_VERDICT_ACCEPT)
        g_string_append(b, "\n修正の必要な点はありませんでした。\n");
    g_string_append(
        b, "\n（このメールは nohin が作成した下書きです。担当者が確認のうえ送信しています。）\n");
    g_ptr_array_free(resend_order, TRUE);
    g_hash_table_destroy(resend); /* its keys were resend_order's strings */
    return g_string_free(b, FALSE);
}

GBytes *nohin_intake_reply_eml(const nohin_submission *s)
{
    nohin_mail *first = s->mails->len ? s->mails->pdata[0] : NULL;
    if (!first || !first->sender_addr || !*first->sender_addr) return NULL;
    GMimeMessage *msg = g_mime_message_new(TRUE);
    g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_TO, NULL, first->sender_addr);
    char *subject = g_strdup_printf("【検査結果：%s】%s",
                                    s->verdict == NOHIN_VERDICT_ACCEPT   ? "受理"
                                    : s->verdict == NOHIN_VERDICT_REJECT ? "差戻し"
                                                                         : "要確認",
                                    s->subject ? s->subject : "");
    g_mime_message_set_subject(msg, subject, "UTF-8");
    g_free(subject);
    if (first->raw_id) {
        char *ref = g_strdup_printf("<%s>", first->raw_id);
        g_mime_object_set_header(GMIME_OBJECT(msg), "In-Reply-To", ref, NULL);
        g_mime_object_set_header(GMIME_OBJECT(msg), "References", ref, NULL);
        g_free(ref);
    }
    g_mime_object_set_header(GMIME_OBJECT(msg), "X-Unsent", "1", NULL);
    GMimeTextPart *text = g_mime_text_part_new_with_subtype("plain");
    char *b = body(s);
    g_mime_text_part_set_text(text, b);
    g_free(b);
    g_mime_part_set_content_encoding(GMIME_PART(text), GMIME_CONTENT_ENCODING_BASE64);
    g_mime_message_set_mime_part(msg, GMIME_OBJECT(text));
    g_object_unref(text);
    GMimeFormatOptions *fo = g_mime_format_options_new();
    g_mime_format_options_set_newline_format(fo, GMIME_NEWLINE_FORMAT_DOS);
    GMimeStream *mem = g_mime_stream_mem_new();
    GBytes *out = NULL;
    if (g_mime_object_write_to_stream(GMIME_OBJECT(msg), fo, mem) >= 0) {
        GByteArray *ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
        out = g_bytes_new(ba->data, ba->len);
    }
    g_object_unref(mem);
    g_mime_format_options_free(fo);
    g_object_unref(msg);
    return out;
}
