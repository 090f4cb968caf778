#include <string.h>
#include "zip_safe.h"

G_DEFINE_QUARK(nohin - zip - error - quark, nohin_zip_error)

struct nohin_zip {
    zip_t *z;
    guint64 inflated;
    bool limit_hit;
};

nohin_zip *nohin_zip_open(const char *path, GError **error)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        g_set_error(error, NOHIN_ZIP_ERROR, NOHIN_ZIP_ERROR_OPEN, "%s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return NULL;
    }
    if (zip_get_num_entries(z, 0) > NOHIN_MAX_ZIP_ENTRIES) {
        zip_discard(z);
        g_set_error(error, NOHIN_ZIP_ERROR, NOHIN_ZIP_ERROR_LIMIT, "more than %d entries",
                    NOHIN_MAX_ZIP_ENTRIES);
        return NULL;
    }
    nohin_zip *nz = g_new0(nohin_zip, 1);
    nz->z = z;
    return nz;
}

void nohin_zip_close(nohin_zip *z)
{
    if (!z) return;
    zip_discard(z->z);
    g_free(z);
}

zip_t *nohin_zip_handle(nohin_zip *z)
{
    return z->z;
}

gint64 nohin_zip_count(nohin_zip *z)
{
    return zip_get_num_entries(z->z, 0);
}

const char *nohin_zip_name(nohin_zip *z, gint64 index)
{
    const char *n = zip_get_name(z->z, (zip_uint64_t)index, ZIP_FL_ENC_RAW);
    return n ? n : "";
}

gint64 nohin_zip_find(nohin_zip *z, const char *name)
{
    return zip_name_locate(z->z, name, 0);
}

bool nohin_zip_has(nohin_zip *z, const char *name)
{
    return nohin_zip_find(z, name) >= 0;
}

