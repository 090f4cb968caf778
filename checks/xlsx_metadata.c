/* What a workbook says about itself and keeps besides its cells: people in the
 * document properties, a missing title (プロパティを含む状態), custom XML parts,
 * pivot caches that keep source rows, and header/footer text. Public files. */
#include <string.h>
#include "clean/clean_xlsx.h"
#include "clean/organisation.h"
#include "clean/xlsx_lint.h"
#include "ooxml/ooxml.h"
#include "pii/pii.h"
#include "readers/xlsx_reader.h"

static const nohin_rule rules[] = {
    {"XLSX-METADATA-PERSON", NOHIN_SEV_ERROR, true,
     N_("Person in the document properties (creator, last modified by, manager, custom, labels)"),
     "001 §5(2)"},
    {"XLSX-PROPERTIES", NOHIN_SEV_WARNING, true,
     N_("Document properties incomplete (title or author missing)"), "001 §5(2)"},
    {"XLSX-CUSTOM-XML", NOHIN_SEV_WARNING, true, N_("Custom XML data part"), "001 §5(2)"},
    {"XLSX-PIVOT-CACHE", NOHIN_SEV_ERROR, true,
     N_("Pivot cache holding a copy of the source records"), "001 §5(2)"},
    /* fixable: clean removes the headers/footers nohin_ooxml_headerfooter_flagged
     * picks, page numbering stays (issue 13) */
    {"XLSX-HEADER-FOOTER", NOHIN_SEV_WARNING, true,
     N_("Header or footer text (file path, names) in the print settings"), "001 §5(2)"},
    {NULL}};

static const char no_author_fix[] =
    N_("Set the author to the organisation (File > Info > Properties > Author).");

/* Values that name a program, an organisation or nothing, not a person. */
static bool not_a_person(const char *v, const nohin_config *cfg)
{
    return pii_author_kind_of(v, cfg ? cfg->organisation : NULL) != PII_AUTHOR_PERSON;
}

static void persons(nohin_ctx *ctx, nohin_file *file, const nohin_xlsx *x)
{
    const nohin_config *cfg = nohin_ctx_config(ctx);
    bool label = false;
    for (guint i = 0; i < x->props->len; i++) {
        const nohin_xlsx_prop *p = x->props->pdata[i];
        bool person_key = !strcmp(p->key, "dc:creator") || !strcmp(p->key, "cp:lastModifiedBy") ||
                          !strcmp(p->key, "Manager");
        bool is_label =
            g_str_has_prefix(p->key, "custom:MSIP_Label_") || g_str_has_prefix(p->key, "label:");
        if (is_label) {
            if (!label)
                nohin_emit(ctx, file, "XLSX-METADATA-PERSON", nohin_loc_none(),
                           _("Remove the sensitivity label before publishing."),
                           _("The workbook carries a sensitivity label (%s) naming the "
                             "organisation's tenant and who applied it."),
                           p->key);
            label = true;
            continue;
        }
        if (person_key && not_a_person(p->value, cfg)) continue;
        if (!person_key && !g_str_has_prefix(p->key, "custom:")) continue;
        if (!person_key &&
            !pii_custom_property_names_person(p->key + 7, p->value, cfg ? cfg->organisation : NULL))
            continue;
        char *m = nohin_mask(p->value);
        nohin_finding *f = nohin_emit(
            ctx, file, "XLSX-METADATA-PERSON", nohin_loc_none(),
            _("Set the property to the organisation (File > Info > Properties), or clear it."),
            _("The property %s holds %s."), p->key, m);
        if (f) nohin_finding_set_evidence(f, "%s=%s", p->key, m);
        g_free(m);
    }
}

static void properties(nohin_ctx *ctx, nohin_file *file, const nohin_xlsx *x)
{
    if (!x->title || !*x->title)
        nohin_emit(ctx, file, "XLSX-PROPERTIES", nohin_loc_none(),
                   _("Set the title to the figure/table name (File > Info > Properties > Title)."),
                   _("The workbook has no title in its document properties."));
    bool author = false;
    for (guint i = 0; i < x->props->len; i++)
        if (!strcmp(((nohin_xlsx_prop *)x->props->pdata[i])->key, "dc:creator")) author = true;
    if (!author)
        nohin_emit(ctx, file, "XLSX-PROPERTIES", nohin_loc_none(), _(no_author_fix),
                   _("The workbook has no author in its document properties."));
}

/* clean writes the organisation as author, when it knows one
 * (src/clean/organisation.c); with none, "no author" is not fixable. */
static void no_author(nohin_ctx *ctx, const nohin_bundle *b)
{
    (void)ctx;
    GPtrArray *open = g_ptr_array_new();
    const char *fix = _(no_author_fix);
    for (guint i = 0; b->findings && i < b->findings->len; i++) {
        nohin_finding *f = b->findings->pdata[i];
        if (f->fixable && !strcmp(f->rule, "XLSX-PROPERTIES") && !strcmp(f->fix, fix))
            g_ptr_array_add(open, f);
    }
    char *org = open->len ? nohin_clean_organisation(b->config, b->files, b->findings, NULL) : NULL;
    for (guint i = 0; i < open->len && !org; i++) {
        nohin_finding *f = open->pdata[i];
        f->fixable = false;
        char *more = g_strconcat(f->fix, " ",
                                 _("nohin clean cannot set it: no organisation is known (set "
                                   "[bundle] organisation in nohin.ini, or fill in 様式2's "
                                   "受注事業者名)."),
                                 NULL);
        g_free(f->fix);
        f->fix = more;
    }
    g_free(org);
    g_ptr_array_free(open, TRUE);
}

