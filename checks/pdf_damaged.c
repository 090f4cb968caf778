/* PDF-MALFORMED (structure): what `qpdf --check` reports as damaged. The other
 * checks still run on what qpdf and poppler could read; this finding says the
 * file could not be fully verified. (The rule itself is declared in pdf_open.c,
 * which reports files that do not open at all.) */
#include "readers/pdf_reader.h"
#include "readers/qpdf_reader.h"

static const nohin_rule rules[] = {{NULL}};

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_pdf *pdf = nohin_pdf_of(file);
    if (!pdf->doc) return; /* pdf_open has said it cannot be opened */
    nohin_qpdf *qp = nohin_qpdf_of(file);
    const char *fix = _("Export the PDF again from the original document (or repair it with "
                        "Acrobat's Save As) so every part of it can be checked.");
    if (!qp->q) {
        nohin_finding *f = nohin_emit(
            ctx, file, "PDF-MALFORMED", nohin_loc_none(), fix,
            _("The PDF's structure cannot be read, so embedded files, scripts and other hidden "
              "data could not be checked."));
        nohin_finding_set_evidence(f, "qpdf: %s", qp->error);
        return;
    }
    bool clean = nohin_qpdf_check(qp);
    if (clean && qp->n_warnings == 0 && !qp->truncated) return;
    nohin_finding *f = nohin_emit(
        ctx, file, "PDF-MALFORMED", nohin_loc_none(), fix,
        qp->truncated ? _("The PDF is too large or too deeply nested to walk completely; hidden "
                          "data in the part not examined may have been missed.")
                      : _("The PDF is damaged (qpdf had to repair it). The checks ran on what "
                          "could be read, so the file could not be fully verified."));
    const char *first = qp->first_warning ? qp->first_warning : qp->check_error;
    nohin_finding_set_evidence(f, "qpdf: %s (warnings=%d)", first ? first : "limit reached",
                               qp->n_warnings + qp->check_warnings);
    if (f) nohin_finding_set_severity(ctx, f, NOHIN_SEV_WARNING);
}

NOHIN_CHECK(pdf_damaged) = {.name = "pdf_damaged",
                            .rules = rules,
                            .formats = NOHIN_FMT_PDF,
                            .roles = NOHIN_ROLE_ANY,
                            .run_file = run};
