/* Which files go into which mail: sizes are estimated as encoded (base64 with
 * CRLF line ends, part headers) and packed first-fit decreasing; pack_eml.c
 * measures the real draft afterwards. */
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include "intake/intake.h"
#include "pack.h"

/* GMime writes base64 in lines of 76 characters. */
guint64 nohin_pack_attachment_cost(guint64 n, const char *name)
{
    guint64 b64 = (n + 2) / 3 * 4;
    guint64 lines = (b64 + 75) / 76;
    /* Part headers: type, disposition and the name twice, RFC 2047-encoded. */
    return b64 + 2 * lines + 400 + 6 * (guint64)strlen(name);
}

guint64 nohin_pack_mail_overhead(guint n_files)
{
    /* Message headers, boundaries and the body (a line, a name and a sha256 per
     * file, UTF-8 in base64). */
    return 2500 + (guint64)n_files * 600;
}

void nohin_pack_file_free(nohin_pack_file *f)
{
    if (!f) return;
    g_free(f->path);
    g_free(f->name);
    g_free(f->origin);
    g_free(f);
}

void nohin_pack_mail_free(nohin_pack_mail *m)
{
    if (!m) return;
    g_ptr_array_free(m->files, TRUE);
    g_free(m);
}

static int cmp_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Regular files under dir, relative paths in name order; links are not followed. */
static void list_dir(const char *root, const char *rel, GPtrArray *out)
{
    char *dir = rel ? g_build_filename(root, rel, NULL) : g_strdup(root);
    GDir *d = g_dir_open(dir, 0, NULL);
    if (d) {
        GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
        const char *n;
        while ((n = g_dir_read_name(d)))
            g_ptr_array_add(names, g_strdup(n));
        g_dir_close(d);
        g_ptr_array_sort(names, cmp_str);
        for (guint i = 0; i < names->len; i++) {
            char *r =
                rel ? g_build_filename(rel, names->pdata[i], NULL) : g_strdup(names->pdata[i]);
            char *p = g_build_filename(root, r, NULL);
            GStatBuf st;
            if (g_lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
                list_dir(root, r, out);
            else if (g_lstat(p, &st) == 0 && S_ISREG(st.st_mode))
                g_ptr_array_add(out, g_strdup(r));
            g_free(r);
            g_free(p);
        }
        g_ptr_array_free(names, TRUE);
    }
    g_free(dir);
}

static bool is_pdf(const char *path)
{
    char head[1024];
    FILE *fp = fopen(path, "rb");
    if (!fp) return false;
    size_t n = fread(head, 1, sizeof head, fp);
    fclose(fp);
    for (size_t i = 0; i + 5 <= n; i++)
        if (!memcmp(head + i, "%PDF-", 5)) return true;
    return false;
}

static nohin_pack_file *new_file(const char *path, const char *name)
{
    nohin_pack_file *f = g_new0(nohin_pack_file, 1);
    f->path = g_strdup(path);
    f->name = g_strdup(name);
    if (!nohin_intake_hash(path, &f->bytes, f->sha256)) {
        nohin_pack_file_free(f);
        return NULL;
    }
    f->cost = nohin_pack_attachment_cost(f->bytes, name);
    return f;
}

/* Attachment names are flat: the file's own name, or its folder path joined with
 * '_' where two files share a name. */
static char **attachment_names(GPtrArray *rel)
{
    char **names = g_new0(char *, rel->len + 1);
    GHashTable *count = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < rel->len; i++) {
        char *b = g_path_get_basename(rel->pdata[i]);
        g_hash_table_insert(count, b,
                            GUINT_TO_POINTER(GPOINTER_TO_UINT(g_hash_table_lookup(count, b)) + 1));
    }
    for (guint i = 0; i < rel->len; i++) {
        char *b = g_path_get_basename(rel->pdata[i]);
        if (GPOINTER_TO_UINT(g_hash_table_lookup(count, b)) > 1) {
            g_free(b);
            b = g_strdup(rel->pdata[i]);
            g_strdelimit(b, "/", '_');
        }
        names[i] = b;
    }
    g_hash_table_destroy(count);
    return names;
}

