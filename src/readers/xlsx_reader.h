/* XLSX/XLSM reader: every part a check (or `nohin clean`) needs, read through
 * zip_safe.h with libxml2's streaming xmlTextReader. Worksheets are never held
 * in memory: each is streamed once into a bounded summary (ranges, counts, the
 * first cells of each kind); the text walk (nohin_xlsx_foreach_text) rides on
 * that same pass when it comes first, and nohin_xlsx_foreach_cell() streams a
 * sheet again on demand. Memory does not grow with the number of rows.
 *
 *   nohin_xlsx *x = nohin_xlsx_of(file);          // cached in NOHIN_READER_XLSX
 *   if (x->status != NOHIN_XLSX_OK) ...             // legacy, encrypted, damaged
 *   for (guint i = 0; i < x->sheets->len; i++) {
 *       const nohin_xlsx_sheet *s = x->sheets->pdata[i];
 *       ... s->hidden_rows, s->marks[NOHIN_MARK_FORMULA] ...
 *   }
 *   nohin_xlsx_foreach_cell(x, i, my_cb, user);     // every cell, streamed again
 */
#ifndef NOHIN_XLSX_READER_H
#define NOHIN_XLSX_READER_H

#include "ooxml/ooxml.h"
#include "readers/zip_safe.h"

/* Caps that keep summaries bounded whatever the input holds. */
#define NOHIN_XLSX_MAX_RANGES 200   /* ranges kept per kind per sheet (the rest are counted) */
#define NOHIN_XLSX_MAX_ITEMS 2000   /* comments, names, parts … kept per workbook */
#define NOHIN_XLSX_MAX_COLS 16384   /* Excel's column limit (XFD) */
#define NOHIN_XLSX_MAX_ROWS 1048576 /* Excel's row limit */
#define NOHIN_XLSX_MAX_CELL_TEXT NOHIN_OOXML_MAX_CELL_TEXT /* longest cell text kept */

typedef enum {
    NOHIN_XLSX_OK = 0,
    NOHIN_XLSX_LEGACY,    /* binary .xls (BIFF) or .xlsb: not readable here */
    NOHIN_XLSX_ENCRYPTED, /* password-protected (an OLE container holding EncryptedPackage) */
    NOHIN_XLSX_DAMAGED,   /* not a zip, missing workbook, XML errors, limits hit */
} nohin_xlsx_status;

typedef enum {
    NOHIN_SHEET_VISIBLE = 0,
    NOHIN_SHEET_HIDDEN,
    NOHIN_SHEET_VERYHIDDEN,
} nohin_sheet_state;

typedef enum {
    NOHIN_SHEET_WORKSHEET = 0,
    NOHIN_SHEET_CHARTSHEET,
    NOHIN_SHEET_MACROSHEET,  /* Excel 4 (XLM) macro sheet */
    NOHIN_SHEET_DIALOGSHEET, /* Excel 5 dialog sheet */
} nohin_sheet_kind;

/* Why a row or column is hidden (bits, OR-ed over a range). */
enum {
    NOHIN_HIDE_FLAG = 1u << 0,    /* hidden="1" */
    NOHIN_HIDE_ZERO = 1u << 1,    /* zero height / width */
    NOHIN_HIDE_OUTLINE = 1u << 2, /* inside a collapsed outline group */
    NOHIN_HIDE_FILTER = 1u << 3,  /* hidden by an auto-filter */
    NOHIN_HIDE_DEFAULT = 1u << 4, /* sheetFormatPr zeroHeight: every unlisted row */
};

/* An inclusive rectangle of cells, 1-based. A row range has c0 = c1 = 0;
 * a column range has r0 = r1 = 0. */
typedef struct {
    int r0, c0, r1, c1;
    unsigned why;   /* NOHIN_HIDE_* for hidden ranges; kind-specific otherwise */
    char *evidence; /* first value or detail (NOT masked: checks mask), may be NULL */
} nohin_xlsx_range;

