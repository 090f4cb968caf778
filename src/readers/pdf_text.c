/* PDF text source: page text, document properties (Info, XMP) and annotation
 * authors and contents, so the personal-data detector sees all of them. */
#include <string.h>
#include "pdf_meta.h"
#include "pdf_reader.h"
#include "qpdf_reader.h"
#include "text_source.h"

static bool piece(nohin_text_cb cb, void *user, const char *text, nohin_text_kind kind,
                  const nohin_location *loc, const char *label)
{
    nohin_text_piece p = {text, strlen(text), kind, loc, label};
    return cb(&p, user);
}

static bool metadata(nohin_qpdf *qp, nohin_text_cb cb, void *user)
{
    GPtrArray *fields = nohin_pdf_meta_fields(qp, true);
    bool go = true;
    for (guint i = 0; i < fields->len && go; i++) {
        const nohin_pdf_meta_field *f = fields->pdata[i];
        nohin_location loc = nohin_loc_part("properties", NULL, 0); /* not an object number */
        go = piece(cb, user, f->value, NOHIN_TEXT_METADATA, &loc, f->label);
        nohin_location_clear(&loc);
    }
    g_ptr_array_unref(fields);
    return go;
}

static bool annotations(nohin_qpdf *qp, nohin_text_cb cb, void *user)
{
    qpdf_data q = qp->q;
    for (int p = 0; p < qp->n_pages; p++) {
        qpdf_oh annots = nohin_qpdf_get(qp, qpdf_get_page_n(q, (size_t)p), "/Annots");
        int n = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
        nohin_location loc = nohin_loc_page(p + 1);
        bool go = true;
        for (int i = 0; i < n && i < 100000 && go; i++) {
            qpdf_oh a = qpdf_oh_get_array_item(q, annots, i);
            char *author = nohin_qpdf_key_text(qp, a, "/T", 4096);
            char *contents = nohin_qpdf_key_text(qp, a, "/Contents", 65536);
            if (author && *author)
                go = piece(cb, user, author, NOHIN_TEXT_COMMENT, &loc, "comment author");
            if (go && contents && *contents)
                go = piece(cb, user, contents, NOHIN_TEXT_COMMENT, &loc, "comment");
            g_free(author);
            g_free(contents);
        }
        nohin_location_clear(&loc);
        if (!go) return false;
    }
    return true;
}

void nohin_pdf_foreach_text(nohin_file *file, nohin_text_cb cb, void *user)
{
    nohin_pdf *pdf = nohin_pdf_of(file);
    if (!pdf->doc) return;
    nohin_pdf_load_texts(file, NULL);
    for (int i = 0; i < pdf->n_pages; i++) {
        nohin_location loc = nohin_loc_page(i + 1);
        nohin_text_piece p = {pdf->page_text[i], strlen(pdf->page_text[i]), NOHIN_TEXT_BODY, &loc,
                              NULL};
        if (!cb(&p, user)) return;
    }
    nohin_qpdf *qp = nohin_qpdf_of(file);
    if (!qp->q) return;
    if (metadata(qp, cb, user)) annotations(qp, cb, user);
    nohin_qpdf_drain_warnings(qp);
}
