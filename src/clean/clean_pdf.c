/* PDF sanitiser: qpdf C API object edits, optional form flattening through a
 * QPDFJob, and a full rewrite with a deterministic /ID (no incremental update,
 * so earlier revisions are gone). */
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <qpdf/qpdf-c.h>
#include <qpdf/qpdfjob-c.h>
#include <string.h>
#include "clean/clean_pdf.h"
#include "ocr/ocr.h"
#include "readers/qpdf_reader.h"
#include "clean/outdir.h"
#include "clean/qpdf_guard.h"
#include "clean/pdf_meta.h"

#define MAX_OUTLINE_ITEMS 200000 /* hostile outlines: cycles are caught by id, size by this */
#define MAX_OUTLINE_DEPTH 64

typedef struct {
    int part; /* index into parts */
    int page; /* 1-based page in that part */
} page_origin;

typedef struct {
    qpdf_data q;
    nohin_fixlist *fl;
    const nohin_pdf_part *parts;
    const char *out_name;
    GArray *origins; /* page_origin per output page */
    GHashTable *seen;
    int outline_items;
    bool has_form;
} san;

/* An Info entry as UTF-8 (PDFDocEncoding and UTF-16 decoded); "" when absent. */
static const char *info_utf8(qpdf_data q, const char *key)
{
    qpdf_oh info = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
    if (!qpdf_oh_is_dictionary(q, info)) return "";
    qpdf_oh v = qpdf_oh_get_key(q, info, key);
    return qpdf_oh_is_string(q, v) ? qpdf_oh_get_utf8_value(q, v) : "";
}

static bool name_is(qpdf_data q, qpdf_oh oh, const char *name)
{
    return qpdf_oh_is_name(q, oh) && strcmp(qpdf_oh_get_name(q, oh), name) == 0;
}

static const char *part_name(san *s, int page_index)
{
    if (page_index < 0 || (guint)page_index >= s->origins->len) return s->parts[0].name;
    return s->parts[g_array_index(s->origins, page_origin, page_index).part].name;
}

static char *page_loc(san *s, int page_index)
{
    int p = page_index + 1;
    if (page_index >= 0 && (guint)page_index < s->origins->len)
        p = g_array_index(s->origins, page_origin, page_index).page;
    nohin_location loc = nohin_loc_page(p);
    char *t = nohin_location_format(&loc);
    nohin_location_clear(&loc);
    return t;
}

static void changed(san *s, int page_index, const char *rule, const char *msg)
{
    char *loc = page_index >= 0 ? page_loc(s, page_index) : NULL;
    nohin_fixlist_add(s->fl, NOHIN_FIX_CHANGED, rule, part_name(s, page_index), s->out_name, loc,
                      "%s", msg);
    g_free(loc);
}

static void manual(san *s, int page_index, const char *rule, const char *msg)
{
    char *loc = page_index >= 0 ? page_loc(s, page_index) : NULL;
    nohin_fixlist_add(s->fl, NOHIN_FIX_MANUAL, rule, part_name(s, page_index), NULL, loc, "%s",
                      msg);
    g_free(loc);
}

/* NULL when an action may stay (internal jumps, web links, viewer commands),
 * else the rule that says why it must go. */
static const char *action_rule(qpdf_data q, qpdf_oh action)
{
    if (!qpdf_oh_is_dictionary(q, action)) return NULL;
    qpdf_oh s = qpdf_oh_get_key(q, action, "/S");
    if (name_is(q, s, "/GoTo") || name_is(q, s, "/URI") || name_is(q, s, "/Named")) return NULL;
    if (name_is(q, s, "/JavaScript")) return "PDF-JAVASCRIPT";
    return "PDF-EXTERNAL-ACTION";
}

static const char *action_name(qpdf_data q, qpdf_oh action)
{
    qpdf_oh s = qpdf_oh_get_key(q, action, "/S");
    return qpdf_oh_is_name(q, s) ? qpdf_oh_get_name(q, s) + 1 : "?";
}

