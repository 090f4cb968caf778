#include <string.h>
#include "text_source.h"

void nohin_file_foreach_text(nohin_file *file, nohin_text_cb cb, void *user)
{
    nohin_location loc = nohin_loc_none();
    const char *name = nohin_file_basename(file);
    nohin_text_piece p = {name, strlen(name), NOHIN_TEXT_FILENAME, &loc, "file name"};
    if (!cb(&p, user)) return;
    switch (file->format) {
    case NOHIN_FMT_PDF:
        nohin_pdf_foreach_text(file, cb, user);
        break;
    case NOHIN_FMT_XLSX:
        nohin_xlsx_foreach_text(file, cb, user);
        break;
    case NOHIN_FMT_CSV:
        nohin_csv_foreach_text(file, cb, user);
        break;
    case NOHIN_FMT_DOCX:
        nohin_docx_foreach_text(file, cb, user);
        break;
    default:
        break;
    }
}
