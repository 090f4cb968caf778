/* Which organisation a bundle names (see organisation.h). The files are taken
 * as clean's classification takes them: 様式2 is the form-2 workbook (the one in
 * the non-public package when there are two), reports are the readable public
 * PDFs that are no form. */
#include <string.h>
#include "bundle/bundle_model.h"
#include "bundle/form2.h"
#include "clean/organisation.h"
#include "readers/pdf_reader.h"

/* Whether lint flagged the Author (or dc:creator) of f as a person: the
 * classifier lives in the metadata checks, this only reads their verdict. */
static bool author_flagged(const GPtrArray *findings, const nohin_file *f)
{
    for (guint i = 0; findings && i < findings->len; i++) {
        const nohin_finding *x = findings->pdata[i];
        if (strcmp(x->file, f->path)) continue;
        if (!strcmp(x->rule, "PDF-METADATA-PERSON") || !strcmp(x->rule, "XLSX-METADATA-PERSON"))
            if (strstr(x->message, "Author") || strstr(x->message, "creator") ||
                strstr(x->message, "Creator"))
                return true;
    }
    return false;
}

char *nohin_clean_organisation(const nohin_config *cfg, const GPtrArray *files,
                               const GPtrArray *findings, const char **source)
{
    const char *src = NULL;
    char *org = NULL;
    if (cfg && cfg->organisation && *cfg->organisation) {
        org = g_strdup(cfg->organisation);
        src = _("nohin.ini ([bundle] organisation)");
        goto done;
    }
    nohin_file *form2 = NULL;
    GPtrArray *reports = g_ptr_array_new();
    for (guint i = 0; i < files->len; i++) {
        nohin_file *f = files->pdata[i];
        if (nohin_bundle_is_config(f) || nohin_bundle_is_container(f) ||
            nohin_bundle_is_junk(f, NULL))
            continue;
        nohin_form_kind form = nohin_bundle_form_of(f);
        if (form == NOHIN_FORM_2 && (!form2 || f->role == NOHIN_ROLE_INTERNAL)) form2 = f;
        if (form == NOHIN_FORM_NONE && f->role == NOHIN_ROLE_PUBLIC &&
            f->status == NOHIN_STATUS_OK && f->format == NOHIN_FMT_PDF)
            g_ptr_array_add(reports, f);
    }
    if (form2 && form2->format == NOHIN_FMT_XLSX) {
        nohin_form2 *f2 = nohin_form2_read(form2->abspath);
        const char *v = f2->items[NOHIN_FORM2_CONTRACTOR].value;
        if (v && *v) {
            org = g_strdup(v);
            src = _("様式2 (受注事業者名)");
        }
        nohin_form2_free(f2);
    }
    for (guint i = 0; i < reports->len && !org; i++) {
        nohin_file *f = reports->pdata[i];
        if (author_flagged(findings, f)) continue;
        nohin_pdf *pdf = nohin_pdf_of(f);
        char *a = pdf->doc ? poppler_document_get_author(pdf->doc) : NULL;
        if (a && *g_strstrip(a)) {
            org = a;
            src = _("the report's own Author (an organisation)");
        } else {
            g_free(a);
        }
    }
    g_ptr_array_free(reports, TRUE);
done:
    if (source) *source = src;
    return org;
}
