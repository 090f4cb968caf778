/* See pdf_meta.h. */
#include "clean/pdf_meta.h"
#include <glib.h>
#include <string.h>

static char *xmp_packet(const char *title, const char *author)
{
    char *t = g_markup_escape_text(title ? title : "", -1);
    char *a = author ? g_markup_escape_text(author, -1) : NULL;
    GString *x =
        g_string_new("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                     "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                     "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                     "<rdf:Description rdf:about=\"\" "
                     "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                     "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
    g_string_append_printf(x,
                           "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li>"
                           "</rdf:Alt></dc:title>\n",
                           t);
    if (a)
        g_string_append_printf(
            x, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", a);
    g_string_append(x, "<pdf:Producer>nohin</pdf:Producer>\n</rdf:Description>\n</rdf:RDF>\n"
                       "</x:xmpmeta>\n<?xpacket end=\"w\"?>\n");
    g_free(t);
    g_free(a);
    return g_string_free(x, FALSE);
}

void nohin_pdf_set_info_xmp(qpdf_data q, qpdf_oh xmp, const char *title, const char *author)
{
    qpdf_oh info = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, info, "/Title", qpdf_oh_new_unicode_string(q, title ? title : ""));
    if (author) qpdf_oh_replace_key(q, info, "/Author", qpdf_oh_new_unicode_string(q, author));
    qpdf_oh_replace_key(q, info, "/Producer", qpdf_oh_new_unicode_string(q, "nohin"));
    qpdf_oh_replace_key(q, qpdf_get_trailer(q), "/Info", qpdf_make_indirect_object(q, info));
    char *x = xmp_packet(title, author);
    qpdf_oh_replace_stream_data(q, xmp, (const unsigned char *)x, strlen(x), qpdf_oh_new_null(q),
                                qpdf_oh_new_null(q));
    qpdf_oh d = qpdf_oh_get_dict(q, xmp);
    qpdf_oh_replace_key(q, d, "/Type", qpdf_oh_new_name(q, "/Metadata"));
    qpdf_oh_replace_key(q, d, "/Subtype", qpdf_oh_new_name(q, "/XML"));
    qpdf_oh_replace_key(q, qpdf_get_root(q), "/Metadata", xmp);
    g_free(x);
}