bool nohin_zip_encrypted(nohin_zip *z, gint64 index)
{
    zip_stat_t st;
    if (zip_stat_index(z->z, (zip_uint64_t)index, 0, &st) != 0) return false;
    return (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE;
}

guint64 nohin_zip_size(nohin_zip *z, gint64 index)
{
    zip_stat_t st;
    if (zip_stat_index(z->z, (zip_uint64_t)index, 0, &st) != 0) return 0;
    return (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
}

bool nohin_zip_name_unsafe(const char *name)
{
    if (!name || !*name) return true;
    if (name[0] == '/' || name[0] == '\\') return true;
    if (g_ascii_isalpha(name[0]) && name[1] == ':') return true; /* C:\… */
    char *norm = g_strdup(name);
    g_strdelimit(norm, "\\", '/');
    char **parts = g_strsplit(norm, "/", -1);
    bool bad = false;
    for (char **p = parts; *p; p++)
        if (!strcmp(*p, "..")) bad = true;
    g_strfreev(parts);
    g_free(norm);
    return bad;
}

/* The declared size must not promise more than the limits, and the compression
 * ratio must look like a document, not a bomb. */
static bool entry_allowed(nohin_zip *z, gint64 index, GError **error)
{
    zip_stat_t st;
    if (zip_stat_index(z->z, (zip_uint64_t)index, 0, &st) != 0) {
        g_set_error(error, NOHIN_ZIP_ERROR, NOHIN_ZIP_ERROR_READ, "cannot stat entry");
        return false;
    }
    if (nohin_zip_encrypted(z, index)) {
        g_set_error(error, NOHIN_ZIP_ERROR, NOHIN_ZIP_ERROR_ENCRYPTED, "%s: encrypted entry",
                    st.name ? st.name : "?");
        return false;
    }
    guint64 size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
    guint64 comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    if (z->inflated + size > NOHIN_MAX_DECOMPRESSED ||
        (size > 1024 * 1024 && comp > 0 && size / comp > NOHIN_MAX_ZIP_RATIO)) {
        z->limit_hit = true;
        g_set_error(error, NOHIN_ZIP_ERROR, NOHIN_ZIP_ERROR_LIMIT,
                    "%s: inflates to %" G_GUINT64_FORMAT " bytes from %" G_GUINT64_FORMAT,
                    st.name ? st.name : "?", size, comp);
        return false;
    }
    return true;
}

GBytes *nohin_zip_read_index(nohin_zip *z, gint64 index, GError **error)
{
    if (!entry_allowed(z, index, error)) return NULL;
    zip_file_t *zf = zip_fopen_index(z->z, (zip_uint64_t)index, 0);
    if (!zf) {
        g_set_error(error, NOHIN_ZIP_ERROR, NOHIN_ZIP_ERROR_READ, "%s", zip_strerror(z->z));
        return NULL;
    }
    GByteArray *buf = g_byte_array_new();
    guint8 chunk[1 << 16];
    zip_int64_t n;
    /* The declared size can lie: the limit is enforced on what actually inflates. */
    while ((n = zip_fread(zf, chunk, sizeof chunk)) > 0) {
        z->inflated += (guint64)n;
        if (z->inflated > NOHIN_MAX_DECOMPRESSED) {
            z->limit_hit = true;
            break;
        }
        g_byte_array_append(buf, chunk, (guint)n);
    }
    zip_fclose(zf);
    if (n < 0 || z->limit_hit) {
        g_set_error(error, NOHIN_ZIP_ERROR,
                    z->limit_hit ? NOHIN_ZIP_ERROR_LIMIT : NOHIN_ZIP_ERROR_READ,
                    z->limit_hit ? "inflated size limit reached" : "damaged entry");
        g_byte_array_free(buf, TRUE);
        return NULL;
    }
    guint len = buf->len;
    g_byte_array_append(buf, (const guint8 *)"", 1); /* NUL for text parsers */
    gsize size = 0;
    guint8 *data = g_byte_array_free(buf, FALSE);
    (void)size;
    return g_bytes_new_with_free_func(data, len, g_free, data);
}

GBytes *nohin_zip_read(nohin_zip *z, const char *name, GError **error)
{
    gint64 i = nohin_zip_find(z, name);
    if (i < 0) {
        g_set_error(error, NOHIN_ZIP_ERROR, NOHIN_ZIP_ERROR_NOT_FOUND, "%s: not found", name);
        return NULL;
    }
    return nohin_zip_read_index(z, i, error);
}

typedef struct {
    nohin_zip *z;
    zip_file_t *zf;
} xml_stream;

static int xml_read_cb(void *ctx, char *buffer, int len)
{
    xml_stream *s = ctx;
    zip_int64_t n = zip_fread(s->zf, buffer, (zip_uint64_t)len);
    if (n < 0) return -1;
    s->z->inflated += (guint64)n;
    if (s->z->inflated > NOHIN_MAX_DECOMPRESSED) {
        s->z->limit_hit = true;
        return -1;
    }
    return (int)n;
}

static int xml_close_cb(void *ctx)
{
    xml_stream *s = ctx;
    zip_fclose(s->zf);
    g_free(s);
    return 0;
}

xmlTextReaderPtr nohin_zip_xml_reader(nohin_zip *z, const char *name, GError **error)
{
    gint64 i = nohin_zip_find(z, name);
    if (i < 0) {
        g_set_error(error, NOHIN_ZIP_ERROR, NOHIN_ZIP_ERROR_NOT_FOUND, "%s: not found", name);
        return NULL;
    }
    if (!entry_allowed(z, i, error)) return NULL;
    zip_file_t *zf = zip_fopen_index(z->z, (zip_uint64_t)i, 0);
    if (!zf) {
        g_set_error(error, NOHIN_ZIP_ERROR, NOHIN_ZIP_ERROR_READ, "%s", zip_strerror(z->z));
        return NULL;
    }
    xml_stream *s = g_new0(xml_stream, 1);
    s->z = z;
    s->zf = zf;
    xmlTextReaderPtr r =
        xmlReaderForIO(xml_read_cb, xml_close_cb, s, name, NULL, NOHIN_XML_OPTIONS);
    if (!r) {
        g_set_error(error, NOHIN_ZIP_ERROR, NOHIN_ZIP_ERROR_READ, "%s: cannot parse", name);
        return NULL;
    }
    return r;
}

bool nohin_zip_limit_hit(nohin_zip *z)
{
    return z->limit_hit;
}

guint64 nohin_zip_inflated(nohin_zip *z)
{
    return z->inflated;
}

char *nohin_zip_resolve(const char *base_part, const char *target)
{
    if (!target) return NULL;
    if (target[0] == '/') return g_strdup(target + 1);
    char *dir = g_path_get_dirname(base_part);
    char *joined = strcmp(dir, ".") ? g_strconcat(dir, "/", target, NULL) : g_strdup(target);
    g_free(dir);
    /* Collapse "a/b/../c" without touching the file system. */
    char **parts = g_strsplit(joined, "/", -1);
    GPtrArray *out = g_ptr_array_new();
    for (char **p = parts; *p; p++) {
        if (!**p || !strcmp(*p, ".")) continue;
        if (!strcmp(*p, "..")) {
            if (out->len) g_ptr_array_remove_index(out, out->len - 1);
            continue;
        }
        g_ptr_array_add(out, *p);
    }
    g_ptr_array_add(out, NULL);
    char *res = g_strjoinv("/", (char **)out->pdata);
    g_ptr_array_free(out, TRUE);
    g_strfreev(parts);
    g_free(joined);
    return res;
}