/* Cell-level observations made while streaming a worksheet. Each kind keeps up
 * to NOHIN_XLSX_MAX_RANGES rectangles (adjacent cells merged) and a count. */
typedef enum {
    NOHIN_MARK_INVISIBLE = 0, /* value formatted ;;; or font colour = fill colour */
    NOHIN_MARK_FORMULA,       /* has a formula */
    NOHIN_MARK_EXTERNAL_REF,  /* formula refers to an external workbook ([1]Sheet!A1) */
    NOHIN_MARK_NUMBER_AS_TEXT,
    NOHIN_MARK_LAYOUT_SPACES,
    NOHIN_MARK_MACHINE_CHARS,
    NOHIN_MARK_FORMULA_TEXT,   /* a text cell that a spreadsheet would run (=, +, -, @) */
    NOHIN_MARK_BLANK_ROWS,     /* blank rows inside the data (c0 = c1 = 0) */
    NOHIN_MARK_BLANK_COLS,     /* blank columns inside the data (r0 = r1 = 0) */
    NOHIN_MARK_NEW_TABLE,      /* a header-like row after a blank gap: another table */
    NOHIN_MARK_MISSING_HEADER, /* header row absent (numbers on row 1) or a blank header cell */
    NOHIN_MARK_COUNT
} nohin_mark_kind;

typedef struct {
    GArray *ranges; /* nohin_xlsx_range */
    guint64 cells;  /* cells observed (may exceed what ranges hold) */
    guint64 dropped_ranges;
} nohin_xlsx_marks;

typedef struct {
    char *ref;    /* "B7" */
    char *author; /* display name (raw: mask before showing) */
    char *text;
    bool threaded;
} nohin_xlsx_comment;

typedef struct {
    char *kind; /* "oddHeader", "evenFooter", … */
    char *text; /* raw header/footer string with &-codes */
} nohin_xlsx_headerfooter;

typedef struct {
    char *name;
    char *part; /* zip entry, e.g. "xl/worksheets/sheet1.xml"; NULL when the rel is broken */
    nohin_sheet_state state;
    nohin_sheet_kind kind;
    /* Filled by the streaming scan. */
    GArray *hidden_rows; /* nohin_xlsx_range (r0..r1) */
    GArray *hidden_cols; /* nohin_xlsx_range (c0..c1) */
    guint64 hidden_rows_dropped, hidden_cols_dropped;
    GArray *merged; /* nohin_xlsx_range */
    guint64 merged_count;
    char *autofilter;               /* ref, or NULL */
    char *dimension;                /* from <dimension>, or NULL */
    int max_row, max_col;           /* last row/column that holds a value */
    guint64 cells;                  /* cells with a value */
    guint64 formulas_without_value; /* formulas with no cached value (library-written) */
    nohin_xlsx_marks marks[NOHIN_MARK_COUNT];
    GPtrArray *headers_footers;   /* nohin_xlsx_headerfooter* */
    GPtrArray *comments;          /* nohin_xlsx_comment* */
    int charts, pictures, shapes; /* in the sheet's drawing */
    bool has_drawing;
    int ole_objects, controls; /* <oleObject>, <control> elements */
    bool default_hidden_rows;  /* sheetFormatPr zeroHeight="1" */
    bool scan_failed;          /* the XML could not be read to the end */
    char *drawing_rid;         /* internal: r:id of <drawing> */
    char *rels_part;           /* internal: the sheet's relationships part */
    bool scanned;              /* internal: the summary above is filled */
    GHashTable *rels;          /* internal: the sheet's relationships until it is scanned */
} nohin_xlsx_sheet;

typedef struct {
    char *name;
    char *value; /* formula text */
    int sheet;   /* localSheetId, -1 for workbook scope */
    bool hidden;
} nohin_xlsx_name;

