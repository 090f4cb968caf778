/* PDF-METADATA-PERSON, PDF-PROPERTIES, PDF-PRIVATE-DATA: what the document
 * properties say about who made the file and where, whether they carry a
 * proper title, and application-private data the eye never sees. */
#include "pii/pii.h"
#include "readers/pdf_meta.h"

static const nohin_rule rules[] = {
    {"PDF-METADATA-PERSON", NOHIN_SEV_ERROR, true,
     N_("Document properties (Info, XMP) name a person, a login name or a local folder path"),
     "001 §5(2)"},
    {"PDF-PROPERTIES", NOHIN_SEV_WARNING, true, N_("Document title missing or just a file name"),
     "001 §5(2)"},
    {"PDF-PRIVATE-DATA", NOHIN_SEV_WARNING, true,
     N_("Application-private data (PieceInfo, embedded thumbnails, custom properties)"),
     "001 §5(2)"},
    {NULL}};

/* An organisation or a program as author is what the properties should say. */
static bool is_organisation(const char *v, const nohin_config *cfg)
{
    return pii_author_kind_of(v, cfg->organisation) != PII_AUTHOR_PERSON;
}

/* A user's folder (C:\Users\name, /Users/name, /home/name, a network share). */
static bool has_user_path(const char *v)
{
    static GRegex *re;
    static gsize once;
    if (g_once_init_enter(&once)) {
        re = g_regex_new("([A-Za-z]:[\\\\/](Users|Documents and Settings)[\\\\/][^\\\\/]+)|"
                         "(/(Users|home)/[^/\\s]+/)|(^|[\\s\"'(])\\\\\\\\[A-Za-z0-9._-]+\\\\",
                         G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
        g_once_init_leave(&once, 1);
    }
    return re && g_regex_match(re, v, 0, NULL);
}

/* Default account names Windows and Office put in Author. */
static bool is_default_account(const char *v)
{
    return strstr(v, "Windows ユーザー") || strstr(v, "Windows User") || !strcmp(v, "ユーザー") ||
           !strcmp(v, "user") || !strcmp(v, "User") || !strcmp(v, "Administrator") ||
           !strcmp(v, "owner") || !strcmp(v, "Owner");
}

/* Properties that name who wrote the document; any non-organisation is a person. */
static bool is_author_field(const char *label)
{
    const char *l = strchr(label, '/') && g_str_has_prefix(label, "Info/") ? label + 5 : label;
    return !g_ascii_strcasecmp(l, "Author") || !strcmp(l, "dc:creator") ||
           !strcmp(l, "dc:contributor") || !strcmp(l, "pdf:Author") ||
           !g_ascii_strcasecmp(l, "LastModifiedBy") || !g_ascii_strcasecmp(l, "Manager") ||
           !strcmp(l, "photoshop:AuthorsPosition") || !strcmp(l, "photoshop:CaptionWriter") ||
           (g_str_has_prefix(l, "pdfx:") && (strstr(l, "Author") || strstr(l, "Manager") ||
                                             strstr(l, "LastModifiedBy") || strstr(l, "Operator")));
}

typedef struct {
    GHashTable *values; /* value -> GString of labels */
    GPtrArray *order;   /* values in first-seen order */
    GHashTable *objid;  /* value -> objid */
} person_set;

static void note_person(person_set *ps, const nohin_pdf_meta_field *f)
{
    GString *labels = g_hash_table_lookup(ps->values, f->value);
    if (!labels) {
        labels = g_string_new(NULL);
        g_hash_table_insert(ps->values, g_strdup(f->value), labels);
        g_ptr_array_add(ps->order, g_strdup(f->value));
        g_hash_table_insert(ps->objid, g_strdup(f->value), GINT_TO_POINTER(f->objid));
    }
    if (labels->len < 300) g_string_append_printf(labels, "%s%s", labels->len ? "," : "", f->label);
}

static void persons(nohin_ctx *ctx, nohin_file *file, GPtrArray *fields)
{
    const nohin_config *cfg = nohin_ctx_config(ctx);
    person_set ps = {g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                     g_ptr_array_new_with_free_func(g_free),
                     g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    for (guint i = 0; i < fields->len; i++) {
        const nohin_pdf_meta_field *f = fields->pdata[i];
        bool hit = has_user_path(f->value) || is_default_account(f->value) ||
                   (is_author_field(f->label) && !is_organisation(f->value, cfg) &&
                    g_utf8_strlen(f->value, -1) >= 2);
        if (hit) note_person(&ps, f);
    }
    for (guint i = 0; i < ps.order->len && i < 100; i++) {
        const char *v = ps.order->pdata[i];
        GString *labels = g_hash_table_lookup(ps.values, v);
        int objid = GPOINTER_TO_INT(g_hash_table_lookup(ps.objid, v));
        char *m = nohin_mask(v);
        bool path = has_user_path(v);
        nohin_finding *f = nohin_emit(
            ctx, file, "PDF-METADATA-PERSON", nohin_loc_properties(objid),
            _("Set the author to the organisation (File > Properties) and remove personal names "
              "and "
              "folder paths from the metadata (Acrobat: Remove Hidden Information), then export "
              "again."),
            path ? _("Document properties (%s) contain a local folder path that shows a user name.")
                 : _("Document properties (%s) name a person or a login name instead of the "
                     "organisation."),
            labels->str);
        nohin_finding_set_evidence(f, "fields=%s value=%s", labels->str, m);
        if (f)
            nohin_finding_set_severity(ctx, f,
                                       nohin_by_role(file, NOHIN_SEV_ERROR, NOHIN_SEV_INFO));
        g_free(m);
    }
    GHashTableIter it;
    gpointer k, val;
    g_hash_table_iter_init(&it, ps.values);
    while (g_hash_table_iter_next(&it, &k, &val))
        g_string_free(val, TRUE);
    g_hash_table_destroy(ps.values);
    g_hash_table_destroy(ps.objid);
    g_ptr_array_free(ps.order, TRUE);
}

static bool looks_like_file_name(const char *title)
{
    static GRegex *re;
    static gsize once;
    if (g_once_init_enter(&once)) {
        re = g_regex_new("(\\.(docx?|xlsx?|pptx?|pdf|txt|rtf|odt|ods|odp|indd|ai|tex|html?|jtd|"
                         "csv)\\s*$)|^Microsoft (Word|Excel|PowerPoint) - |^(無題|Untitled|"
                         "Document\\d*|文書\\s*\\d*)$",
                         G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
        g_once_init_leave(&once, 1);
    }
    /* A title equal to the PDF's own name is fine: files are often named after the
     * report. What is wrong is a title that is some other document's file name. */
    return re && g_regex_match(re, title, 0, NULL);
}

static void properties(nohin_ctx *ctx, nohin_file *file, GPtrArray *fields)
{
    const char *title = NULL;
    int objid = 0;
    for (guint i = 0; i < fields->len && !title; i++) {
        const nohin_pdf_meta_field *f = fields->pdata[i];
        if (!strcmp(f->label, "Info/Title") || !strcmp(f->label, "dc:title")) {
            title = f->value;
            objid = f->objid;
        }
    }
    const char *fix = _("Set a meaningful title in the document properties (File > Properties > "
                        "Title) before exporting the PDF.");
    nohin_finding *f = NULL;
    if (!title)
        f = nohin_emit(ctx, file, "PDF-PROPERTIES", nohin_loc_none(), fix,
                       _("The PDF has no title in its document properties."));
    else if (looks_like_file_name(title)) {
        f = nohin_emit(ctx, file, "PDF-PROPERTIES", nohin_loc_properties(objid), fix,
                       _("The PDF's title is only a file name (“%s”)."), title);
        nohin_finding_set_evidence(f, "title=%s", title);
    }
    if (f)
        nohin_finding_set_severity(ctx, f, nohin_by_role(file, NOHIN_SEV_WARNING, NOHIN_SEV_INFO));
}

static bool standard_info_key(const char *label)
{
    static const char *const std[] = {
        "Info/Title",    "Info/Author",       "Info/Subject", "Info/Keywords", "Info/Creator",
        "Info/Producer", "Info/CreationDate", "Info/ModDate", "Info/Trapped",  NULL};
    for (int i = 0; std[i]; i++)
        if (!strcmp(label, std[i])) return true;
    return false;
}

/* A page, else the document as a whole: never an object number (it changes on re-export). */
static nohin_location place(nohin_qpdf *qp, int objid)
{
    int page = nohin_qpdf_page_of(qp, objid);
    return page > 0 ? nohin_loc_page(page) : nohin_loc_part("document", NULL, 0);
}

static void private_data(nohin_ctx *ctx, nohin_file *file, nohin_qpdf *qp, GPtrArray *fields)
{
    /* PieceInfo: each application's private copy of its own data (Illustrator,
     * Photoshop, Acrobat edits) — often the whole unflattened original. */
    int pieces = 0, thumbs = 0, first_thumb = 0;
    for (guint i = 0; i < qp->dicts->len; i++) {
        const nohin_qpdf_dict *d = &g_array_index(qp->dicts, nohin_qpdf_dict, i);
        if (nohin_qpdf_has(qp, d->oh, "/PieceInfo") && pieces < 100) {
            qpdf_oh pi = nohin_qpdf_get(qp, d->oh, "/PieceInfo");
            GString *apps = g_string_new(NULL);
            if (qpdf_oh_is_dictionary(qp->q, pi)) {
                qpdf_oh_begin_dict_key_iter(qp->q, pi);
                while (qpdf_oh_dict_more_keys(qp->q) && apps->len < 200)
                    g_string_append_printf(apps, "%s%s", apps->len ? "," : "",
                                           qpdf_oh_dict_next_key(qp->q) + 1);
            }
            pieces++;
            nohin_finding *f = nohin_emit(
                ctx, file, "PDF-PRIVATE-DATA", place(qp, d->objid),
                _("Save the PDF without application data (Acrobat: Save As Other > Optimized PDF > "
                  "Discard private data of other applications)."),
                _("Application-private data (PieceInfo) is stored in the PDF."));
            nohin_finding_set_evidence(f, "applications=%s", apps->str);
            /* clean removes it from the catalog and the pages, not from XObjects */
            char *type = nohin_qpdf_name(qp, d->oh, "/Type");
            if (f)
                f->fixable = !strcmp(type, "/Page") ||
                             d->objid == nohin_qpdf_objid(qp, qpdf_get_root(qp->q));
            g_free(type);
            g_string_free(apps, TRUE);
        }
        if (nohin_qpdf_has(qp, d->oh, "/Thumb") && nohin_qpdf_page_of(qp, d->objid) > 0) {
            if (!thumbs++) first_thumb = nohin_qpdf_page_of(qp, d->objid);
        }
        if (nohin_qpdf_has(qp, d->oh, "/SpiderInfo")) {
            nohin_finding *f = nohin_emit(
                ctx, file, "PDF-PRIVATE-DATA", place(qp, d->objid),
                _("Save the PDF without web capture information."),
                _("Web capture information (SpiderInfo, the addresses pages were captured from) is "
                  "stored in the PDF."));
            nohin_finding_set_evidence(f, "key=SpiderInfo");
            if (f) f->fixable = false; /* clean removes PieceInfo and thumbnails only */
        }
    }
    if (thumbs) {
        nohin_finding *f = nohin_emit(
            ctx, file, "PDF-PRIVATE-DATA", nohin_loc_page(first_thumb),
            _("Remove the embedded page thumbnails (Acrobat: Optimized PDF > Discard embedded page "
              "thumbnails); they can show an earlier state of the page."),
            _("%d pages carry embedded thumbnail images."), thumbs);
        nohin_finding_set_evidence(f, "thumbnails=%d", thumbs);
    }
    GString *custom = g_string_new(NULL);
    int info_id = 0;
    for (guint i = 0; i < fields->len; i++) {
        const nohin_pdf_meta_field *f = fields->pdata[i];
        if (f->xmp || standard_info_key(f->label)) continue;
        info_id = f->objid;
        if (custom->len < 300)
            g_string_append_printf(custom, "%s%s", custom->len ? "," : "", f->label + 5);
    }
    if (custom->len) {
        nohin_finding *f =
            nohin_emit(ctx, file, "PDF-PRIVATE-DATA", nohin_loc_properties(info_id),
                       _("Remove the custom document properties before exporting (File > "
                         "Properties > Custom)."),
                       _("The document properties include custom entries (%s)."), custom->str);
        nohin_finding_set_evidence(f, "keys=%s", custom->str);
    }
    g_string_free(custom, TRUE);
}

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_qpdf *qp = nohin_qpdf_of(file);
    if (!qp->q) return;
    GPtrArray *fields = nohin_pdf_meta_fields(qp, true);
    persons(ctx, file, fields);
    properties(ctx, file, fields);
    private_data(ctx, file, qp, fields);
    g_ptr_array_unref(fields);
    nohin_qpdf_drain_warnings(qp);
}

NOHIN_CHECK(pdf_metadata) = {.name = "pdf_metadata",
                             .rules = rules,
                             .formats = NOHIN_FMT_PDF,
                             .roles = NOHIN_ROLE_ANY,
                             .run_file = run};
