/* --format html: one self-contained page for people (docs/html-report.md).
 * Everything it shows is inside the file: styles, script and page pictures as
 * data: URIs; a Content-Security-Policy forbids any request. Every text from a
 * document or a finding goes through g_markup_escape_text. */
#include <string.h>
#include "bundle/bundle_model.h"
#include "html_assets.h"
#include "html_thumb.h"
#include "readers/pdf_reader.h"
#include "reporter.h"

#define MAX_THUMBS 300    /* pictures per report; more would make the file unwieldy */
#define MAX_FILES_OPEN 30 /* longer file lists start folded */

/* No request of any kind may leave the page. */
#define CSP                                                                                        \
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "   \
    "form-action 'none'; base-uri 'none'"

static void esc(GString *o, const char *s)
{
    if (!s) return;
    char *valid = g_utf8_make_valid(s, -1);
    char *e = g_markup_escape_text(valid, -1);
    g_string_append(o, e);
    g_free(e);
    g_free(valid);
}

static const char *sev_label(nohin_severity s)
{
    return s == NOHIN_SEV_ERROR ? _("error") : s == NOHIN_SEV_WARNING ? _("warning") : _("info");
}

static bool is_pii(const nohin_finding *f)
{
    return g_str_has_prefix(f->rule, "PII-");
}

/* What the pictures of one file need: the document and its personal-data regions. */
typedef struct {
    PopplerDocument *doc;
    GHashTable *masks; /* page -> GArray of nohin_box */
    GHashTable *blur;  /* pages with personal data at an unknown place */
} pdf_pics;

static void pics_free(gpointer p)
{
    pdf_pics *x = p;
    if (x->doc) g_object_unref(x->doc);
    g_hash_table_destroy(x->masks);
    g_hash_table_destroy(x->blur);
    g_free(x);
}

typedef struct {
    const nohin_report *r;
    GHashTable *files; /* path -> const nohin_file* */
    GHashTable *pics;  /* path -> pdf_pics* (opened on first use) */
    int thumbs;
} html_ctx;

static void array_free(gpointer a)
{
    g_array_free(a, TRUE);
}

static pdf_pics *pics_for(html_ctx *h, const char *path)
{
    pdf_pics *p = g_hash_table_lookup(h->pics, path);
    if (p) return p;
    const nohin_file *file = g_hash_table_lookup(h->files, path);
    p = g_new0(pdf_pics, 1);
    p->masks = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, array_free);
    p->blur = g_hash_table_new(g_direct_hash, g_direct_equal);
    if (file && file->format == NOHIN_FMT_PDF && file->status == NOHIN_STATUS_OK)
        p->doc = nohin_pdf_open_document(file->abspath, NULL);
    for (guint i = 0; i < h->r->findings->len; i++) {
        const nohin_finding *f = h->r->findings->pdata[i];
        if (!is_pii(f) || strcmp(f->file, path) != 0 || f->loc.kind != NOHIN_LOC_PAGE) continue;
        gpointer page = GINT_TO_POINTER(f->loc.page);
        if (!f->loc.has_box) {
            g_hash_table_add(p->blur, page);
            continue;
        }
        GArray *a = g_hash_table_lookup(p->masks, page);
        if (!a) {
            a = g_array_new(FALSE, FALSE, sizeof(nohin_box));
            g_hash_table_insert(p->masks, page, a);
        }
        g_array_append_val(a, f->loc.box);
    }
    g_hash_table_insert(h->pics, g_strdup(path), p);
    return p;
}