/* A kept action may chain more actions through /Next (which can hold JavaScript). */
static void drop_next(san *s, qpdf_oh action, int page_index)
{
    if (qpdf_oh_is_dictionary(s->q, action) && qpdf_oh_has_key(s->q, action, "/Next")) {
        qpdf_oh_remove_key(s->q, action, "/Next");
        changed(s, page_index, "PDF-EXTERNAL-ACTION", _("Chained follow-up action removed."));
    }
}

static void sanitise_annots(san *s, qpdf_oh page, int page_index)
{
    qpdf_data q = s->q;
    qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
    if (!qpdf_oh_is_array(q, annots)) {
        if (qpdf_oh_has_key(q, page, "/Annots")) qpdf_oh_remove_key(q, page, "/Annots");
        return;
    }
    qpdf_oh kept = qpdf_oh_new_array(q);
    int n = qpdf_oh_get_array_n_items(q, annots), n_kept = 0;
    for (int i = 0; i < n; i++) {
        qpdf_oh a = qpdf_oh_get_array_item(q, annots, i);
        if (!qpdf_oh_is_dictionary(q, a)) continue;
        qpdf_oh st = qpdf_oh_get_key(q, a, "/Subtype");
        /* copied: qpdf's returned strings only live until its next call */
        char *sub = g_strdup(qpdf_oh_is_name(q, st) ? qpdf_oh_get_name(q, st) : "/?");
        bool keep = false;
        if (!strcmp(sub, "/Link") || !strcmp(sub, "/Widget")) {
            keep = true;
            qpdf_oh act = qpdf_oh_get_key(q, a, "/A");
            const char *rule = action_rule(q, act);
            if (rule && !strcmp(sub, "/Link")) {
                char *m = g_strdup_printf(_("Link with a %s action removed."), action_name(q, act));
                changed(s, page_index, rule, m);
                g_free(m);
                keep = false;
            } else if (rule) {
                char *m = g_strdup_printf(_("Form field %s action removed."), action_name(q, act));
                changed(s, page_index, rule, m);
                g_free(m);
                qpdf_oh_remove_key(q, a, "/A");
            } else {
                drop_next(s, act, page_index);
            }
            if (keep && qpdf_oh_has_key(q, a, "/AA")) {
                qpdf_oh_remove_key(q, a, "/AA");
                changed(s, page_index, "PDF-AUTO-ACTION",
                        _("Automatic action of an annotation removed."));
            }
        } else if (!strcmp(sub, "/FileAttachment")) {
            changed(s, page_index, "PDF-ATTACHMENT", _("File attachment annotation removed."));
        } else if (!strcmp(sub, "/Popup")) {
            /* belongs to a comment that goes too; nothing to report on its own */
        } else {
            qpdf_oh t = qpdf_oh_get_key(q, a, "/T");
            char *who = qpdf_oh_is_string(q, t) ? nohin_mask(qpdf_oh_get_utf8_value(q, t)) : NULL;
            char *m = who ? g_strdup_printf(_("%s annotation by %s removed."), sub + 1, who)
                          : g_strdup_printf(_("%s annotation removed."), sub + 1);
            changed(s, page_index, "PDF-ANNOTATION", m);
            g_free(m);
            g_free(who);
        }
        if (keep) {
            qpdf_oh_append_item(q, kept, a);
            n_kept++;
        }
        g_free(sub);
    }
    if (n_kept == n) return;
    if (n_kept)
        qpdf_oh_replace_key(q, page, "/Annots", kept);
    else
        qpdf_oh_remove_key(q, page, "/Annots");
}

static void remove_key_report(san *s, qpdf_oh dict, const char *key, int page_index,
                              const char *rule, const char *msg)
{
    if (!qpdf_oh_has_key(s->q, dict, key)) return;
    qpdf_oh_remove_key(s->q, dict, key);
    if (rule) changed(s, page_index, rule, msg);
}