typedef struct {
    char *part;    /* zip entry */
    char *target;  /* external target, or detail */
    char *name;    /* connection name, etc. */
    guint64 count; /* pivot records, … */
} nohin_xlsx_part;

typedef struct {
    char *key;   /* "dc:creator", "cp:lastModifiedBy", "Manager", "custom:Owner" */
    char *value; /* raw */
} nohin_xlsx_prop;

typedef struct nohin_xlsx {
    nohin_xlsx_status status;
    char *error;               /* why status != OK */
    char *workbook_part;       /* found through _rels/.rels, e.g. "xl/workbook.xml" */
    char *dtd_part;            /* first XML part with a DOCTYPE (never trusted), or NULL */
    GPtrArray *sheets;         /* nohin_xlsx_sheet*, workbook order */
    GPtrArray *names;          /* nohin_xlsx_name* */
    GPtrArray *external_links; /* nohin_xlsx_part*: target = external path */
    GPtrArray *connections;    /* nohin_xlsx_part*: name, target = connection detail */
    GPtrArray *query_tables;   /* nohin_xlsx_part* */
    GPtrArray *custom_xml;     /* nohin_xlsx_part*: target = root element name */
    GPtrArray *embedded;       /* nohin_xlsx_part*: embeddings, activeX */
    GPtrArray *pivot_records;  /* nohin_xlsx_part*: count = cached records */
    GPtrArray *props;          /* nohin_xlsx_prop*: core, app, custom, labels */
    char *title;               /* dc:title, NULL when absent */
    bool has_vba;              /* xl/vbaProject.bin (or any vbaProject part) */
    char *vba_part;
    bool macro_content_type; /* workbook content type is macroEnabled */
    bool power_query;        /* a DataMashup customXml part */
    char *auto_open_name;    /* Auto_Open / Auto_Close defined name, or NULL */
    /* Shared strings and the styles that decide visibility (the OOXML model). */
    nohin_ooxml_sst *sst;
    nohin_ooxml_styles *styles;
    nohin_zip *zip; /* open while the reader lives */
    char *path;     /* the file on disk (foreach_cell reopens it) */
} nohin_xlsx;

/* The file's reader, opened and scanned on first use; never NULL. A file that
 * cannot be read has status != OK and error set; the run goes on. */
nohin_xlsx *nohin_xlsx_of(nohin_file *file);
/* Opens and scans path without a nohin_file (used by `nohin clean`). */
nohin_xlsx *nohin_xlsx_open(const char *abspath, const char *magic);
void nohin_xlsx_free(nohin_xlsx *x);

typedef enum {
    NOHIN_CELL_NUMBER = 0,
    NOHIN_CELL_STRING, /* shared, inline or formula string */
    NOHIN_CELL_BOOL,
    NOHIN_CELL_ERROR,
    NOHIN_CELL_EMPTY, /* styled but no value */
} nohin_cell_type;

typedef struct {
    int row, col;    /* 1-based */
    const char *ref; /* "B7" */
    nohin_cell_type type;
    const char *value;   /* UTF-8 text as stored (shared strings resolved); "" when empty */
    const char *formula; /* NULL when none */
    int style;           /* cellXfs index */
    bool hidden;         /* row or column hidden (or sheet not visible) */
    bool invisible;      /* style makes the value invisible */
} nohin_xlsx_cell;

/* Returns false to stop. */
typedef bool (*nohin_xlsx_cell_cb)(const nohin_xlsx_sheet *sheet, const nohin_xlsx_cell *cell,
                                   void *user);
/* Streams every cell of sheet index (workbook order), row-major. Returns false
 * when the sheet could not be read to the end (damaged XML, limits). */
bool nohin_xlsx_foreach_cell(nohin_xlsx *x, guint index, nohin_xlsx_cell_cb cb, void *user);

