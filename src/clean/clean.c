/* `nohin clean`: lint the input to know files, formats and roles; build the
 * public bundle in a temporary sibling folder; lint that; write the fix list
 * and the manifest; rename the folder into place. */
#include <errno.h>
#include <gio/gio.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>
#include "bundle/bundle_model.h"
#include "bundle/captions.h"
#include "bundle/form2.h"
#include "bundle/form3.h"
#include "readers/pdf_reader.h"
#include "clean/clean.h"
#include "clean/clean_csv.h"
#include "clean/clean_pdf.h"
#include "clean/clean_xlsx.h"
#include "clean/fixlist.h"
#include "clean/organisation.h"
#include "clean/title.h"
#include "clean/form2_update.h"
#include "clean/form3.h"
#include "core/workers.h"
#include "clean/fsutil.h"
#include "clean/outdir.h"
#include "split/split_pdf.h"

#define DEFAULT_DATA_FOLDER "図表等データ"
/* OUTDIR/公表用: exactly what is published; OUTDIR/提出記録: the record of the run
 * (fix list, manifest, 様式2 as updated), which lint leaves out of the bundle. */
#define PUBLISH_DIR "公表用"
#define RECORD_DIR NOHIN_CLEAN_RECORD_DIR

/* Rules whose findings `clean` removes; after cleaning none may remain. */
static const char *const fixed_rules[] = {"PDF-ATTACHMENT",       "PDF-JAVASCRIPT",
                                          "PDF-AUTO-ACTION",      "PDF-EXTERNAL-ACTION",
                                          "PDF-ANNOTATION",       "PDF-FORM",
                                          "PDF-REVISIONS",        "PDF-METADATA-PERSON",
                                          "PDF-PROPERTIES",       "PDF-PRIVATE-DATA",
                                          "XLSX-HIDDEN-ROW",      "XLSX-HIDDEN-COL",
                                          "XLSX-HIDDEN-SHEET",    "XLSX-VERYHIDDEN-SHEET",
                                          "XLSX-HIDDEN-NAME",     "XLSX-COMMENT",
                                          "XLSX-EXTERNAL-LINK",   "XLSX-DATA-CONNECTION",
                                          "XLSX-MACRO",           "XLSX-CUSTOM-XML",
                                          "XLSX-METADATA-PERSON", "XLSX-PROPERTIES",
                                          "BUNDLE-JUNK",          "BUNDLE-DATA-FOLDER",
                                          "BUNDLE-LAYOUT",        "BUNDLE-PUBLIC-PDF",
                                          "BUNDLE-THIRD-PARTY",   "BUNDLE-FORM2-MISMATCH",
                                          "LIMIT-BYTES",          "LIMIT-PAGES",
                                          "LIMIT-CHARS",          NULL};

static bool rule_fixed(const char *rule)
{
    for (const char *const *r = fixed_rules; *r; r++)
        if (!strcmp(*r, rule)) return true;
    return false;
}

void nohin_clean_options_init(nohin_clean_options *o)
{
    memset(o, 0, sizeof *o);
    o->default_role = NOHIN_ROLE_PUBLIC;
}

static bool is_junk(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return g_str_has_prefix(base, "~$") || !strcmp(base, ".DS_Store") ||
           !g_ascii_strcasecmp(base, "Thumbs.db") || !g_ascii_strcasecmp(base, "desktop.ini") ||
           g_str_has_prefix(path, "__MACOSX/") || strstr(path, "/__MACOSX/") ||
           g_str_has_prefix(base, "._");
}

typedef struct {
    const nohin_clean_options *o;
    const nohin_config *cfg;
    nohin_fixlist *fl;
    char *tmp;          /* the output being built */
    GPtrArray *reports; /* nohin_file*: public report PDFs */
    GPtrArray *data;    /* nohin_file*: public XLSX/CSV */
    nohin_file *form2, *form3;
    GHashTable *carried;       /* input path -> output name (for manual findings) */
    GHashTable *taken;         /* output names in use */
    const nohin_report *input; /* the lint of the input */
    char *organisation;        /* Author/creator for the outputs; NULL when unknown */
    const char *org_source;    /* where it came from, for the fix list */
    char *form2_out;           /* OUTDIR-relative path of the copied 様式2 */
    GPtrArray *report_outs;    /* OUTDIR-relative paths of the public PDFs written */
    guint n_data_out;          /* data files published */
    nohin_form3 *listed3;      /* 様式3 (XLSX) as read once; NULL until needed */
    /* OUTDIR-relative path -> input nohin_file*: outputs copied byte for byte, whose
     * per-file findings the lint of the output takes from the input's lint */
    GHashTable *copies;
    GHashTable *reused;     /* OUTDIR-relative paths whose findings were taken over */
    GHashTable *rule_kinds; /* see rule_kinds() */
    GHashTable *hashed;     /* OUTDIR-relative path -> SHA-256 hex, from the output lint */
} run;

static void classify(run *r, const nohin_report *rep)
{
    for (guint i = 0; i < rep->files->len; i++) {
        nohin_file *f = rep->files->pdata[i];
        const char *why = NULL;
        if (nohin_bundle_is_config(f) || nohin_bundle_is_container(f)) continue;
        if (nohin_bundle_is_junk(f, &why) || is_junk(f->path)) {
            nohin_fixlist_add(r->fl, NOHIN_FIX_CHANGED, "BUNDLE-JUNK", f->path, NULL, NULL, "%s",
                              _("System or lock file left out."));
            continue;
        }
        int form = (int)nohin_bundle_form_of(f);
        if (form == 2 && (!r->form2 || f->role == NOHIN_ROLE_INTERNAL)) {
            r->form2 = f;
            continue;
        }
        if (form == 3 && (!r->form3 || f->role == NOHIN_ROLE_INTERNAL)) {
            r->form3 = f;
            continue;
        }
        if (form == 0 && f->role == NOHIN_ROLE_PUBLIC && f->status == NOHIN_STATUS_OK) {
            if (f->format == NOHIN_FMT_PDF) {
                g_ptr_array_add(r->reports, f);
                continue;
            }
            if (f->format == NOHIN_FMT_XLSX || f->format == NOHIN_FMT_CSV) {
                g_ptr_array_add(r->data, f);
                continue;
            }
        }
        nohin_fixlist_add(r->fl, NOHIN_FIX_LEFT_OUT, "", f->path, NULL, NULL, "%s",
                          f->role == NOHIN_ROLE_INTERNAL ? _("Non-public file: not published.")
                          : form == 1 ? _("様式1 is not part of the public bundle.")
                          : f->status != NOHIN_STATUS_OK
                              ? _("Unreadable file: not published.")
                              : _("Not a report PDF or figure data (XLSX/CSV): not published."));
    }
}