static void sanitise_pages(san *s)
{
    qpdf_data q = s->q;
    int n = qpdf_get_num_pages(q);
    for (int i = 0; i < n; i++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
        remove_key_report(s, page, "/AA", i, "PDF-AUTO-ACTION",
                          _("Page open/close action removed."));
        remove_key_report(s, page, "/PieceInfo", i, "PDF-PRIVATE-DATA",
                          _("Application private data (PieceInfo) removed."));
        remove_key_report(s, page, "/Thumb", i, "PDF-PRIVATE-DATA", _("Page thumbnail removed."));
        remove_key_report(s, page, "/Metadata", i, "PDF-METADATA-PERSON",
                          _("Page-level XMP metadata removed."));
        sanitise_annots(s, page, i);
    }
}

static void sanitise_outline(san *s, qpdf_oh item, int depth)
{
    qpdf_data q = s->q;
    while (qpdf_oh_is_dictionary(q, item) && depth < MAX_OUTLINE_DEPTH &&
           s->outline_items++ < MAX_OUTLINE_ITEMS) {
        int id = qpdf_oh_get_object_id(q, item);
        if (id) {
            if (g_hash_table_contains(s->seen, GINT_TO_POINTER(id))) return; /* a cycle */
            g_hash_table_add(s->seen, GINT_TO_POINTER(id));
        }
        qpdf_oh act = qpdf_oh_get_key(q, item, "/A");
        const char *rule = action_rule(q, act);
        if (rule) {
            char *m = g_strdup_printf(_("Bookmark %s action removed (the bookmark stays)."),
                                      action_name(q, act));
            qpdf_oh_remove_key(q, item, "/A");
            changed(s, -1, rule, m);
            g_free(m);
        } else {
            drop_next(s, act, -1);
        }
        sanitise_outline(s, qpdf_oh_get_key(q, item, "/First"), depth + 1);
        item = qpdf_oh_get_key(q, item, "/Next");
    }
}

static void sanitise_root(san *s)
{
    qpdf_data q = s->q;
    qpdf_oh root = qpdf_get_root(q);
    remove_key_report(s, root, "/OpenAction", -1, "PDF-AUTO-ACTION",
                      _("Document open action removed."));
    remove_key_report(s, root, "/AA", -1, "PDF-AUTO-ACTION",
                      _("Document automatic actions removed."));
    remove_key_report(s, root, "/PieceInfo", -1, "PDF-PRIVATE-DATA",
                      _("Application private data (PieceInfo) removed."));
    remove_key_report(s, root, "/Collection", -1, "PDF-ATTACHMENT",
                      _("Portfolio (collection) removed."));
    qpdf_oh names = qpdf_oh_get_key(q, root, "/Names");
    if (qpdf_oh_is_dictionary(q, names)) {
        remove_key_report(s, names, "/JavaScript", -1, "PDF-JAVASCRIPT",
                          _("Document-level JavaScript removed."));
        remove_key_report(s, names, "/EmbeddedFiles", -1, "PDF-ATTACHMENT",
                          _("Embedded files removed."));
    }
    qpdf_oh form = qpdf_oh_get_key(q, root, "/AcroForm");
    if (qpdf_oh_is_dictionary(q, form)) {
        qpdf_oh fields = qpdf_oh_get_key(q, form, "/Fields");
        bool any = qpdf_oh_is_array(q, fields) && qpdf_oh_get_array_n_items(q, fields) > 0;
        remove_key_report(s, form, "/XFA", -1, "PDF-FORM", _("XFA form data removed."));
        if (any)
            s->has_form = true;
        else
            qpdf_oh_remove_key(q, root, "/AcroForm");
    } else if (qpdf_oh_has_key(q, root, "/AcroForm")) {
        qpdf_oh_remove_key(q, root, "/AcroForm");
    }
    qpdf_oh oc = qpdf_oh_get_key(q, root, "/OCProperties");
    if (qpdf_oh_is_dictionary(q, oc)) {
        qpdf_oh d = qpdf_oh_get_key(q, oc, "/D");
        qpdf_oh off = qpdf_oh_is_dictionary(q, d) ? qpdf_oh_get_key(q, d, "/OFF") : d;
        if (qpdf_oh_is_array(q, off) && qpdf_oh_get_array_n_items(q, off) > 0)
            manual(s, -1, "PDF-HIDDEN-LAYER",
                   _("Layers that are switched off may hide content: show or delete them in the "
                     "authoring program and export again."));
    }
    qpdf_oh outlines = qpdf_oh_get_key(q, root, "/Outlines");
    if (qpdf_oh_is_dictionary(q, outlines))
        sanitise_outline(s, qpdf_oh_get_key(q, outlines, "/First"), 0);
}

