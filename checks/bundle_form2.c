/* BUNDLE-FORM2-MISMATCH: 様式2 (the bibliographic record METI publishes with the
 * report) must agree with the bundle it describes: 総頁数 with the public PDF's
 * pages (様式3 included, as it is merged into that PDF), 図表等データのファイル数
 * with the public data files, 報告書の題名 with the PDF's title. */
#include <stdlib.h>
#include <string.h>
#include "bundle/bundle_model.h"
#include "bundle/form2.h"
#include "readers/pdf_reader.h"

static const nohin_rule rules[] = {
    {"BUNDLE-FORM2-MISMATCH", NOHIN_SEV_WARNING, true,
     N_("様式2's page count, data file count or title differs from the public bundle"),
     "001 §5(1)"},
    {NULL}};

static void mismatch(nohin_ctx *ctx, nohin_file *f, const nohin_form2_item *it, const char *label,
                     const char *want)
{
    char *cell = nohin_form2_cell_ref(it->row, it->col);
    nohin_finding *x = nohin_emit(
        ctx, f, "BUNDLE-FORM2-MISMATCH", nohin_loc_none(),
        _("Correct 様式2 (nohin clean writes the corrected value into its copy of 様式2)."),
        _("様式2 says %s is \"%s\" (cell %s), but the public bundle has \"%s\"."), label, it->value,
        cell, want);
    nohin_finding_set_evidence(x, "cell=%s", cell);
    g_free(cell);
}

static void run(nohin_ctx *ctx, const nohin_bundle *b)
{
    nohin_file *form2 = NULL;
    int n_form2 = 0, pages = 0, n_pdfs = 0;
    guint data = 0;
    nohin_file *first_pdf = NULL;
    for (guint i = 0; i < b->files->len; i++) {
        nohin_file *f = b->files->pdata[i];
        if (nohin_bundle_is_junk(f, NULL) || nohin_bundle_is_container(f) ||
            nohin_bundle_is_config(f))
            continue;
        nohin_form_kind k = nohin_bundle_form_of(f);
        if (k == NOHIN_FORM_2 && f->format == NOHIN_FMT_XLSX) {
            if (!form2 || f->role == NOHIN_ROLE_INTERNAL) form2 = f;
            n_form2++;
            continue;
        }
        if (f->role != NOHIN_ROLE_PUBLIC || !f->folder_role || k != NOHIN_FORM_NONE) continue;
        if (nohin_bundle_is_report_pdf(f)) {
            nohin_pdf *p = nohin_pdf_of(f);
            if (!p->doc) return; /* an unreadable report: its own finding says so */
            pages += p->n_pages;
            if (!first_pdf) first_pdf = f;
            n_pdfs++;
        } else if (f->format == NOHIN_FMT_XLSX || f->format == NOHIN_FMT_CSV) {
            data++;
        }
    }
    /* several 様式2 (one per split part) cannot be matched to parts reliably */
    if (!form2 || n_form2 != 1 || !n_pdfs) return;
    nohin_form2 *f2 = nohin_form2_read(form2->abspath);
    if (f2->error) {
        nohin_form2_free(f2);
        return;
    }
    const nohin_form2_item *it = &f2->items[NOHIN_FORM2_PAGES];
    if (it->value && nohin_form2_number(it->value) != pages) {
        char *want = g_strdup_printf("%d", pages);
        mismatch(ctx, form2, it, "総頁数", want);
        g_free(want);
    }
    it = &f2->items[NOHIN_FORM2_DATA_FILES];
    if (it->value && nohin_form2_number(it->value) != (long)data) {
        char *want = g_strdup_printf("%u", data);
        mismatch(ctx, form2, it, "図表等データのファイル数", want);
        g_free(want);
    }
    it = &f2->items[NOHIN_FORM2_TITLE];
    if (it->value && n_pdfs == 1) {
        char *title = poppler_document_get_title(nohin_pdf_of(first_pdf)->doc);
        if (title && nohin_form2_title_differs(it->value, title))
            mismatch(ctx, form2, it, "報告書の題名", g_strstrip(title));
        g_free(title);
    }
    nohin_form2_free(f2);
}

NOHIN_CHECK(bundle_form2) = {.name = "bundle_form2",
                             .rules = rules,
                             .formats = 0,
                             .roles = NOHIN_ROLE_ANY,
                             .run_bundle = run};
