/* Active content (000 §16: no executable content, no automatic access to
 * outside servers): macros (VBA, XLM macro sheets, macro-enabled content
 * types also behind an .xlsx name), external workbook links and the formulas
 * that use them, data connections (queries, web queries, Power Query), and
 * embedded OLE objects and ActiveX controls. Macros, links and connections are
 * reported for every role; embedded objects for public files. */
#include <string.h>
#include "readers/xlsx_reader.h"

static const nohin_rule rules[] = {
    {"XLSX-MACRO", NOHIN_SEV_ERROR, true,
     N_("Workbook with macros (VBA project, XLM macro sheets, macro-enabled type)"),
     "000 §16, 001 §5(2)"},
    {"XLSX-EXTERNAL-LINK", NOHIN_SEV_ERROR, true,
     N_("Link to another workbook or source (externalLink part, or a formula that uses one)"),
     "000 §16, 001 §5(2)"},
    {"XLSX-DATA-CONNECTION", NOHIN_SEV_ERROR, true,
     N_("Data connection (database, web query, Power Query)"), "000 §16, 001 §5(2)"},
    {"XLSX-EMBEDDED-OBJECT", NOHIN_SEV_ERROR, true,
     N_("Embedded object (OLE object, package, ActiveX control)"), "000 §16, 001 §5(2)"},
    {NULL}};

static void macros(nohin_ctx *ctx, nohin_file *file, const nohin_xlsx *x)
{
    char *ext = nohin_file_extension(file->path);
    bool disguised = strcmp(ext, "xlsm") != 0 && strcmp(ext, "xltm") != 0;
    const char *fix = _("Remove the macros and save as Excel Workbook (.xlsx); publish data, not "
                        "programs.");
    if (x->has_vba) {
        nohin_finding *f =
            nohin_emit(ctx, file, "XLSX-MACRO", nohin_loc_none(), fix,
                       disguised ? _("The workbook carries a VBA macro project although its name "
                                     "ends in .%s.")
                                 : _("The workbook carries a VBA macro project (.%s)."),
                       ext);
        if (f) nohin_finding_set_evidence(f, "part=%s", x->vba_part ? x->vba_part : "vbaProject");
    } else if (x->macro_content_type) {
        nohin_emit(ctx, file, "XLSX-MACRO", nohin_loc_none(), fix,
                   _("The workbook is declared macro-enabled (.%s content type)."), ext);
    }
    for (guint i = 0; i < x->sheets->len; i++) {
        const nohin_xlsx_sheet *s = x->sheets->pdata[i];
        if (s->kind == NOHIN_SHEET_MACROSHEET)
            nohin_emit(ctx, file, "XLSX-MACRO", nohin_loc_sheet(s->name), fix,
                       _("Sheet %s is an Excel 4.0 (XLM) macro sheet."), s->name);
        else if (s->kind == NOHIN_SHEET_DIALOGSHEET)
            nohin_emit(ctx, file, "XLSX-MACRO", nohin_loc_sheet(s->name), fix,
                       _("Sheet %s is an Excel 5.0 dialog sheet, driven by macros."), s->name);
    }
    if (x->auto_open_name)
        nohin_emit(ctx, file, "XLSX-MACRO", nohin_loc_none(), fix,
                   _("The defined name %s runs a macro when the workbook opens or closes."),
                   x->auto_open_name);
    g_free(ext);
}

static void links(nohin_ctx *ctx, nohin_file *file, const nohin_xlsx *x)
{
    for (guint i = 0; i < x->external_links->len; i++) {
        const nohin_xlsx_part *p = x->external_links->pdata[i];
        char *t = nohin_xlsx_mask_path(p->target ? p->target : "");
        nohin_finding *f =
            nohin_emit(ctx, file, "XLSX-EXTERNAL-LINK", nohin_loc_none(),
                       _("Break the link (Data > Edit Links > Break Link) so the values are "
                         "stored, not fetched."),
                       _("The workbook links to %s."), *t ? t : _("an external source"));
        if (f) nohin_finding_set_evidence(f, "part=%s", p->part);
        g_free(t);
    }
    for (guint i = 0; i < x->sheets->len; i++) {
        const nohin_xlsx_sheet *s = x->sheets->pdata[i];
        const nohin_xlsx_marks *m = &s->marks[NOHIN_MARK_EXTERNAL_REF];
        for (guint j = 0; m->ranges && j < m->ranges->len; j++) {
            const nohin_xlsx_range *r = &g_array_index(m->ranges, nohin_xlsx_range, j);
            char *ref = nohin_xlsx_range_ref(r);
            nohin_finding *f =
                nohin_emit(ctx, file, "XLSX-EXTERNAL-LINK", nohin_loc_cell(s->name, ref),
                           _("Replace the formulas with their values (Paste Special > Values)."),
                           _("Formulas in %s!%s take values from another workbook."), s->name, ref);
            if (f && r->evidence) nohin_finding_set_evidence(f, "formula=%s", r->evidence);
            g_free(ref);
        }
    }
}

