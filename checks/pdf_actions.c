/* PDF-JAVASCRIPT, PDF-AUTO-ACTION, PDF-EXTERNAL-ACTION: code and actions that run
 * by themselves or reach outside the document (000 §16). Every dictionary qpdf
 * can reach is examined, including those inside object streams. */
#include "pii/pii.h"
#include "readers/pdf_place.h"
#include "readers/qpdf_reader.h"

static const nohin_rule rules[] = {
    {"PDF-JAVASCRIPT", NOHIN_SEV_ERROR, true,
     N_("JavaScript in the PDF (document-level or in an action)"), "000 §16, 001 §5(2)"},
    {"PDF-AUTO-ACTION", NOHIN_SEV_ERROR, true,
     N_("Action that runs without a click (OpenAction, additional actions)"), "000 §16"},
    {"PDF-EXTERNAL-ACTION", NOHIN_SEV_ERROR, true,
     N_("Action that reaches outside the PDF (Launch, SubmitForm, ImportData, GoToR, GoToE, "
        "media); web links are listed as info"),
     "000 §16"},
    {NULL}};

#define MAX_PER_RULE 200 /* a form with thousands of scripts is one problem, not thousands */

typedef struct {
    nohin_ctx *ctx;
    nohin_file *file;
    nohin_qpdf *qp;
    GHashTable *doc_js; /* objids of document-level JavaScript actions */
    int count[3];
    int dropped[3];
    GHashTable *links;        /* "page\nURI" already listed: a link that wraps is two annotations */
    nohin_pdf_places *places; /* built on the first finding that is on no page */
} act_run;

static int rule_index(const char *rule)
{
    return !strcmp(rule, "PDF-JAVASCRIPT") ? 0 : !strcmp(rule, "PDF-AUTO-ACTION") ? 1 : 2;
}

/* The page, or the named place (open action, bookmark, field…) of what is on no page. */
static nohin_location where(act_run *r, const nohin_qpdf_dict *d)
{
    int page = nohin_qpdf_page_of(r->qp, d->objid);
    if (page > 0) return nohin_loc_page(page);
    if (!r->places) r->places = nohin_pdf_places_new(r->qp);
    return nohin_pdf_place(r->places, d);
}

static nohin_finding *emit_at(act_run *r, const char *rule, nohin_location loc, const char *fix,
                              const char *msg)
{
    int i = rule_index(rule);
    if (r->count[i] >= MAX_PER_RULE) {
        r->dropped[i]++;
        nohin_location_clear(&loc);
        return NULL;
    }
    r->count[i]++;
    return nohin_emit(r->ctx, r->file, rule, loc, fix, "%s", msg);
}

static nohin_finding *emit(act_run *r, const char *rule, const nohin_qpdf_dict *d, const char *fix,
                           const char *msg)
{
    int i = rule_index(rule);
    if (r->count[i] >= MAX_PER_RULE) {
        r->dropped[i]++;
        return NULL;
    }
    return emit_at(r, rule, where(r, d), fix, msg);
}

static char *excerpt(const char *s, glong max)
{
    if (!s) return g_strdup("");
    char *t = g_strstrip(g_strdup(s));
    if (g_utf8_strlen(t, -1) > max) {
        char *cut = g_utf8_substring(t, 0, max);
        g_free(t);
        t = g_strconcat(cut, "…", NULL);
        g_free(cut);
    }
    return t;
}

/* The target of an action: a file specification (string or dictionary) or a URL. */
static char *target_of(nohin_qpdf *qp, qpdf_oh action)
{
    char *t = nohin_qpdf_key_text(qp, action, "/URI", 2048);
    if (t) return t;
    qpdf_oh f = nohin_qpdf_get(qp, action, "/F");
    if (qpdf_oh_is_null(qp->q, f)) f = nohin_qpdf_get(qp, nohin_qpdf_get(qp, action, "/Win"), "/F");
    t = nohin_qpdf_text(qp, f, 2048);
    if (t) return t;
    t = nohin_qpdf_key_text(qp, f, "/UF", 2048);
    if (!t) t = nohin_qpdf_key_text(qp, f, "/F", 2048);
    return t ? t : g_strdup("");
}

typedef struct {
    GString *out;
    const char *text;
    size_t done; /* bytes of text copied or replaced so far */
} masking;

static bool mask_hit(const pii_hit *h, void *user)
{
    masking *m = user;
    if (h->start < m->done) return true; /* overlaps one already masked */
    g_string_append_len(m->out, m->text + m->done, (gssize)(h->start - m->done));
    g_string_append(m->out, h->masked);
    m->done = h->end;
    return true;
}

/* Evidence is printed in every report: personal data inside a link's address
 * (?user=yamada.taro@…&tel=090-…) or a script is masked like any other. */
