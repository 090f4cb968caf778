/* BUNDLE-LAYOUT, BUNDLE-PUBLIC-PDF, BUNDLE-DATA-FOLDER: the shape of the two packages.
 * 001 §5(1)(2), §6: the internal package (調査報告書等一式) and the public one
 * (調査報告書等一式（公表用）) are kept apart; the public one holds one PDF (report
 * and 様式3 merged) and the figure data in one folder. */
#include <stdlib.h>
#include <string.h>
#include "bundle/bundle_model.h"
#include "bundle/captions.h"
#include "bundle/form3.h"
#include "readers/pdf_reader.h"

static const nohin_rule rules[] = {
    {"BUNDLE-LAYOUT", NOHIN_SEV_ERROR, false,
     N_("Public and internal material not separated into their two packages, or mixed"),
     "001 §5(1)(2), §6"},
    {"BUNDLE-PUBLIC-PDF", NOHIN_SEV_ERROR, false,
     N_("The public package must hold one report PDF, with 様式3's entries merged into it"),
     "001 §5(2)"},
    {"BUNDLE-DATA-FOLDER", NOHIN_SEV_ERROR, false,
     N_("Public figure/table data files not gathered in one folder"), "001 §5(2)"},
    {NULL}};

static void check_separation(nohin_ctx *ctx, const nohin_bundle *b, const nohin_bundle_shape *sh)
{
    if (!sh->has_public && !sh->has_internal) {
        /* Loose files are fine for checking one document; a bundle with its forms
         * but no packages is a submission that was not sorted. */
        if (sh->has_forms && b->files->len > 1)
            nohin_emit(ctx, NULL, "BUNDLE-LAYOUT", nohin_loc_none(),
                       _("Put the public material in a folder named 調査報告書等一式（公表用） and "
                         "the rest in 調査報告書等一式."),
                       _("The bundle is not separated into the internal and the public package."));
        return;
    }
    if (sh->has_internal && !sh->has_public)
        nohin_emit(ctx, NULL, "BUNDLE-LAYOUT", nohin_loc_none(),
                   _("Add the public package 調査報告書等一式（公表用） (one PDF and the public "
                     "figure data)."),
                   _("The bundle has an internal package but no public package."));
    for (guint i = 0; i < b->files->len; i++) {
        nohin_file *f = b->files->pdata[i];
        if (nohin_bundle_is_config(f) || nohin_bundle_is_container(f) ||
            nohin_bundle_is_junk(f, NULL))
            continue;
        if (!f->folder_role) {
            nohin_emit(ctx, f, "BUNDLE-LAYOUT", nohin_loc_none(),
                       _("Move the file into 調査報告書等一式 or 調査報告書等一式（公表用）."),
                       _("%s is outside both packages, so it is unclear whether it may be "
                         "published."),
                       f->path);
            continue;
        }
        nohin_form_kind k = nohin_bundle_form_by_name(f->path);
        if (f->role == NOHIN_ROLE_PUBLIC && k != NOHIN_FORM_NONE)
            nohin_emit(ctx, f, "BUNDLE-LAYOUT", nohin_loc_none(),
                       k == NOHIN_FORM_3
                           ? _("Merge 様式3 into the public PDF (when it has entries) and keep the "
                               "workbook in 調査報告書等一式.")
                           : _("Move the form to 調査報告書等一式; it is not published."),
                       _("様式%d is in the public package; the forms belong to the internal "
                         "package."),
                       (int)k);
    }
}

static bool pdf_mentions(nohin_file *pdf, const char *needle)
{
    nohin_pdf *doc = nohin_pdf_of(pdf);
    if (!doc->doc) return false;
    for (int i = 0; i < doc->n_pages; i++) {
        char *t = nohin_caption_fold(nohin_pdf_page_text(pdf, i));
        bool hit = strstr(t, needle) != NULL;
        g_free(t);
        if (hit) return true;
    }
    return false;
}

/* Entries of the internal 様式3 workbooks (0 when there is none). */
static guint form3_entries(const nohin_bundle *b)
{
    guint n = 0;
    for (guint i = 0; i < b->files->len; i++) {
        nohin_file *f = b->files->pdata[i];
        if (f->role != NOHIN_ROLE_INTERNAL || f->format != NOHIN_FMT_XLSX ||
            f->status != NOHIN_STATUS_OK || nohin_bundle_form_of(f) != NOHIN_FORM_3)
            continue;
        nohin_form3 *f3 = nohin_form3_read(f->abspath);
        n += f3->entries->len;
        nohin_form3_free(f3);
    }
    return n;
}

/* The parts of one report split for the limits of 001 §5(1) (`nohin split`,
 * `nohin clean`): <stem>_分冊1.pdf … <stem>_分冊N.pdf, one report. */
static bool split_parts(const GPtrArray *pdfs)
{
    char *stem = NULL;
    bool ok = true;
    for (guint i = 0; i < pdfs->len && ok; i++) {
        const char *base = nohin_file_basename(pdfs->pdata[i]);
        const char *mark = g_strrstr(base, "_分冊");
        char *end = NULL;
        unsigned long n = mark ? strtoul(mark + strlen("_分冊"), &end, 10) : 0;
        ok = mark && n >= 1 && n <= pdfs->len && end && !g_ascii_strcasecmp(end, ".pdf");
        if (!ok) break;
        char *s = g_strndup(base, (gsize)(mark - base));
        if (!stem)
            stem = s;
        else {
            ok = !strcmp(stem, s);
            g_free(s);
        }
    }
    g_free(stem);
    return ok;
}

