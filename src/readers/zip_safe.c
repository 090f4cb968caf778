#include <string.h>
#include "zip_safe.h"

G_DEFINE_QUARK(nohin - zip - error - quark, nohin_zip_error)

struct nohin_zip {
    zip_t *z;
    guint64 inflated;
    guint64 limit; /* bytes it may inflate in all */
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
    nz->limit = NOHIN_MAX_DECOMPRESSED;
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
 * ratio must look like a document, not a bomb. A real sheet of repeated strings
 * deflates past 200:1 (57 MB at 274:1 when clean rewrites one), so entries up to
 * 64 MiB, whose work the total limit bounds anyway, are refused past 500:1
 * (pure filler reaches ~980-1030:1). */
static bool ratio_allowed(guint64 size, guint64 comp)
{
    if (size <= 1024 * 1024 || comp == 0) return true;
    guint64 limit = size <= NOHIN_ZIP_SMALL_ENTRY ? NOHIN_MAX_ZIP_RATIO_SMALL : NOHIN_MAX_ZIP_RATIO;
    return size / comp <= limit;
}

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
    if (z->inflated + size > z->limit || !ratio_allowed(size, comp)) {
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
        if (z->inflated > z->limit) {
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

/* Read-ahead for a large entry: a second thread inflates the next chunks while
 * the parser works on the current one (as `unzip -p | xmllint` does). The
 * parser still sees exactly what zip_fread would return for each request. */
#define AHEAD_CHUNK (256 * 1024)
#define AHEAD_CHUNKS 4
#define AHEAD_MIN_SIZE (4u << 20)

typedef struct {
    guint8 *data;
    gsize len, pos;
    zip_int64_t status; /* zip_fread's answer: > 0 data, 0 end, -1 error; -2 cancelled */
} ahead_chunk;

typedef struct {
    nohin_zip *z;
    zip_file_t *zf;
    GThread *thread; /* NULL: zip_fread on the parser's thread */
    GAsyncQueue *full, *empty;
    ahead_chunk *cur;
    gint cancel;
    bool ended; /* the thread has handed over its last chunk */
} xml_stream;

static gpointer inflate_ahead(gpointer data)
{
    xml_stream *s = data;
    for (;;) {
        ahead_chunk *c = g_async_queue_pop(s->empty);
        c->pos = c->len = 0;
        if (g_atomic_int_get(&s->cancel)) {
            c->status = -2;
            g_async_queue_push(s->full, c);
            break;
        }
        c->status = zip_fread(s->zf, c->data, AHEAD_CHUNK);
        if (c->status > 0) c->len = (gsize)c->status;
        g_async_queue_push(s->full, c);
        if (c->status <= 0) break;
    }
    return NULL;
}

/* What zip_fread(len) would return: up to len bytes across chunks; the end or an
 * error after some bytes ends the request short, and is answered on the next. */
static zip_int64_t ahead_read(xml_stream *s, char *buffer, gsize len)
{
    gsize got = 0;
    while (got < len) {
        ahead_chunk *c = s->cur;
        if (c && c->pos == c->len && c->status > 0) {
            g_async_queue_push(s->empty, c);
            c = s->cur = NULL;
        }
        if (!c) {
            c = s->cur = g_async_queue_pop(s->full);
            if (c->status <= 0) s->ended = true;
        }
        if (c->status <= 0) return got > 0 ? (zip_int64_t)got : c->status == 0 ? 0 : -1;
        gsize n = MIN(len - got, c->len - c->pos);
        memcpy(buffer + got, c->data + c->pos, n);
        c->pos += n;
        got += n;
    }
    return (zip_int64_t)got;
}

static void ahead_stop(xml_stream *s)
{
    g_atomic_int_set(&s->cancel, 1);
    GSList *chunks = NULL;
    if (s->cur) chunks = g_slist_prepend(chunks, s->cur);
    if (!s->ended) {
        if (s->cur) g_async_queue_push(s->empty, s->cur), chunks = NULL;
        for (;;) { /* hand chunks back until the thread says it is done */
            ahead_chunk *c = g_async_queue_pop(s->full);
            if (c->status <= 0) {
                chunks = g_slist_prepend(chunks, c);
                break;
            }
            g_async_queue_push(s->empty, c);
        }
    }
    g_thread_join(s->thread);
    ahead_chunk *c;
    while ((c = g_async_queue_try_pop(s->empty)))
        chunks = g_slist_prepend(chunks, c);
    while ((c = g_async_queue_try_pop(s->full)))
        chunks = g_slist_prepend(chunks, c);
    for (GSList *l = chunks; l; l = l->next) {
        ahead_chunk *k = l->data;
        g_free(k->data);
        g_free(k);
    }
    g_slist_free(chunks);
    g_async_queue_unref(s->full);
    g_async_queue_unref(s->empty);
}

static int xml_read_cb(void *ctx, char *buffer, int len)
{
    xml_stream *s = ctx;
    zip_int64_t n =
        s->thread ? ahead_read(s, buffer, (gsize)len) : zip_fread(s->zf, buffer, (zip_uint64_t)len);
    if (n < 0) return -1;
    s->z->inflated += (guint64)n;
    if (s->z->inflated > s->z->limit) {
        s->z->limit_hit = true;
        return -1;
    }
    return (int)n;
}

static int xml_close_cb(void *ctx)
{
    xml_stream *s = ctx;
    if (s->thread) ahead_stop(s);
    zip_fclose(s->zf);
    g_free(s);
    return 0;
}

static xmlTextReaderPtr open_xml_reader(nohin_zip *z, const char *name, bool ahead, GError **error)
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
    if (ahead && nohin_zip_size(z, i) >= AHEAD_MIN_SIZE) {
        s->full = g_async_queue_new();
        s->empty = g_async_queue_new();
        for (int k = 0; k < AHEAD_CHUNKS; k++) {
            ahead_chunk *c = g_new0(ahead_chunk, 1);
            c->data = g_malloc(AHEAD_CHUNK);
            g_async_queue_push(s->empty, c);
        }
        s->thread = g_thread_new("nohin-inflate", inflate_ahead, s);
    }
    xmlTextReaderPtr r =
        xmlReaderForIO(xml_read_cb, xml_close_cb, s, name, NULL, NOHIN_XML_OPTIONS);
    if (!r) {
        g_set_error(error, NOHIN_ZIP_ERROR, NOHIN_ZIP_ERROR_READ, "%s: cannot parse", name);
        return NULL;
    }
    return r;
}

xmlTextReaderPtr nohin_zip_xml_reader(nohin_zip *z, const char *name, GError **error)
{
    return open_xml_reader(z, name, false, error);
}

xmlTextReaderPtr nohin_zip_xml_reader_ahead(nohin_zip *z, const char *name, GError **error)
{
    return open_xml_reader(z, name, true, error);
}

void nohin_zip_allow_passes(nohin_zip *z, unsigned passes)
{
    z->limit = (guint64)NOHIN_MAX_DECOMPRESSED * (passes ? passes : 1);
}

bool nohin_zip_limit_hit(nohin_zip *z)
{
    return z->limit_hit;
}

guint64 nohin_zip_inflated(nohin_zip *z)
{
    return z->inflated;
}

bool nohin_zip_charge(nohin_zip *z, guint64 n)
{
    z->inflated += n;
    if (z->inflated > z->limit) z->limit_hit = true;
    return !z->limit_hit;
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

bool nohin_zip_set_fixed_time(zip_t *za, zip_uint64_t idx)
{
    return zip_file_set_dostime(za, idx, 0, (0 << 9) | (1 << 5) | 1, 0) == 0; /* 1980-01-01 */
}
