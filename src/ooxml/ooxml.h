/* The OOXML model shared by lint (readers), clean, the 様式 reader and
 * detection: where a package's parts are (through its relationships, never a
 * fixed name), one relationship reader, one cell-reference parser, and one set
 * of visibility rules. Everything reads through zip_safe.h under its limits. */
#ifndef NOHIN_OOXML_H
#define NOHIN_OOXML_H

#include "readers/zip_safe.h"

#define NOHIN_OOXML_MAX_ROWS 1048576 /* Excel's row limit */
#define NOHIN_OOXML_MAX_COLS 16384   /* Excel's column limit (XFD) */
#define NOHIN_OOXML_MAX_RELS 65536   /* relationships kept per .rels part */

/* ---- relationships (package.c) ---- */
typedef struct {
    char *id;
    char *type;   /* last segment of the type URI: "worksheet", "officeDocument" … */
    char *target; /* resolved part name, or the raw target when external */
    bool external;
} nohin_ooxml_rel;

/* The .rels part of a part: "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels";
 * "" (the package) -> "_rels/.rels". Caller frees. */
char *nohin_ooxml_rels_part_for(const char *part);
/* Every relationship of part, in document order (nohin_ooxml_rel*, owned by
 * the array). Empty when the .rels part is absent or unreadable; *ok (may be
 * NULL) is false when it exists but is damaged or over a limit. */
GPtrArray *nohin_ooxml_read_rels(nohin_zip *z, const char *part, bool *ok);
/* The first internal relationship of that type, or NULL. */
const nohin_ooxml_rel *nohin_ooxml_rel_of_type(const GPtrArray *rels, const char *type);
const nohin_ooxml_rel *nohin_ooxml_rel_by_id(const GPtrArray *rels, const char *id);

/* ---- package (package.c) ---- */
typedef enum {
    NOHIN_OOXML_NONE = 0,        /* no officeDocument relationship, or it points nowhere */
    NOHIN_OOXML_WORKBOOK,        /* SpreadsheetML (xlsx, xlsm, xltx …) */
    NOHIN_OOXML_WORKBOOK_BINARY, /* .xlsb */
    NOHIN_OOXML_DOCUMENT,        /* WordprocessingML */
    NOHIN_OOXML_OTHER,           /* presentation, … */
} nohin_ooxml_kind;

/* The main part found through _rels/.rels (officeDocument), and what it is
 * (by its content type, else by its root element). NULL when there is none.
 * Caller frees. */
char *nohin_ooxml_main_part(nohin_zip *z, nohin_ooxml_kind *kind);
/* The content type [Content_Types].xml gives a part (Override, else Default by
 * extension), or NULL. Caller frees. */
char *nohin_ooxml_content_type(nohin_zip *z, const char *part);
/* The first XML part that carries a DOCTYPE (DTD, entity declarations), or
 * NULL. Such a part is never copied or rewritten. Caller frees. */
char *nohin_ooxml_dtd_part(nohin_zip *z);
/* A part stored as XML (.xml, .rels, .vml). */
bool nohin_ooxml_xml_part(const char *name);
/* The whole part parses (streaming, limits apply), has a root element and no
 * DTD: safe to copy into an output package as it is. */
bool nohin_ooxml_part_well_formed(nohin_zip *z, const char *name);

/* ---- workbook (workbook.c) ---- */
/* The part of the workbook's first sheet (workbook order, whatever its state):
 * main part through _rels/.rels, first <sheet>'s r:id through the workbook's
 * relationships. NULL when any step is missing. Caller frees. */
char *nohin_ooxml_first_sheet_part(nohin_zip *z);

/* ---- print headers and footers (headerfooter.c) ---- */
/* oddHeader, oddFooter, evenHeader, evenFooter, firstHeader, firstFooter. */
bool nohin_ooxml_is_headerfooter(const char *local);
/* The printed text of a header/footer string (format codes removed, &L/&C/&R
 * as spaces); *has_path: it prints the folder (&Z), *has_file: the file name
 * (&F). Caller frees. */
char *nohin_ooxml_headerfooter_text(const char *raw, bool *has_path, bool *has_file);
/* The one decision of lint (XLSX-HEADER-FOOTER) and clean (removes it): true
 * for anything but page numbering (&P, &N, "Page … of …", "- … -", "頁"). */
bool nohin_ooxml_headerfooter_flagged(const char *raw);
/* What clean keeps of a flagged string: its sections (&L, &C, &R) that are not
 * flagged themselves ("&LC:\\Users\\…&R&P / &N" -> "&R&P / &N"), "" when none
 * is. The result is never flagged. Caller frees. */
