/* Where a PDF object that is on no page sits, in words a person can find: the
 * document's open action, its automatic actions, a bookmark, a form field, a
 * document-level JavaScript. Never an object number: those change with every
 * export, so a baseline keyed on them would not survive one. */
#ifndef NOHIN_PDF_PLACE_H
#define NOHIN_PDF_PLACE_H

#include "nohin/finding.h"
#include "readers/qpdf_reader.h"

typedef struct nohin_pdf_places nohin_pdf_places;

/* Built once per file on first need: which object refers to which action
 * (/A, /OpenAction, /AA, /Next) and the names of the document-level scripts. */
nohin_pdf_places *nohin_pdf_places_new(nohin_qpdf *qp);
void nohin_pdf_places_free(nohin_pdf_places *p);

/* The location of the dictionary d (an action, a field, a catalog entry):
 * its page when it has one, else the named part that holds it
 * ("open-action", "document-actions", "javascript" + name, "bookmark" + title,
 * "form" + field name, "document"). */
nohin_location nohin_pdf_place(nohin_pdf_places *p, const nohin_qpdf_dict *d);

#endif
