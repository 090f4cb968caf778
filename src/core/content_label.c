/* A file's content named in the message language: libmagic's descriptions are English
 * phrases ("ASCII text, with CRLF line terminators") that do not belong inside a
 * Japanese sentence, so messages name the kind from the MIME type instead. */
#include <string.h>
#include "nohin_internal.h"

const char *nohin_content_label(const nohin_file *f)
{
    static const struct {
        const char *mime; /* prefix */
        const char *label;
    } kinds[] = {
        {"application/pdf", N_("a PDF")},
        {"application/vnd.openxmlformats-officedocument.spreadsheetml", N_("an Excel workbook")},
        {"application/vnd.openxmlformats-officedocument.wordprocessingml", N_("a Word document")},
        {"application/vnd.openxmlformats-officedocument.presentationml", N_("a PowerPoint file")},
        {"application/vnd.ms-excel", N_("an old Excel workbook (.xls)")},
        {"application/msword", N_("an old Word document (.doc)")},
        {"application/vnd.oasis.opendocument", N_("an OpenDocument file")},
        {"application/zip", N_("a zip archive")},
        {"text/html", N_("an HTML page")},
        {"text/csv", N_("CSV text")},
        {"text/", N_("plain text")},
        {"image/", N_("an image")},
        {"application/x-executable", N_("a program")},
        {"application/x-dosexec", N_("a Windows program")},
        {"inode/x-empty", N_("empty")},
    };
    if (f->bytes == 0) return _("empty");
    const char *m = f->mime ? f->mime : "";
    for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++)
        if (g_str_has_prefix(m, kinds[i].mime)) return _(kinds[i].label);
    return *m ? m : _("unknown content");
}
