/* One worksheet, streamed twice: a scan (what is hidden, which shared strings
 * stay in use) and a rewrite (rows/columns deleted or shown, formulas turned
 * into their cached values, references adjusted). */
#ifndef NOHIN_CLEAN_XLSX_SHEET_H
#define NOHIN_CLEAN_XLSX_SHEET_H

#include <libxml/xmlwriter.h>
#include "clean/xlsx_refs.h"
#include "readers/zip_safe.h"

typedef struct {
    bool unhide;
    xlsx_shift shift; /* rows/columns deleted (empty with unhide) */
    int hidden_rows;  /* hidden rows seen (deleted or shown) */
    int hidden_cols;
    bool zero_height; /* sheetFormatPr zeroHeight: unlisted rows hidden */
    bool has_drawing, has_table, has_legacy_drawing;
    int formulas, formulas_without_value;
    bool keep_formulas;  /* some formula has no cached value: keep them all as they are */
    int headers_removed; /* header/footer texts XLSX-HEADER-FOOTER flags (the model decides) */
    GPtrArray *object_pictures; /* r:ids of OLE object / control previews (they go too) */
    GBytes *xml; /* the part as the scan inflated it, for the rewrite (NULL: streamed) */
} xlsx_sheet_info;

void cx_sheet_info_init(xlsx_sheet_info *s, bool unhide);
/* Notes an anchor element of a sheet (drawing, tablePart, legacyDrawing[HF]) in
 * info; false for any other element. Both scans (reader, SAX) ask it. */
bool cx_sheet_note_anchor(xlsx_sheet_info *info, const char *element);
void cx_sheet_info_clear(xlsx_sheet_info *s);

/* Scans part. sst_used (guint8 per shared string) is grown and marked for
 * every string a kept cell uses. */
bool cx_sheet_scan(nohin_zip *z, const char *part, xlsx_sheet_info *info, GArray *sst_used,
                   GError **error);

/* The scan of a part in memory with SAX2 callbacks (xlsx_scan_sax.c): 1 when it
 * filled info and sst_used, 0 when cx_sheet_scan must decide (info untouched). */
int cx_sheet_scan_sax(GBytes *xml, xlsx_sheet_info *info, GArray *sst_used);
/* Marks the shared string whose index is v as used. */
void cx_sst_mark_used(GArray *used, const char *v);

/* Rewrites part into out. sst_map maps old shared-string indices to new ones. */
bool cx_sheet_rewrite(nohin_zip *z, const char *part, const xlsx_sheet_info *info,
                      const GArray *sst_map, xmlBufferPtr out, GError **error);

/* Copies the attributes of the reader's current element to the writer, except
 * those whose qualified name is in skip (NULL-terminated; may be NULL). */
void cx_copy_attrs(xmlTextReaderPtr x, xmlTextWriterPtr w, const char *const *skip);
/* Skips the subtree of the current element (the reader ends on its end tag). */
void cx_skip_subtree(xmlTextReaderPtr x);

#endif
