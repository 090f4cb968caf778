/* Expanding a bundle zip into a private folder, through zip_safe's limits. */
#include <unistd.h>
#include <string.h>
#include <glib/gstdio.h>
#include "bundle/zip_input.h"
#include "readers/zip_safe.h"

static void problem_free(nohin_zip_problem *p)
{
    if (!p) return;
    g_free(p->member);
    g_free(p->detail);
    g_free(p);
}

static void input_free(void *data)
{
    nohin_zip_input *in = data;
    if (!in) return;
    g_ptr_array_free(in->problems, TRUE);
    g_free(in);
}

const nohin_zip_input *nohin_zip_input_of(const nohin_file *file)
{
    return nohin_file_reader(file, NOHIN_READER_ZIP);
}

static void add_problem(nohin_zip_input *in, nohin_zip_problem_kind kind, const char *member,
                        const char *detail)
{
    nohin_zip_problem *p = g_new0(nohin_zip_problem, 1);
    p->kind = kind;
    p->member = g_strdup(member ? member : "");
    p->detail = g_strdup(detail ? detail : "");
    g_ptr_array_add(in->problems, p);
}

static nohin_walk_entry *entry_new(const char *abspath, const char *relpath, const char *arg)
{
    nohin_walk_entry *e = g_new0(nohin_walk_entry, 1);
    e->abspath = g_strdup(abspath);
    e->relpath = g_strdup(relpath);
    e->arg_name = g_strdup(arg ? arg : "");
    return e;
}

static bool ensure_root(char **tmproot, GError **error)
{
    if (*tmproot) return true;
    *tmproot = g_dir_make_tmp("nohin-zip-XXXXXX", error); /* mode 0700 */
    return *tmproot != NULL;
}

typedef struct {
    const char *dest; /* this zip's subfolder */
    nohin_file *zip;
    const char *arg_name;
    nohin_zip_input *in;
    GPtrArray *out;
} expand_state;

/* Members keep their names under this zip's subfolder; an undecodable name is
 * not written (BUNDLE-ZIP says why). */
static char *member_dest(const nohin_archive_entry *e, void *user)
{
    expand_state *st = user;
    return e->name ? g_build_filename(st->dest, e->member, NULL) : NULL;
}

static void member_result(const nohin_archive_entry *e, nohin_archive_status status,
                          const char *path, const char *detail, void *user)
{
    expand_state *st = user;
    char *shown = e->name ? g_strdup(e->name) : g_strescape(e->raw, NULL);
    switch (status) {
    case NOHIN_ARCHIVE_WRITTEN: {
        char *rel = g_strconcat(st->zip->path, "/", e->member, NULL);
        g_ptr_array_add(st->out, entry_new(path, rel, st->arg_name));
        st->in->members++;
        g_free(rel);
        break;
    }
    case NOHIN_ARCHIVE_SKIPPED:
        add_problem(st->in, NOHIN_ZIP_PROBLEM_NAME, shown, "name is neither UTF-8 nor CP932");
        break;
    case NOHIN_ARCHIVE_EXISTS:
        add_problem(st->in, NOHIN_ZIP_PROBLEM_NAME, shown, "duplicate member name");
        break;
    case NOHIN_ARCHIVE_UNSAFE:
        add_problem(st->in, NOHIN_ZIP_PROBLEM_UNSAFE, shown, detail);
        break;
    case NOHIN_ARCHIVE_ENCRYPTED:
        add_problem(st->in, NOHIN_ZIP_PROBLEM_ENCRYPTED, shown, detail);
        break;
    case NOHIN_ARCHIVE_LIMIT:
        add_problem(st->in, NOHIN_ZIP_PROBLEM_LIMIT, shown, detail);
        break;
    case NOHIN_ARCHIVE_DAMAGED:
    case NOHIN_ARCHIVE_WRITE_FAILED:
        add_problem(st->in, NOHIN_ZIP_PROBLEM_DAMAGED, shown, detail);
        break;
    }
    g_free(shown);
}

