/* BUNDLE-FORM and BUNDLE-MACHINE-READABLE: what the internal package must hold
 * (001 §5(1)(3)): 様式1 (Word, ≤ 3 pages, no figures), 様式2 (Excel, one per public
 * PDF), 様式3 (Excel), and the report in a machine-readable format beside its PDF. */
#include <string.h>
#include "bundle/bundle_model.h"
#include "bundle/captions.h"
#include "readers/docx_reader.h"

static const nohin_rule rules[] = {
    {"BUNDLE-FORM", NOHIN_SEV_ERROR, false,
     N_("様式1/2/3 missing, in the wrong format, 様式1 over 3 pages or with figures, or 様式2 "
        "not one per public PDF"),
     "001 §5(1)(3)"},
    {"BUNDLE-MACHINE-READABLE", NOHIN_SEV_ERROR, false,
     N_("Report without a machine-readable counterpart, or data delivered as an image"),
     "001 §5(1)"},
    {NULL}};

#define FORM1_MAX_PAGES 3

static void check_form1(nohin_ctx *ctx, nohin_file *f)
{
    char *ext = nohin_file_extension(f->path);
    if (f->format != NOHIN_FMT_DOCX || strcmp(ext, "docx") != 0) {
        nohin_emit(ctx, f, "BUNDLE-FORM", nohin_loc_none(), _("Save 様式1 in Word format (.docx)."),
                   _("様式1 must be a Word file (.docx); this is %s."), nohin_content_label(f));
    } else if (f->status == NOHIN_STATUS_OK) {
        nohin_docx *d = nohin_docx_of(f);
        if (d->error) {
            nohin_emit(ctx, f, "BUNDLE-FORM", nohin_loc_none(), _("Save 様式1 again with Word."),
                       _("様式1 cannot be read: %s."), d->error);
        } else {
            if (d->pages > FORM1_MAX_PAGES)
                nohin_emit(ctx, f, "BUNDLE-FORM", nohin_loc_none(),
                           _("Shorten 様式1 to 3 pages in the given layout."),
                           _("様式1 has %d pages (docProps/app.xml); at most %d are allowed."),
                           d->pages, FORM1_MAX_PAGES);
            if (d->media > 0 || d->drawings > 0) {
                nohin_finding *x =
                    nohin_emit(ctx, f, "BUNDLE-FORM", nohin_loc_none(),
                               _("Remove the figures and pictures; write 様式1 as text only."),
                               _("様式1 contains figures or pictures; it must be text only."));
                nohin_finding_set_evidence(x, "media=%d drawings=%d", d->media, d->drawings);
            }
        }
    }
    g_free(ext);
}

static void check_excel_form(nohin_ctx *ctx, nohin_file *f, int n)
{
    if (f->format != NOHIN_FMT_XLSX)
        nohin_emit(ctx, f, "BUNDLE-FORM", nohin_loc_none(),
                   _("Save the form in Excel format (.xlsx)."),
                   _("様式%d must be an Excel file; this is %s."), n, nohin_content_label(f));
}

static void missing(nohin_ctx *ctx, int n, const char *what)
{
    nohin_emit(ctx, NULL, "BUNDLE-FORM", nohin_loc_none(),
               _("Add the form (downloaded from METI's 委託調査報告書 page) to 調査報告書等一式."),
               _("様式%d (%s) is missing from the internal package."), n, what);
}

/* Machine-readable document formats (001 §5(1) note 1): Word, Excel, PowerPoint,
 * HTML, text, CSV, EPUB … — not a scan. */
static bool machine_readable_doc(const nohin_file *f)
{
    static const char *const exts[] = {"docx", "doc", "odt",  "rtf",  "html", "htm", "xhtml",
                                       "txt",  "md",  "epub", "pptx", "xlsx", "csv", NULL};
    if (f->format == NOHIN_FMT_DOCX) return true;
    char *ext = nohin_file_extension(f->path);
    bool ok = false;
    for (const char *const *e = exts; *e && !ok; e++)
        ok = !strcmp(ext, *e);
    g_free(ext);
    return ok && !nohin_bundle_is_image(f);
}

static char *stem_key(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    char *stem = dot && dot != base ? g_strndup(base, (gsize)(dot - base)) : g_strdup(base);
    char *key = nohin_caption_title_key(stem);
    g_free(stem);
    return key;
}

