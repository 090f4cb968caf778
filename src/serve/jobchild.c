/* The job child: runs in its own process (spawned by the server from the nohin
 * binary), reads only DIR/in, writes only DIR/out and DIR/clean. */
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <zip.h>
#include "clean/clean.h"
#include "clean/fsutil.h"
#include "readers/zip_safe.h"
#include "reporters/reporter.h"
#include "serve/serve.h"

static char *input_path(const char *dir)
{
    char *zip = g_build_filename(dir, "in", "bundle.zip", NULL);
    if (g_file_test(zip, G_FILE_TEST_IS_REGULAR)) return zip;
    g_free(zip);
    char *folder = g_build_filename(dir, "in", "bundle", NULL);
    /* a dropped folder arrives as bundle/<its name>/…: check that folder, so its
     * nohin.ini is at the root as with `nohin lint FOLDER` */
    GDir *d = g_dir_open(folder, 0, NULL);
    const char *first = d ? g_dir_read_name(d) : NULL;
    char *only = first ? g_build_filename(folder, first, NULL) : NULL;
    bool single = only && !g_dir_read_name(d) && g_file_test(only, G_FILE_TEST_IS_DIR) &&
                  !g_file_test(only, G_FILE_TEST_IS_SYMLINK);
    if (d) g_dir_close(d);
    if (single) {
        g_free(folder);
        return only;
    }
    g_free(only);
    return folder;
}

static bool parse_role(const char *profile, nohin_role *role)
{
    if (!profile || !strcmp(profile, "public"))
        *role = NOHIN_ROLE_PUBLIC;
    else if (!strcmp(profile, "internal"))
        *role = NOHIN_ROLE_INTERNAL;
    else
        return false;
    return true;
}

static bool write_report(const nohin_report *r, nohin_report_format fmt, const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    nohin_report_write(r, fmt, mem, false);
    fclose(mem);
    GError *err = NULL;
    bool ok = nohin_write_file_atomic(path, buf, len, false, &err);
    if (!ok) fprintf(stderr, "nohin: %s\n", err->message);
    g_clear_error(&err);
    free(buf);
    return ok;
}

int nohin_serve_job_lint(const char *dir, const char *profile)
{
    nohin_options opts;
    nohin_options_init(&opts);
    if (!parse_role(profile, &opts.default_role)) return 2;
    opts.quiet = true;
    opts.isolate = true; /* each file in its own limited child, as `lint --isolate` */
    char *in = input_path(dir);
    char *out = g_build_filename(dir, "out", NULL);
    GError *err = NULL;
    int rc = 2;
    nohin_report *r = NULL;
    if (g_mkdir(out, 0700) != 0) goto done;
    const char *paths[] = {in};
    r = nohin_lint(paths, 1, &opts, &err);
    if (!r) goto done;
    static const struct {
        nohin_report_format fmt;
        const char *name;
    } outs[] = {{NOHIN_REPORT_JSON, "report.json"},
                {NOHIN_REPORT_SARIF, "report.sarif"},
                {NOHIN_REPORT_HTML, "report.html"},
                {NOHIN_REPORT_TEXT, "report.txt"}};
    bool ok = true;
    for (size_t i = 0; i < G_N_ELEMENTS(outs) && ok; i++) {
        char *p = g_build_filename(out, outs[i].name, NULL);
        ok = write_report(r, outs[i].fmt, p);
        g_free(p);
    }
    char *counts = g_strdup_printf("%zu %zu %zu\n", nohin_report_count_severity(r, NOHIN_SEV_INFO),
                                   nohin_report_count_severity(r, NOHIN_SEV_WARNING),
                                   nohin_report_count_severity(r, NOHIN_SEV_ERROR));
    char *cp = g_build_filename(out, "counts.txt", NULL);
    /* written last: its presence means every report is complete */
    if (ok) ok = nohin_write_file_atomic(cp, counts, strlen(counts), false, &err);
    g_free(cp);
    g_free(counts);
    rc = ok ? 0 : 2;
done:
    if (err) fprintf(stderr, "nohin: %s\n", err->message);
    g_clear_error(&err);
    if (r) nohin_report_free(r);
    g_free(in);
    g_free(out);
    return rc;
}

