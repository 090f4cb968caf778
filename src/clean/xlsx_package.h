/* The OOXML package of a workbook: relationships, which parts go, and the
 * small parts (workbook, content types, rels) edited as DOM trees. */
#ifndef NOHIN_CLEAN_XLSX_PACKAGE_H
#define NOHIN_CLEAN_XLSX_PACKAGE_H

#include <libxml/tree.h>
#include "readers/zip_safe.h"

#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

typedef struct {
    char *id, *type_tail, *target; /* target: resolved part name; NULL when external */
} xlsx_rel;

typedef struct {
    char *rels_name; /* the .rels entry */
    char *source;    /* the part it belongs to ("" for the package) */
    GPtrArray *rels; /* xlsx_rel* */
} xlsx_relfile;

/* Every .rels file of the package, by source part. */
GHashTable *cx_read_rels(nohin_zip *z, GError **error);
/* The .rels entry name of a part: xl/workbook.xml -> xl/_rels/workbook.xml.rels */
char *cx_rels_name(const char *part);
/* Parses a small part as a DOM (limits of zip_safe apply). */
xmlDocPtr cx_read_dom(nohin_zip *z, const char *part, GError **error);
/* Serialises a DOM into bytes. */
GBytes *cx_dom_bytes(xmlDocPtr doc);

#endif
