/* Archives to open, and the shared limits of nested expansion. */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ooxml/ooxml.h"
#include "readers/archive.h"

bool nohin_archive_zip_magic(const char *path)
{
    guchar head[4] = {0};
    FILE *fp = fopen(path, "rb");
    if (!fp) return false;
    size_t n = fread(head, 1, 4, fp);
    fclose(fp);
    return n == 4 && head[0] == 'P' && head[1] == 'K' &&
           ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
}

static bool ext_in(const char *name, const char *const *list)
{
    char *ext = nohin_file_extension(name);
    bool r = g_strv_contains(list, ext);
    g_free(ext);
    return r;
}

bool nohin_archive_is_program(const char *name)
{
    static const char *const programs[] = {"jar",  "apk",  "xpi",  "war", "ear",
                                           "appx", "msix", "vsix", NULL};
    return ext_in(name, programs);
}

bool nohin_archive_is_document_name(const char *name)
{
    static const char *const documents[] = {"pptx", "pptm", "ppsx", "ppsm", "potx", "odt",
                                            "ods",  "odp",  "odg",  "ott",  "epub", "kmz",
                                            "vsdx", "xps",  "oxps", "3mf",  "idml", NULL};
    return ext_in(name, documents);
}

bool nohin_archive_is_package(nohin_zip *z)
{
    if (nohin_zip_has(z, "mimetype")) return true; /* OpenDocument, EPUB */
    char *main = nohin_ooxml_main_part(z, NULL);
    bool r = main != NULL;
    g_free(main);
    return r;
}

bool nohin_archive_wanted(const char *path, const char *name)
{
    if (!nohin_archive_zip_magic(path) || nohin_archive_is_program(name) ||
        nohin_archive_is_document_name(name))
        return false;
    nohin_zip *z = nohin_zip_open(path, NULL);
    if (!z) return true; /* a damaged zip: opening it reports why */
    bool pkg = nohin_archive_is_package(z);
    nohin_zip_close(z);
    return !pkg;
}

bool nohin_archive_budget_take(nohin_archive_budget *b, guint64 n)
{
    b->entries++;
    b->bytes += n;
    return b->entries <= NOHIN_ARCHIVE_MAX_ENTRIES && b->bytes <= NOHIN_ARCHIVE_MAX_TOTAL;
}

char *nohin_archive_decode_name(const char *raw)
{
    if (!raw) return NULL;
    if (g_utf8_validate(raw, -1, NULL)) return g_strdup(raw);
    return g_convert(raw, -1, "UTF-8", "CP932", NULL, NULL, NULL);
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

/* A new file (never an existing one, never through a link) holding data. */
static nohin_archive_status write_new(const char *path, GBytes *data, const char **why)
{
    char *dir = g_path_get_dirname(path);
    int made = g_mkdir_with_parents(dir, 0700);
    g_free(dir);
    int fd =
        made == 0 ? open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600) : -1;
    if (fd < 0) {
        *why = g_strerror(errno);
        return errno == EEXIST ? NOHIN_ARCHIVE_EXISTS : NOHIN_ARCHIVE_WRITE_FAILED;
    }
    gsize n = 0;
    const guint8 *p = g_bytes_get_data(data, &n);
    bool ok = true;
    while (ok && n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        ok = w > 0;
        if (ok) {
            p += w;
            n -= (gsize)w;
        }
    }
    if (!ok) *why = g_strerror(errno);
    if (close(fd) != 0 && ok) {
        ok = false;
        *why = g_strerror(errno);
    }
    if (!ok) g_unlink(path);
    return ok ? NOHIN_ARCHIVE_WRITTEN : NOHIN_ARCHIVE_WRITE_FAILED;
}

/* One entry; false when the budget is exhausted and the loop must stop. */
static bool extract_one(nohin_zip *z, gint64 i, nohin_archive_budget *budget,
                        const nohin_archive_sink *sink)
{
    nohin_archive_entry e = {.index = i, .raw = nohin_zip_name(z, i), .size = nohin_zip_size(z, i)};
    size_t rl = strlen(e.raw);
    if (rl && (e.raw[rl - 1] == '/' || e.raw[rl - 1] == '\\')) return true; /* a folder */
    char *name = nohin_archive_decode_name(e.raw), *member = NULL, *path = NULL;
    e.name = name;
    const char *check = name ? name : e.raw;
    if (!nohin_zip_name_unsafe(e.raw) && !nohin_zip_name_unsafe(check))
        e.member = member = clean_member(check);
    bool go_on = true;
    GError *err = NULL;
    nohin_archive_status st;
    const char *why = "";
    if (!e.member) {
        st = NOHIN_ARCHIVE_UNSAFE, why = "path leaves the folder";
    } else if (is_symlink(z, i)) {
        st = NOHIN_ARCHIVE_UNSAFE, why = "symbolic link";
    } else if (nohin_zip_encrypted(z, i)) {
        st = NOHIN_ARCHIVE_ENCRYPTED, why = "encrypted member";
    } else if (!nohin_archive_budget_take(budget, e.size)) {
        st = NOHIN_ARCHIVE_LIMIT,
        why = "over the entry or size limit of the outer archive and its nested archives";
        go_on = false;
    } else if (!(e.data = nohin_zip_read_index(z, i, &err))) {
        bool limit = g_error_matches(err, NOHIN_ZIP_ERROR, NOHIN_ZIP_ERROR_LIMIT);
        st = limit ? NOHIN_ARCHIVE_LIMIT : NOHIN_ARCHIVE_DAMAGED;
        why = err ? err->message : "";
    } else if (!(path = sink->dest(&e, sink->user))) {
        st = NOHIN_ARCHIVE_SKIPPED;
    } else {
        st = write_new(path, e.data, &why);
    }
    sink->result(&e, st, st == NOHIN_ARCHIVE_WRITTEN ? path : NULL, why, sink->user);
    if (e.data) g_bytes_unref(e.data);
    g_clear_error(&err);
    g_free(path);
    g_free(member);
    g_free(name);
    return go_on;
}

bool nohin_archive_extract(nohin_zip *z, nohin_archive_budget *budget,
                           const nohin_archive_sink *sink)
{
    gint64 n = nohin_zip_count(z);
    for (gint64 i = 0; i < n; i++)
        if (!extract_one(z, i, budget, sink)) return false;
    return true;
}