static void picture(GString *o, html_ctx *h, const nohin_finding *f)
{
    if (f->loc.kind != NOHIN_LOC_PAGE || !f->file[0]) return;
    const nohin_file *file = g_hash_table_lookup(h->files, f->file);
    if (!file || file->format != NOHIN_FMT_PDF) return;
    if (h->thumbs >= MAX_THUMBS) {
        g_string_append_printf(o, "<p class=\"nopic\">%s</p>",
                               _("(no picture: too many findings)"));
        return;
    }
    pdf_pics *p = pics_for(h, f->file);
    GArray *masks = g_hash_table_lookup(p->masks, GINT_TO_POINTER(f->loc.page));
    nohin_thumb_spec spec = {
        .outline = f->loc.has_box ? &f->loc.box : NULL,
        .masks = masks ? (const nohin_box *)masks->data : NULL,
        .n_masks = masks ? (int)masks->len : 0,
        .blur = g_hash_table_contains(p->blur, GINT_TO_POINTER(f->loc.page)),
    };
    nohin_thumb t = {0};
    if (!nohin_thumb_render(p->doc, f->loc.page, &spec, &t)) {
        g_string_append_printf(o, "<p class=\"nopic\">%s</p>", _("(the page could not be drawn)"));
        return;
    }
    h->thumbs++;
    char *alt = nohin_location_format(&f->loc);
    g_string_append(o, "<figure><img class=\"page-thumb\" alt=\"");
    esc(o, alt);
    g_string_append_printf(o, "\" width=\"%d\" height=\"%d\" src=\"%s\">", t.width, t.height,
                           t.data_uri);
    const char *cap = spec.blur      ? _("Blurred: this page holds personal data.")
                      : is_pii(f)    ? _("The personal data is blanked; the red frame shows where.")
                      : spec.outline ? _("The red frame shows the place of the finding.")
                                     : _("The finding concerns the whole page.");
    g_string_append_printf(o, "<figcaption>%s</figcaption></figure>", cap);
    g_free(alt);
    nohin_thumb_clear(&t);
}

static void finding_html(GString *o, html_ctx *h, const nohin_finding *f, guint order)
{
    const char *sev = nohin_severity_name(f->severity);
    /* Suppressed findings are in the page but hidden until "show suppressed" is ticked. */
    g_string_append_printf(o,
                           "<article class=\"finding sev-%s%s\" data-severity=\"%s\" "
                           "data-rank=\"%d\" data-order=\"%u\"%s data-rule=\"",
                           sev, f->suppress_kind ? " suppressed" : "", sev, (int)f->severity, order,
                           f->suppress_kind ? " data-suppressed=\"1\" hidden" : "");
    esc(o, f->rule);
    g_string_append_printf(o,
                           "\"><div class=\"body\"><div class=\"meta\"><span class=\"sev\">%s"
                           "</span> <code>",
                           sev_label(f->severity));
    esc(o, f->rule);
    g_string_append(o, "</code>");
    char *loc = nohin_location_format(&f->loc);
    if (*loc) {
        g_string_append(o, " <span class=\"loc\">");
        esc(o, loc);
        g_string_append(o, "</span>");
    }
    g_free(loc);
    if (f->fixable)
        g_string_append_printf(o, " <span class=\"fixable\">%s</span>",
                               _("nohin clean can fix this"));
    g_string_append(o, "</div>");
    if (f->suppress_kind) {
        g_string_append_printf(o, "<p class=\"suppressed-note\"><b>%s</b> ",
                               !strcmp(f->suppress_kind, "external")
                                   ? _("Suppressed by the baseline:")
                                   : _("Suppressed by [waive] in nohin.ini:"));
        esc(o, f->suppress_reason);
        g_string_append(o, "</p>");
    }
    g_string_append(o, "<p class=\"msg\">");
    esc(o, f->message);
    g_string_append(o, "</p>");
    if (f->fix && *f->fix) {
        g_string_append_printf(o, "<p class=\"fix\"><b>%s</b> ", _("Fix:"));
        esc(o, f->fix);
        g_string_append(o, "</p>");
    }
    if (f->evidence && *f->evidence) {
        g_string_append_printf(o, "<p class=\"evidence\">%s ", _("Evidence:"));
        esc(o, f->evidence);
        g_string_append(o, "</p>");
    }
    g_string_append(o, "</div>");
    picture(o, h, f);
    g_string_append(o, "</article>\n");
}

