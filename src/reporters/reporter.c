#include <string.h>
#include "reporter.h"

static const struct {
    const char *name;
    nohin_report_format fmt;
} formats[] = {{"text", NOHIN_REPORT_TEXT},
               {"json", NOHIN_REPORT_JSON},
               {"sarif", NOHIN_REPORT_SARIF},
               {"html", NOHIN_REPORT_HTML}};

bool nohin_report_format_parse(const char *name, nohin_report_format *out)
{
    for (size_t i = 0; i < G_N_ELEMENTS(formats); i++)
        if (!strcmp(name, formats[i].name)) {
            *out = formats[i].fmt;
            return true;
        }
    return false;
}

const char *nohin_report_format_names(void)
{
    return "text, json, sarif, html";
}

void nohin_report_write(const nohin_report *r, nohin_report_format fmt, FILE *out, bool color)
{
    switch (fmt) {
    case NOHIN_REPORT_JSON:
        nohin_report_write_json(r, out);
        break;
    case NOHIN_REPORT_SARIF:
        nohin_report_write_sarif(r, out);
        break;
    case NOHIN_REPORT_HTML:
        nohin_report_write_html(r, out);
        break;
    default:
        nohin_report_write_text(r, out, color);
    }
}