/* Info and XMP are replaced, not edited: whatever else they held (creator tool
 * paths, history, user names) goes. */
static void rebuild_metadata(san *s, const char *title, const char *author, const char *source)
{
    qpdf_data q = s->q;
    /* first, before anything is allocated: qpdf throws here when the file's
     * object ids leave no room for a new object (caught by the guard) */
    qpdf_oh st = qpdf_oh_new_stream(q);
    char *old_author = g_strdup(info_utf8(q, "/Author"));
    if (old_author && *old_author && (!author || strcmp(old_author, author))) {
        char *m = nohin_mask(old_author);
        /* with no organisation known it goes, and the fix list says so */
        char *msg = author ? g_strdup_printf(_("Author \"%s\" replaced by the organisation."), m)
                           : g_strdup_printf(_("Author \"%s\" removed (no organisation known to "
                                               "put in its place)."),
                                             m);
        changed(s, -1, "PDF-METADATA-PERSON", msg);
        g_free(msg);
        g_free(m);
    }
    g_free(old_author);
    nohin_pdf_set_info_xmp(q, st, title, author);
    /* The author clause is translated whole, so each language quotes its own way. */
    char *by = author ? g_strdup_printf(_(", author \"%s\""), author) : g_strdup("");
    char *msg =
        g_strdup_printf(_("Document information and XMP rebuilt: title \"%s\"%s."), title, by);
    g_free(by);
    changed(s, -1, "PDF-PROPERTIES", msg);
    g_free(msg);
    if (author && source) {
        msg = g_strdup_printf(_("The author \"%s\" comes from %s."), author, source);
        nohin_fixlist_add(s->fl, NOHIN_FIX_NOTE, "PDF-PROPERTIES", part_name(s, -1), s->out_name,
                          NULL, "%s", msg);
        g_free(msg);
    }
}

static qpdf_data open_pdf(const char *path, const char *name, GError **error)
{
    qpdf_data q = qpdf_init();
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    if (qpdf_read(q, path, "") & QPDF_ERRORS) {
        qpdf_error e = qpdf_get_error(q);
        bool pw = e && qpdf_get_error_code(q, e) == qpdf_e_password;
        /* qpdf's text names the path it was given, which may be a temporary file */
        g_set_error(error, G_IO_ERROR, pw ? G_IO_ERROR_PERMISSION_DENIED : G_IO_ERROR_INVALID_DATA,
                    _("%s cannot be read as a PDF (qpdf: %s)"), name,
                    e ? qpdf_get_error_message_detail(q, e) : "?");
        qpdf_cleanup(&q);
        return NULL;
    }
    if (!nohin_qpdf_page_tree_fits(q)) { /* issue16: qpdf would copy every repeated page */
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                    _("%s: the page tree has more than %d entries; not cleaned"), path,
                    NOHIN_QPDF_MAX_PAGES);
        qpdf_cleanup(&q);
        return NULL;
    }
    return q;
}

/* qpdf writes to memory and nohin writes the file: qpdf's own file output does
 * not report a failed flush at close, which on a full disk left a truncated
 * PDF. Here every write, the fsync and the close are checked. */
static bool write_pdf(qpdf_data q, const char *path, const char *name, GError **error)
{
    if (qpdf_init_write_memory(q) & QPDF_ERRORS) {
        qpdf_error e = qpdf_get_error(q);
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED,
                    _("%s cannot be written as a PDF (qpdf: %s)"), name,
                    e ? qpdf_get_error_message_detail(q, e) : "?");
        return false;
    }
    qpdf_set_deterministic_ID(q, QPDF_TRUE);
    qpdf_set_preserve_encryption(q, QPDF_FALSE);
    qpdf_set_linearization(q, QPDF_FALSE);
    qpdf_set_object_stream_mode(q, qpdf_o_generate);
    if (qpdf_write(q) & QPDF_ERRORS) {
        qpdf_error e = qpdf_get_error(q);
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED,
                    _("%s cannot be written as a PDF (qpdf: %s)"), name,
                    e ? qpdf_get_error_message_detail(q, e) : "?");
        return false;
    }
    return nohin_write_new_file(path, qpdf_get_buffer(q), qpdf_get_buffer_length(q), error);
}

