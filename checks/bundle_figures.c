/* BUNDLE-FIGURE-NAME, BUNDLE-FIGURE-DATA-MISSING, BUNDLE-THIRD-PARTY: the public data
 * files against the report's captions and 様式3 (001 §5(2): each data file's name
 * matches the figure/table name in the report; no third-party material as open data). */
#include <string.h>
#include "bundle/bundle_model.h"
#include "bundle/captions.h"
#include "bundle/form3.h"

static const nohin_rule rules[] = {
    {"BUNDLE-FIGURE-NAME", NOHIN_SEV_ERROR, true,
     N_("Data file name does not match a figure/table caption in the report"), "001 §5(2)"},
    {"BUNDLE-FIGURE-DATA-MISSING", NOHIN_SEV_INFO, false,
     N_("Figure/table in the report without a public data file"), "001 §5(1)(2)"},
    {"BUNDLE-THIRD-PARTY", NOHIN_SEV_ERROR, false,
     N_("Public data file for a figure listed in 様式3 (reuse not allowed)"), "001 §5(2)(3)"},
    {NULL}};

typedef struct {
    nohin_file *pdf;
    const nohin_caption *cap;
    bool has_data;
} cap_ref;

static void collect(const nohin_bundle *b, GPtrArray *pdfs, GPtrArray *data, GPtrArray *forms3)
{
    for (guint i = 0; i < b->files->len; i++) {
        nohin_file *f = b->files->pdata[i];
        if (f->role == NOHIN_ROLE_PUBLIC && f->folder_role) {
            if (nohin_bundle_is_report_pdf(f)) {
                if (f->status == NOHIN_STATUS_OK) g_ptr_array_add(pdfs, f);
            } else if (nohin_bundle_is_data(f)) {
                g_ptr_array_add(data, f);
            }
        } else if (f->role == NOHIN_ROLE_INTERNAL && f->format == NOHIN_FMT_XLSX &&
                   f->status == NOHIN_STATUS_OK && nohin_bundle_form_of(f) == NOHIN_FORM_3) {
            g_ptr_array_add(forms3, f);
        }
    }
}

static cap_ref *find_ref(GArray *refs, const char *kind, const char *number)
{
    for (guint i = 0; i < refs->len; i++) {
        cap_ref *r = &g_array_index(refs, cap_ref, i);
        if (!strcmp(r->cap->number, number) && nohin_caption_kinds_compatible(kind, r->cap->kind))
            return r;
    }
    return NULL;
}

/* The caption whose title is closest to a data file's (at most a third of it
 * differs), for a file whose number names no caption: "did you mean 図4-2 …?". */
static const cap_ref *closest_title(GArray *refs, const char *kind, const char *title)
{
    const cap_ref *best = NULL;
    double best_d = 1.0 / 3 + 1e-9;
    if (!title || g_utf8_strlen(title, -1) < 2) return NULL;
    for (guint i = 0; i < refs->len; i++) {
        const cap_ref *r = &g_array_index(refs, cap_ref, i);
        if (!nohin_caption_kinds_compatible(kind, r->cap->kind) || !*r->cap->title) continue;
        double d = nohin_caption_title_distance(title, r->cap->title);
        if (d < best_d) {
            best = r;
            best_d = d;
        }
    }
    return best;
}

static void check_name(nohin_ctx *ctx, nohin_file *f, GArray *refs)
{
    char *kind = NULL, *number = NULL, *title = NULL;
    if (!nohin_caption_parse_name(nohin_file_basename(f), &kind, &number, &title)) {
        nohin_finding *x = nohin_emit(
            ctx, f, "BUNDLE-FIGURE-NAME", nohin_loc_none(),
            _("Name the file after its figure or table, e.g. 図3-2_地域別出荷額の推移.xlsx."),
            _("%s names no figure or table number, so it cannot be matched to the report."),
            nohin_file_basename(f));
        if (x) x->fixable = false; /* which figure it holds needs a person */
        return;
    }
    cap_ref *r = find_ref(refs, kind, number);
    const cap_ref *near = r ? NULL : closest_title(refs, kind, title);
    if (!r && near) {
        nohin_finding *x = nohin_emit(
            ctx, f, "BUNDLE-FIGURE-NAME", nohin_loc_none(),
            _("Correct the number in the file name, or add the caption to the report."),
            _("%s names %s%s, which is not a caption in the report. Did you mean %s%s %s "
              "(page %d of %s)?"),
            nohin_file_basename(f), kind ? kind : "", number, near->cap->kind, near->cap->number,
            near->cap->title, near->cap->page ? near->cap->page : near->cap->toc_page,
            nohin_file_basename(near->pdf));
        if (x) x->fixable = false; /* a person confirms which figure it is */
        char *name = nohin_caption_file_name(near->cap, NULL);
        nohin_finding_set_evidence(x, "%s", name);
        g_free(name);
    } else if (!r) {
        nohin_finding *x =
            nohin_emit(ctx, f, "BUNDLE-FIGURE-NAME", nohin_loc_none(),
                       _("Correct the number in the file name, or add the caption to the report."),
                       _("%s names %s%s, which is not a caption in the report."),
                       nohin_file_basename(f), kind ? kind : "", number);
        if (x) x->fixable = false; /* only a matching number can be renamed automatically */
    } else {
        r->has_data = true;
        char *want = nohin_caption_title_key(r->cap->title);
        char *have = nohin_caption_title_key(title);
        if (*have && *want && strcmp(want, have) != 0) {
            char *name = nohin_caption_file_name(r->cap, NULL);
            nohin_finding *x = nohin_emit(
                ctx, f, "BUNDLE-FIGURE-NAME", nohin_loc_none(),
                _("Rename the file so its title matches the caption."),
                _("The title in the file name \"%s\" differs from the caption \"%s%s %s\" on "
                  "page %d of %s."),
                title, r->cap->kind, r->cap->number, r->cap->title,
                r->cap->page ? r->cap->page : r->cap->printed_page, nohin_file_basename(r->pdf));
            nohin_finding_set_severity(ctx, x, NOHIN_SEV_WARNING);
            nohin_finding_set_evidence(x, "%s", name);
            g_free(name);
        }
        g_free(want);
        g_free(have);
    }
    g_free(kind);
    g_free(number);
    g_free(title);
}