/* "B7" from (7, 2); column letters from 2 ("B"). Caller frees. */
char *nohin_xlsx_ref(int row, int col);
char *nohin_xlsx_col_name(int col);
/* Parses "B7" (also "$B$7"); false when it is not a cell reference. */
bool nohin_xlsx_parse_ref(const char *ref, int *row, int *col);
/* "B7" or "B7:D9" for a range. Caller frees. */
char *nohin_xlsx_range_ref(const nohin_xlsx_range *r);
/* Text of a header/footer with its &-codes removed (&P, &[Page], &"font" …);
 * sets *has_path / *has_file when &Z / &F (path / file name) appear. Caller frees. */
char *nohin_xlsx_headerfooter_text(const char *raw, bool *has_path, bool *has_file);
/* A path with user-name segments (after Users/, home/, Documents and Settings/)
 * masked, for evidence. Caller frees. */
char *nohin_xlsx_mask_path(const char *path);

/* ---- internal to the reader (xlsx_*.c) ---- */
typedef struct xlsx_rect_acc xlsx_rect_acc;
xlsx_rect_acc *xlsx_rect_acc_new(nohin_xlsx_marks *out);
/* Marks must arrive in row-major order. evidence is copied for new ranges. */
void xlsx_rect_acc_add(xlsx_rect_acc *a, int row, int col, const char *evidence);
void xlsx_rect_acc_finish(xlsx_rect_acc *a);
void xlsx_marks_clear(nohin_xlsx_marks *m);
/* Appends a range to a bounded array; false (and counts) when full. */
bool xlsx_ranges_push(GArray *ranges, nohin_xlsx_range r, guint64 *dropped);
void xlsx_range_array_free(GArray *a);

/* Reads an element's whole text content from the current start element
 * (concatenating descendants' text, skipping <rPh> phonetic runs). */
char *xlsx_read_text(xmlTextReaderPtr r, size_t max);
void xlsx_read_text_into(xmlTextReaderPtr r, GString *g, size_t max);
/* Reads a relationships part into rId -> nohin_xlsx_rel* (target resolved). */
typedef struct {
    char *type;   /* last segment of the type URI: "worksheet", "comments" … */
    char *target; /* zip entry, or the raw target when external */
    bool external;
} nohin_xlsx_rel;
GHashTable *xlsx_read_rels(nohin_xlsx *x, const char *part);
char *xlsx_rels_part_for(const char *part);

void xlsx_read_comments(nohin_xlsx *x, nohin_xlsx_sheet *s, GHashTable *sheet_rels,
                        GHashTable *persons);
GHashTable *xlsx_read_persons(nohin_xlsx *x, GHashTable *wb_rels);
void xlsx_read_drawing(nohin_xlsx *x, nohin_xlsx_sheet *s, const char *part);
void xlsx_read_props(nohin_xlsx *x);
void xlsx_read_parts(nohin_xlsx *x);
/* Streams sheet s once: fills its summary and, when cb is set, hands it every
 * cell as it goes (cb returning false stops only the callbacks). */
bool xlsx_scan_sheet(nohin_xlsx *x, nohin_xlsx_sheet *s, nohin_xlsx_cell_cb cb, void *user);
/* The reader of file with its workbook-level parts read and no sheet streamed
 * yet (sheets are scanned by nohin_xlsx_of() or by the text walk). */
nohin_xlsx *xlsx_of_unscanned(nohin_file *file);
/* The same without a nohin_file (the 様式 reader); nohin_xlsx_foreach_cell works
 * on it, the sheet summaries stay empty. */
nohin_xlsx *xlsx_open_unscanned(const char *abspath, const char *magic);
/* Scans sheet i if it is not yet (with cb fed from the same pass); rels,
 * comments and drawing follow. False when the workbook failed (limits). */
bool xlsx_scan_index(nohin_xlsx *x, guint i, nohin_xlsx_cell_cb cb, void *user);
void xlsx_part_free(nohin_xlsx_part *p);

#endif
