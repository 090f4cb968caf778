#include <string.h>
#include "reporter.h"

static const struct {
    const char *name;
    nohin_report_format fmt;
} formats[] = {{"text", NOHIN_REPORT_TEXT}, {"json", NOHIN_REPORT_JSON}};

bool nohin_report_format_parse(const char *name, nohin_report_format *out)
{
    for (size_t i = 0; i < G_N_ELEMENTS(formats); i++)
        if (!strcmp(name, formats[i].name)) {
            *out = formats[i].fmt;
            return true;
        }
    return false;
}

void nohin_report_write(const nohin_report *r, nohin_report_format fmt, FILE *out, bool color)
{
    switch (fmt) {
    case NOHIN_REPORT_JSON:
        nohin_report_write_json(r, out);
        break;
    default:
        nohin_report_write_text(r, out, color);
    }
}
