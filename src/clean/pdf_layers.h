/* Hidden layers out of a PDF: the content of the optional content groups that
 * are off by default (PDF-HIDDEN-LAYER) is deleted from pages, form XObjects
 * and annotations, and /OCProperties goes (the layers left, all shown, are
 * flattened). */
#ifndef NOHIN_CLEAN_PDF_LAYERS_H
#define NOHIN_CLEAN_PDF_LAYERS_H

#ifdef __cplusplus
extern "C" {
#endif

/* Reads in, writes out when a layer is off. Returns 0 when none is (out not
 * written), 1 + the number of content sections dropped when out was written
 * (*names: the hidden layers' names, comma-separated, g_free), -1 on a qpdf
 * error (*what: its text, g_free). */
int nohin_pdf_drop_hidden_layers(const char *in, const char *out, char **names, char **what);

#ifdef __cplusplus
}
#endif

#endif
