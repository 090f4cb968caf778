/* Basic enums shared by the whole public API. */
#ifndef NOHIN_TYPES_H
#define NOHIN_TYPES_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    NOHIN_SEV_INFO = 0,
    NOHIN_SEV_WARNING = 1,
    NOHIN_SEV_ERROR = 2,
} nohin_severity;

/* File formats, as detected from content. Bit flags so a check can name several. */
typedef enum {
    NOHIN_FMT_PDF = 1u << 0,
    NOHIN_FMT_XLSX = 1u << 1,
    NOHIN_FMT_CSV = 1u << 2,
    NOHIN_FMT_DOCX = 1u << 3,
    NOHIN_FMT_ZIP = 1u << 4,
    NOHIN_FMT_OTHER = 1u << 5,
    NOHIN_FMT_ANY = 0x3fu,
} nohin_format;

typedef enum {
    NOHIN_ROLE_PUBLIC = 1u << 0,
    NOHIN_ROLE_INTERNAL = 1u << 1,
    NOHIN_ROLE_ANY = 0x3u,
} nohin_role;

const char *nohin_severity_name(nohin_severity s);
bool nohin_severity_parse(const char *s, nohin_severity *out);
const char *nohin_format_name(nohin_format f);
const char *nohin_role_name(nohin_role r);

#endif
