/* The Info dictionary and XMP packet nohin writes into every PDF it outputs
 * (clean's PDF, split's parts): the title, the author when known, nohin as
 * producer, and nothing else (creator tool paths, history, user names go). */
#ifndef NOHIN_CLEAN_PDF_META_H
#define NOHIN_CLEAN_PDF_META_H

#include <qpdf/qpdf-c.h>

/* Replaces the trailer's /Info and the catalog's /Metadata. xmp is a new stream
 * the caller made with qpdf_oh_new_stream before allocating anything (qpdf may
 * throw there, see clean/qpdf_guard.h). author may be NULL. */
void nohin_pdf_set_info_xmp(qpdf_data q, qpdf_oh xmp, const char *title, const char *author);

#endif