/* The caption a data file is for (by the number in its name), in any report. */
static const nohin_caption *caption_for(run *r, nohin_file *f)
{
    for (guint i = 0; i < r->reports->len; i++) {
        const nohin_captions *caps = nohin_captions_of(r->reports->pdata[i]);
        const nohin_caption *c = nohin_captions_for_file_name(caps, nohin_file_basename(f));
        if (c) return c;
    }
    return NULL;
}

/* A unique output name under the same folder (two inputs with one base name). */
static char *claim_name(run *r, const char *folder, const char *base)
{
    char *rel = folder ? g_strconcat(folder, "/", base, NULL) : g_strdup(base);
    for (int k = 2; g_hash_table_contains(r->taken, rel); k++) {
        g_free(rel);
        const char *dot = strrchr(base, '.');
        size_t stem = dot ? (size_t)(dot - base) : strlen(base);
        rel = g_strdup_printf("%s%s%.*s-%d%s", folder ? folder : "", folder ? "/" : "", (int)stem,
                              base, k, dot ? dot : "");
    }
    g_hash_table_add(r->taken, g_strdup(rel));
    return rel;
}

/* 様式3 (an XLSX) read once for the PDF and for the data files it names. */
static const nohin_form3 *form3_listed(run *r)
{
    if (!r->listed3) r->listed3 = nohin_form3_read(r->form3->abspath);
    return r->listed3;
}

static char *form3_pdf(run *r)
{
    nohin_file *f = r->form3;
    if (!f) return NULL;
    if (f->format == NOHIN_FMT_PDF) return g_strdup(f->abspath);
    if (f->format != NOHIN_FMT_XLSX) {
        nohin_fixlist_add(r->fl, NOHIN_FIX_MANUAL, "BUNDLE-PUBLIC-PDF", f->path, NULL, NULL, "%s",
                          _("様式3 is neither XLSX nor PDF: merge its entries into the public PDF "
                            "by hand."));
        return NULL;
    }
    GError *err = NULL;
    /* The bundle checks' reading of 様式3 (src/bundle/form3.c): what lint counts is
     * what is drawn and counted here. */
    const nohin_form3 *listed = form3_listed(r);
    if (listed->error) {
        nohin_fixlist_add(r->fl, NOHIN_FIX_MANUAL, "BUNDLE-PUBLIC-PDF", f->path, NULL, NULL,
                          _("様式3 could not be read (%s): merge its entries by hand."),
                          listed->error);
        return NULL;
    }
    GPtrArray *entries = g_ptr_array_new();
    for (guint i = 0; i < listed->entries->len; i++)
        g_ptr_array_add(entries, ((nohin_form3_entry *)listed->entries->pdata[i])->cells);
    char *pdf = NULL;
    if (entries->len == 0) {
        nohin_fixlist_add(r->fl, NOHIN_FIX_NOTE, "BUNDLE-PUBLIC-PDF", f->path, NULL, NULL, "%s",
                          _("様式3 lists no entries: not appended."));
    } else {
        pdf = g_build_filename(r->tmp, ".form3.pdf", NULL);
        if (!nohin_form3_render_pdf(listed->header, entries, _("二次利用未承諾リスト"), pdf,
                                    &err)) {
            nohin_fixlist_add(r->fl, NOHIN_FIX_MANUAL, "BUNDLE-PUBLIC-PDF", f->path, NULL, NULL,
                              _("様式3 could not be rendered (%s): merge it by hand."),
                              err->message);
            g_clear_error(&err);
            g_free(pdf);
            pdf = NULL;
        } else {
            nohin_fixlist_add(r->fl, NOHIN_FIX_NOTE, "BUNDLE-PUBLIC-PDF", f->path, NULL, NULL,
                              _("様式3's %u entries rendered as a text table for the public PDF."),
                              entries->len);
        }
    }
    g_ptr_array_free(entries, TRUE);
    return pdf;
}

/* Whether lint saw the report at or near a limit of 001 §5(1): only then is the
 * output measured again (poppler reads every page's text for that). */
static bool near_limit(const run *r, const nohin_file *f)
{
    for (guint i = 0; i < r->input->findings->len; i++) {
        const nohin_finding *x = r->input->findings->pdata[i];
        if (g_str_has_prefix(x->rule, "LIMIT-") && !strcmp(x->file, f->path)) return true;
    }
    return false;
}

/* A public PDF over a limit (様式3 appended included) is replaced by its parts,
 * <name>_分冊N.pdf, cut where lint's LIMIT-* proposal cuts; 様式3's pages are the
 * last ones, so they are in the last part. */
