/* PDF-FORM: interactive form fields that carry values, and XFA forms. A field's
 * value is data in the file whether or not its appearance shows it. */
#include "readers/qpdf_reader.h"

static const nohin_rule rules[] = {
    {"PDF-FORM", NOHIN_SEV_WARNING, true,
     N_("Interactive form (AcroForm fields with values, or an XFA form)"), "001 §5(2)"},
    {NULL}};

typedef struct {
    nohin_ctx *ctx;
    nohin_file *file;
    nohin_qpdf *qp;
    int fields, with_value, budget;
} form_run;

static char *value_text(nohin_qpdf *qp, qpdf_oh v)
{
    qpdf_data q = qp->q;
    if (qpdf_oh_is_string(q, v)) return nohin_qpdf_text(qp, v, 4096);
    if (qpdf_oh_is_name(q, v)) {
        const char *n = qpdf_oh_get_name(q, v);
        return strcmp(n, "/Off") != 0 ? g_strdup(n + 1) : NULL;
    }
    if (qpdf_oh_is_array(q, v)) {
        GString *s = g_string_new(NULL);
        int n = qpdf_oh_get_array_n_items(q, v);
        for (int i = 0; i < n && i < 20; i++) {
            char *t = value_text(qp, qpdf_oh_get_array_item(q, v, i));
            if (t) g_string_append_printf(s, "%s%s", s->len ? "; " : "", t);
            g_free(t);
        }
        return g_string_free(s, FALSE);
    }
    if (qpdf_oh_is_dictionary(q, v)) return g_strdup("signature"); /* /FT /Sig */
    if (qpdf_oh_is_number(q, v)) return g_strdup_printf("%g", qpdf_oh_get_numeric_value(q, v));
    return NULL;
}

/* Where a field shows: itself when it is its own widget, else its first widget. */
static int field_objid(nohin_qpdf *qp, qpdf_oh field)
{
    int id = nohin_qpdf_objid(qp, field);
    if (nohin_qpdf_page_of(qp, id) > 0) return id;
    qpdf_oh kids = nohin_qpdf_get(qp, field, "/Kids");
    if (qpdf_oh_is_array(qp->q, kids) && qpdf_oh_get_array_n_items(qp->q, kids) > 0) {
        int k = nohin_qpdf_objid(qp, qpdf_oh_get_array_item(qp->q, kids, 0));
        if (nohin_qpdf_page_of(qp, k) > 0) return k;
    }
    return id;
}

/* The field's page, else its name (an object number means nothing to a person). */
static nohin_location field_loc(nohin_qpdf *qp, qpdf_oh field, const char *name)
{
    int page = nohin_qpdf_page_of(qp, field_objid(qp, field));
    return page > 0 ? nohin_loc_page(page) : nohin_loc_part("form", name, 0);
}

static void field(form_run *r, qpdf_oh f, const char *parent_name, qpdf_oh inherited_v, int depth)
{
    nohin_qpdf *qp = r->qp;
    qpdf_data q = qp->q;
    if (depth > 32 || r->budget-- <= 0 || !qpdf_oh_is_dictionary(q, f)) return;
    char *t = nohin_qpdf_key_text(qp, f, "/T", 512);
    char *name = t ? (*parent_name ? g_strdup_printf("%s.%s", parent_name, t) : g_strdup(t))
                   : g_strdup(parent_name);
    qpdf_oh v = nohin_qpdf_has(qp, f, "/V") ? nohin_qpdf_get(qp, f, "/V") : inherited_v;
    qpdf_oh kids = nohin_qpdf_get(qp, f, "/Kids");
    int n = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_n_items(q, kids) : 0;
    /* Kids that have names are fields; kids without are only the widgets of this one. */
    bool has_child_fields = false;
    for (int i = 0; i < n; i++)
        if (nohin_qpdf_has(qp, qpdf_oh_get_array_item(q, kids, i), "/T")) has_child_fields = true;
    if (has_child_fields) {
        for (int i = 0; i < n; i++)
            field(r, qpdf_oh_get_array_item(q, kids, i), name, v, depth + 1);
    } else if (t || depth == 0) {
        r->fields++;
        char *val = value_text(qp, v);
        if (val && *val) {
            r->with_value++;
            char *m = nohin_mask(val);
            nohin_finding *fd = nohin_emit(
                r->ctx, r->file, "PDF-FORM", field_loc(qp, f, name),
                _("Flatten the form (print to PDF or export without form fields) so no field "
                  "value stays in the file as data."),
                _("Form field “%s” holds a value."), name);
            nohin_finding_set_evidence(fd, "field=%s value=%s", name, m);
            if (fd)
                nohin_finding_set_severity(
                    r->ctx, fd, nohin_by_role(r->file, NOHIN_SEV_WARNING, NOHIN_SEV_INFO));
            g_free(m);
        }
        g_free(val);
    }
    g_free(name);
    g_free(t);
}

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_qpdf *qp = nohin_qpdf_of(file);
    if (!qp->q) return;
    qpdf_data q = qp->q;
    qpdf_oh root = qpdf_get_root(q);
    qpdf_oh acro = nohin_qpdf_get(qp, root, "/AcroForm");
    if (!qpdf_oh_is_dictionary(q, acro)) return;
    form_run r = {ctx, file, qp, 0, 0, 100000};
    qpdf_oh fields = nohin_qpdf_get(qp, acro, "/Fields");
    int n = qpdf_oh_is_array(q, fields) ? qpdf_oh_get_array_n_items(q, fields) : 0;
    for (int i = 0; i < n; i++)
        field(&r, qpdf_oh_get_array_item(q, fields, i), "", qpdf_oh_new_null(q), 0);
    int acro_id = nohin_qpdf_objid(qp, acro);
    if (acro_id <= 0) acro_id = nohin_qpdf_objid(qp, root); /* a direct AcroForm: the catalog */
    if (nohin_qpdf_has(qp, acro, "/XFA")) {
        nohin_finding *f = nohin_emit(
            ctx, file, "PDF-FORM", nohin_loc_part("form", NULL, 0),
            _("Export the form as a plain PDF (print to PDF): an XFA form holds its own data and "
              "scripts that many readers cannot show."),
            _("The PDF contains an XFA form."));
        nohin_finding_set_evidence(f, "xfa=yes fields=%d", r.fields);
        if (f)
            nohin_finding_set_severity(ctx, f,
                                       nohin_by_role(file, NOHIN_SEV_ERROR, NOHIN_SEV_INFO));
    } else if (r.fields > 0 && r.with_value == 0) {
        nohin_finding *f =
            nohin_emit(ctx, file, "PDF-FORM", nohin_loc_part("form", NULL, 0),
                       _("Flatten the form if the report does not need to be filled in."),
                       _("The PDF has %d empty interactive form fields."), r.fields);
        nohin_finding_set_evidence(f, "fields=%d", r.fields);
        if (f) nohin_finding_set_severity(ctx, f, NOHIN_SEV_INFO);
    }
    nohin_qpdf_drain_warnings(qp);
}

NOHIN_CHECK(pdf_form) = {.name = "pdf_form",
                         .rules = rules,
                         .formats = NOHIN_FMT_PDF,
                         .roles = NOHIN_ROLE_ANY,
                         .run_file = run};
