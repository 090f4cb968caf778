/* PDF-ATTACHMENT: embedded files, wherever they hang — the EmbeddedFiles name
 * tree, FileAttachment annotations (which `qpdf --list-attachments` does not
 * show), PDF 2.0 associated files (/AF). Every file specification with an /EF
 * entry is one attachment. */
#include <magic.h>
#include "readers/pdf_reader.h"
#include "readers/qpdf_reader.h"

static const nohin_rule rules[] = {
    {"PDF-ATTACHMENT", NOHIN_SEV_ERROR, true,
     N_("Files embedded in the PDF (EmbeddedFiles, FileAttachment annotations, associated files)"),
     "001 §5(2)"},
    {NULL}};

#define SNIFF_BYTES 8192

static char *sniff_type(const unsigned char *data, size_t len)
{
    static GMutex lock;
    static magic_t cookie;
    g_mutex_lock(&lock);
    if (!cookie) {
        cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
        if (cookie && magic_load(cookie, NULL) != 0) {
            magic_close(cookie);
            cookie = NULL;
        }
    }
    const char *m = cookie ? magic_buffer(cookie, data, len) : NULL;
    char *r = g_strdup(m ? m : "unknown");
    g_mutex_unlock(&lock);
    return r;
}

static char *file_name(nohin_qpdf *qp, qpdf_oh fs)
{
    char *n = nohin_qpdf_key_text(qp, fs, "/UF", 1024);
    if (!n || !*n) {
        g_free(n);
        n = nohin_qpdf_key_text(qp, fs, "/F", 1024);
    }
    return n ? n : g_strdup("?");
}

static void attachment(nohin_ctx *ctx, nohin_file *file, nohin_qpdf *qp, const nohin_qpdf_dict *d)
{
    qpdf_data q = qp->q;
    qpdf_oh ef = nohin_qpdf_get(qp, d->oh, "/EF");
    if (!qpdf_oh_is_dictionary(q, ef)) return;
    qpdf_oh stream = nohin_qpdf_get(qp, ef, "/F");
    if (!qpdf_oh_is_stream(q, stream)) stream = nohin_qpdf_get(qp, ef, "/UF");
    char *name = file_name(qp, d->oh);
    long long size = -1;
    qpdf_oh sz = nohin_qpdf_get(qp, nohin_qpdf_get(qp, stream, "/Params"), "/Size");
    if (qpdf_oh_is_integer(q, sz)) size = qpdf_oh_get_int_value(q, sz);
    size_t len = 0;
    bool complete = false;
    unsigned char *head = nohin_qpdf_stream_data(qp, stream, SNIFF_BYTES, &len, &complete);
    if (size < 0 && complete) size = (long long)len;
    char *type = head && len ? sniff_type(head, len) : g_strdup("unknown");
    g_free(head);
    bool in_annot = nohin_qpdf_page_of(qp, d->objid) > 0;
    nohin_finding *f = nohin_emit(
        ctx, file, "PDF-ATTACHMENT",
        in_annot ? nohin_qpdf_loc(qp, d->objid) : nohin_loc_part("attachment", name, 0),
        _("Remove the embedded file (Acrobat: Attachments panel > delete; or export the PDF "
          "again) and deliver it separately if it is needed."),
        in_annot ? _("A file “%s” is attached to a comment on the page.")
                 : _("A file “%s” is embedded in the PDF."),
        name);
    if (size >= 0)
        nohin_finding_set_evidence(f, "name=%s size=%lld type=%s", name, size, type);
    else
        nohin_finding_set_evidence(f, "name=%s size=unknown type=%s", name, type);
    if (f)
        nohin_finding_set_severity(ctx, f, nohin_by_role(file, NOHIN_SEV_ERROR, NOHIN_SEV_WARNING));
    g_free(name);
    g_free(type);
}

/* qpdf could not open the file (an encrypted PDF whose embedded files need a
 * password): poppler still lists the attachments' names and sizes. */
static void poppler_attachments(nohin_ctx *ctx, nohin_file *file)
{
    nohin_pdf *pdf = nohin_pdf_of(file);
    if (!pdf->doc || !poppler_document_has_attachments(pdf->doc)) return;
    GList *list = poppler_document_get_attachments(pdf->doc);
    int n = 0;
    for (GList *l = list; l && n < 10000; l = l->next, n++) {
        PopplerAttachment *a = l->data;
        const char *name = a->name && *a->name ? a->name : "?";
        nohin_finding *f = nohin_emit(
            ctx, file, "PDF-ATTACHMENT", nohin_loc_none(),
            _("Remove the embedded file (Acrobat: Attachments panel > delete; or export the PDF "
              "again) and deliver it separately if it is needed."),
            _("A file “%s” is embedded in the PDF."), name);
        if (a->size > 0)
            nohin_finding_set_evidence(f, "name=%s size=%lld type=unknown (encrypted)", name,
                                       (long long)a->size);
        else
            nohin_finding_set_evidence(f, "name=%s size=unknown type=unknown (encrypted)", name);
        if (f)
            nohin_finding_set_severity(ctx, f,
                                       nohin_by_role(file, NOHIN_SEV_ERROR, NOHIN_SEV_WARNING));
    }
    g_list_free_full(list, g_object_unref);
}

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_qpdf *qp = nohin_qpdf_of(file);
    if (!qp->q) {
        poppler_attachments(ctx, file);
        return;
    }
    int n = 0;
    for (guint i = 0; i < qp->dicts->len && n < 10000; i++) {
        const nohin_qpdf_dict *d = &g_array_index(qp->dicts, nohin_qpdf_dict, i);
        if (d->stream || !nohin_qpdf_has(qp, d->oh, "/EF")) continue;
        attachment(ctx, file, qp, d);
        n++;
    }
    nohin_qpdf_drain_warnings(qp);
}

NOHIN_CHECK(pdf_attachment) = {.name = "pdf_attachment",
                               .rules = rules,
                               .formats = NOHIN_FMT_PDF,
                               .roles = NOHIN_ROLE_ANY,
                               .run_file = run};