static void check_counterparts(nohin_ctx *ctx, GPtrArray *pdfs, GPtrArray *docs)
{
    for (guint i = 0; i < pdfs->len; i++) {
        nohin_file *pdf = pdfs->pdata[i];
        char *key = stem_key(pdf->path);
        bool found = false;
        for (guint j = 0; j < docs->len && !found; j++) {
            char *k = stem_key(((nohin_file *)docs->pdata[j])->path);
            found = !strcmp(k, key);
            g_free(k);
        }
        /* One report and one document under another name is still its counterpart. */
        if (!found && pdfs->len == 1 && docs->len >= 1) found = true;
        if (!found)
            nohin_emit(ctx, pdf, "BUNDLE-MACHINE-READABLE", nohin_loc_none(),
                       _("Add the report's Word (or other machine-readable) file, with the same "
                         "name as the PDF, to 調査報告書等一式."),
                       _("%s has no machine-readable counterpart (Word, Excel, HTML, text) in "
                         "the internal package."),
                       nohin_file_basename(pdf));
        g_free(key);
    }
}

static void run(nohin_ctx *ctx, const nohin_bundle *b)
{
    nohin_bundle_shape sh;
    nohin_bundle_shape_of(b, &sh);
    guint public_pdfs = 0;
    GPtrArray *forms[4] = {NULL, g_ptr_array_new(), g_ptr_array_new(), g_ptr_array_new()};
    GPtrArray *pdfs = g_ptr_array_new(), *docs = g_ptr_array_new();
    for (guint i = 0; i < b->files->len; i++) {
        nohin_file *f = b->files->pdata[i];
        if (nohin_bundle_is_junk(f, NULL) || nohin_bundle_is_container(f)) continue;
        if (nohin_bundle_is_image(f) && f->folder_role) {
            nohin_finding *x = nohin_emit(
                ctx, f, "BUNDLE-MACHINE-READABLE", nohin_loc_none(),
                _("Deliver the data behind the image as Excel or CSV; an image is not "
                  "machine-readable."),
                _("%s is an image; data must be delivered in a machine-readable format."),
                nohin_file_basename(f));
            nohin_finding_set_severity(ctx, x, NOHIN_SEV_WARNING);
        }
        if (f->role == NOHIN_ROLE_PUBLIC && f->folder_role && nohin_bundle_is_report_pdf(f))
            public_pdfs++;
        if (f->role != NOHIN_ROLE_INTERNAL || !f->folder_role) continue;
        nohin_form_kind k = nohin_bundle_form_of(f);
        if (k != NOHIN_FORM_NONE)
            g_ptr_array_add(forms[k], f);
        else if (f->format == NOHIN_FMT_PDF)
            g_ptr_array_add(pdfs, f);
        else if (machine_readable_doc(f) && f->format != NOHIN_FMT_XLSX &&
                 f->format != NOHIN_FMT_CSV)
            g_ptr_array_add(docs, f);
    }
    if (sh.has_internal) {
        if (!forms[1]->len) missing(ctx, 1, "委託調査報告書骨子");
        for (guint i = 0; i < forms[1]->len; i++)
            check_form1(ctx, forms[1]->pdata[i]);
        if (!forms[2]->len) missing(ctx, 2, "委託調査報告書公表用書誌情報");
        for (guint i = 0; i < forms[2]->len; i++)
            check_excel_form(ctx, forms[2]->pdata[i], 2);
        if (forms[2]->len && sh.has_public && public_pdfs && forms[2]->len != public_pdfs)
            nohin_emit(ctx, forms[2]->pdata[0], "BUNDLE-FORM", nohin_loc_none(),
                       _("Make one 様式2 for each public PDF."),
                       _("There are %u 様式2 file(s) for %u public PDF(s); 様式2 is one per PDF."),
                       forms[2]->len, public_pdfs);
        if (!forms[3]->len) missing(ctx, 3, "二次利用未承諾リスト");
        for (guint i = 0; i < forms[3]->len; i++)
            check_excel_form(ctx, forms[3]->pdata[i], 3);
        check_counterparts(ctx, pdfs, docs);
    }
    for (int k = 1; k <= 3; k++)
        g_ptr_array_free(forms[k], TRUE);
    g_ptr_array_free(pdfs, TRUE);
    g_ptr_array_free(docs, TRUE);
}

NOHIN_CHECK(bundle_forms) = {.name = "bundle_forms",
                             .rules = rules,
                             .formats = 0,
                             .roles = NOHIN_ROLE_ANY,
                             .run_bundle = run};
