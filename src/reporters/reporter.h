/* Reporter dispatch: one function per output format. */
#ifndef NOHIN_REPORTER_H
#define NOHIN_REPORTER_H

#include <stdio.h>
#include "nohin_internal.h"

typedef enum {
    NOHIN_REPORT_TEXT,
    NOHIN_REPORT_JSON,
} nohin_report_format;

bool nohin_report_format_parse(const char *name, nohin_report_format *out);
void nohin_report_write(const nohin_report *r, nohin_report_format fmt, FILE *out, bool color);

#endif
