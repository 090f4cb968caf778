/* The result of a run: the files seen and the findings, sorted. */
#ifndef NOHIN_REPORT_H
#define NOHIN_REPORT_H

#include <glib.h>
#include <stdio.h>
#include "nohin/finding.h"
#include "nohin/file.h"

typedef struct nohin_report {
    GPtrArray *files;    /* nohin_file*, sorted by path */
    GPtrArray *findings; /* nohin_finding*, sorted by nohin_finding_compare */
    char *tmpdir;        /* private folder zips were expanded into; removed with the report */
} nohin_report;

void nohin_report_free(nohin_report *r);
size_t nohin_report_count(const nohin_report *r, const char *rule);
/* Findings of sev that are not suppressed (by a baseline or a [waive] entry). */
size_t nohin_report_count_severity(const nohin_report *r, nohin_severity sev);
size_t nohin_report_count_suppressed(const nohin_report *r);
/* The first finding of rule (in sorted order), or NULL. */
const nohin_finding *nohin_report_first(const nohin_report *r, const char *rule);
/* Any finding at or above fail_on that is not suppressed. */
bool nohin_report_fails(const nohin_report *r, nohin_severity fail_on);

/* Reporters: each writes the whole report to out. */
void nohin_report_write_json(const nohin_report *r, FILE *out);
void nohin_report_write_text(const nohin_report *r, FILE *out, bool color);

#endif