static bool split_report(run *r, const nohin_file *f, const char *out, const char *out_name,
                         GError **error)
{
    bool over = false;
    GError *err = NULL;
    GArray *plan = nohin_split_plan_for(out, &over, &err);
    if (!plan || !over) {
        g_clear_error(&err);
        if (plan) g_array_free(plan, TRUE);
        return true;
    }
    char *dir = g_path_get_dirname(out), *stem = g_path_get_basename(out);
    char *dot = strrchr(stem, '.');
    if (dot && dot != stem) *dot = '\0';
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    GArray *dropped = g_array_new(FALSE, TRUE, sizeof(int));
    bool ok =
        nohin_split_pdf_counted(out, dir, stem, plan, NULL, r->organisation, names, dropped, &err);
    if (ok) {
        char *folder = g_path_get_dirname(out_name);
        for (guint i = 0; i < names->len; i++) {
            const nohin_split_range *g = &g_array_index(plan, nohin_split_range, i);
            char *rel = g_build_filename(folder, names->pdata[i], NULL);
            g_hash_table_add(r->taken, g_strdup(rel));
            g_ptr_array_add(r->report_outs, g_strdup(rel));
            nohin_fixlist_add(r->fl, NOHIN_FIX_CHANGED, "LIMIT-PAGES", f->path, rel, NULL,
                              _("Over a limit of 001 §5(1): part %u of %u holds pages %d–%d."),
                              i + 1, names->len, g->first + 1, g->last + 1);
            if (i < dropped->len && g_array_index(dropped, int, i) > 0)
                nohin_fixlist_add(r->fl, NOHIN_FIX_NOTE, "LIMIT-PAGES", f->path, rel, NULL,
                                  _("Links into other parts removed: %d (their pages are not in "
                                    "this part)."),
                                  g_array_index(dropped, int, i));
            g_free(rel);
        }
        g_free(folder);
        g_unlink(out);
    } else if (nohin_is_write_failure(err)) {
        g_propagate_error(error, g_steal_pointer(&err));
    } else {
        nohin_fixlist_add(r->fl, NOHIN_FIX_MANUAL, "LIMIT-PAGES", f->path, out_name, NULL,
                          _("Over a limit of 001 §5(1), and it could not be split (%s): split it "
                            "by hand."),
                          err ? err->message : "?");
        ok = true;
    }
    g_clear_error(&err);
    g_ptr_array_free(names, TRUE);
    g_array_free(dropped, TRUE);
    g_array_free(plan, TRUE);
    g_free(dir);
    g_free(stem);
    return ok;
}

/* Whether the OCR pass of the cleaned PDF would find every page with text: the
 * input's lint read each page's text (PDF-TEXT-LAYER, the test OCR uses too) and
 * found it everywhere, and clean removes nothing drawn on a page (annotations,
 * fields, attachment icons) from a PDF both readers could open. 様式3's rendered
 * pages are text. Then OCR need not extract every page's text a second time. */
static bool text_on_every_page(const run *r, const nohin_file *const *files, size_t n)
{
    static const char *const rules[] = {"PDF-TEXT-LAYER", "PDF-ANNOTATION", "PDF-FORM",
                                        "PDF-ATTACHMENT", "PDF-MALFORMED",  "PDF-ENCRYPTED"};
    for (size_t k = 0; k < G_N_ELEMENTS(rules); k++)
        if (nohin_config_rule_disabled(r->cfg, rules[k])) return false;
    for (guint i = 0; i < r->input->findings->len; i++) {
        const nohin_finding *x = r->input->findings->pdata[i];
        for (size_t j = 0; j < n; j++) {
            if (!files[j] || strcmp(x->file, files[j]->path)) continue;
            for (size_t k = 0; k < G_N_ELEMENTS(rules); k++)
                if (!strcmp(x->rule, rules[k])) return false;
        }
    }
    return true;
}