bool nohin_zip_input_wanted(const nohin_file *f)
{
    /* Zip-based documents and programs are checked as files (a .jar is
     * BUNDLE-EXECUTABLE); the archive module decides, for intake too. */
    if (f->format != NOHIN_FMT_ZIP || f->status != NOHIN_STATUS_OK) return false;
    return nohin_archive_wanted(f->abspath, f->path);
}

static nohin_zip_input *input_new(nohin_file *zip)
{
    nohin_zip_input *in = g_new0(nohin_zip_input, 1);
    in->problems = g_ptr_array_new_with_free_func((GDestroyNotify)problem_free);
    nohin_file_set_reader(zip, NOHIN_READER_ZIP, in, input_free);
    return in;
}

void nohin_zip_input_refuse(nohin_file *zip, const char *detail)
{
    add_problem(input_new(zip), NOHIN_ZIP_PROBLEM_DEPTH, "", detail);
}

GPtrArray *nohin_zip_input_expand(nohin_file *zip, const char *arg_name, char **tmproot,
                                  nohin_archive_budget *budget)
{
    GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_walk_entry_free);
    nohin_zip_input *in = input_new(zip);
    GError *err = NULL;
    nohin_zip *z = nohin_zip_open(zip->abspath, &err);
    if (!z) {
        add_problem(in,
                    g_error_matches(err, NOHIN_ZIP_ERROR, NOHIN_ZIP_ERROR_LIMIT)
                        ? NOHIN_ZIP_PROBLEM_LIMIT
                        : NOHIN_ZIP_PROBLEM_OPEN,
                    "", err ? err->message : "");
        g_clear_error(&err);
        return out;
    }
    char *dest = NULL;
    if (ensure_root(tmproot, &err)) {
        /* One subfolder per zip: two zips may hold members of the same name. */
        static gint serial;
        char sub[32];
        g_snprintf(sub, sizeof sub, "%d", g_atomic_int_add(&serial, 1));
        dest = g_build_filename(*tmproot, sub, NULL);
        if (g_mkdir(dest, 0700) != 0) g_clear_pointer(&dest, g_free);
    }
    if (!dest) {
        add_problem(in, NOHIN_ZIP_PROBLEM_DAMAGED, "",
                    err ? err->message : "cannot create a temporary folder");
        g_clear_error(&err);
        nohin_zip_close(z);
        return out;
    }
    expand_state st = {dest, zip, arg_name, in, out};
    nohin_archive_sink sink = {member_dest, member_result, &st};
    nohin_archive_extract(z, budget, &sink);
    g_free(dest);
    nohin_zip_close(z);
    return out;
}

nohin_config *nohin_zip_input_config(const char *path, GError **error)
{
    char *ext = nohin_file_extension(path);
    bool zip = !strcmp(ext, "zip") && g_file_test(path, G_FILE_TEST_IS_REGULAR);
    g_free(ext);
    if (!zip) return NULL;
    nohin_zip *z = nohin_zip_open(path, NULL);
    if (!z) return NULL; /* BUNDLE-ZIP reports it when the zip is walked */
    GBytes *data = nohin_zip_has(z, "nohin.ini") ? nohin_zip_read(z, "nohin.ini", NULL) : NULL;
    nohin_zip_close(z);
    if (!data) return NULL;
    /* nohin_config_load reads a file: hand it a private copy. */
    char *tmp = NULL;
    int fd = g_file_open_tmp("nohin-ini-XXXXXX", &tmp, error);
    nohin_config *cfg = NULL;
    if (fd >= 0) {
        close(fd);
        gsize len = 0;
        const char *bytes = g_bytes_get_data(data, &len);
        if (g_file_set_contents(tmp, bytes ? bytes : "", (gssize)len, error)) {
            cfg = nohin_config_load(tmp, error);
            if (cfg) {
                /* Named as reports name the zip's members: relative to the zip. */
                char *zip_name = g_path_get_basename(path);
                g_free(cfg->source);
                cfg->source = g_strconcat(zip_name, "/nohin.ini", NULL);
                g_free(zip_name);
            }
        }
        g_unlink(tmp);
        g_free(tmp);
    }
    g_bytes_unref(data);
    return cfg;
}
