/* A finding: one problem at one place in one file (or in the bundle). */
#ifndef NOHIN_FINDING_H
#define NOHIN_FINDING_H

#include "nohin/types.h"

/* Where a finding is. Exactly one kind is set; JSON prints only that kind. */
typedef enum {
    NOHIN_LOC_NONE = 0,
    NOHIN_LOC_PAGE,   /* page (1-based) */
    NOHIN_LOC_CELL,   /* sheet + cell ("B7" or a range "B7:C9") */
    NOHIN_LOC_ROW,    /* sheet + row (1-based); row_end > row for a range */
    NOHIN_LOC_COLUMN, /* sheet + column letters; column_end for a range */
    NOHIN_LOC_LINE,   /* CSV line (1-based) */
    NOHIN_LOC_OBJECT, /* PDF object number */
    NOHIN_LOC_SHEET,  /* a whole sheet */
    NOHIN_LOC_PART,   /* a named part of a document: part ("properties", "attachment",
                       * "form", "layer"), optional name and page (0: none) */
} nohin_loc_kind;

typedef struct {
    double x0, y0, x1, y1; /* PDF points, origin top-left of the page */
} nohin_box;

typedef struct {
    nohin_loc_kind kind;
    int page;
    int row, row_end;
    int line;
    int object;
    int column_index; /* CSV field (1-based), 0 when unknown */
    char *sheet;
    char *cell;
    char *column, *column_end;
    char *part, *name; /* NOHIN_LOC_PART */
    bool has_box;
    nohin_box box;
} nohin_location;

typedef struct {
    char *rule;
    nohin_severity severity;
    char *file; /* bundle-relative, '/'-separated; "" for bundle-wide findings */
    nohin_location loc;
    char *message;
    char *fix;
    bool fixable;
    char *evidence; /* may be NULL; personal data must already be masked */
    /* Set when a baseline file or a [waive] entry accepts the finding: it is still
     * reported (marked suppressed) but never counts toward the exit code or the summary. */
    const char *suppress_kind; /* "external" (--baseline) or "inSource" ([waive]); NULL */
    char *suppress_reason;
} nohin_finding;

/* Location constructors: copies strings. */
nohin_location nohin_loc_none(void);
nohin_location nohin_loc_page(int page);
nohin_location nohin_loc_page_box(int page, nohin_box box);
nohin_location nohin_loc_cell(const char *sheet, const char *cell);
nohin_location nohin_loc_rows(const char *sheet, int row, int row_end);
nohin_location nohin_loc_columns(const char *sheet, const char *col, const char *col_end);
nohin_location nohin_loc_line(int line, int column_index);
nohin_location nohin_loc_object(int object);
nohin_location nohin_loc_sheet(const char *sheet);
/* What a person can find: "properties" (文書プロパティ), "attachment" + file name,
 * "form", "layer" + layer name; page 0 when the part is not on a page. */
nohin_location nohin_loc_part(const char *part, const char *name, int page);
/* The document properties (Info/XMP); objid is kept for developers, never shown. */
nohin_location nohin_loc_properties(int objid);
void nohin_location_clear(nohin_location *loc);
nohin_location nohin_location_copy(const nohin_location *loc);
/* Human-readable location ("p. 3", "Sheet1!B7", "line 12"). Caller frees. */
char *nohin_location_format(const nohin_location *loc);

void nohin_finding_free(nohin_finding *f);
/* Order: file, location, rule, message. Stable sort key for deterministic output. */
int nohin_finding_compare(const nohin_finding *a, const nohin_finding *b);

#endif