static bool do_reports(run *r, GError **error)
{
    if (r->reports->len == 0) {
        nohin_fixlist_add(r->fl, NOHIN_FIX_MANUAL, "BUNDLE-PUBLIC-PDF", "", NULL, NULL, "%s",
                          _("No public report PDF found: add the report (PDF with a text layer)."));
        return true;
    }
    char *f3 = form3_pdf(r);
    for (guint i = 0; i < r->reports->len; i++) {
        nohin_file *f = r->reports->pdata[i];
        bool last = i + 1 == r->reports->len;
        nohin_pdf_part parts[2] = {{f->abspath, f->path}, {f3, r->form3 ? r->form3->path : ""}};
        char *out_name = claim_name(r, PUBLISH_DIR, nohin_file_basename(f));
        char *out = g_build_filename(r->tmp, out_name, NULL);
        const nohin_file *read[2] = {f, last && f3 ? r->form3 : NULL};
        nohin_pdf_clean_opts po = {.title = r->cfg->title,
                                   .author = r->organisation,
                                   .author_source = r->org_source,
                                   .output_name = out_name,
                                   .text_on_every_page = text_on_every_page(r, read, 2)};
        GError *err = NULL;
        if (!nohin_clean_pdf(parts, last && f3 ? 2 : 1, out, &po, r->fl, &err)) {
            if (nohin_is_write_failure(err)) {
                g_propagate_error(error, err);
                g_free(out);
                g_free(out_name);
                if (f3 && r->form3 && r->form3->format != NOHIN_FMT_PDF) g_unlink(f3);
                g_free(f3);
                return false;
            }
            nohin_fixlist_add(
                r->fl, NOHIN_FIX_MANUAL,
                g_error_matches(err, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ? "PDF-ENCRYPTED"
                                                                               : "PDF-MALFORMED",
                f->path, NULL, NULL, _("Could not be cleaned (%s): left out."), err->message);
            g_error_free(err);
        } else if (near_limit(r, f) && !split_report(r, f, out, out_name, error)) {
            g_free(out);
            g_free(out_name);
            if (f3 && r->form3 && r->form3->format != NOHIN_FMT_PDF) g_unlink(f3);
            g_free(f3);
            return false;
        } else {
            g_hash_table_insert(r->carried, g_strdup(f->path), g_strdup(out_name));
            if (g_file_test(out, G_FILE_TEST_EXISTS))
                g_ptr_array_add(r->report_outs, g_strdup(out_name));
            if (last && f3 && r->form3)
                g_hash_table_insert(r->carried, g_strdup(r->form3->path), g_strdup(out_name));
        }
        g_free(out);
        g_free(out_name);
    }
    if (f3 && r->form3 && r->form3->format != NOHIN_FMT_PDF) g_unlink(f3);
    g_free(f3);
    return true;
}

/* The 様式3 entry a data file is for (same figure number, compatible kind). */
static const nohin_form3_entry *third_party(const nohin_form3 *listed, nohin_file *f)
{
    if (!listed || listed->error) return NULL;
    char *kind = NULL, *number = NULL, *title = NULL;
    const nohin_form3_entry *hit = NULL;
    if (nohin_caption_parse_name(nohin_file_basename(f), &kind, &number, &title))
        for (guint i = 0; i < listed->entries->len && !hit; i++) {
            const nohin_form3_entry *e = listed->entries->pdata[i];
            if (!strcmp(e->number, number) && nohin_caption_kinds_compatible(e->kind, kind))
                hit = e;
        }
    g_free(kind);
    g_free(number);
    g_free(title);
    return hit;
}

/* One data file to write: named in order on the main thread, written by a worker. */
typedef struct {
    nohin_file *f;
    char *out_name, *out, *title;
    bool ok;
    GError *err;
} data_job;

typedef struct {
    run *r;
    data_job *jobs;
    guint n;
    gint next;
} data_queue;

static gpointer data_worker(gpointer p)
{
    data_queue *q = p;
    run *r = q->r;
    for (;;) {
        guint i = (guint)g_atomic_int_add(&q->next, 1);
        if (i >= q->n) break;
        data_job *j = &q->jobs[i];
        if (j->f->format == NOHIN_FMT_XLSX) {
            nohin_xlsx_clean_opts xo = {.title = j->title,
                                        .creator = r->organisation,
                                        .unhide = r->o->unhide,
                                        .name = j->f->path,
                                        .output_name = j->out_name};
            j->ok = nohin_clean_xlsx(j->f->abspath, j->out, &xo, r->fl, &j->err);
        } else {
            j->ok = nohin_clean_csv(j->f->abspath, j->out, r->o->normalize_csv, j->f->path,
                                    j->out_name, r->fl, &j->err);
        }
    }
    return NULL;
}

/* The workbooks and CSVs are independent: written by a worker per core (the fix
 * list takes entries from any thread and is sorted before it is written). */
static void write_data(run *r, data_job *jobs, guint n)
{
    data_queue q = {.r = r, .jobs = jobs, .n = n};
    nohin_run_workers("nohin-clean", data_worker, &q, MIN(g_get_num_processors(), n));
}

static bool do_data(run *r, GError **error)
{
    if (r->data->len == 0) return true;
    char *folder = g_strconcat(PUBLISH_DIR "/",
                               r->o->data_folder ? r->o->data_folder : DEFAULT_DATA_FOLDER, NULL);
    char *dir = g_build_filename(r->tmp, folder, NULL);
    if (g_mkdir(dir, 0755) != 0) {
        nohin_write_fail(error, dir, errno);
        g_free(dir);
        g_free(folder);
        return false;
    }
    g_free(dir);
    const nohin_form3 *listed =
        r->form3 && r->form3->format == NOHIN_FMT_XLSX ? form3_listed(r) : NULL;
    data_job *jobs = g_new0(data_job, r->data->len);
    guint n = 0;
    for (guint i = 0; i < r->data->len; i++) {
        nohin_file *f = r->data->pdata[i];
        const nohin_form3_entry *third = third_party(listed, f);
        if (third) {
            nohin_fixlist_add(r->fl, NOHIN_FIX_CHANGED, "BUNDLE-THIRD-PARTY", f->path, NULL, NULL,
                              _("Left out: 様式3 (row %d) lists %s%s as material whose reuse is "
                                "not allowed, so it cannot be open data."),
                              third->row, third->kind ? third->kind : "", third->number);
            continue;
        }
        const nohin_caption *cap = caption_for(r, f);
        char *ext = nohin_file_extension(f->path);
        /* The name the caption gives; the number already matches, the title may not. */
        char *want = cap && cap->title && *cap->title ? nohin_caption_file_name(cap, ext) : NULL;
        const char *base = nohin_file_basename(f);
        char *out_name = claim_name(r, folder, want ? want : base);
        if (want && strcmp(want, base))
            nohin_fixlist_add(r->fl, NOHIN_FIX_CHANGED, "BUNDLE-FIGURE-NAME", f->path, out_name,
                              NULL, _("Renamed after its caption %s%s %s."), cap->kind, cap->number,
                              cap->title);
        char *title = cap ? g_strdup_printf("%s%s %s", cap->kind, cap->number, cap->title)
                      : f->format == NOHIN_FMT_XLSX ? nohin_clean_xlsx_title(f->abspath, base)
                                                    : nohin_clean_title_from_name(base);
        g_strstrip(title);
        g_free(want);
        g_free(ext);
        jobs[n++] = (data_job){.f = f,
                               .out_name = out_name,
                               .out = g_build_filename(r->tmp, out_name, NULL),
                               .title = title};
    }
    write_data(r, jobs, n);
    bool io_ok = true;
    for (guint i = 0; i < n; i++) {
        data_job *j = &jobs[i];
        nohin_file *f = j->f;
        if (!io_ok) {
            g_clear_error(&j->err);
        } else if (j->ok) {
            g_hash_table_insert(r->carried, g_strdup(f->path), g_strdup(j->out_name));
            if (f->format == NOHIN_FMT_CSV && !r->o->normalize_csv)
                g_hash_table_insert(r->copies, g_strdup(j->out_name), f);
            r->n_data_out++;
        } else if (nohin_is_write_failure(j->err) || !nohin_dir_writable(r->tmp)) {
            /* the disk, not the file: the whole run stops */
            g_unlink(j->out);
            if (nohin_is_write_failure(j->err))
                g_propagate_error(error, g_steal_pointer(&j->err));
            else
                nohin_write_fail(error, j->out, ENOSPC);
            g_clear_error(&j->err);
            io_ok = false;
        } else {
            g_unlink(j->out);
            nohin_fixlist_add(r->fl, NOHIN_FIX_MANUAL, "", f->path, NULL, NULL,
                              _("Cannot be cleaned safely (%s): left out; clean it by hand."),
                              j->err ? j->err->message : "?");
            g_clear_error(&j->err);
        }
        g_free(j->title);
        g_free(j->out);
        g_free(j->out_name);
    }
    g_free(jobs);
    g_free(folder);
    return io_ok;
}

/* 様式2 goes out too, so it gets the same cleaning as a data workbook, except that
 * hidden rows and columns are shown rather than deleted: the form's layout is
 * METI's. When it cannot be cleaned it is copied unchanged and the lint of the
 * output says what remains. */
static bool do_form2(run *r, GError **error)
{
    if (!r->form2) return true;
    char *out_name = claim_name(r, RECORD_DIR, nohin_file_basename(r->form2));
    char *out = g_build_filename(r->tmp, out_name, NULL);
    bool ok = false;
    if (r->form2->format == NOHIN_FMT_XLSX) {
        char *title = nohin_clean_xlsx_title(r->form2->abspath, nohin_file_basename(r->form2));
        nohin_xlsx_clean_opts xo = {.title = title,
                                    .creator = r->organisation,
                                    .unhide = true,
                                    .name = r->form2->path,
                                    .output_name = out_name};
        GError *err = NULL;
        ok = nohin_clean_xlsx(r->form2->abspath, out, &xo, r->fl, &err);
        if (!ok && (nohin_is_write_failure(err) || !nohin_dir_writable(r->tmp))) {
            g_unlink(out);
            if (nohin_is_write_failure(err))
                g_propagate_error(error, g_steal_pointer(&err));
            else
                nohin_write_fail(error, out, ENOSPC);
            g_clear_error(&err);
            g_free(title);
            g_free(out);
            g_free(out_name);
            return false;
        }
        if (!ok) {
            g_unlink(out);
            nohin_fixlist_add(r->fl, NOHIN_FIX_NOTE, "BUNDLE-FORM", r->form2->path, out_name, NULL,
                              _("様式2 could not be cleaned (%s): copied unchanged."),
                              err ? err->message : "?");
            g_clear_error(&err);
        }
        g_free(title);
    }
    if (!ok) {
        ok = nohin_copy_file(r->form2->abspath, out, error);
        if (ok) g_hash_table_insert(r->copies, g_strdup(out_name), r->form2);
        if (ok && r->form2->format != NOHIN_FMT_XLSX)
            nohin_fixlist_add(r->fl, NOHIN_FIX_NOTE, "BUNDLE-FORM", r->form2->path, out_name, NULL,
                              "%s", _("様式2 copied unchanged."));
    }
    if (ok) g_hash_table_insert(r->carried, g_strdup(r->form2->path), g_strdup(out_name));
    if (ok) r->form2_out = g_strdup(out_name);
    g_free(out);
    g_free(out_name);
    return ok;
}

/* The fix list's entries as "kind rule file" and "kind rule" keys: carry_manual and
 * lint_output ask once per finding whether clean already has an entry. */
static void index_add(GHashTable *idx, nohin_fix_kind kind, const char *rule, const char *file)
{
    g_hash_table_add(idx, g_strdup_printf("%d\x1f%s\x1f%s", (int)kind, rule, file));
    g_hash_table_add(idx, g_strdup_printf("%d\x1f%s", (int)kind, rule));
}

static GHashTable *index_fixlist(const nohin_fixlist *fl)
{
    GHashTable *idx = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < fl->items->len; i++) {
        const nohin_fix *x = fl->items->pdata[i];
        index_add(idx, x->kind, x->rule, x->file);
    }
    return idx;
}