/* QPDFJob has the form flattener the C object API lacks: generate missing
 * appearances, then burn every remaining widget's appearance into the page. */
static bool flatten_forms(const char *in, const char *out)
{
    GString *j = g_string_new("{\"inputFile\": ");
    nohin_json_string(j, in);
    g_string_append(j, ", \"outputFile\": ");
    nohin_json_string(j, out);
    g_string_append(j, ", \"generateAppearances\": \"\", \"flattenAnnotations\": \"all\","
                       " \"warningExit0\": \"\"}");
    int rc = qpdfjob_run_from_json(j->str);
    g_string_free(j, TRUE);
    return rc == 0 || rc == 3; /* 3: warnings only */
}

#define PARKED_LINKS "/NohinParkedLinks"

/* QPDFJob's flattener drops every annotation it processes, links too. So the
 * links are parked under a private page key while it runs and put back after:
 * same document, so their page references stay valid. */
static void park_links(qpdf_data q, bool park)
{
    int n = qpdf_get_num_pages(q);
    for (int i = 0; i < n; i++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
        const char *from = park ? "/Annots" : PARKED_LINKS, *to = park ? PARKED_LINKS : "/Annots";
        qpdf_oh src = qpdf_oh_get_key(q, page, from);
        if (!qpdf_oh_is_array(q, src)) continue;
        qpdf_oh dst = qpdf_oh_get_key(q, page, to);
        if (!qpdf_oh_is_array(q, dst)) {
            dst = qpdf_oh_new_array(q);
            qpdf_oh_replace_key(q, page, to, dst);
        }
        qpdf_oh rest = qpdf_oh_new_array(q);
        int m = qpdf_oh_get_array_n_items(q, src), k = 0;
        for (int j = 0; j < m; j++) {
            qpdf_oh a = qpdf_oh_get_array_item(q, src, j);
            if (!park || name_is(q, qpdf_oh_get_key(q, a, "/Subtype"), "/Link"))
                qpdf_oh_append_item(q, dst, a);
            else
                qpdf_oh_append_item(q, rest, a), k++;
        }
        if (k)
            qpdf_oh_replace_key(q, page, from, rest);
        else
            qpdf_oh_remove_key(q, page, from);
        if (qpdf_oh_get_array_n_items(q, dst) == 0) qpdf_oh_remove_key(q, page, to);
    }
}

static void drop_leftover_form(san *s)
{
    qpdf_data q = s->q;
    qpdf_oh root = qpdf_get_root(q);
    if (qpdf_oh_has_key(q, root, "/AcroForm")) qpdf_oh_remove_key(q, root, "/AcroForm");
    int n = qpdf_get_num_pages(q), dropped = 0;
    for (int i = 0; i < n; i++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
        qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
        if (!qpdf_oh_is_array(q, annots)) continue;
        qpdf_oh kept = qpdf_oh_new_array(q);
        int m = qpdf_oh_get_array_n_items(q, annots), k = 0;
        for (int j = 0; j < m; j++) {
            qpdf_oh a = qpdf_oh_get_array_item(q, annots, j);
            if (name_is(q, qpdf_oh_get_key(q, a, "/Subtype"), "/Widget")) {
                dropped++;
                continue;
            }
            qpdf_oh_append_item(q, kept, a);
            k++;
        }
        if (k == m) continue;
        if (k)
            qpdf_oh_replace_key(q, page, "/Annots", kept);
        else
            qpdf_oh_remove_key(q, page, "/Annots");
    }
    changed(s, -1, "PDF-FORM",
            dropped ? _("Form fields flattened (visible values kept as page content); fields "
                        "without an appearance removed.")
                    : _("Form fields flattened (visible values kept as page content)."));
}