static char *mask_personal(const char *text)
{
    masking m = {g_string_new(NULL), text, 0};
    size_t len = strlen(text);
    pii_scan(text, len, mask_hit, &m);
    g_string_append_len(m.out, text + m.done, (gssize)(len - m.done));
    return g_string_free(m.out, FALSE);
}

static void javascript(act_run *r, const nohin_qpdf_dict *d)
{
    char *js = nohin_qpdf_key_text(r->qp, d->oh, "/JS", 4096);
    bool doc = g_hash_table_contains(r->doc_js, GINT_TO_POINTER(d->objid));
    nohin_finding *f =
        emit(r, "PDF-JAVASCRIPT", d,
             _("Remove the JavaScript (Acrobat: Tools > JavaScript > Document JavaScripts, and the "
               "actions of links and fields), or export the PDF again without it."),
             doc ? _("Document-level JavaScript runs when the PDF is opened.")
                 : _("An action runs JavaScript."));
    char *masked = mask_personal(js ? js : "");
    char *e = excerpt(masked, 80);
    nohin_finding_set_evidence(f, "script=%s", e);
    g_free(e);
    g_free(masked);
    g_free(js);
}

static void external(act_run *r, const nohin_qpdf_dict *d, const char *kind)
{
    char *target = target_of(r->qp, d->oh);
    if (!strcmp(kind, "/URI")) {
        char *seen = g_strdup_printf("%d\n%s", nohin_qpdf_page_of(r->qp, d->objid), target);
        if (!g_hash_table_add(r->links, seen)) {
            g_free(target);
            return;
        }
        /* A web link is fine in a report; list it so a reviewer sees where it points. */
        nohin_finding *f = emit(
            r, "PDF-EXTERNAL-ACTION", d,
            _("Nothing to fix if the address is meant to be public; remove the link otherwise."),
            _("Link to a web address."));
        if (f) {
            nohin_finding_set_severity(r->ctx, f, NOHIN_SEV_INFO);
            f->fixable = false; /* clean keeps web links (src/clean/clean_pdf.c action_rule) */
            if (g_str_has_prefix(target, "mailto:")) {
                char *m = nohin_mask(target + 7);
                nohin_finding_set_evidence(f, "uri=mailto:%s", m);
                g_free(m);
            } else {
                char *m = mask_personal(target);
                nohin_finding_set_evidence(f, "uri=%s", m);
                g_free(m);
            }
        }
    } else {
        nohin_finding *f =
            emit(r, "PDF-EXTERNAL-ACTION", d,
                 _("Remove the action: a public PDF must not open files or programs, send data, or "
                   "load content from outside the document."),
                 _("An action reaches outside the PDF (opens a file or program, or sends or loads "
                   "data)."));
        char *m = mask_personal(target);
        nohin_finding_set_evidence(f, "action=%s target=%s", kind + 1, m);
        g_free(m);
    }
    g_free(target);
}

static bool is_external_kind(const char *s)
{
    static const char *const kinds[] = {
        "/Launch", "/SubmitForm", "/ImportData",       "/GoToR",      "/GoToE", "/Movie",
        "/Sound",  "/Rendition",  "/RichMediaExecute", "/GoTo3DView", NULL};
    for (int i = 0; kinds[i]; i++)
        if (!strcmp(s, kinds[i])) return true;
    return false;
}

static bool is_media_annot(const char *s)
{
    return !strcmp(s, "/RichMedia") || !strcmp(s, "/Movie") || !strcmp(s, "/Sound") ||
           !strcmp(s, "/Screen") || !strcmp(s, "/3D");
}

/* Additional actions: every trigger except mouse down/up runs without a click
 * (page open/close, focus, hover, keystroke, calculation, document save/print). */
static void additional(act_run *r, const nohin_qpdf_dict *d)
{
    nohin_qpdf *qp = r->qp;
    qpdf_oh aa = nohin_qpdf_get(qp, d->oh, "/AA");
    if (!qpdf_oh_is_dictionary(qp->q, aa)) return;
    GString *triggers = g_string_new(NULL), *kinds = g_string_new(NULL);
    qpdf_oh_begin_dict_key_iter(qp->q, aa);
    GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
    while (qpdf_oh_dict_more_keys(qp->q))
        g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(qp->q)));
    for (guint i = 0; i < keys->len; i++) {
        const char *k = keys->pdata[i];
        if (!strcmp(k, "/D") || !strcmp(k, "/U")) continue;
        qpdf_oh act = qpdf_oh_get_key(qp->q, aa, k);
        if (!qpdf_oh_is_dictionary(qp->q, act)) continue;
        char *s = nohin_qpdf_name(qp, act, "/S");
        g_string_append_printf(triggers, "%s%s", triggers->len ? "," : "", k + 1);
        if (*s && !strstr(kinds->str, s + 1))
            g_string_append_printf(kinds, "%s%s", kinds->len ? "," : "", s + 1);
        g_free(s);
    }
    g_ptr_array_free(keys, TRUE);
    if (triggers->len) {
        nohin_finding *f = emit(
            r, "PDF-AUTO-ACTION", d,
            _("Remove the additional actions (page, field or document triggers) when exporting."),
            _("Additional actions run by themselves when a page opens, a field changes or the "
              "document is saved or printed."));
        nohin_finding_set_evidence(f, "triggers=%s actions=%s", triggers->str, kinds->str);
    }
    g_string_free(triggers, TRUE);
    g_string_free(kinds, TRUE);
}