char *nohin_ooxml_headerfooter_keep(const char *raw);

/* ---- cell references (ref.c) ---- */
/* Parses the leading "AB12" / "$AB$12" / "AB" / "12" of s: col and row (either
 * 0 when absent). Returns bytes parsed, 0 when it is not a reference or out of
 * Excel's limits. */
size_t nohin_ooxml_parse_cell(const char *s, int *col, int *row);
/* Exactly one cell "B7" (also "$B$7"); false otherwise. */
bool nohin_ooxml_parse_ref(const char *ref, int *row, int *col);
/* Column letters of a 1-based index into buf (>= 4 bytes). */
void nohin_ooxml_col_name(int col, char *buf);

/* ---- visibility (visibility.c): the one answer to "is it hidden?" ---- */
enum {
    NOHIN_OOXML_HIDE_FLAG = 1u << 0,    /* hidden="1" */
    NOHIN_OOXML_HIDE_ZERO = 1u << 1,    /* zero height / width (customHeight or not) */
    NOHIN_OOXML_HIDE_OUTLINE = 1u << 2, /* inside a collapsed outline group */
};
bool nohin_ooxml_bool(const char *v);
/* A <row>'s attributes (any may be NULL): why it is hidden, 0 when visible. */
unsigned nohin_ooxml_row_hidden(const char *hidden, const char *ht, const char *outline_level);
/* A <col>'s attributes: why it is hidden, 0 when visible. */
unsigned nohin_ooxml_col_hidden(const char *hidden, const char *width, const char *outline_level);
/* A <sheet state="…">: 0 visible, 1 hidden, 2 veryHidden. */
int nohin_ooxml_sheet_state(const char *state);

/* ---- text (sst.c) ---- */
#define NOHIN_OOXML_MAX_CELL_TEXT (1024 * 1024) /* longest text kept of one cell or string */
/* Appends the text content of the current element (its descendants' text, not
 * the <rPh> phonetic runs) to g, up to max bytes; leaves the reader on the
 * element's end tag (on the element itself when it is empty). */
void nohin_ooxml_read_text_into(xmlTextReaderPtr r, GString *g, size_t max);
/* The value of the current element's attribute whose local name is local (any
 * prefix), or NULL; leaves the reader on the element. Free with g_free. */
char *nohin_ooxml_attr(xmlTextReaderPtr r, const char *local);

/* ---- shared strings (sst.c): the one reader of a sharedStrings part ---- */
typedef struct {
    /* The root element (<sst>); false stops the walk. May be NULL. */
    bool (*root)(xmlTextReaderPtr r, void *user);
    /* Each <si> item in order, index from 0, the reader on its start tag. The
     * visitor may read the item (text, outer XML) or leave it; false stops. */
    bool (*item)(xmlTextReaderPtr r, guint index, void *user);
} nohin_ooxml_sst_visitor;
/* Streams part through the visitor (limits apply). Returns the number of items,
 * -1 when the part is missing, damaged or over a limit (error set). */
int nohin_ooxml_sst_walk(nohin_zip *z, const char *part, const nohin_ooxml_sst_visitor *v,
                         void *user, GError **error);

/* The strings' texts in one blob (two allocations in all). */
typedef struct nohin_ooxml_sst nohin_ooxml_sst;
/* Reads part (NULL: an empty table); a damaged part keeps what came before the
 * damage. Never NULL. */
nohin_ooxml_sst *nohin_ooxml_sst_read(nohin_zip *z, const char *part);
guint nohin_ooxml_sst_count(const nohin_ooxml_sst *t);
/* The text of string index, "" when out of range. */
const char *nohin_ooxml_sst_get(const nohin_ooxml_sst *t, long index);
void nohin_ooxml_sst_free(nohin_ooxml_sst *t);

/* ---- styles needed for visibility (styles.c) ---- */
typedef struct nohin_ooxml_styles nohin_ooxml_styles;
/* Reads the theme's colour scheme and the styles part (either may be NULL). */
nohin_ooxml_styles *nohin_ooxml_styles_read(nohin_zip *z, const char *styles_part,
                                            const char *theme_part);
enum {
    NOHIN_OOXML_XF_VISIBLE = 0,
    NOHIN_OOXML_XF_EMPTY_FORMAT = 1, /* ";;;": every section of the number format empty */
    NOHIN_OOXML_XF_SAME_COLOUR = 2,  /* font colour = fill colour, or white on no fill */
};
/* What cell format xf (the s="" of a cell) does to its value. */
unsigned nohin_ooxml_xf_invisible(const nohin_ooxml_styles *st, long xf);
void nohin_ooxml_styles_free(nohin_ooxml_styles *st);

#endif