/* Whether the fix list has an entry of kind for rule (on file; any file when NULL). */
static bool has_entry(GHashTable *idx, nohin_fix_kind kind, const char *rule, const char *file)
{
    char *k = file ? g_strdup_printf("%d\x1f%s\x1f%s", (int)kind, rule, file)
                   : g_strdup_printf("%d\x1f%s", (int)kind, rule);
    bool has = g_hash_table_contains(idx, k);
    g_free(k);
    return has;
}

/* Findings of the input that clean does not fix, on files that go public. */
static void carry_manual(run *r, const nohin_report *rep)
{
    GHashTable *idx = index_fixlist(r->fl);
    for (guint i = 0; i < rep->findings->len; i++) {
        const nohin_finding *f = rep->findings->pdata[i];
        if (f->severity == NOHIN_SEV_INFO || rule_fixed(f->rule)) continue;
        if (!*f->file || !g_hash_table_contains(r->carried, f->file)) continue;
        if (!strcmp(f->rule, "PDF-ENCRYPTED")) continue;                   /* written unencrypted */
        if (has_entry(idx, NOHIN_FIX_CHANGED, f->rule, f->file)) continue; /* clean fixed it */
        /* clean's own manual entry for the whole file (a hidden layer) says it already */
        if (f->loc.kind == NOHIN_LOC_NONE && has_entry(idx, NOHIN_FIX_MANUAL, f->rule, f->file))
            continue;
        char *loc = nohin_location_format(&f->loc);
        /* Errors need a person; warnings are advice to review (no effect on the exit code). */
        nohin_fix_kind kind = f->severity == NOHIN_SEV_ERROR ? NOHIN_FIX_MANUAL : NOHIN_FIX_NOTE;
        nohin_fixlist_add(r->fl, kind, f->rule, f->file, g_hash_table_lookup(r->carried, f->file),
                          *loc ? loc : NULL, "%s%s%s", f->message, f->fix ? " " : "",
                          f->fix ? f->fix : "");
        index_add(idx, kind, f->rule, f->file);
        g_free(loc);
    }
    g_hash_table_destroy(idx);
}

