/* nohin pack: plan, build, measure and write the drafts. See pack.h. */
#include <errno.h>
#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <string.h>
#include "intake/intake.h"
#include "pack.h"

static char *default_title(const char *input)
{
    char *b = g_path_get_basename(input);
    if (!g_file_test(input, G_FILE_TEST_IS_DIR)) {
        char *dot = strrchr(b, '.');
        if (dot && dot != b) *dot = '\0';
    }
    return b;
}

/* The output folder is new or empty: drafts never replace anything. */
static bool prepare_out(const char *outdir, GError **error)
{
    if (g_file_test(outdir, G_FILE_TEST_EXISTS)) {
        GDir *d = g_dir_open(outdir, 0, error);
        if (!d) return false;
        bool empty = g_dir_read_name(d) == NULL;
        g_dir_close(d);
        if (!empty) {
            g_set_error(error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                        _("%s is not empty; drafts are written into a new or empty folder"),
                        outdir);
            return false;
        }
        return true;
    }
    if (g_mkdir_with_parents(outdir, 0755) != 0) {
        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "%s: %s", outdir,
                    g_strerror(errno));
        return false;
    }
    return true;
}

bool nohin_pack_run(const char *input, const char *outdir, const nohin_pack_options *o,
                    GPtrArray **written, GError **error)
{
    g_mime_init();
    *written = g_ptr_array_new_with_free_func(g_free);
    if (!g_file_test(input, G_FILE_TEST_EXISTS)) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("%s: no such file or folder"),
                    input);
        return false;
    }
    char *tmp = g_dir_make_tmp("nohin-pack-XXXXXX", error);
    if (!tmp) return false;
    GPtrArray *all = NULL;
    GPtrArray *mails = nohin_pack_plan(input, tmp, o, &all, error);
    bool ok = mails && prepare_out(outdir, error);
    char *title =
        o->subject && !strstr(o->subject, "{n}") ? g_strdup(o->subject) : default_title(input);
    guint total = mails ? mails->len : 0;
    GPtrArray *drafts = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
    for (guint i = 0; ok && i < total; i++) {
        GBytes *eml = nohin_pack_build_eml(mails->pdata[i], i + 1, total, title, o, tmp, error);
        ok = eml != NULL;
        if (ok && g_bytes_get_size(eml) >= o->max_message) {
            g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOSPC,
                        _("draft %u would be %zu bytes, not under %llu; use a larger "
                          "--max-message or fewer files"),
                        i + 1, g_bytes_get_size(eml), (unsigned long long)o->max_message);
            ok = false;
        }
        if (eml) g_ptr_array_add(drafts, eml);
    }
    /* Written only once every draft is built and measured: all or nothing. */
    int width = total >= 100 ? 3 : 2;
    for (guint i = 0; ok && i < drafts->len; i++) {
        char *name = g_strdup_printf("%0*u-of-%0*u.eml", width, i + 1, width, total);
        char *path = g_build_filename(outdir, name, NULL);
        gsize len;
        const void *data = g_bytes_get_data(drafts->pdata[i], &len);
        ok = nohin_write_file_atomic(path, data, len, false, error);
        if (ok) g_ptr_array_add(*written, g_strdup(path));
        g_free(path);
        g_free(name);
    }
    g_ptr_array_free(drafts, TRUE);
    g_free(title);
    if (mails) g_ptr_array_free(mails, TRUE);
    if (all) g_ptr_array_free(all, TRUE);
    nohin_intake_rmtree(tmp);
    g_free(tmp);
    return ok;
}
