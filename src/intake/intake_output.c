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
