/* --format json: the stable machine format documented in docs/json-format.md. */
#include <stdio.h>
#include "reporter.h"

static void key(GString *o, const char *k)
{
    nohin_json_string(o, k);
    g_string_append_c(o, ':');
}

void nohin_json_location(GString *o, const nohin_location *l)
{
    g_string_append_c(o, '{');
    switch (l->kind) {
    case NOHIN_LOC_PAGE:
        g_string_append_printf(o, "\"page\":%d", l->page);
        if (l->has_box)
            g_string_append_printf(o, ",\"box\":[%.1f,%.1f,%.1f,%.1f]", l->box.x0, l->box.y0,
                                   l->box.x1, l->box.y1);
        break;
    case NOHIN_LOC_CELL:
        key(o, "sheet");
        nohin_json_string(o, l->sheet);
        g_string_append_c(o, ',');
        key(o, "cell");
        nohin_json_string(o, l->cell);
        break;
    case NOHIN_LOC_ROW:
        key(o, "sheet");
        nohin_json_string(o, l->sheet);
        g_string_append_printf(o, ",\"row\":%d", l->row);
        if (l->row_end > l->row) g_string_append_printf(o, ",\"row_end\":%d", l->row_end);
        break;
    case NOHIN_LOC_COLUMN:
        key(o, "sheet");
        nohin_json_string(o, l->sheet);
        g_string_append_c(o, ',');
        key(o, "column");
        nohin_json_string(o, l->column);
        if (l->column_end) {
            g_string_append_c(o, ',');
            key(o, "column_end");
            nohin_json_string(o, l->column_end);
        }
        break;
    case NOHIN_LOC_LINE:
        g_string_append_printf(o, "\"line\":%d", l->line);
        if (l->column_index > 0) g_string_append_printf(o, ",\"field\":%d", l->column_index);
        break;
    case NOHIN_LOC_OBJECT:
        g_string_append_printf(o, "\"object\":%d", l->object);
        break;
    case NOHIN_LOC_SHEET:
        key(o, "sheet");
        nohin_json_string(o, l->sheet);
        break;
    case NOHIN_LOC_PART:
        key(o, "part");
        nohin_json_string(o, l->part);
        if (l->name) {
            g_string_append_c(o, ',');
            key(o, "name");
            nohin_json_string(o, l->name);
        }
        if (l->page > 0) g_string_append_printf(o, ",\"page\":%d", l->page);
        break;
    default:
        break;
    }
    g_string_append_c(o, '}');
}

void nohin_json_fix_members(GString *o, const nohin_finding *f)
{
    key(o, "fix");
    nohin_json_string(o, f->fix);
    g_string_append_printf(o, ",\"fixable\":%s,", f->fixable ? "true" : "false");
    key(o, "evidence");
    nohin_json_string(o, f->evidence);
}

void nohin_json_finding(GString *o, const nohin_finding *f)
{
    g_string_append_c(o, '{');
    key(o, "rule");
    nohin_json_string(o, f->rule);
    g_string_append_printf(o, ",\"severity\":\"%s\",", nohin_severity_name(f->severity));
    key(o, "file");
    nohin_json_string(o, f->file);
    g_string_append_c(o, ',');
    key(o, "location");
    nohin_json_location(o, &f->loc);
    g_string_append_c(o, ',');
    key(o, "message");
    nohin_json_string(o, f->message);
    g_string_append_c(o, ',');
    nohin_json_fix_members(o, f);
    if (f->suppress_kind) { /* only when set: the key set of other findings stays the same */
        g_string_append(o, ",\"suppressed\":{\"kind\":");
        nohin_json_string(o, f->suppress_kind);
        g_string_append(o, ",\"reason\":");
        nohin_json_string(o, f->suppress_reason);
        g_string_append_c(o, '}');
    }
    g_string_append_c(o, '}');
}

void nohin_report_write_json(const nohin_report *r, FILE *out)
{
    GString *o = g_string_new("{\"nohin\":{\"version\":\"" NOHIN_VERSION "\"},\n\"files\":[");
    for (guint i = 0; i < r->files->len; i++) {
        const nohin_file *f = r->files->pdata[i];
        g_string_append(o, i ? ",\n  {" : "\n  {");
        key(o, "path");
        nohin_json_string(o, f->path);
        g_string_append_printf(o,
                               ",\"type\":\"%s\",\"role\":\"%s\",\"bytes\":%" G_GUINT64_FORMAT
                               ",\"sha256\":\"%s\",\"status\":\"%s\"}",
                               nohin_format_name(f->format), nohin_role_name(f->role), f->bytes,
                               f->sha256, f->status == NOHIN_STATUS_OK ? "ok" : "unreadable");
    }
    g_string_append(o, r->files->len ? "\n],\n\"findings\":[" : "],\n\"findings\":[");
    for (guint i = 0; i < r->findings->len; i++) {
        g_string_append(o, i ? ",\n  " : "\n  ");
        nohin_json_finding(o, r->findings->pdata[i]);
    }
    g_string_append(o, r->findings->len ? "\n],\n" : "],\n");
    g_string_append_printf(o,
                           "\"summary\":{\"error\":%zu,\"warning\":%zu,\"info\":%zu,"
                           "\"suppressed\":%zu}}\n",
                           nohin_report_count_severity(r, NOHIN_SEV_ERROR),
                           nohin_report_count_severity(r, NOHIN_SEV_WARNING),
                           nohin_report_count_severity(r, NOHIN_SEV_INFO),
                           nohin_report_count_suppressed(r));
    fwrite(o->str, 1, o->len, out);
    g_string_free(o, TRUE);
}
