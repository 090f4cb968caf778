/* `nohin clean --file IN -o OUT`: one document through the sanitiser, for
 * scripts and for measuring the sanitiser on its own (bench/clean.sh). */
#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include "clean/clean.h"
#include "clean/clean_pdf.h"
#include "clean/clean_xlsx.h"
#include "clean/fixlist.h"
#include "clean/outdir.h"
#include "clean/title.h"
#include <unistd.h>

static int sniff(const char *path)
{
    char head[5] = {0};
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    size_t n = fread(head, 1, 4, f);
    fclose(f);
    if (n == 4 && !memcmp(head, "%PDF", 4)) return 1;
    if (n == 4 && !memcmp(head, "PK\x03\x04", 4)) return 2;
    return 0;
}

int nohin_clean_one_file(const char *in, const char *out, const nohin_clean_options *o,
                         FILE *fixlist_out, GError **error)
{
    nohin_config *cfg =
        o->config_path ? nohin_config_load(o->config_path, error) : nohin_config_new_default();
    if (!cfg) return 2;
    int kind = sniff(in), code = 2;
    if (kind <= 0) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("%s: not a PDF or XLSX file"),
                    in);
        nohin_config_free(cfg);
        return 2;
    }
    if (g_file_test(out, G_FILE_TEST_EXISTS) && !o->force) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("%s exists (use --force)"), out);
        nohin_config_free(cfg);
        return 2;
    }
    char *outdir = g_path_get_dirname(out);
    bool dir_ok = g_file_test(outdir, G_FILE_TEST_IS_DIR) && access(outdir, W_OK) == 0;
    int dir_errno = errno;
    g_free(outdir);
    if (!dir_ok) {
        nohin_write_fail(error, out, dir_errno ? dir_errno : ENOENT);
        nohin_config_free(cfg);
        return 2;
    }
    /* Written next to out, then renamed over it: never a half-written file. A
     * killed run's leftovers (same names) go first. */
    char *tmp = g_strdup_printf("%s.nohin-tmp", out);
    char *stage = g_strdup_printf("%s.stage1.tmp", tmp);
    g_unlink(stage);
    stage[strlen(stage) - 5] = '2';
    g_unlink(stage);
    g_free(stage);
    g_unlink(tmp);
    nohin_fixlist *fl = nohin_fixlist_new();
    char *name = g_path_get_basename(in), *oname = g_path_get_basename(out);
    bool ok;
    if (kind == 1) {
        nohin_pdf_part part = {in, name};
        nohin_pdf_clean_opts po = {
            .title = cfg->title, .author = cfg->organisation, .output_name = oname};
        ok = nohin_clean_pdf(&part, 1, tmp, &po, fl, error);
    } else {
        char *title = nohin_clean_xlsx_title(in, name); /* a good title is kept */
        nohin_xlsx_clean_opts xo = {.title = title,
                                    .creator = cfg->organisation,
                                    .unhide = o->unhide,
                                    .name = name,
                                    .output_name = oname};
        ok = nohin_clean_xlsx(in, tmp, &xo, fl, error);
        g_free(title);
    }
    if (ok && !nohin_fsync_path(tmp, error)) ok = false;
    if (ok && rename(tmp, out) != 0) ok = nohin_write_fail(error, out, errno);
    if (ok) {
        char *dir = g_path_get_dirname(out);
        ok = nohin_fsync_path(dir, error);
        g_free(dir);
    }
    if (!ok) g_unlink(tmp);
    if (ok) {
        code = nohin_fixlist_count(fl, NOHIN_FIX_MANUAL) ? 1 : 0;
        nohin_fixlist_sort(fl);
        GString *t = nohin_fixlist_text(fl, code);
        if (fixlist_out) fputs(t->str, fixlist_out);
        g_string_free(t, TRUE);
    }
    g_free(tmp);
    g_free(name);
    g_free(oname);
    nohin_fixlist_free(fl);
    nohin_config_free(cfg);
    return code;
}
