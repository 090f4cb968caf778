/* The lint pipeline: walk → detect → role → file checks → bundle checks → sorted report. */
#include <stdio.h>
#include <unistd.h>
#include "ctx.h"
#include "bundle/zip_input.h"
#include "isolate.h"
#include "baseline.h"

void nohin_options_init(nohin_options *o)
{
    o->default_role = NOHIN_ROLE_PUBLIC;
    o->config_path = NULL;
    o->quiet = false;
    o->progress = true;
    o->threads = 0;
    o->isolate = false;
    o->display_paths = NULL;
}

static void hash_file(nohin_file *f)
{
    FILE *fp = fopen(f->abspath, "rb");
    if (!fp) {
        nohin_file_mark_unreadable(f, g_strerror(errno));
        return;
    }
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    guchar buf[1 << 16];
    size_t n;
    guint64 total = 0;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
        g_checksum_update(sum, buf, n);
        total += n;
    }
    if (ferror(fp)) nohin_file_mark_unreadable(f, g_strerror(errno));
    fclose(fp);
    f->bytes = total;
    g_strlcpy(f->sha256, g_checksum_get_string(sum), sizeof f->sha256);
    g_checksum_free(sum);
}

/* nohin.ini in the first folder argument is the bundle's own configuration. */
static nohin_config *load_config(const char *const *paths, size_t n, const nohin_options *o,
                                 GError **error)
{
    if (o->config_path) return nohin_config_load(o->config_path, error);
    for (size_t i = 0; i < n; i++) {
        if (!g_file_test(paths[i], G_FILE_TEST_IS_DIR)) continue;
        char *p = g_build_filename(paths[i], "nohin.ini", NULL);
        nohin_config *c = NULL;
        if (g_file_test(p, G_FILE_TEST_IS_REGULAR)) c = nohin_config_load(p, error);
        g_free(p);
        if (c || (error && *error)) return c;
        break;
    }
    for (size_t i = 0; i < n; i++) { /* a bundle zip's own nohin.ini */
        nohin_config *c = nohin_zip_input_config(paths[i], error);
        if (c || (error && *error)) return c;
    }
    return nohin_config_new_default();
}

static nohin_file *file_for(const nohin_walk_entry *e, const nohin_config *cfg,
                            const nohin_options *opts)
{
    nohin_file *f = g_new0(nohin_file, 1);
    /* intake writes attachments under generated names and shows them by their own */
    const char *shown =
        opts->display_paths ? g_hash_table_lookup(opts->display_paths, e->relpath) : NULL;
    f->path = g_strdup(shown ? shown : e->relpath);
    f->abspath = g_strdup(e->abspath);
    f->folder_role = nohin_role_for(shown ? "" : e->arg_name, f->path, cfg, 0);
    f->role = f->folder_role ? f->folder_role : opts->default_role;
    hash_file(f);
    nohin_detect(f);
    return f;
}

static gint cmp_file(gconstpointer a, gconstpointer b)
{
    const nohin_file *fa = *(nohin_file *const *)a, *fb = *(nohin_file *const *)b;
    return strcmp(fa->path, fb->path);
}

static gint cmp_finding(gconstpointer a, gconstpointer b)
{
    return nohin_finding_compare(*(nohin_finding *const *)a, *(nohin_finding *const *)b);
}

static void run_file_checks(nohin_ctx *ctx, nohin_file *f)
{
    size_t n = 0;
    const nohin_check *const *checks = nohin_checks(&n);
    for (size_t i = 0; i < n; i++) {
        const nohin_check *c = checks[i];
        if (!c->run_file || !(c->formats & f->format) || !(c->roles & f->role)) continue;
        c->run_file(ctx, f);
    }
}

static void run_bundle_checks(nohin_ctx *ctx, const nohin_bundle *b)
{
    size_t n = 0;
    const nohin_check *const *checks = nohin_checks(&n);
    for (size_t i = 0; i < n; i++)
        if (checks[i]->run_bundle) checks[i]->run_bundle(ctx, b);
}

nohin_report *nohin_lint_with_config(const char *const *paths, size_t n_paths,
                                     const nohin_options *opts, const nohin_config *cfg,
                                     GError **error)
{
    GPtrArray *entries = nohin_walk(paths, n_paths, error);
    if (!entries) return NULL;
    nohin_report *r = g_new0(nohin_report, 1);
    r->files = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_file_free);
    for (guint i = 0; i < entries->len; i++) {
        nohin_walk_entry *e = entries->pdata[i];
        nohin_file *f = file_for(e, cfg, opts);
        g_ptr_array_add(r->files, f);
        if (!nohin_zip_input_wanted(f)) continue;
        /* A zip of the bundle (or inside it) is checked member by member; members of
         * members are not expanded again: they stay zip files. */
        GPtrArray *members = nohin_zip_input_expand(f, e->arg_name, &r->tmpdir);
        for (guint j = 0; j < members->len; j++)
            g_ptr_array_add(r->files, file_for(members->pdata[j], cfg, opts));
        g_ptr_array_free(members, TRUE);
    }
    g_ptr_array_free(entries, TRUE);
    g_ptr_array_sort(r->files, cmp_file);

    nohin_progress_set_enabled(opts->progress && !opts->quiet && isatty(2));
    nohin_ctx *ctx = nohin_ctx_new(cfg);
    ctx->file_n = (int)r->files->len;
    for (guint i = 0; i < r->files->len; i++) {
        nohin_file *f = r->files->pdata[i];
        ctx->file_i = (int)i + 1;
        nohin_progress(f->path, ctx->file_i, ctx->file_n, 0, 0);
        if (f->status != NOHIN_STATUS_OK) continue;
        if (opts->isolate)
            nohin_isolate_file(ctx, f, run_file_checks); /* a crash becomes a finding */
        else
            run_file_checks(ctx, f);
    }
    nohin_bundle bundle = {.files = r->files, .config = cfg};
    run_bundle_checks(ctx, &bundle);
    nohin_progress_done();
    r->findings = nohin_ctx_steal_findings(ctx);
    nohin_ctx_free(ctx);
    g_ptr_array_sort(r->findings, cmp_finding);
    nohin_waivers_apply(r->findings, cfg);
    return r;
}

nohin_report *nohin_lint(const char *const *paths, size_t n_paths, const nohin_options *opts,
                         GError **error)
{
    nohin_config *cfg = load_config(paths, n_paths, opts, error);
    if (!cfg) return NULL;
    nohin_report *r = nohin_lint_with_config(paths, n_paths, opts, cfg, error);
    nohin_config_free(cfg);
    return r;
}
