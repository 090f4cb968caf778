/* A PDF too large for one mail, as parts of consecutive pages. The ranges are
 * planned here by size (a mail's budget); the parts are written by the split
 * module of `nohin split` (input read once; bookmarks and links inside a part
 * kept; each part its own Info/XMP). */
#include <glib/gstdio.h>
#include <string.h>
#include "intake/intake.h"
#include "pack.h"
#include "clean/outdir.h"
#include "split/split_pdf.h"

GPtrArray *nohin_pack_split_pdf(const char *path, const char *name, const char *tmp, guint64 budget,
                                GError **error)
{
    GError *err = NULL;
    nohin_split_input *in = nohin_split_open(path, &err);
    int pages = in ? nohin_split_n_pages(in) : -1;
    g_clear_error(&err);
    if (pages < 1) {
        nohin_split_close(in);
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                    _("%s is too large for one e-mail and cannot be split: the PDF cannot be "
                      "read. Send it through the ministry's file-exchange service (001 §6)."),
                    name);
        return NULL;
    }
    GStatBuf st;
    guint64 total = g_stat(path, &st) == 0 ? (guint64)st.st_size : 0;
    char *stem = g_strdup(name);
    char *dot = strrchr(stem, '.');
    if (dot && dot != stem) *dot = '\0';
    GPtrArray *parts = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_pack_file_free);
    int width = pages >= 1000 ? 4 : pages >= 100 ? 3 : pages >= 10 ? 2 : 1;
    bool ok = true;
    for (int first = 1; first <= pages && ok;) {
        /* Guess from the average page, then shrink until the part fits. */
        guint64 per_page = total / (guint64)pages + 1;
        int n = (int)MAX(1, (guint64)(budget * 3 / 4 * 0.9) / per_page);
        if (n > pages - first + 1) n = pages - first + 1;
        nohin_pack_file *f = NULL;
        while (!f && ok) {
            int last = first + n - 1;
            char *pname = g_strdup_printf("%s_p%0*d-%0*d.pdf", stem, width, first, width, last);
            char *out = g_strdup_printf("%s/part%05d.pdf", tmp, first);
            g_unlink(out);
            const char *t = nohin_split_title(in);
            char *title = g_strdup_printf(_("%s (pages %d–%d)"), t ? t : stem, first, last);
            bool written = nohin_split_write(in, first - 1, last - 1, out, title, NULL, NULL, &err);
            g_free(title);
            if (!written && nohin_is_write_failure(err)) {
                g_propagate_error(error, g_steal_pointer(&err));
                ok = false;
            } else if (!written) {
                g_clear_error(&err);
                g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                            _("%s: pages %d-%d could not be written as a PDF of their own"), name,
                            first, last);
                ok = false;
            } else {
                nohin_pack_file *p = g_new0(nohin_pack_file, 1);
                p->path = g_strdup(out);
                p->name = g_strdup(pname);
                p->origin = g_strdup(name);
                nohin_intake_hash(out, &p->bytes, p->sha256);
                p->cost = nohin_pack_attachment_cost(p->bytes, pname);
                if (p->cost <= budget) {
                    f = p;
                    first = last + 1;
                } else if (n == 1) {
                    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOSPC,
                                _("%s: page %d alone is too large for one e-mail. Send the file "
                                  "through the ministry's file-exchange service (001 §6)."),
                                name, first);
                    nohin_pack_file_free(p);
                    ok = false;
                } else {
                    n = MAX(1, (int)(n * (double)budget / (double)p->cost * 0.95));
                    nohin_pack_file_free(p);
                    g_unlink(out);
                }
            }
            g_free(pname);
            g_free(out);
        }
        if (f) g_ptr_array_add(parts, f);
    }
    g_free(stem);
    nohin_split_close(in);
    if (!ok) {
        g_ptr_array_free(parts, TRUE);
        return NULL;
    }
    return parts;
}
