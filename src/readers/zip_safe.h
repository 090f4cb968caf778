/* Reading zip containers (OOXML, bundle zips, attachments) under hard limits:
 * total inflated bytes, per-entry inflate ratio, entry count, no path traversal.
 * Every reader of a zip goes through this; never zip_fopen directly. */
#ifndef NOHIN_ZIP_SAFE_H
#define NOHIN_ZIP_SAFE_H

#include <libxml/xmlreader.h>
#include <zip.h>
#include "nohin_internal.h"

typedef struct nohin_zip nohin_zip;

#define NOHIN_ZIP_ERROR (nohin_zip_error_quark())
typedef enum {
    NOHIN_ZIP_ERROR_OPEN,      /* not a zip, or damaged */
    NOHIN_ZIP_ERROR_LIMIT,     /* too many entries, too large, or a suspicious ratio */
    NOHIN_ZIP_ERROR_ENCRYPTED, /* the entry is password protected */
    NOHIN_ZIP_ERROR_NOT_FOUND,
    NOHIN_ZIP_ERROR_READ,
} nohin_zip_error;
GQuark nohin_zip_error_quark(void);

nohin_zip *nohin_zip_open(const char *path, GError **error);
void nohin_zip_close(nohin_zip *z);
zip_t *nohin_zip_handle(nohin_zip *z);
gint64 nohin_zip_count(nohin_zip *z);
/* Raw entry name (bytes as stored; may be CP932). */
const char *nohin_zip_name(nohin_zip *z, gint64 index);
/* Index of name, or -1. */
gint64 nohin_zip_find(nohin_zip *z, const char *name);
bool nohin_zip_has(nohin_zip *z, const char *name);
bool nohin_zip_encrypted(nohin_zip *z, gint64 index);
guint64 nohin_zip_size(nohin_zip *z, gint64 index);
/* Stamps entry idx of an archive being written with 1980-01-01 00:00, the first
 * DOS time: the same input gives the same bytes whenever the zip is made (clean's
 * workbooks, the web server's clean.zip, the mail attachment zip). */
bool nohin_zip_set_fixed_time(zip_t *za, zip_uint64_t idx);
/* A name that could escape a folder when extracted: absolute, "..", backslash tricks. */
bool nohin_zip_name_unsafe(const char *name);
/* The whole entry in memory (NUL-terminated), within the limits. */
GBytes *nohin_zip_read(nohin_zip *z, const char *name, GError **error);
GBytes *nohin_zip_read_index(nohin_zip *z, gint64 index, GError **error);
/* A streaming XML reader over an entry: no network, no DTD loading, no entity
 * expansion; inflation limits apply while it reads. Free with xmlFreeTextReader.
 * After reading, nohin_zip_limit_hit() says whether a limit cut it short. */
xmlTextReaderPtr nohin_zip_xml_reader(nohin_zip *z, const char *name, GError **error);
/* The same, and a large entry is inflated ahead on a second thread. Only while
 * nothing else reads through z until the reader is freed (libzip handles are
 * not thread-safe). */
xmlTextReaderPtr nohin_zip_xml_reader_ahead(nohin_zip *z, const char *name, GError **error);
/* Lets z inflate `passes` times the total limit: clean reads each sheet twice
 * (its scan, then its rewrite), so it can rewrite whatever lint reads once. */
void nohin_zip_allow_passes(nohin_zip *z, unsigned passes);
bool nohin_zip_limit_hit(nohin_zip *z);
/* Total bytes inflated so far through this handle. */
guint64 nohin_zip_inflated(nohin_zip *z);
/* Counts n bytes as inflated again (an entry read once and parsed twice from
 * memory is charged as if inflated twice); false, and the limit hit, when that
 * goes over the limit. */
bool nohin_zip_charge(nohin_zip *z, guint64 n);
/* Resolves a relationship target against the part that holds it:
 * ("xl/workbook.xml", "worksheets/sheet1.xml") -> "xl/worksheets/sheet1.xml". */
char *nohin_zip_resolve(const char *base_part, const char *target);

/* libxml2 options every XML parse in nohin uses. */
#define NOHIN_XML_OPTIONS                                                                          \
    (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT)

#endif