static bool listed(GPtrArray *read3, const nohin_caption *cap)
{
    for (guint k = 0; k < read3->len; k++) {
        const nohin_form3 *f3 = read3->pdata[k];
        for (guint e = 0; e < f3->entries->len; e++) {
            const nohin_form3_entry *en = f3->entries->pdata[e];
            if (!strcmp(en->number, cap->number) &&
                nohin_caption_kinds_compatible(en->kind, cap->kind))
                return true;
        }
    }
    return false;
}

static void check_third_party(nohin_ctx *ctx, GPtrArray *data, GPtrArray *forms3, GPtrArray *read3)
{
    for (guint k = 0; k < forms3->len; k++) {
        nohin_file *form = forms3->pdata[k];
        const nohin_form3 *f3 = read3->pdata[k];
        for (guint i = 0; i < data->len; i++) {
            nohin_file *f = data->pdata[i];
            char *kind = NULL, *number = NULL, *title = NULL;
            if (!nohin_caption_parse_name(nohin_file_basename(f), &kind, &number, &title)) continue;
            for (guint e = 0; e < f3->entries->len; e++) {
                const nohin_form3_entry *en = f3->entries->pdata[e];
                if (strcmp(en->number, number) != 0 ||
                    !nohin_caption_kinds_compatible(kind, en->kind))
                    continue;
                nohin_finding *x = nohin_emit(
                    ctx, f, "BUNDLE-THIRD-PARTY", nohin_loc_none(),
                    _("Remove the file from the public package: the rights holder has not "
                      "allowed reuse of this figure's data."),
                    _("%s is the data of %s%s, which 様式3 (%s, row %d) lists as not cleared "
                      "for reuse."),
                    nohin_file_basename(f), en->kind ? en->kind : "", en->number,
                    nohin_file_basename(form), en->row);
                nohin_finding_set_evidence(x, "%s", en->title);
                break;
            }
            g_free(kind);
            g_free(number);
            g_free(title);
        }
    }
}

static void run(nohin_ctx *ctx, const nohin_bundle *b)
{
    GPtrArray *pdfs = g_ptr_array_new(), *data = g_ptr_array_new(), *forms3 = g_ptr_array_new();
    collect(b, pdfs, data, forms3);
    GPtrArray *read3 = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_form3_free);
    for (guint k = 0; k < forms3->len; k++)
        g_ptr_array_add(read3, nohin_form3_read(((nohin_file *)forms3->pdata[k])->abspath));
    check_third_party(ctx, data, forms3, read3);
    if (pdfs->len > 0) {
        GArray *refs = g_array_new(FALSE, TRUE, sizeof(cap_ref));
        for (guint i = 0; i < pdfs->len; i++) {
            const nohin_captions *c = nohin_captions_of(pdfs->pdata[i]);
            for (guint j = 0; j < c->items->len; j++) {
                cap_ref r = {pdfs->pdata[i], c->items->pdata[j], false};
                g_array_append_val(refs, r);
            }
        }
        for (guint i = 0; i < data->len; i++)
            check_name(ctx, data->pdata[i], refs);
        for (guint i = 0; i < refs->len; i++) {
            const cap_ref *r = &g_array_index(refs, cap_ref, i);
            /* A figure listed in 様式3 must have no public data: nothing to say. */
            if (r->has_data || listed(read3, r->cap)) continue;
            int page = r->cap->page ? r->cap->page : r->cap->toc_page;
            nohin_finding *x = nohin_emit(
                ctx, r->pdf, "BUNDLE-FIGURE-DATA-MISSING", nohin_loc_page(page),
                _("If the figure has data that may be published, add it to the data folder named "
                  "after the caption; photos, diagrams and third-party figures need none."),
                _("%s%s %s has no data file in the public package."), r->cap->kind, r->cap->number,
                r->cap->title);
            char *name = nohin_caption_file_name(r->cap, NULL);
            nohin_finding_set_evidence(x, "%s", name);
            g_free(name);
        }
        g_array_free(refs, TRUE);
    }
    g_ptr_array_free(pdfs, TRUE);
    g_ptr_array_free(data, TRUE);
    g_ptr_array_free(forms3, TRUE);
    g_ptr_array_free(read3, TRUE);
}

NOHIN_CHECK(bundle_figures) = {.name = "bundle_figures",
                               .rules = rules,
                               .formats = 0,
                               .roles = NOHIN_ROLE_ANY,
                               .run_bundle = run};
