/* CSV reader: libcsv for quoting, uchardet + iconv for the encoding (UTF-8
 * with or without BOM, Shift_JIS/CP932, UTF-16 with BOM; anything else or
 * invalid bytes are observations), delimiter and header detection. The file
 * is streamed: the open-time scan keeps bounded observations only, and
 * nohin_csv_foreach_field() streams again for whoever needs every field.
 *
 *   nohin_csv *c = nohin_csv_of(file);            // cached in NOHIN_READER_CSV
 *   c->encoding, c->delimiter, c->has_header, c->marks[NOHIN_CSV_MARK_RAGGED] …
 *   nohin_csv_foreach_field(file->abspath, c, cb, user);
 */
#ifndef NOHIN_CSV_READER_H
#define NOHIN_CSV_READER_H

#include "nohin_internal.h"

#define NOHIN_CSV_MAX_MARKS 200           /* observations kept per kind */
#define NOHIN_CSV_MAX_FIELD (1024 * 1024) /* longer: a runaway quote, or a field over the limit */
/* Evidence of a QUOTE mark that is an unquoted field over NOHIN_CSV_MAX_FIELD. */
#define NOHIN_CSV_FIELD_LIMIT_EVIDENCE "field over 1 MiB"
#define NOHIN_CSV_SNIFF (1024 * 1024) /* bytes looked at for encoding and delimiter */

typedef enum {
    NOHIN_CSV_MARK_ENCODING = 0, /* bytes invalid in the detected encoding (line) */
    NOHIN_CSV_MARK_RAGGED,       /* records with another field count (line..line_end) */
    NOHIN_CSV_MARK_QUOTE,        /* broken quoting (line) */
    NOHIN_CSV_MARK_FORMULA,      /* field a spreadsheet would run (line, field) */
    NOHIN_CSV_MARK_LAYOUT_SPACES,
    NOHIN_CSV_MARK_MACHINE_CHARS,
    NOHIN_CSV_MARK_BLANK_ROWS,     /* blank lines inside the data (line..line_end) */
    NOHIN_CSV_MARK_NEW_TABLE,      /* a header-like record after a blank gap (line) */
    NOHIN_CSV_MARK_MISSING_HEADER, /* line 1 holds data, or a header field is blank (line, field) */
    NOHIN_CSV_MARK_TITLE,          /* a title line above the header (line) */
    NOHIN_CSV_MARK_COUNT
} nohin_csv_mark_kind;

typedef struct {
    int line, line_end; /* 1-based physical lines; line_end == line for one line */
    int field;          /* 1-based, 0 when not about one field */
    int count;          /* ragged: the record's field count */
    char *evidence;     /* raw value (mask before showing), may be NULL */
} nohin_csv_mark;

typedef struct {
    GArray *items; /* nohin_csv_mark, at most NOHIN_CSV_MAX_MARKS */
    guint64 total;
} nohin_csv_marks;

typedef struct nohin_csv {
    char *error;    /* the file could not be read (I/O); NULL otherwise */
    char *encoding; /* iconv name used to decode: "UTF-8", "CP932", "UTF-16LE" … */
    char *detected; /* what uchardet said ("" when not asked) */
    bool bom;
    bool encoding_ok; /* UTF-8 (BOM or not), Shift_JIS/CP932, or UTF-16 with BOM */
    bool mixed;       /* valid multibyte text and invalid bytes in one file */
    char delimiter;
    bool has_header;
    int fields; /* expected field count (header or first multi-field record) */
    guint64 records, lines, bytes, bad_bytes;
    nohin_csv_marks marks[NOHIN_CSV_MARK_COUNT];
} nohin_csv;

nohin_csv *nohin_csv_of(nohin_file *file);
/* True when bytes that a charset detector names as something else (uchardet
 * does not know CP932's NEC/IBM extensions: ①, ㈱, 髙) decode strictly as
 * CP932 into Japanese text with kana (or many Japanese characters). */
bool nohin_csv_cp932_despite_detector(const char *b, size_t n);
nohin_csv *nohin_csv_open(const char *abspath, const char *path_for_ext);
void nohin_csv_free(nohin_csv *c);

typedef struct {
    const char *text; /* UTF-8 (invalid bytes already replaced), NUL-terminated */
    size_t len;
    int line;        /* physical line where the field ends */
    int record_line; /* physical line where its record starts */
    int record;      /* 1-based record number */
    int field;       /* 1-based */
} nohin_csv_field;

typedef bool (*nohin_csv_field_cb)(const nohin_csv_field *f, void *user);
/* Streams every field of the file with the encoding and delimiter found at
 * open. Returns false on an I/O error. */
bool nohin_csv_foreach_field(const char *abspath, const nohin_csv *c, nohin_csv_field_cb cb,
                             void *user);

#endif
