/* PDF document properties: the Info dictionary and the XMP packets, flattened
 * into (label, value) pairs for the metadata checks and the personal-data
 * detector. */
#ifndef NOHIN_PDF_META_H
#define NOHIN_PDF_META_H

#include "qpdf_reader.h"

typedef struct {
    char *label; /* "Info/Author", "dc:creator", "xmpMM:History/stEvt:softwareAgent" */
    char *value; /* UTF-8, control characters replaced */
    int objid;   /* the Info dictionary or the metadata stream (0 when direct) */
    bool xmp;
} nohin_pdf_meta_field;

#define NOHIN_PDF_MAX_XMP (4u * 1024u * 1024u)

/* Every Info entry and every XMP property (document-level packet first, then
 * packets on other objects when all_packets). Free with g_ptr_array_unref. */
GPtrArray *nohin_pdf_meta_fields(nohin_qpdf *qp, bool all_packets);

#endif
