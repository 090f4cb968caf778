/* Intake output: JSON Lines (one message per line) and a text summary.
 * Findings have the same shape as in `nohin lint --format json`
 * (docs/json-format.md); their "file" is "message-id/attachment/entry". */
#include <string.h>
#include "intake.h"
#include "reporters/reporter.h"

static void key(GString *o, const char *k)
{
    nohin_json_string(o, k);
    g_string_append_c(o, ':');
}

static void str_field(GString *o, const char *k, const char *v)
{
    key(o, k);
    nohin_json_string(o, v);
}

void nohin_intake_write_json(const nohin_mail *m, FILE *out)
{
    GString *o = g_string_new("{");
    if (m->group_record) {
        g_string_append(o, "\"group\":true");
    } else {
        str_field(o, "message_id", m->id);
        g_string_append_c(o, ',');
        str_field(o, "date", m->date);
        g_string_append_c(o, ',');
        str_field(o, "subject", m->subject);
        g_string_append_c(o, ',');
        str_field(o, "sender", m->sender_domain);
        g_string_append_printf(o, ",\"bytes\":%" G_GUINT64_FORMAT, m->bytes);
    }
    g_string_append(o, ",\"attachments\":[");
    for (guint i = 0; i < m->attachments->len; i++) {
        const nohin_attachment *a = m->attachments->pdata[i];
        g_string_append(o, i ? ",{" : "{");
        str_field(o, "name", a->name);
        g_string_append_printf(o, ",\"bytes\":%" G_GUINT64_FORMAT ",", a->bytes);
        str_field(o, "sha256", a->sha256[0] ? a->sha256 : NULL);
        g_string_append(o, ",");
        str_field(o, "type", a->type);
        g_string_append(o, ",");
        str_field(o, "status", a->status);
        g_string_append_c(o, '}');
    }
    g_string_append(o, "],\"findings\":[");
    const nohin_report *r = m->report;
    for (guint i = 0; i < r->findings->len; i++) {
        if (i) g_string_append_c(o, ',');
        nohin_json_finding(o, r->findings->pdata[i]);
    }
    g_string_append_printf(o, "],\"summary\":{\"error\":%zu,\"warning\":%zu,\"info\":%zu}}\n",
                           nohin_report_count_severity(r, NOHIN_SEV_ERROR),
                           nohin_report_count_severity(r, NOHIN_SEV_WARNING),
                           nohin_report_count_severity(r, NOHIN_SEV_INFO));
    fwrite(o->str, 1, o->len, out);
    g_string_free(o, TRUE);
}

void nohin_intake_write_text(const nohin_mail *m, FILE *out, bool color)
{
    const char *b = color ? "\033[1m" : "", *e = color ? "\033[0m" : "";
    if (m->group_record) {
        fprintf(out, "%s%s%s\n", b, _("All messages as one bundle"), e);
    } else {
        fprintf(out, "%s%s %s%s\n", b, _("Message"), m->id, e);
        fprintf(out, "  %s %s\n", _("Date:"), m->date ? m->date : "-");
        fprintf(out, "  %s %s%s\n", _("From:"), *m->sender_domain ? "@" : "",
                *m->sender_domain ? m->sender_domain : "-");
        fprintf(out, "  %s %s\n", _("Subject:"), m->subject ? m->subject : "-");
        fprintf(out, "  %s %" G_GUINT64_FORMAT "\n", _("Bytes:"), m->bytes);
        for (guint i = 0; i < m->attachments->len; i++) {
            const nohin_attachment *a = m->attachments->pdata[i];
            fprintf(out, "  - %s (%s, %" G_GUINT64_FORMAT " B, %s)\n", a->name, a->type, a->bytes,
                    a->status);
        }
    }
    nohin_report_write_text(m->report, out, color);
    fputc('\n', out);
}

static void counts(GString *o, const nohin_submission *s)
{
    g_string_append_printf(o, "\"summary\":{\"error\":%zu,\"warning\":%zu,\"info\":%zu}",
                           s->n_error, s->n_warning, s->n_info);
}

void nohin_intake_write_submission_json(const nohin_submission *s, FILE *out)
{
    GString *o = g_string_new("{");
    str_field(o, "submission", s->id);
    if (s->group_option) g_string_append(o, ",\"group\":true");
    g_string_append_c(o, ',');
    str_field(o, "verdict", nohin_verdict_name(s->verdict));
    g_string_append_c(o, ',');
    str_field(o, "subject", s->subject);
    g_string_append_c(o, ',');
    str_field(o, "sender", s->sender_domain);
    g_string_append(o, ",\"messages\":[");
    for (guint i = 0; i < s->mails->len; i++) {
        if (i) g_string_append_c(o, ',');
        nohin_json_string(o, ((nohin_mail *)s->mails->pdata[i])->id);
    }
    g_string_append_printf(o, "],\"complete\":%s,\"missing\":[", s->complete ? "true" : "false");
    for (guint i = 0; i < s->missing->len; i++) {
        if (i) g_string_append_c(o, ',');
        nohin_json_string(o, s->missing->pdata[i]);
    }
    g_string_append(o, "],");
    if (s->complete) {
        str_field(o, "status", "complete");
    } else {
        GString *st = g_string_new("incomplete: ");
        for (guint i = 0; i < s->missing->len; i++)
            g_string_append_printf(st, "%s%s", i ? " " : "", (char *)s->missing->pdata[i]);
        g_string_append(st, " missing");
        str_field(o, "status", st->str);
        g_string_free(st, TRUE);
    }
    g_string_append(o, ",\"findings\":[");
    for (guint i = 0; i < s->report->findings->len; i++) {
        if (i) g_string_append_c(o, ',');
        nohin_json_finding(o, s->report->findings->pdata[i]);
    }
    g_string_append(o, "],");
    counts(o, s);
    g_string_append(o, "}\n");
    fwrite(o->str, 1, o->len, out);
    g_string_free(o, TRUE);
}

void nohin_intake_write_submission_text(const nohin_submission *s, FILE *out, bool color)
{
    const char *b = color ? "\033[1m" : "", *e = color ? "\033[0m" : "";
    fprintf(out, "%s%s %s: %s%s\n", b, _("Submission"), s->id, nohin_verdict_name(s->verdict), e);
    fprintf(out, "  %s %s\n", _("Subject:"), s->subject ? s->subject : "-");
    fprintf(out, "  %s %u\n", _("Messages:"), s->mails->len);
    if (!s->complete) {
        fprintf(out, "  %s", _("Incomplete, missing:"));
        for (guint i = 0; i < s->missing->len; i++)
            fprintf(out, " %s", (char *)s->missing->pdata[i]);
        fputc('\n', out);
    }
    fprintf(out, "  %zu %s, %zu %s, %zu %s\n", s->n_error, _("errors"), s->n_warning, _("warnings"),
            s->n_info, _("info"));
    if (s->report->findings->len) nohin_report_write_text(s->report, out, color);
    fputc('\n', out);
}