/* Rule id -> 1 when a per-file check declares it, 2 for a bundle check, 3 both. */
static GHashTable *rule_kinds(void)
{
    GHashTable *t = g_hash_table_new(g_str_hash, g_str_equal);
    size_t n = 0;
    const nohin_check *const *checks = nohin_checks(&n);
    for (size_t i = 0; i < n; i++) {
        int kind = (checks[i]->run_file ? 1 : 0) | (checks[i]->run_bundle ? 2 : 0);
        for (const nohin_rule *ru = checks[i]->rules; ru && ru->id; ru++) {
            int was = GPOINTER_TO_INT(g_hash_table_lookup(t, ru->id));
            g_hash_table_insert(t, (gpointer)ru->id, GINT_TO_POINTER(was | kind));
        }
    }
    return t;
}

/* lint's hook for the output: a file clean copied byte for byte gets the findings
 * the per-file checks gave its input (same bytes, role, format and configuration:
 * the same findings) instead of being read again; the bundle checks run on the
 * output as they are. Checked afterwards against the output's SHA-256. */
static bool reuse_copied(void *data, nohin_ctx *ctx, nohin_file *f)
{
    run *r = data;
    const nohin_file *src = g_hash_table_lookup(r->copies, f->path);
    if (!src || src->role != f->role || src->format != f->format || !*src->sha256) return false;
    GPtrArray *mine = g_ptr_array_new();
    for (guint i = 0; i < r->input->findings->len; i++) {
        const nohin_finding *x = r->input->findings->pdata[i];
        if (strcmp(x->file, src->path)) continue;
        int kind = GPOINTER_TO_INT(g_hash_table_lookup(r->rule_kinds, x->rule));
        if (kind == 2) continue; /* a bundle check's: they run again */
        if (kind != 1) {         /* not known to be a per-file check's: read the file */
            g_ptr_array_free(mine, TRUE);
            return false;
        }
        g_ptr_array_add(mine, (gpointer)x);
    }
    for (guint i = 0; i < mine->len; i++) {
        const nohin_finding *x = mine->pdata[i];
        nohin_finding *y =
            nohin_emit(ctx, f, x->rule, nohin_location_copy(&x->loc), x->fix, "%s", x->message);
        if (!y) continue;
        y->severity = x->severity; /* same configuration: the overrides are applied already */
        y->fixable = x->fixable;   /* a check may have revised it (a refused workbook) */
        if (x->evidence) nohin_finding_set_evidence(y, "%s", x->evidence);
    }
    g_ptr_array_free(mine, TRUE);
    g_hash_table_add(r->reused, g_strdup(f->path));
    return true;
}

/* Whether every file whose findings were taken over has its input's bytes. */
static bool reuse_held(const run *r, const nohin_report *rep)
{
    for (guint i = 0; i < rep->files->len; i++) {
        const nohin_file *f = rep->files->pdata[i];
        if (!g_hash_table_contains(r->reused, f->path)) continue;
        const nohin_file *src = g_hash_table_lookup(r->copies, f->path);
        if (f->status != NOHIN_STATUS_OK || strcmp(f->sha256, src->sha256)) return false;
    }
    return true;
}

/* NOHIN_CLEAN_FULL_LINT=1: no reuse at all; every file and page is read (tests). */
static bool full_lint(void)
{
    const char *full = g_getenv("NOHIN_CLEAN_FULL_LINT");
    return full && *full && strcmp(full, "0");
}

/* Lints the output; a finding of a rule clean fixes means clean failed at it.
 * Only the files clean wrote anew are read (NOHIN_CLEAN_FULL_LINT=1: all). */
static size_t lint_output(run *r, const nohin_options *lo)
{
    const char *paths[] = {r->tmp};
    GError *err = NULL;
    nohin_options o = *lo;
    if (!full_lint() && g_hash_table_size(r->copies)) {
        r->rule_kinds = rule_kinds();
        o.reuse_file = reuse_copied;
        o.reuse_data = r;
    }
    guint hits = nohin_pdf_page_cache_hits();
    nohin_report *rep = nohin_lint_with_config(paths, 1, &o, r->cfg, &err);
    if (rep && !reuse_held(r, rep)) { /* a copy changed under us: read everything */
        nohin_report_free(rep);
        g_hash_table_remove_all(r->reused);
        rep = nohin_lint_with_config(paths, 1, lo, r->cfg, &err);
    }
    if (g_getenv("NOHIN_CLEAN_DEBUG")) /* for tests/clean_output_reuse.sh */
        g_printerr("clean: output lint took over the findings of %u copied file(s)\n"
                   "clean: output lint took %u PDF page(s) from an identical page read before\n",
                   g_hash_table_size(r->reused), nohin_pdf_page_cache_hits() - hits);
    if (!rep) {
        nohin_fixlist_add(r->fl, NOHIN_FIX_REMAINING, "", "", NULL, NULL,
                          _("The output could not be linted: %s"), err ? err->message : "?");
        g_clear_error(&err);
        return 1;
    }
    size_t bad = 0;
    GHashTable *idx = index_fixlist(r->fl); /* only remaining items are added below */
    for (guint i = 0; i < rep->findings->len; i++) {
        const nohin_finding *f = rep->findings->pdata[i];
        if (f->severity == NOHIN_SEV_INFO) continue;
        /* A rule clean fixes that is still there, and not because a person must act;
         * never claimed for a finding lint itself does not call fixable. */
        bool fixable =
            f->fixable && rule_fixed(f->rule) && !has_entry(idx, NOHIN_FIX_MANUAL, f->rule, NULL);
        char *loc = nohin_location_format(&f->loc);
        nohin_fix *x =
            nohin_fixlist_add(r->fl, NOHIN_FIX_REMAINING, f->rule, "", f->file, *loc ? loc : NULL,
                              "%s%s", f->message, fixable ? _(" (fixable, but still there)") : "");
        x->severity = g_strdup(nohin_severity_name(f->severity));
        g_free(loc);
        /* Whatever lint still says about the output needs a person: exit 0 only
         * when `nohin lint OUTDIR` has no error and no warning. */
        bad++;
    }
    g_hash_table_destroy(idx);
    /* the manifest takes these hashes: nothing under OUTDIR changes before it but
     * the fix list files, which are new */
    for (guint i = 0; i < rep->files->len; i++) {
        const nohin_file *f = rep->files->pdata[i];
        char *at = g_build_filename(r->tmp, f->path, NULL); /* not a member of a zip */
        if (f->status == NOHIN_STATUS_OK && f->sha256[0] && !strcmp(at, f->abspath))
            g_hash_table_insert(r->hashed, g_strdup(f->path), g_strdup(f->sha256));
        g_free(at);
    }
    if (g_getenv("NOHIN_CLEAN_DEBUG"))
        g_printerr("clean: the manifest takes %u SHA-256 from the output lint\n",
                   g_hash_table_size(r->hashed));
    nohin_report_free(rep);
    return bad;
}