/* g_ptr_array_sort passes pointers to the elements, not the strings. */
static gint cmp_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds every file under root/rel to the archive, names relative to root. */
static bool zip_add_tree(zip_t *za, const char *root, const char *rel)
{
    char *path = rel ? g_build_filename(root, rel, NULL) : g_strdup(root);
    GDir *d = g_dir_open(path, 0, NULL);
    bool ok = d != NULL;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while (d && (name = g_dir_read_name(d)))
        g_ptr_array_add(names, g_strdup(name));
    if (d) g_dir_close(d);
    g_ptr_array_sort(names, cmp_name); /* same bundle, same zip order */
    for (guint i = 0; i < names->len && ok; i++) {
        name = names->pdata[i];
        char *r = rel ? g_strconcat(rel, "/", name, NULL) : g_strdup(name);
        char *p = g_build_filename(root, r, NULL);
        if (g_file_test(p, G_FILE_TEST_IS_SYMLINK)) {
            /* clean never writes links; skip anything odd */
        } else if (g_file_test(p, G_FILE_TEST_IS_DIR)) {
            zip_int64_t idx = zip_dir_add(za, r, ZIP_FL_ENC_UTF_8);
            ok = idx >= 0 && nohin_zip_set_fixed_time(za, (zip_uint64_t)idx) &&
                 zip_add_tree(za, root, r);
        } else {
            /* not the files' times (this run's): the same bundle, the same bytes */
            zip_source_t *src = zip_source_file(za, p, 0, -1);
            zip_int64_t idx = src ? zip_file_add(za, r, src, ZIP_FL_ENC_UTF_8) : -1;
            ok = idx >= 0 && nohin_zip_set_fixed_time(za, (zip_uint64_t)idx);
            if (idx < 0 && src) zip_source_free(src);
        }
        g_free(p);
        g_free(r);
    }
    g_ptr_array_free(names, TRUE);
    g_free(path);
    return ok;
}

int nohin_serve_job_clean(const char *dir, const char *profile)
{
    nohin_clean_options o;
    nohin_clean_options_init(&o);
    if (!parse_role(profile, &o.default_role)) return 2;
    o.quiet = true;
    char *in = input_path(dir);
    char *cleaned = g_build_filename(dir, "clean", NULL);
    char *zip = g_build_filename(dir, "out", "clean.zip", NULL);
    char *tmp = g_build_filename(dir, "out", "clean.zip.tmp", NULL);
    GError *err = NULL;
    const char *paths[] = {in};
    int rc = nohin_clean_bundle(paths, 1, cleaned, &o, &err);
    if (rc == 2) goto done;
    /* what clean publishes: OUTDIR/公表用 when clean separates it, else OUTDIR */
    char *pub = g_build_filename(cleaned, "公表用", NULL);
    const char *root = g_file_test(pub, G_FILE_TEST_IS_DIR) ? pub : cleaned;
    int zerr = 0;
    zip_t *za = zip_open(tmp, ZIP_CREATE | ZIP_EXCL, &zerr);
    bool ok = za && zip_add_tree(za, root, NULL);
    if (za && ok)
        ok = zip_close(za) == 0;
    else if (za)
        zip_discard(za);
    ok = ok && g_rename(tmp, zip) == 0;
    if (!ok) g_unlink(tmp);
    g_free(pub);
    rc = ok ? 0 : 2;
done:
    if (err) fprintf(stderr, "nohin: %s\n", err->message);
    g_clear_error(&err);
    g_free(in);
    g_free(cleaned);
    g_free(zip);
    g_free(tmp);
    return rc;
}
