/* The layout ministries publish data in (総務省 統一ルール): a title/unit block
 * above the header, a note block (出典, 注, 資料, ※…) below the data, a
 * two-level header, year headers. The readers mark blank rows, second tables and
 * header gaps from the cell stream alone; this tells which of those marks are
 * that normal layout and which are defects (1-13 blank rows inside the data,
 * 1-14 two tables on a sheet). Fed row-ordered cells; memory: a few bytes per
 * non-empty row. */
#ifndef NOHIN_TABLE_LAYOUT_H
#define NOHIN_TABLE_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct nohin_layout nohin_layout;

nohin_layout *nohin_layout_new(void);
void nohin_layout_free(nohin_layout *l);
/* One non-empty cell of row (1-based); cells of a row come left to right. */
void nohin_layout_add(nohin_layout *l, int row, const char *text, bool number);

/* A second table really starts at row: a header with data under it, after a
 * block that is not just a title/unit block, and not a note block. */
bool nohin_layout_new_table_real(nohin_layout *l, int row);
/* Blank rows r0..r1 really separate data: not the gap under a title block nor
 * the gap above the closing note block. */
bool nohin_layout_gap_real(nohin_layout *l, int r0, int r1);
/* The row under header_row is a second header level (text, or years). */
bool nohin_layout_two_level_header(nohin_layout *l, int header_row);
/* Every number in row is a year (2019) and the row also holds text: a header. */
bool nohin_layout_year_header(nohin_layout *l, int row);
/* row lies in the closing note block (the rows from the block's first note row
 * to the end are notes, after at least one blank row). */
bool nohin_layout_in_notes(nohin_layout *l, int row);
/* Note rows: 出典：…, 注1）…, ※…, 資料：…, Source: … */
bool nohin_layout_is_note(const char *text);

#endif