static bool write_fixlist(run *r, int code, GError **error)
{
    nohin_fixlist_sort(r->fl);
    GString *j = nohin_fixlist_json(r->fl, code), *t = nohin_fixlist_text(r->fl, code);
    char *pj = g_build_filename(r->tmp, RECORD_DIR, "fixlist.json", NULL);
    char *pt = g_build_filename(r->tmp, RECORD_DIR, "fixlist.txt", NULL);
    bool ok = nohin_write_file_atomic(pj, j->str, j->len, false, error) &&
              nohin_write_file_atomic(pt, t->str, t->len, false, error);
    g_free(pj);
    g_free(pt);
    g_string_free(j, TRUE);
    g_string_free(t, TRUE);
    return ok;
}

/* One correction for the copy of 様式2, when the form says something else. */
static void form2_fix(run *r, GArray *edits, GPtrArray *keep, const nohin_form2_item *it,
                      const char *label, char *want, bool number)
{
    if (!it->value) {
        g_free(want);
        return;
    }
    /* lint's comparison (bundle/form2.h): clean corrects what lint flags, no more */
    if (number ? nohin_form2_number(it->value) == nohin_form2_number(want)
               : !nohin_form2_title_differs(it->value, want)) {
        g_free(want);
        return;
    }
    nohin_form2_edit e = {it->row, it->col, want, number};
    g_array_append_val(edits, e);
    g_ptr_array_add(keep, want);
    nohin_fixlist_add(r->fl, NOHIN_FIX_CHANGED, "BUNDLE-FORM2-MISMATCH", r->form2->path,
                      r->form2_out, NULL, _("様式2's %s corrected from \"%s\" to \"%s\"."), label,
                      it->value, want);
}

/* 様式2 is the record of what is published: its page count (様式3 included), data
 * file count and title are set to what the public package now holds. */
static bool update_form2(run *r, GError **error)
{
    if (!r->form2_out || r->form2->format != NOHIN_FMT_XLSX || r->report_outs->len == 0)
        return true;
    g_hash_table_remove(r->copies, r->form2_out); /* a copy no more once corrected */
    char *path = g_build_filename(r->tmp, r->form2_out, NULL);
    nohin_form2 *f2 = nohin_form2_read(path);
    int pages = 0;
    char *title = NULL;
    for (guint i = 0; i < r->report_outs->len && !f2->error; i++) {
        char *p = g_build_filename(r->tmp, r->report_outs->pdata[i], NULL);
        PopplerDocument *doc = nohin_pdf_open_document(p, NULL);
        if (doc) {
            pages += poppler_document_get_n_pages(doc);
            if (!title && r->report_outs->len == 1) title = poppler_document_get_title(doc);
            g_object_unref(doc);
        } else {
            pages = -1;
        }
        g_free(p);
    }
    GArray *edits = g_array_new(FALSE, FALSE, sizeof(nohin_form2_edit));
    GPtrArray *keep = g_ptr_array_new_with_free_func(g_free);
    bool ok = true;
    if (!f2->error) {
        if (pages > 0)
            form2_fix(r, edits, keep, &f2->items[NOHIN_FORM2_PAGES], "総頁数",
                      g_strdup_printf("%d", pages), true);
        form2_fix(r, edits, keep, &f2->items[NOHIN_FORM2_DATA_FILES], "図表等データのファイル数",
                  g_strdup_printf("%u", r->n_data_out), true);
        if (title && *title)
            form2_fix(r, edits, keep, &f2->items[NOHIN_FORM2_TITLE], "報告書の題名",
                      g_strdup(title), false);
        GError *err = NULL;
        if (!nohin_form2_update(path, (nohin_form2_edit *)(void *)edits->data, edits->len, &err)) {
            if (nohin_is_write_failure(err)) {
                g_propagate_error(error, err);
                ok = false;
            } else {
                nohin_fixlist_add(
                    r->fl, NOHIN_FIX_MANUAL, "BUNDLE-FORM2-MISMATCH", r->form2->path, NULL, NULL,
                    _("様式2 could not be corrected (%s): correct it by hand."), err->message);
                g_error_free(err);
            }
        }
    }
    g_array_free(edits, TRUE);
    g_ptr_array_free(keep, TRUE);
    g_free(title);
    nohin_form2_free(f2);
    g_free(path);
    return ok;
}

static bool make_layout(run *r, GError **error)
{
    const char *dirs[] = {PUBLISH_DIR, RECORD_DIR};
    for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++) {
        char *d = g_build_filename(r->tmp, dirs[i], NULL);
        bool ok = g_mkdir(d, 0755) == 0 || nohin_write_fail(error, d, errno);
        g_free(d);
        if (!ok) return false;
    }
    return true;
}

/* The organisation named as author (src/clean/organisation.c: lint asks the same
 * to say whether "no author" is fixable). */
