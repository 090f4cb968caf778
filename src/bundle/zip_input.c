/* Expanding a bundle zip into a private folder, through zip_safe's limits. */
#include <errno.h>
#include <unistd.h>
#include <string.h>
#include <sys/stat.h>
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

char *nohin_zip_decode_name(const char *raw)
{
    if (!raw) return NULL;
    if (g_utf8_validate(raw, -1, NULL)) return g_strdup(raw);
    /* Windows' built-in zip writes names in the ANSI code page: CP932 in Japan. */
    char *u = g_convert(raw, -1, "UTF-8", "CP932", NULL, NULL, NULL);
    return u;
}

/* An entry that unpacks as a symbolic link could point anywhere: never made. */
static bool is_symlink(nohin_zip *z, gint64 i)
{
    zip_uint8_t opsys = 0;
    zip_uint32_t attr = 0;
    if (zip_file_get_external_attributes(nohin_zip_handle(z), (zip_uint64_t)i, 0, &opsys, &attr) !=
        0)
        return false;
    return opsys == ZIP_OPSYS_UNIX && ((attr >> 16) & S_IFMT) == S_IFLNK;
}

/* "a//./b/" -> "a/b"; NULL for a name with nothing left. */
static char *clean_member(const char *name)
{
    char *norm = g_strdup(name);
    g_strdelimit(norm, "\\", '/');
    char **parts = g_strsplit(norm, "/", -1);
    GPtrArray *keep = g_ptr_array_new();
    for (char **p = parts; *p; p++)
        if (**p && strcmp(*p, ".") != 0) g_ptr_array_add(keep, *p);
    g_ptr_array_add(keep, NULL);
    char *out = keep->len > 1 ? g_strjoinv("/", (char **)keep->pdata) : NULL;
    g_ptr_array_free(keep, TRUE);
    g_strfreev(parts);
    g_free(norm);
    return out;
}

static bool write_member(const char *root, const char *member, GBytes *data, GError **error)
{
    char *path = g_build_filename(root, member, NULL);
    char *dir = g_path_get_dirname(path);
    bool ok = false;
    if (g_mkdir_with_parents(dir, 0700) != 0) {
        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "%s", g_strerror(errno));
    } else if (g_file_test(path, G_FILE_TEST_EXISTS)) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_EXIST, "duplicate member name");
    } else {
        gsize len = 0;
        const char *bytes = g_bytes_get_data(data, &len);
        ok = g_file_set_contents(path, bytes ? bytes : "", (gssize)len, error);
    }
    g_free(dir);
    g_free(path);
    return ok;
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

static void expand_member(nohin_zip *z, gint64 i, const char *dest, nohin_file *zip,
                          const char *arg_name, nohin_zip_input *in, GPtrArray *out,
                          nohin_archive_budget *budget)
{
    const char *raw = nohin_zip_name(z, i);
    char *name = nohin_zip_decode_name(raw);
    if (!name) {
        char *shown = g_strescape(raw, NULL);
        add_problem(in, NOHIN_ZIP_PROBLEM_NAME, shown, "name is neither UTF-8 nor CP932");
        g_free(shown);
        return;
    }
    size_t len = strlen(name);
    if (len && (name[len - 1] == '/' || name[len - 1] == '\\')) { /* a folder entry */
        g_free(name);
        return;
    }
    char *member = NULL;
    GError *err = NULL;
    if (nohin_zip_name_unsafe(name) || !(member = clean_member(name))) {
        add_problem(in, NOHIN_ZIP_PROBLEM_UNSAFE, name, "path leaves the folder");
    } else if (is_symlink(z, i)) {
        add_problem(in, NOHIN_ZIP_PROBLEM_UNSAFE, name, "symbolic link");
    } else if (nohin_zip_encrypted(z, i)) {
        add_problem(in, NOHIN_ZIP_PROBLEM_ENCRYPTED, name, "encrypted member");
    } else if (!nohin_archive_budget_take(budget, nohin_zip_size(z, i))) {
        add_problem(in, NOHIN_ZIP_PROBLEM_LIMIT, name,
                    "over the entry or size limit of the outer archive and its nested archives");
    } else {
        GBytes *data = nohin_zip_read_index(z, i, &err);
        if (!data) {
            add_problem(in,
                        g_error_matches(err, NOHIN_ZIP_ERROR, NOHIN_ZIP_ERROR_LIMIT)
                            ? NOHIN_ZIP_PROBLEM_LIMIT
                            : NOHIN_ZIP_PROBLEM_DAMAGED,
                        name, err ? err->message : "");
        } else if (!write_member(dest, member, data, &err)) {
            add_problem(in,
                        g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_EXIST)
                            ? NOHIN_ZIP_PROBLEM_NAME
                            : NOHIN_ZIP_PROBLEM_DAMAGED,
                        name, err ? err->message : "");
        } else {
            char *abs = g_build_filename(dest, member, NULL);
            char *rel = g_strconcat(zip->path, "/", member, NULL);
            g_ptr_array_add(out, entry_new(abs, rel, arg_name));
            in->members++;
            g_free(abs);
            g_free(rel);
        }
        if (data) g_bytes_unref(data);
    }
    g_clear_error(&err);
    g_free(member);
    g_free(name);
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
    gint64 n = nohin_zip_count(z);
    for (gint64 i = 0; i < n; i++)
        expand_member(z, i, dest, zip, arg_name, in, out, budget);
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
