/* The workbook's sheets as the package declares them: the main part through
 * _rels/.rels, its <sheets> in order, each sheet's part through the
 * workbook's relationships. */
#include <string.h>
#include "ooxml/ooxml.h"

/* r:id in the transitional and in the strict relationships namespace. */
static char *sheet_rel_id(xmlTextReaderPtr r)
{
    static const char *const ns[] = {
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://purl.oclc.org/ooxml/officeDocument/relationships",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(ns); i++) {
        xmlChar *v = xmlTextReaderGetAttributeNs(r, BAD_CAST "id", BAD_CAST ns[i]);
        if (v) {
            char *s = g_strdup((const char *)v);
            xmlFree(v);
            return s;
        }
    }
    return NULL;
}

char *nohin_ooxml_first_sheet_part(nohin_zip *z)
{
    nohin_ooxml_kind kind;
    char *wb = nohin_ooxml_main_part(z, &kind);
    if (!wb || kind != NOHIN_OOXML_WORKBOOK) {
        g_free(wb);
        return NULL;
    }
    char *rid = NULL;
    xmlTextReaderPtr r = nohin_zip_xml_reader(z, wb, NULL);
    /* <workbook><sheets><sheet>: the first sheet element at depth 2 */
    while (r && !rid && xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderDepth(r) > 2) continue;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) continue;
        const char *ln = (const char *)xmlTextReaderConstLocalName(r);
        if (xmlTextReaderDepth(r) == 2 && ln && !strcmp(ln, "sheet")) {
            rid = sheet_rel_id(r);
            if (!rid) break; /* a first sheet without a relationship: no part */
        }
    }
    if (r) xmlFreeTextReader(r);
    char *part = NULL;
    if (rid) {
        GPtrArray *rels = nohin_ooxml_read_rels(z, wb, NULL);
        const nohin_ooxml_rel *rel = nohin_ooxml_rel_by_id(rels, rid);
        if (rel && !rel->external && nohin_zip_has(z, rel->target)) part = g_strdup(rel->target);
        g_ptr_array_free(rels, TRUE);
    }
    g_free(rid);
    g_free(wb);
    return part;
}