static void find_organisation(run *r)
{
    r->organisation =
        nohin_clean_organisation(r->cfg, r->input->files, r->input->findings, &r->org_source);
}

/* NOHIN_CLEAN_DEBUG: the CPU (all threads) and wall time of each step on stderr,
 * to see where a run's time goes (bench/clean.sh prints it). */
static void step(const char *name)
{
    static double cpu0, wall0;
    if (!g_getenv("NOHIN_CLEAN_DEBUG")) return;
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    double cpu = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
    double wall = (double)g_get_monotonic_time() / 1e6;
    if (name) g_printerr("clean: %-24s %7.3f s CPU %7.3f s wall\n", name, cpu - cpu0, wall - wall0);
    cpu0 = cpu;
    wall0 = wall;
}

int nohin_clean_bundle(const char *const *paths, size_t n_paths, const char *outdir,
                       const nohin_clean_options *o, GError **error)
{
    if (g_file_test(outdir, G_FILE_TEST_EXISTS) && !o->force) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("%s exists (use --force)"), outdir);
        return 2;
    }
    char *absout = g_canonicalize_filename(outdir, NULL);
    for (size_t i = 0; i < n_paths; i++) {
        char *a = g_canonicalize_filename(paths[i], NULL);
        bool inside =
            g_str_has_prefix(absout, a) && (absout[strlen(a)] == '/' || absout[strlen(a)] == '\0');
        g_free(a);
        if (inside) {
            g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                        _("%s is inside the bundle: write the output elsewhere"), outdir);
            g_free(absout);
            return 2;
        }
    }
    nohin_config *cfg = NULL;
    if (o->config_path) {
        cfg = nohin_config_load(o->config_path, error);
    } else {
        for (size_t i = 0; i < n_paths && !cfg; i++) {
            if (!g_file_test(paths[i], G_FILE_TEST_IS_DIR)) continue;
            char *p = g_build_filename(paths[i], "nohin.ini", NULL);
            if (g_file_test(p, G_FILE_TEST_IS_REGULAR)) cfg = nohin_config_load(p, error);
            g_free(p);
            break;
        }
        if (!cfg && !(error && *error)) cfg = nohin_config_new_default();
    }
    if (!cfg) {
        g_free(absout);
        return 2;
    }
    nohin_options lo;
    nohin_options_init(&lo);
    lo.default_role = o->default_role ? o->default_role : NOHIN_ROLE_PUBLIC;
    lo.quiet = o->quiet;
    step(NULL);
    /* Pages the rewrite leaves as they were are read by poppler once (both lints). */
    bool page_cache = !full_lint();
    if (page_cache) nohin_pdf_page_cache_begin();
    nohin_report *rep = nohin_lint_with_config(paths, n_paths, &lo, cfg, error);
    step("lint of the input");
    if (!rep) {
        if (page_cache) nohin_pdf_page_cache_end();
        nohin_config_free(cfg);
        g_free(absout);
        return 2;
    }
    run r = {.o = o,
             .cfg = cfg,
             .fl = nohin_fixlist_new(),
             .reports = g_ptr_array_new(),
             .data = g_ptr_array_new(),
             .report_outs = g_ptr_array_new_with_free_func(g_free),
             .carried = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free),
             .taken = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
             .copies = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
             .reused = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
             .hashed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free)};
    r.input = rep;
    g_hash_table_add(r.taken, g_strdup(RECORD_DIR "/fixlist.json"));
    g_hash_table_add(r.taken, g_strdup(RECORD_DIR "/fixlist.txt"));
    g_hash_table_add(r.taken, g_strdup(RECORD_DIR "/MANIFEST.sha256"));
    int code = 2, lock_fd = -1;
    char *manifest = NULL;
    r.tmp = nohin_outdir_begin(absout, &lock_fd, error);
    if (!r.tmp) goto out;
    if (!make_layout(&r, error)) goto fail;
    classify(&r, rep);
    find_organisation(&r);
    step("classify, organisation");
    if (!do_reports(&r, error)) goto fail;
    step("reports (PDF, 様式3)");
    if (!do_data(&r, error)) goto fail;
    step("data (XLSX, CSV)");
    if (!do_form2(&r, error) || !update_form2(&r, error)) goto fail;
    step("様式2");
    carry_manual(&r, rep);
    size_t bad = lint_output(&r, &lo);
    step("lint of the output");
    code = (bad || nohin_fixlist_count(r.fl, NOHIN_FIX_MANUAL)) ? 1 : 0;
    manifest = g_build_filename(r.tmp, RECORD_DIR, "MANIFEST.sha256", NULL);
    if (!write_fixlist(&r, code, error) ||
        !nohin_outdir_manifest_known(r.tmp, manifest, r.hashed, error))
        goto fail;
    step("fix list, manifest");
    if (!nohin_outdir_install(r.tmp, absout, o->force, error)) goto fail;
    step("fsync, rename");
    goto out;
fail:
    code = 2;
    nohin_clean_rmtree(r.tmp);
out:
    if (lock_fd >= 0) close(lock_fd);
    g_free(manifest);
    g_free(r.tmp);
    g_free(r.organisation);
    g_free(r.form2_out);
    g_free(absout);
    g_ptr_array_free(r.reports, TRUE);
    g_ptr_array_free(r.data, TRUE);
    g_ptr_array_free(r.report_outs, TRUE);
    g_hash_table_destroy(r.carried);
    g_hash_table_destroy(r.taken);
    g_hash_table_destroy(r.copies);
    g_hash_table_destroy(r.reused);
    g_hash_table_destroy(r.hashed);
    if (r.rule_kinds) g_hash_table_destroy(r.rule_kinds);
    if (r.listed3) nohin_form3_free(r.listed3);
    nohin_fixlist_free(r.fl);
    nohin_report_free(rep);
    if (page_cache) nohin_pdf_page_cache_end();
    nohin_config_free(cfg);
    return code;
}
