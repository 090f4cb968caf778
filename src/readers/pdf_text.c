/* PDF text source: page text (metadata and annotations are added by their readers). */
#include <string.h>
#include "pdf_reader.h"
#include "text_source.h"

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
}