/* A file's heading with its one-line summary (findings not suppressed). */
static void file_group_head(GString *o, html_ctx *h, const GPtrArray *v, guint from)
{
    const nohin_finding *first = v->pdata[from];
    size_t n[3] = {0}, supp = 0;
    for (guint i = from; i < v->len; i++) {
        const nohin_finding *f = v->pdata[i];
        if (strcmp(f->file, first->file) != 0) break;
        if (!f->suppress_kind)
            n[f->severity]++;
        else
            supp++;
    }
    const nohin_file *file = g_hash_table_lookup(h->files, first->file);
    g_string_append(o, "<section class=\"file-group\"><h4>");
    esc(o, first->file[0] ? first->file : _("(bundle)"));
    if (file)
        g_string_append_printf(o, " <small>(%s, %s)</small>", nohin_format_name(file->format),
                               file->role == NOHIN_ROLE_INTERNAL ? _("internal") : _("public"));
    g_string_append(o, " <small class=\"file-summary\">");
    char *line = g_strdup_printf(_("%zu errors, %zu warnings, %zu info\n"), n[NOHIN_SEV_ERROR],
                                 n[NOHIN_SEV_WARNING], n[NOHIN_SEV_INFO]);
    esc(o, g_strstrip(line));
    g_free(line);
    /* a file whose findings are all accepted would otherwise read "0, 0, 0" above them */
    if (supp) {
        char *s = g_strdup_printf(_("(%zu suppressed)"), supp);
        g_string_append_c(o, ' ');
        esc(o, s);
        g_free(s);
    }
    g_string_append(o, "</small></h4><div class=\"finding-list\">\n");
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void summary_html(GString *o, const nohin_report *r, GHashTable *file_counts)
{
    g_string_append_printf(o, "<section class=\"card\" id=\"summary\"><h2>%s</h2>\n", _("Summary"));
    g_string_append_printf(o,
                           "<div class=\"totals\"><div class=\"total\">%s<b id=\"finding-count\">"
                           "%u</b></div>",
                           _("Findings"),
                           r->findings->len - (guint)nohin_report_count_suppressed(r));
    static const nohin_severity sevs[] = {NOHIN_SEV_ERROR, NOHIN_SEV_WARNING, NOHIN_SEV_INFO};
    for (size_t i = 0; i < G_N_ELEMENTS(sevs); i++)
        g_string_append_printf(o, "<div class=\"total %s\">%s<b id=\"count-%s\">%zu</b></div>",
                               nohin_severity_name(sevs[i]), sev_label(sevs[i]),
                               nohin_severity_name(sevs[i]),
                               nohin_report_count_severity(r, sevs[i]));
    g_string_append_printf(o, "<div class=\"total\">%s<b id=\"file-count\">%u</b></div>",
                           _("Files"), r->files->len);
    g_string_append_printf(
        o, "<div class=\"total\">%s<b id=\"suppressed-count\">%zu</b></div></div>\n",
        _("Suppressed"), nohin_report_count_suppressed(r));

    /* Counts by rule. */
    GHashTable *by_rule = g_hash_table_new(g_str_hash, g_str_equal);
    GHashTable *sev_seen = g_hash_table_new(g_str_hash, g_str_equal); /* rule -> bit per sev */
    GPtrArray *ids = g_ptr_array_new();
    for (guint i = 0; i < r->findings->len; i++) {
        const nohin_finding *f = r->findings->pdata[i];
        if (f->suppress_kind) continue;
        guint n = GPOINTER_TO_UINT(g_hash_table_lookup(by_rule, f->rule));
        if (!n) g_ptr_array_add(ids, f->rule);
        g_hash_table_insert(by_rule, f->rule, GUINT_TO_POINTER(n + 1));
        guint bits = GPOINTER_TO_UINT(g_hash_table_lookup(sev_seen, f->rule));
        g_hash_table_insert(sev_seen, f->rule, GUINT_TO_POINTER(bits | (1u << f->severity)));
    }
    g_ptr_array_sort(ids, cmp_str);
    if (ids->len) {
        g_string_append_printf(o,
                               "<table id=\"rule-counts\"><tr><th>%s</th><th>%s</th><th>%s</th>"
                               "<th>%s</th></tr>\n",
                               _("Rule"), _("Severity"), _("Count"), _("What it means"));
        for (guint i = 0; i < ids->len; i++) {
            const char *id = ids->pdata[i];
            const nohin_rule *rule = nohin_rule_find(id);
            g_string_append(o, "<tr><td><a href=\"#findings\" data-filter-rule=\"");
            esc(o, id);
            g_string_append(o, "\"><code>");
            esc(o, id);
            g_string_append(o, "</code></a></td><td>");
            /* The severities found, not the rule's default (roles and [severity] change it). */
            guint bits = GPOINTER_TO_UINT(g_hash_table_lookup(sev_seen, id));
            const char *sep = "";
            for (int sv = NOHIN_SEV_ERROR; sv >= NOHIN_SEV_INFO; sv--)
                if (bits & (1u << sv)) {
                    g_string_append_printf(o, "%s%s", sep, sev_label((nohin_severity)sv));
                    sep = " / ";
                }
            g_string_append_printf(o, "</td><td class=\"num\">%u</td><td>",
                                   GPOINTER_TO_UINT(g_hash_table_lookup(by_rule, id)));
            if (rule && rule->summary) esc(o, _(rule->summary));
            g_string_append(o, "</td></tr>\n");
        }
        g_string_append(o, "</table>\n");
    }
    g_hash_table_destroy(by_rule);
    g_hash_table_destroy(sev_seen);
    g_ptr_array_free(ids, TRUE);

    /* The bundle's files; a long list starts folded so the findings stay near the top. */
    g_string_append_printf(o,
                           "<details%s><summary><h3>%s (%u)</h3></summary>"
                           "<table id=\"files\"><tr><th>%s</th><th>%s</th><th>%s</th>"
                           "<th>%s</th><th>%s</th><th>%s</th></tr>\n",
                           r->files->len > MAX_FILES_OPEN ? "" : " open", _("Files of the bundle"),
                           r->files->len, _("File"), _("Role"), _("Type"), _("Bytes"), _("Status"),
                           _("Findings"));
    for (guint i = 0; i < r->files->len; i++) {
        const nohin_file *f = r->files->pdata[i];
        g_string_append(o, "<tr><td>");
        esc(o, f->path);
        g_string_append_printf(o,
                               "</td><td>%s</td><td>%s</td><td class=\"num\">%" G_GUINT64_FORMAT
                               "</td><td>%s</td>"
                               "<td class=\"num\">%u</td></tr>\n",
                               /* the bundle's own nohin.ini is settings, not a public file */
                               nohin_bundle_is_config(f)        ? _("nohin settings")
                               : f->role == NOHIN_ROLE_INTERNAL ? _("internal")
                                                                : _("public"),
                               nohin_format_name(f->format), f->bytes,
                               f->status == NOHIN_STATUS_OK ? _("read") : _("unreadable"),
                               GPOINTER_TO_UINT(g_hash_table_lookup(file_counts, f->path)));
    }
    g_string_append(o, "</table></details></section>\n");
}

static void controls_html(GString *o, const nohin_report *r)
{
    g_string_append_printf(o,
                           "<div class=\"controls\"><label>%s <select id=\"filter-severity\">"
                           "<option value=\"\">%s</option>",
                           _("Severity"), _("all"));
    static const nohin_severity sevs[] = {NOHIN_SEV_ERROR, NOHIN_SEV_WARNING, NOHIN_SEV_INFO};
    for (size_t i = 0; i < G_N_ELEMENTS(sevs); i++)
        g_string_append_printf(o, "<option value=\"%s\">%s</option>", nohin_severity_name(sevs[i]),
                               sev_label(sevs[i]));
    g_string_append_printf(o,
                           "</select></label><label>%s <select id=\"filter-rule\">"
                           "<option value=\"\">%s</option>",
                           _("Rule"), _("all"));
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    GPtrArray *ids = g_ptr_array_new();
    for (guint i = 0; i < r->findings->len; i++) {
        const nohin_finding *f = r->findings->pdata[i];
        if (g_hash_table_add(seen, f->rule)) g_ptr_array_add(ids, f->rule);
    }
    g_ptr_array_sort(ids, cmp_str);
    for (guint i = 0; i < ids->len; i++) {
        g_string_append(o, "<option value=\"");
        esc(o, ids->pdata[i]);
        g_string_append(o, "\">");
        esc(o, ids->pdata[i]);
        g_string_append(o, "</option>");
    }
    g_hash_table_destroy(seen);
    g_ptr_array_free(ids, TRUE);
    g_string_append_printf(o,
                           "</select></label><label>%s <select id=\"sort\">"
                           "<option value=\"file\">%s</option><option value=\"severity\">%s"
                           "</option><option value=\"rule\">%s</option></select></label>",
                           _("Sort by"), _("place in the file"), _("severity"), _("rule"));
    size_t supp = nohin_report_count_suppressed(r);
    if (supp)
        g_string_append_printf(o,
                               "<label><input type=\"checkbox\" id=\"show-suppressed\"> %s "
                               "(%zu)</label>",
                               _("show suppressed findings"), supp);
    /* Written by the script: a "-" left on the page means it did not run. */
    g_string_append_printf(o, "<span>%s <b id=\"shown-count\">-</b></span></div>\n", _("Shown:"));
}

void nohin_report_write_html(const nohin_report *r, FILE *out)
{
    html_ctx h = {.r = r};
    h.files = g_hash_table_new(g_str_hash, g_str_equal);
    h.pics = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, pics_free);
    GHashTable *file_counts = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < r->files->len; i++) {
        const nohin_file *f = r->files->pdata[i];
        g_hash_table_insert(h.files, f->path, (gpointer)f);
    }
    for (guint i = 0; i < r->findings->len; i++) {
        const nohin_finding *f = r->findings->pdata[i];
        if (f->suppress_kind) continue;
        guint n = GPOINTER_TO_UINT(g_hash_table_lookup(file_counts, f->file));
        g_hash_table_insert(file_counts, f->file, GUINT_TO_POINTER(n + 1));
    }

    GString *o = g_string_new("<!DOCTYPE html>\n");
    g_string_append_printf(o,
                           "<html lang=\"%s\"><head><meta charset=\"utf-8\">\n"
                           "<meta http-equiv=\"Content-Security-Policy\" content=\"" CSP "\">\n"
                           "<meta name=\"referrer\" content=\"no-referrer\">\n"
                           "<meta name=\"viewport\" content=\"width=device-width\">\n"
                           "<title>%s</title>\n<style>\n%s</style></head>\n<body>\n",
                           nohin_i18n_lang(), _("nohin report"), nohin_html_css);
    g_string_append_printf(o,
                           "<header><h1>%s</h1><p>nohin " NOHIN_VERSION "</p></header>\n<main>\n",
                           _("nohin report: fix list of the bundle"));
    summary_html(o, r, file_counts);

    g_string_append_printf(o, "<section class=\"card\" id=\"findings\"><h2>%s</h2>\n",
                           _("Findings by file"));
    controls_html(o, r);
    if (!r->findings->len)
        g_string_append_printf(o, "<p id=\"no-findings\">%s</p>\n", _("No findings."));
    GPtrArray *v = nohin_report_display_order(r);
    const char *group = NULL;
    int pkg = -1;
    for (guint i = 0; i < v->len; i++) {
        const nohin_finding *f = v->pdata[i];
        if (!group || strcmp(group, f->file) != 0) {
            if (group) g_string_append(o, "</div></section>\n");
            int g = nohin_report_group_of(r, f->file);
            if (g != pkg) {
                if (pkg >= 0) g_string_append(o, "</section>\n");
                g_string_append_printf(o,
                                       "<section class=\"package\" data-group=\"%d\"><h3>%s</h3>\n",
                                       g, nohin_report_group_title(g));
                pkg = g;
            }
            group = f->file;
            file_group_head(o, &h, v, i);
        }
        finding_html(o, &h, f, i);
    }
    if (group) g_string_append(o, "</div></section>\n</section>\n");
    g_ptr_array_free(v, TRUE);
    g_string_append(o, "</section>\n</main>\n<script>\n");
    g_string_append(o, nohin_html_js);
    g_string_append(o, "</script>\n</body></html>\n");
    fwrite(o->str, 1, o->len, out);
    g_string_free(o, TRUE);
    g_hash_table_destroy(file_counts);
    g_hash_table_destroy(h.pics);
    g_hash_table_destroy(h.files);
}