static void check_public_pdf(nohin_ctx *ctx, const nohin_bundle *b)
{
    GPtrArray *pdfs = g_ptr_array_new();
    for (guint i = 0; i < b->files->len; i++) {
        nohin_file *f = b->files->pdata[i];
        if (f->role == NOHIN_ROLE_PUBLIC && f->folder_role && nohin_bundle_is_report_pdf(f))
            g_ptr_array_add(pdfs, f);
    }
    if (pdfs->len == 0) {
        nohin_emit(ctx, NULL, "BUNDLE-PUBLIC-PDF", nohin_loc_none(),
                   _("Put the report (merged with 様式3 when it has entries) as one PDF with a "
                     "text layer into 調査報告書等一式（公表用）."),
                   _("The public package holds no report PDF."));
    } else if (pdfs->len > 1 && !split_parts(pdfs)) {
        GString *names = g_string_new(NULL);
        for (guint i = 0; i < pdfs->len; i++)
            g_string_append_printf(names, "%s%s", i ? ", " : "",
                                   nohin_file_basename(pdfs->pdata[i]));
        for (guint i = 1; i < pdfs->len; i++) {
            nohin_finding *x = nohin_emit(
                ctx, pdfs->pdata[i], "BUNDLE-PUBLIC-PDF", nohin_loc_none(),
                _("Merge the parts into one PDF; only a separate deliverable (an English "
                  "version, a summary) may be its own PDF, with its own 様式2."),
                _("The public package holds %u PDFs; the report is to be one PDF."), pdfs->len);
            nohin_finding_set_severity(ctx, x, NOHIN_SEV_WARNING);
            nohin_finding_set_evidence(x, "%s", names->str);
        }
        g_string_free(names, TRUE);
    }
    guint entries = pdfs->len ? form3_entries(b) : 0;
    if (entries > 0) {
        bool merged = false;
        for (guint i = 0; i < pdfs->len && !merged; i++)
            merged = pdf_mentions(pdfs->pdata[i], "二次利用未承諾");
        if (!merged)
            nohin_emit(ctx, pdfs->pdata[0], "BUNDLE-PUBLIC-PDF", nohin_loc_none(),
                       _("Append 様式3 (二次利用未承諾リスト) to the report and export one PDF."),
                       _("様式3 lists %u item(s) but the public PDF does not contain it."),
                       entries);
    }
    g_ptr_array_free(pdfs, TRUE);
}

static void check_data_folder(nohin_ctx *ctx, const nohin_bundle *b)
{
    GHashTable *count = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GPtrArray *data = g_ptr_array_new();
    GHashTable *pdf_dirs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < b->files->len; i++) {
        nohin_file *f = b->files->pdata[i];
        if (f->role != NOHIN_ROLE_PUBLIC || !f->folder_role) continue;
        char *dir = nohin_bundle_dirname(f->path);
        if (nohin_bundle_is_report_pdf(f)) {
            g_hash_table_add(pdf_dirs, dir);
            continue;
        }
        if (!nohin_bundle_is_data(f)) {
            g_free(dir);
            continue;
        }
        g_ptr_array_add(data, f);
        guint n = GPOINTER_TO_UINT(g_hash_table_lookup(count, dir));
        g_hash_table_replace(count, dir, GUINT_TO_POINTER(n + 1));
    }
    if (data->len >= 2) {
        /* The folder most data files are in is the data folder; ties go to the first. */
        char *main_dir = NULL;
        guint best = 0;
        for (guint i = 0; i < data->len; i++) {
            char *dir = nohin_bundle_dirname(((nohin_file *)data->pdata[i])->path);
            guint n = GPOINTER_TO_UINT(g_hash_table_lookup(count, dir));
            if (n > best) {
                best = n;
                g_free(main_dir);
                main_dir = dir;
            } else {
                g_free(dir);
            }
        }
        for (guint i = 0; i < data->len; i++) {
            nohin_file *f = data->pdata[i];
            char *dir = nohin_bundle_dirname(f->path);
            if (main_dir && strcmp(dir, main_dir) != 0)
                nohin_emit(ctx, f, "BUNDLE-DATA-FOLDER", nohin_loc_none(),
                           _("Move every public data file into one folder (e.g. 図表等データ)."),
                           _("%s is not in the data folder %s, where the other data files are."),
                           nohin_file_basename(f), *main_dir ? main_dir : "/");
            g_free(dir);
        }
        if (main_dir && g_hash_table_contains(pdf_dirs, main_dir)) {
            nohin_finding *x = nohin_emit(
                ctx, NULL, "BUNDLE-DATA-FOLDER", nohin_loc_none(),
                _("Gather the data files in a folder of their own (e.g. 図表等データ) beside the "
                  "PDF."),
                _("%u data files lie loose beside the report PDF instead of in one folder."), best);
            nohin_finding_set_severity(ctx, x, NOHIN_SEV_WARNING);
        }
        g_free(main_dir);
    }
    g_ptr_array_free(data, TRUE);
    g_hash_table_destroy(count);
    g_hash_table_destroy(pdf_dirs);
}

static void run(nohin_ctx *ctx, const nohin_bundle *b)
{
    nohin_bundle_shape sh;
    nohin_bundle_shape_of(b, &sh);
    check_separation(ctx, b, &sh);
    if (!sh.has_public) return;
    check_public_pdf(ctx, b);
    check_data_folder(ctx, b);
}

NOHIN_CHECK(bundle_layout) = {.name = "bundle_layout",
                              .rules = rules,
                              .formats = 0,
                              .roles = NOHIN_ROLE_ANY,
                              .run_bundle = run};