static gint by_name(gconstpointer a, gconstpointer b)
{
    return strcmp((*(nohin_pack_file *const *)a)->name, (*(nohin_pack_file *const *)b)->name);
}

GPtrArray *nohin_pack_plan(const char *input, const char *tmp, const nohin_pack_options *o,
                           GPtrArray **all, GError **error)
{
    *all = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_pack_file_free);
    GPtrArray *rel = g_ptr_array_new_with_free_func(g_free);
    GStatBuf st;
    bool dir = g_stat(input, &st) == 0 && S_ISDIR(st.st_mode);
    if (dir)
        list_dir(input, NULL, rel);
    else
        g_ptr_array_add(rel, g_path_get_basename(input));
    if (!rel->len) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("%s: no files to send"), input);
        g_ptr_array_free(rel, TRUE);
        return NULL;
    }
    char **names = attachment_names(rel);
    /* One mail can carry this much attachment; beyond it a file must be split. */
    guint64 budget = o->max_message > nohin_pack_mail_overhead(1) + 1
                         ? o->max_message - nohin_pack_mail_overhead(1) - 1
                         : 0;
    bool ok = true;
    for (guint i = 0; i < rel->len && ok; i++) {
        char *path = dir ? g_build_filename(input, rel->pdata[i], NULL) : g_strdup(input);
        nohin_pack_file *f = new_file(path, names[i]);
        if (!f) {
            g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_IO, _("%s: cannot read the file"), path);
            ok = false;
        } else if (f->cost <= budget) {
            g_ptr_array_add(*all, f);
        } else if (is_pdf(path)) {
            GPtrArray *parts = nohin_pack_split_pdf(path, names[i], tmp, budget, error);
            ok = parts != NULL;
            for (guint k = 0; parts && k < parts->len; k++)
                g_ptr_array_add(*all, g_steal_pointer(&parts->pdata[k]));
            if (parts) g_ptr_array_free(parts, TRUE);
            nohin_pack_file_free(f);
        } else {
            g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOSPC,
                        _("%s is %llu bytes: too large for one e-mail of under %llu bytes. Send it "
                          "through the ministry's file-exchange service instead (001 §6)."),
                        names[i], (unsigned long long)f->bytes, (unsigned long long)o->max_message);
            nohin_pack_file_free(f);
            ok = false;
        }
        g_free(path);
    }
    g_strfreev(names);
    g_ptr_array_free(rel, TRUE);
    if (!ok) return NULL;
    /* First fit in file order (a split PDF's parts stay in page order across the
     * mails); decreasing size would save a mail now and then but scatter them. */
    GPtrArray *order = g_ptr_array_copy(*all, NULL, NULL);
    g_ptr_array_set_free_func(order, NULL); /* the copy would free the files too */
    GPtrArray *mails = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_pack_mail_free);
    for (guint i = 0; i < order->len; i++) {
        nohin_pack_file *f = order->pdata[i];
        nohin_pack_mail *into = NULL;
        for (guint k = 0; k < mails->len && !into; k++) {
            nohin_pack_mail *m = mails->pdata[k];
            if (m->cost + f->cost + nohin_pack_mail_overhead(m->files->len + 1) < o->max_message)
                into = m;
        }
        if (!into) {
            into = g_new0(nohin_pack_mail, 1);
            into->files = g_ptr_array_new();
            g_ptr_array_add(mails, into);
        }
        g_ptr_array_add(into->files, f);
        into->cost += f->cost;
    }
    g_ptr_array_free(order, TRUE);
    for (guint k = 0; k < mails->len; k++)
        g_ptr_array_sort(((nohin_pack_mail *)mails->pdata[k])->files, by_name);
    return mails;
}
