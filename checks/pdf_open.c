/* PDF-MALFORMED and PDF-ENCRYPTED: can the report be opened and its text reused? */
#include <string.h>
#include "readers/pdf_reader.h"
#include "readers/qpdf_reader.h"

static const nohin_rule rules[] = {
    {"PDF-MALFORMED", NOHIN_SEV_ERROR, false, N_("PDF that cannot be opened or fully verified"),
     "001 §5(2), 000 §16"},
    {"PDF-ENCRYPTED", NOHIN_SEV_ERROR, false,
     N_("PDF protected by a password or by permissions that forbid copying text"), "001 §5(2)"},
    {NULL}};

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_pdf *pdf = nohin_pdf_of(file);
    if (pdf->needs_password) {
        nohin_file_mark_unreadable(file, "password");
        nohin_emit(
            ctx, file, "PDF-ENCRYPTED", nohin_loc_none(),
            _("Save the PDF again without a password (open data must be readable by anyone)."),
            _("The PDF needs a password to open; it cannot be checked or published."));
        return;
    }
    if (!pdf->doc) {
        nohin_file_mark_unreadable(file, pdf->error);
        nohin_finding *f =
            nohin_emit(ctx, file, "PDF-MALFORMED", nohin_loc_none(),
                       _("Export the PDF again from the original document; a damaged PDF may not "
                         "open for readers."),
                       _("The PDF cannot be opened, so nothing in it could be verified."));
        nohin_finding_set_evidence(f, "%s", pdf->error);
        return;
    }
    if (pdf->pages_capped) {
        nohin_finding *f =
            nohin_emit(ctx, file, "PDF-MALFORMED", nohin_loc_none(),
                       _("Split the document; no report can have that many pages."),
                       _("The PDF has more than %d pages; only the first %d were read (limit)."),
                       NOHIN_PDF_MAX_PAGES, NOHIN_PDF_MAX_PAGES);
        nohin_finding_set_evidence(f, "limit: pages=%d", NOHIN_PDF_MAX_PAGES);
    }
    PopplerPermissions perm = poppler_document_get_permissions(pdf->doc);
    if (!(perm & POPPLER_PERMISSIONS_OK_TO_COPY) ||
        !(perm & POPPLER_PERMISSIONS_OK_TO_EXTRACT_CONTENTS)) {
        nohin_emit(
            ctx, file, "PDF-ENCRYPTED", nohin_loc_none(),
            _("Save the PDF without security settings so its text can be copied and reused."),
            _("The PDF's permissions forbid copying or extracting text, which open data must "
              "allow."));
        return;
    }
    /* Opens without a password but is encrypted all the same: an owner password, or
     * parts (embedded files) that need one, which qpdf then cannot read. */
    nohin_qpdf *qp = nohin_qpdf_of(file);
    bool locked_parts = !qp->q && qp->error && strstr(qp->error, "password");
    if (locked_parts) {
        nohin_finding *f = nohin_emit(
            ctx, file, "PDF-ENCRYPTED", nohin_loc_none(),
            _("Save the PDF again without security settings; embedded files and other parts "
              "that need a password cannot be checked or reused."),
            _("The PDF is encrypted: it opens without a password, but parts of it need one."));
        nohin_finding_set_evidence(f, "qpdf: %s", qp->error);
    } else if (qp->q && qpdf_is_encrypted(qp->q) && poppler_document_has_attachments(pdf->doc)) {
        /* Only an owner password: the pages read fine (no finding), but its embedded
         * files are encrypted with it, out of reach of tools that do not decrypt. */
        nohin_finding *f = nohin_emit(
            ctx, file, "PDF-ENCRYPTED", nohin_loc_none(),
            _("Save the PDF again without security settings (open data is published "
              "unencrypted)."),
            _("The PDF and its embedded files are encrypted with an owner password; it opens "
              "without one."));
        if (f) nohin_finding_set_severity(ctx, f, NOHIN_SEV_WARNING);
    }
}

NOHIN_CHECK(pdf_open) = {.name = "pdf_open",
                         .rules = rules,
                         .formats = NOHIN_FMT_PDF,
                         .roles = NOHIN_ROLE_ANY,
                         .run_file = run};