/* qpdf_check_pdf on a fresh read: the number of errors and warnings. */
static int check_output(const char *path, char **first)
{
    qpdf_data q = qpdf_init();
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    int n = 0;
    if (qpdf_read(q, path, "") & QPDF_ERRORS || qpdf_check_pdf(q) & QPDF_ERRORS) {
        qpdf_error e = qpdf_get_error(q);
        if (e) *first = g_strdup(qpdf_get_error_message_detail(q, e));
        n = 1;
    }
    while (qpdf_more_warnings(q)) {
        qpdf_error w = qpdf_next_warning(q);
        if (!*first) *first = g_strdup(qpdf_get_error_message_detail(q, w));
        if (g_getenv("NOHIN_DEBUG_QPDF")) g_printerr("qpdf: %s\n", qpdf_get_error_full_text(q, w));
        n++;
    }
    qpdf_cleanup(&q);
    return n;
}

static char *default_title(qpdf_data q, const char *name)
{
    const char *t = info_utf8(q, "/Title");
    if (t && *t && !g_str_has_suffix(t, ".doc") && !g_str_has_suffix(t, ".docx") &&
        !g_str_has_suffix(t, ".pdf"))
        return g_strdup(t);
    char *base = g_path_get_basename(name);
    char *dot = strrchr(base, '.');
    if (dot && dot != base) *dot = '\0';
    return base;
}

/* Everything between reading and the final write, run inside the qpdf guard. */
typedef struct {
    san s;
    const nohin_pdf_part *parts;
    size_t n_parts;
    const char *out_path;
    const nohin_pdf_clean_opts *opts;
    qpdf_data *extra;
    char *tmp1, *tmp2, *title;
    GError **error;
} job;

static bool run_job(void *data)
{
    job *j = data;
    san *s = &j->s;
    const nohin_pdf_part *parts = j->parts;
    const nohin_pdf_clean_opts *opts = j->opts;
    nohin_fixlist *fl = s->fl;
    GError **error = j->error;
    s->q = open_pdf(parts[0].path, parts[0].name, error);
    if (!s->q) return false;
    if (qpdf_is_encrypted(s->q)) {
        nohin_fixlist_add(fl, NOHIN_FIX_CHANGED, "PDF-ENCRYPTED", parts[0].name, opts->output_name,
                          NULL, "%s", _("Permission restrictions removed (written unencrypted)."));
    }
    int n0 = qpdf_get_num_pages(s->q);
    for (int p = 0; p < n0; p++)
        g_array_append_val(s->origins, ((page_origin){0, p + 1}));
    for (size_t i = 1; i < j->n_parts; i++) {
        j->extra[i] = open_pdf(parts[i].path, parts[i].name, error);
        if (!j->extra[i]) return false;
        int n = qpdf_get_num_pages(j->extra[i]);
        for (int p = 0; p < n; p++) {
            qpdf_oh pg = qpdf_get_page_n(j->extra[i], (size_t)p);
            if (qpdf_add_page(s->q, j->extra[i], pg, QPDF_FALSE) & QPDF_ERRORS) {
                g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: cannot append page %d"),
                            parts[i].name, p + 1);
                return false;
            }
            g_array_append_val(s->origins, ((page_origin){(int)i, p + 1}));
        }
        char *m = g_strdup_printf(_("%d pages appended to the public PDF."), n);
        nohin_fixlist_add(fl, NOHIN_FIX_CHANGED, "BUNDLE-PUBLIC-PDF", parts[i].name,
                          opts->output_name, NULL, "%s", m);
        g_free(m);
    }
    j->title = opts->title ? g_strdup(opts->title) : default_title(s->q, parts[0].name);
    sanitise_root(s);
    sanitise_pages(s);
    if (s->has_form) {
        park_links(s->q, true);
        if (!write_pdf(s->q, j->tmp1, parts[0].name, error)) return false;
        if (!flatten_forms(j->tmp1, j->tmp2)) {
            g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: form flattening failed"),
                        parts[0].name);
            return false;
        }
        qpdf_cleanup(&s->q);
        s->q = open_pdf(j->tmp2, parts[0].name, error);
        if (!s->q) return false;
        drop_leftover_form(s);
        park_links(s->q, false);
    }
    if (!opts->author)
        manual(s, -1, "PDF-METADATA-PERSON",
               _("No organisation configured: set [bundle] organisation in nohin.ini so the "
                 "author is the organisation."));
    rebuild_metadata(s, j->title, opts->author, opts->author_source);
    /* An object-handle call that failed (the C API traps most) leaves its error here. */
    if (qpdf_has_error(s->q)) {
        qpdf_error e = qpdf_get_error(s->q);
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                    _("%s cannot be processed (qpdf: %s)"), parts[0].name,
                    e ? qpdf_get_error_message_detail(s->q, e) : "?");
        return false;
    }
    return write_pdf(s->q, j->out_path, parts[0].name, error);
}