static void parts(nohin_ctx *ctx, nohin_file *file, const nohin_xlsx *x)
{
    for (guint i = 0; i < x->custom_xml->len; i++) {
        const nohin_xlsx_part *p = x->custom_xml->pdata[i];
        nohin_finding *f = nohin_emit(ctx, file, "XLSX-CUSTOM-XML", nohin_loc_none(),
                                      _("Remove the custom XML part (Document Inspector > Custom "
                                        "XML Data)."),
                                      _("The workbook carries a custom XML part (%s)."), p->part);
        if (f) nohin_finding_set_evidence(f, "root=%s", p->target ? p->target : "");
    }
    /* clean drops a cache nothing refers to; a workbook whose pivot caches are in
     * use it refuses, and then not_taken below says so */
    for (guint i = 0; i < x->pivot_records->len; i++) {
        const nohin_xlsx_part *p = x->pivot_records->pdata[i];
        nohin_finding *f = nohin_emit(
            ctx, file, "XLSX-PIVOT-CACHE", nohin_loc_none(),
            _("Copy the pivot table and paste it as values, or turn off \"Save source data with "
              "file\" (PivotTable Options > Data)."),
            _("A pivot cache keeps %llu source records, which can include rows the table does not "
              "show."),
            (unsigned long long)p->count);
        if (f) nohin_finding_set_evidence(f, "part=%s", p->part);
    }
}

static void headers(nohin_ctx *ctx, nohin_file *file, const nohin_xlsx *x)
{
    for (guint i = 0; i < x->sheets->len; i++) {
        const nohin_xlsx_sheet *s = x->sheets->pdata[i];
        for (guint j = 0; j < s->headers_footers->len; j++) {
            const nohin_xlsx_headerfooter *h = s->headers_footers->pdata[j];
            bool path = false, name = false;
            char *t = nohin_xlsx_headerfooter_text(h->text, &path, &name);
            /* the model's decision: clean removes exactly these */
            if (nohin_ooxml_headerfooter_flagged(h->text)) {
                char *m = nohin_mask(t);
                nohin_finding *f = nohin_emit(
                    ctx, file, "XLSX-HEADER-FOOTER", nohin_loc_sheet(s->name),
                    _("Clear the header/footer (Page Layout > Print Titles > Header/Footer) or "
                      "keep only page numbers."),
                    path ? _("The %s of sheet %s prints the file's folder path.")
                         : (*t ? _("The %s of sheet %s holds text.")
                               : _("The %s of sheet %s prints the file name.")),
                    h->kind, s->name);
                if (f) nohin_finding_set_evidence(f, "text=%s", m);
                /* clean rewrites worksheets only: a chart sheet's header stays */
                if (f && s->kind != NOHIN_SHEET_WORKSHEET) f->fixable = false;
                g_free(m);
            }
            g_free(t);
        }
    }
}

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_xlsx *x = nohin_xlsx_of(file);
    if (x->status != NOHIN_XLSX_OK) return;
    persons(ctx, file, x);
    properties(ctx, file, x);
    parts(ctx, file, x);
    headers(ctx, file, x);
}

/* A workbook clean leaves out whatever its cells hold (pivot tables, strict
 * OOXML, damaged relationships…): none of its findings is fixable, whichever
 * check gave it. The reason is clean's own (one predicate). */
static void not_taken(nohin_ctx *ctx, nohin_file *file)
{
    nohin_xlsx *x = nohin_xlsx_of(file);
    if (x->status != NOHIN_XLSX_OK || !x->zip) return;
    char *why = nohin_clean_xlsx_refusal(file->abspath);
    for (guint i = 0; i < x->sheets->len && !why; i++) {
        const nohin_xlsx_sheet *s = x->sheets->pdata[i];
        if (!nohin_clean_xlsx_keeps_hidden(x, s)) continue;
        /* clean's own words (clean_xlsx.c scan_sheets) */
        why = g_strdup_printf(
            s->formulas_without_value
                ? _("sheet \"%s\" has formulas without stored values and hidden rows or "
                    "columns whose deletion would move their references; open and save "
                    "it in Excel or LibreOffice so values are stored")
                : _("sheet \"%s\" has hidden rows or columns and charts, pictures or "
                    "tables whose anchors would move"),
            s->name);
    }
    if (!why) return;
    char *said = g_strdup_printf(_("nohin clean leaves this workbook to a person (%s)."), why);
    nohin_ctx_file_not_fixable(ctx, file, said);
    g_free(said);
    g_free(why);
}

NOHIN_CHECK(xlsx_metadata) = {.name = "xlsx_metadata",
                              .rules = rules,
                              .formats = NOHIN_FMT_XLSX,
                              .roles = NOHIN_ROLE_PUBLIC,
                              .run_file = run,
                              .run_bundle = no_author,
                              .after_file = not_taken};