static void connections(nohin_ctx *ctx, nohin_file *file, const nohin_xlsx *x)
{
    const char *fix = _("Delete the connection (Data > Queries & Connections) after converting its "
                        "results to values.");
    for (guint i = 0; i < x->connections->len; i++) {
        const nohin_xlsx_part *p = x->connections->pdata[i];
        nohin_finding *f =
            nohin_emit(ctx, file, "XLSX-DATA-CONNECTION", nohin_loc_none(), fix,
                       _("The workbook has a data connection named %s."), p->name ? p->name : "?");
        if (f && p->target) {
            /* credentials never reach a report (issue16) */
            char *c = nohin_mask_connection_string(p->target);
            char *t = nohin_xlsx_mask_path(c);
            nohin_finding_set_evidence(f, "source=%s", t);
            g_free(t);
            g_free(c);
        }
    }
    for (guint i = 0; i < x->query_tables->len; i++) {
        const nohin_xlsx_part *p = x->query_tables->pdata[i];
        nohin_finding *f = nohin_emit(ctx, file, "XLSX-DATA-CONNECTION", nohin_loc_none(), fix,
                                      _("The workbook has a query table (%s) that refreshes from a "
                                        "data source."),
                                      p->name ? p->name : p->part);
        if (f) nohin_finding_set_evidence(f, "part=%s", p->part);
    }
    if (x->power_query && x->connections->len == 0)
        nohin_emit(ctx, file, "XLSX-DATA-CONNECTION", nohin_loc_none(), fix,
                   _("The workbook holds Power Query definitions (DataMashup)."));
}

/* clean removes an embedded part only when nothing kept refers to it: an
 * <oleObject>/<control> on a visible sheet (clean keeps those sheets and their
 * references) keeps the objects, so lint must not call them fixable. */
/* clean removes embedded parts with the <oleObjects>/<controls> of every kept
 * worksheet (src/clean/xlsx_sheet.c), so both findings are fixable; a sheet
 * clean does not rewrite (a chart sheet) keeps its objects. */
static void objects(nohin_ctx *ctx, nohin_file *file, const nohin_xlsx *x)
{
    bool unrewritten = false;
    for (guint i = 0; i < x->sheets->len; i++) {
        const nohin_xlsx_sheet *s = x->sheets->pdata[i];
        if (s->state == NOHIN_SHEET_VISIBLE && s->kind != NOHIN_SHEET_WORKSHEET &&
            (s->ole_objects || s->controls))
            unrewritten = true;
    }
    for (guint i = 0; i < x->embedded->len; i++) {
        const nohin_xlsx_part *p = x->embedded->pdata[i];
        const char *base = strrchr(p->part, '/');
        nohin_finding *f = nohin_emit(
            ctx, file, "XLSX-EMBEDDED-OBJECT", nohin_loc_none(),
            _("Delete the embedded object; publish its content as a separate file if needed."),
            p->name ? _("The workbook contains an ActiveX control (%s).")
                    : _("The workbook contains an embedded object (%s)."),
            base ? base + 1 : p->part);
        if (f) nohin_finding_set_evidence(f, "part=%s", p->part);
        if (f && unrewritten) f->fixable = false;
    }
    for (guint i = 0; i < x->sheets->len; i++) {
        const nohin_xlsx_sheet *s = x->sheets->pdata[i];
        nohin_finding *f = NULL;
        if (s->ole_objects && x->embedded->len == 0)
            f = nohin_emit(
                ctx, file, "XLSX-EMBEDDED-OBJECT", nohin_loc_sheet(s->name),
                _("Delete the embedded object; publish its content as a separate file if "
                  "needed."),
                _("Sheet %s has %d OLE object(s)."), s->name, s->ole_objects);
        if (f && s->state == NOHIN_SHEET_VISIBLE && s->kind != NOHIN_SHEET_WORKSHEET)
            f->fixable = false;
    }
}

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_xlsx *x = nohin_xlsx_of(file);
    if (x->status != NOHIN_XLSX_OK) return;
    macros(ctx, file, x);
    links(ctx, file, x);
    connections(ctx, file, x);
    if (file->role != NOHIN_ROLE_INTERNAL) objects(ctx, file, x);
}

NOHIN_CHECK(xlsx_active) = {.name = "xlsx_active",
                            .rules = rules,
                            .formats = NOHIN_FMT_XLSX,
                            .roles = NOHIN_ROLE_ANY,
                            .run_file = run};
