/* Internal state shared by the XLSX cleaner's files. */
#ifndef NOHIN_CLEAN_XLSX_JOB_H
#define NOHIN_CLEAN_XLSX_JOB_H

#include "clean/clean_xlsx.h"
#include "clean/xlsx_package.h"
#include "clean/xlsx_sheet.h"

typedef struct {
    const char *tail;
    const char *rule; /* NULL: dropped silently */
    const char *what;
    bool sheet_only; /* only from a worksheet (a chart keeps its embedded data) */
} drop_type;

typedef struct {
    char *name, *part, *rid, *type_tail;
    int index; /* position in <sheets> */
    bool removed;
    const char *rule; /* why removed */
    xlsx_sheet_info info;
    bool scanned;
} sheet;

typedef struct {
    nohin_zip *z;
    char *wb_part;  /* the workbook part, found through _rels/.rels */
    char *sst_part; /* its sharedStrings part, or NULL */
    const nohin_xlsx_clean_opts *o;
    nohin_fixlist *fl;
    GHashTable *relfiles; /* source -> xlsx_relfile */
    GHashTable *dropped;  /* part -> rule or "" */
    GHashTable *kept;     /* part -> 1 (reachable) */
    GPtrArray *sheets;    /* sheet* */
    GHashTable *out;      /* part -> GBytes (rewritten parts) */
    bool charts;
    bool macro_enabled;
} job;

/* The drop type of a relationship from source, or NULL when it stays. */
const drop_type *cx_drop_type_of(const job *j, const char *source, const char *tail);
void cx_changed(job *j, const char *rule, const char *loc, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);
bool cx_fail(GError **error, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* xlsx_workbook.c: the small parts. */
bool cx_rewrite_workbook(job *j, GError **error);
void cx_write_properties(job *j);
bool cx_rewrite_rels(job *j, GError **error);
bool cx_rewrite_content_types(job *j, GError **error);

#endif