bool nohin_clean_pdf(const nohin_pdf_part *parts, size_t n_parts, const char *out_path,
                     const nohin_pdf_clean_opts *opts, nohin_fixlist *fl, GError **error)
{
    g_return_val_if_fail(n_parts > 0, false);
    bool ok = false;
    job j = {.s = {.fl = fl,
                   .parts = parts,
                   .out_name = opts->output_name,
                   .origins = g_array_new(FALSE, FALSE, sizeof(page_origin)),
                   .seen = g_hash_table_new(NULL, NULL)},
             .parts = parts,
             .n_parts = n_parts,
             .out_path = out_path,
             .opts = opts,
             .extra = g_new0(qpdf_data, n_parts),
             .tmp1 = g_strconcat(out_path, ".stage1.tmp", NULL),
             .tmp2 = g_strconcat(out_path, ".stage2.tmp", NULL),
             .error = error};
    san *s = &j.s;
    char *what = NULL;
    /* Fix-list entries of a file that is then refused would describe changes
     * that were never published: they are dropped again. */
    guint fl_mark = fl->items->len;
    if (!nohin_qpdf_guarded(run_job, &j, &what)) {
        if (what) {
            g_clear_error(error);
            g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                        _("%s cannot be processed (qpdf: %s)"), parts[0].name, what);
            g_free(what);
        }
        nohin_fixlist_truncate(fl, fl_mark);
        goto out;
    }
    /* The output must pass what `qpdf --check` checks; a stream qpdf could only
     * pass on as it was (it cannot decode it) would not, and then a person has
     * to look. */
    while (qpdf_more_warnings(s->q))
        qpdf_next_warning(s->q);
    char *first = NULL;
    int problems = check_output(out_path, &first);
    if (problems) {
        char *m = g_strdup_printf(_("The file is damaged: the cleaned output still fails qpdf's "
                                    "check (%d problems, first: %s). Export the PDF again from "
                                    "its source."),
                                  problems, first ? first : "?");
        manual(s, -1, "PDF-MALFORMED", m);
        g_free(m);
    }
    /* issue15: invisible OCR text on pages without a text layer (off with --no-ocr) */
    if (!opts->text_on_every_page)
        nohin_ocr_clean_pdf(out_path, parts[0].name, opts->output_name, fl);
    g_free(first);
    nohin_fixlist_add(fl, NOHIN_FIX_CHANGED, "PDF-REVISIONS", parts[0].name, opts->output_name,
                      NULL, "%s",
                      _("Written as a full rewrite: earlier revisions and unused objects are "
                        "gone."));
    ok = true;
out:
    if (s->q && qpdf_has_error(s->q)) qpdf_get_error(s->q); /* handled: no stderr noise */
    if (s->q) qpdf_cleanup(&s->q);
    for (size_t i = 1; i < n_parts; i++)
        if (j.extra[i]) qpdf_cleanup(&j.extra[i]);
    g_free(j.extra);
    g_unlink(j.tmp1);
    g_unlink(j.tmp2);
    g_free(j.tmp1);
    g_free(j.tmp2);
    g_free(j.title);
    g_array_free(s->origins, TRUE);
    g_hash_table_destroy(s->seen);
    if (!ok) g_unlink(out_path);
    return ok;
}
