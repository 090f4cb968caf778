/* Reporter dispatch: one function per output format. */
#ifndef NOHIN_REPORTER_H
#define NOHIN_REPORTER_H

#include <stdio.h>
#include "nohin_internal.h"

typedef enum {
    NOHIN_REPORT_TEXT,
    NOHIN_REPORT_JSON,
    NOHIN_REPORT_SARIF,
    NOHIN_REPORT_HTML,
} nohin_report_format;

bool nohin_report_format_parse(const char *name, nohin_report_format *out);
/* "text, json, sarif, html": for --help and error messages. */
const char *nohin_report_format_names(void);
void nohin_report_write(const nohin_report *r, nohin_report_format fmt, FILE *out, bool color);

/* --format sarif: SARIF 2.1.0, one run (docs/sarif.md). */
void nohin_report_write_sarif(const nohin_report *r, FILE *out);
/* --format html: one self-contained page with page pictures (docs/html-report.md). */
void nohin_report_write_html(const nohin_report *r, FILE *out);

/* The location as the JSON format writes it ({"page":3}, {"sheet":"S","cell":"B7"}, …). */
void nohin_json_location(GString *o, const nohin_location *l);
/* The members "fix", "fixable" and "evidence" of a finding: the JSON format's,
 * repeated in each SARIF result's property bag. */
void nohin_json_fix_members(GString *o, const nohin_finding *f);
/* One finding as an object of the lint JSON format (docs/json-format.md). */
void nohin_json_finding(GString *o, const nohin_finding *f);

/* Text and HTML show findings by package: public files first, then internal ones,
 * then bundle-wide findings; inside a file errors, warnings, info (each in the
 * report's order). JSON and SARIF keep the report's sorted order. */
enum { NOHIN_GROUP_PUBLIC = 0, NOHIN_GROUP_INTERNAL = 1, NOHIN_GROUP_BUNDLE = 2 };
int nohin_report_group_of(const nohin_report *r, const char *file);
const char *nohin_report_group_title(int group);
/* The findings of r (borrowed) in that order. */
GPtrArray *nohin_report_display_order(const nohin_report *r);

#endif
