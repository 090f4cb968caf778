/* PDF-ANNOTATION: comments and markup left in the report, with their authors. */
#include "readers/qpdf_reader.h"

static const nohin_rule rules[] = {{"PDF-ANNOTATION", NOHIN_SEV_ERROR, true,
                                    N_("Comments and markup (notes, highlights, stamps, ink…) left "
                                       "in the PDF, with their authors"),
                                    "001 §5(2)"},
                                   {NULL}};

/* Not comments: links and form fields are content, file attachments and media
 * have their own rules, printer marks belong to the print workflow. */
static bool is_comment(const char *sub)
{
    static const char *const skip[] = {"/Link",        "/Widget",  "/FileAttachment", "/RichMedia",
                                       "/Movie",       "/Sound",   "/Screen",         "/3D",
                                       "/PrinterMark", "/TrapNet", "/Projection",     NULL};
    for (int i = 0; skip[i]; i++)
        if (!strcmp(sub, skip[i])) return false;
    return true;
}

static void annotation(nohin_ctx *ctx, nohin_file *file, nohin_qpdf *qp, qpdf_oh a, int page)
{
    qpdf_data q = qp->q;
    if (!qpdf_oh_is_dictionary(q, a)) return;
    char *sub = nohin_qpdf_name(qp, a, "/Subtype");
    char *contents = nohin_qpdf_key_text(qp, a, "/Contents", 65536);
    /* A popup only shows its parent's text; report it when it stands alone with text. */
    bool popup = !strcmp(sub, "/Popup");
    if (!is_comment(sub) ||
        (popup && (nohin_qpdf_has(qp, a, "/Parent") || !contents || !*contents))) {
        g_free(sub);
        g_free(contents);
        return;
    }
    char *author = nohin_qpdf_key_text(qp, a, "/T", 1024);
    char *masked = nohin_mask(author ? author : "");
    int id = nohin_qpdf_objid(qp, a);
    nohin_location loc = id > 0 ? nohin_qpdf_loc_rect(qp, id, a) : nohin_loc_page(page);
    if (loc.kind != NOHIN_LOC_PAGE) {
        nohin_location_clear(&loc);
        loc = nohin_loc_page(page);
    }
    const char *fix = _("Delete the comments and markup (Acrobat: Comment > delete all, or Remove "
                        "Hidden Information), then save the PDF again.");
    nohin_finding *f;
    if (author && *author)
        f = nohin_emit(ctx, file, "PDF-ANNOTATION", loc, fix,
                       _("A comment or markup (%1$s) by %2$s is left on the page."),
                       sub[0] ? sub + 1 : "?", masked);
    else
        f = nohin_emit(ctx, file, "PDF-ANNOTATION", loc, fix,
                       _("A comment or markup (%s) is left on the page."), sub[0] ? sub + 1 : "?");
    qpdf_oh flags = nohin_qpdf_get(qp, a, "/F");
    long long fl = qpdf_oh_is_integer(q, flags) ? qpdf_oh_get_int_value(q, flags) : 0;
    nohin_finding_set_evidence(f, "type=%s author=%s contents=%ld chars%s", sub[0] ? sub + 1 : "?",
                               masked, contents ? g_utf8_strlen(contents, -1) : 0L,
                               (fl & 2) ? " hidden" : "");
    if (f) nohin_finding_set_severity(ctx, f, nohin_by_role(file, NOHIN_SEV_ERROR, NOHIN_SEV_INFO));
    g_free(masked);
    g_free(author);
    g_free(sub);
    g_free(contents);
}

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_qpdf *qp = nohin_qpdf_of(file);
    if (!qp->q) return;
    for (int p = 0; p < qp->n_pages; p++) {
        qpdf_oh annots = nohin_qpdf_get(qp, qpdf_get_page_n(qp->q, (size_t)p), "/Annots");
        int n = qpdf_oh_is_array(qp->q, annots) ? qpdf_oh_get_array_n_items(qp->q, annots) : 0;
        for (int i = 0; i < n && i < 100000; i++)
            annotation(ctx, file, qp, qpdf_oh_get_array_item(qp->q, annots, i), p + 1);
    }
    nohin_qpdf_drain_warnings(qp);
}

NOHIN_CHECK(pdf_annotation) = {.name = "pdf_annotation",
                               .rules = rules,
                               .formats = NOHIN_FMT_PDF,
                               .roles = NOHIN_ROLE_ANY,
                               .run_file = run};
