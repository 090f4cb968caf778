#include <string.h>
#include "nohin/types.h"

const char *nohin_severity_name(nohin_severity s)
{
    switch (s) {
    case NOHIN_SEV_ERROR:
        return "error";
    case NOHIN_SEV_WARNING:
        return "warning";
    default:
        return "info";
    }
}

bool nohin_severity_parse(const char *s, nohin_severity *out)
{
    static const struct {
        const char *name;
        nohin_severity sev;
    } names[] = {
        {"error", NOHIN_SEV_ERROR}, {"warning", NOHIN_SEV_WARNING}, {"info", NOHIN_SEV_INFO}};
    for (size_t i = 0; s && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i].name) == 0) {
            *out = names[i].sev;
            return true;
        }
    return false;
}

const char *nohin_format_name(nohin_format f)
{
    switch (f) {
    case NOHIN_FMT_PDF:
        return "pdf";
    case NOHIN_FMT_XLSX:
        return "xlsx";
    case NOHIN_FMT_CSV:
        return "csv";
    case NOHIN_FMT_DOCX:
        return "docx";
    case NOHIN_FMT_ZIP:
        return "zip";
    default:
        return "other";
    }
}

const char *nohin_role_name(nohin_role r)
{
    return r == NOHIN_ROLE_INTERNAL ? "internal" : "public";
}