static void open_action(act_run *r)
{
    nohin_qpdf *qp = r->qp;
    qpdf_oh root = qpdf_get_root(qp->q);
    qpdf_oh oa = nohin_qpdf_get(qp, root, "/OpenAction");
    /* An array is only the view to open at; a GoTo action is the same. */
    if (!qpdf_oh_is_dictionary(qp->q, oa)) return;
    char *s = nohin_qpdf_name(qp, oa, "/S");
    if (strcmp(s, "/GoTo") != 0) {
        nohin_finding *f = emit_at(r, "PDF-AUTO-ACTION", nohin_loc_part("open-action", NULL, 0),
                                   _("Remove the open action (Acrobat: Document Properties > "
                                     "Initial View / Actions) or export the PDF again."),
                                   _("An action runs as soon as the PDF is opened (OpenAction)."));
        nohin_finding_set_evidence(f, "action=%s", *s ? s + 1 : "?");
    }
    g_free(s);
}

static void doc_js_cb(nohin_qpdf *qp, const char *name, qpdf_oh value, void *user)
{
    (void)name;
    act_run *r = user;
    int id = nohin_qpdf_objid(qp, value);
    if (id > 0) g_hash_table_add(r->doc_js, GINT_TO_POINTER(id));
}

static void summary(act_run *r)
{
    static const char *const ids[] = {"PDF-JAVASCRIPT", "PDF-AUTO-ACTION", "PDF-EXTERNAL-ACTION"};
    for (int i = 0; i < 3; i++) {
        if (!r->dropped[i]) continue;
        nohin_finding *f =
            nohin_emit(r->ctx, r->file, ids[i], nohin_loc_none(),
                       _("See the findings above; the rest are of the same kind."),
                       _("%d more occurrences are not listed one by one."), r->dropped[i]);
        nohin_finding_set_evidence(f, "more=%d", r->dropped[i]);
    }
}

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_qpdf *qp = nohin_qpdf_of(file);
    if (!qp->q) return;
    act_run r = {ctx,
                 file,
                 qp,
                 g_hash_table_new(g_direct_hash, g_direct_equal),
                 {0},
                 {0},
                 g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                 NULL};
    nohin_qpdf_name_tree(qp, nohin_qpdf_catalog_names(qp, "/JavaScript"), doc_js_cb, &r);
    open_action(&r);
    for (guint i = 0; i < qp->dicts->len; i++) {
        const nohin_qpdf_dict *d = &g_array_index(qp->dicts, nohin_qpdf_dict, i);
        char *s = nohin_qpdf_name(qp, d->oh, "/S");
        if (!strcmp(s, "/JavaScript"))
            javascript(&r, d);
        else if (!strcmp(s, "/URI") || is_external_kind(s))
            external(&r, d, s);
        g_free(s);
        char *sub = nohin_qpdf_name(qp, d->oh, "/Subtype");
        if (is_media_annot(sub) && nohin_qpdf_has(qp, d->oh, "/Rect")) {
            nohin_finding *f = emit(&r, "PDF-EXTERNAL-ACTION", d,
                                    _("Replace the embedded media or 3D content with a picture."),
                                    _("A media or 3D annotation plays content that may load data "
                                      "from outside the document."));
            nohin_finding_set_evidence(f, "annotation=%s", sub + 1);
        }
        g_free(sub);
        if (nohin_qpdf_has(qp, d->oh, "/AA")) additional(&r, d);
    }
    summary(&r);
    nohin_qpdf_drain_warnings(qp);
    g_hash_table_destroy(r.doc_js);
    g_hash_table_destroy(r.links);
    nohin_pdf_places_free(r.places);
}

NOHIN_CHECK(pdf_actions) = {.name = "pdf_actions",
                            .rules = rules,
                            .formats = NOHIN_FMT_PDF,
                            .roles = NOHIN_ROLE_ANY,
                            .run_file = run};
