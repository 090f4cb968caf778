/* Where messages come from: one RFC 5322 file (.eml), an mbox, or a Maildir.
 * GMime does the parsing; with a seekable file stream it keeps attachment
 * contents on disk instead of in memory, so a large mbox stays cheap. */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include "intake.h"

static GMimeParserOptions *parser_options(void)
{
    static GMimeParserOptions *opts;
    if (!opts) {
        opts = g_mime_parser_options_new();
        /* Raw 8-bit headers and names in Japanese mail are usually Shift_JIS (CP932)
         * or EUC-JP; ISO-2022-JP is 7-bit and decoded from its RFC 2047 words. */
        const char *charsets[] = {"UTF-8", "CP932", "EUC-JP", NULL};
        g_mime_parser_options_set_fallback_charsets(opts, charsets);
        g_mime_parser_options_set_rfc2047_compliance_mode(opts, GMIME_RFC_COMPLIANCE_LOOSE);
        g_mime_parser_options_set_parameter_compliance_mode(opts, GMIME_RFC_COMPLIANCE_LOOSE);
    }
    return opts;
}

static bool starts_with_from(const char *path)
{
    char head[5] = {0};
    FILE *fp = fopen(path, "rb");
    if (!fp) return false;
    size_t n = fread(head, 1, sizeof head, fp);
    fclose(fp);
    return n == 5 && !memcmp(head, "From ", 5);
}

/* Size as transmitted: SMTP carries CRLF line ends, so a bare LF (an mbox, a
 * Maildir written by a Unix MDA) counts two bytes. The same mail measures the
 * same stored as .eml, in an mbox or in a Maildir. */
static guint64 wire_size(GMimeStream *stream, gint64 begin, gint64 end, bool mbox)
{
    if (end <= begin || g_mime_stream_seek(stream, begin, GMIME_STREAM_SEEK_SET) != begin) return 0;
    guint64 n = 0;
    char buf[65536], prev = 0;
    guint32 tail = 0; /* the last four bytes */
    gint64 left = end - begin;
    while (left > 0) {
        ssize_t got = g_mime_stream_read(stream, buf, (size_t)MIN(left, (gint64)sizeof buf));
        if (got <= 0) break;
        for (ssize_t i = 0; i < got; i++) {
            if (buf[i] == '\n' && prev != '\r') n++;
            tail = tail << 8 | (guint8)buf[i];
            prev = buf[i];
        }
        n += (guint64)got;
        left -= got;
    }
    /* The empty line before the next "From " belongs to the mbox, not the mail. */
    bool blank = (tail & 0xffff) == 0x0a0a || tail == 0x0d0a0d0a;
    if (mbox && blank && n >= 2) n -= 2;
    return n;
}

GMimeMessage *nohin_mail_parse_at(const char *path, bool mbox, gint64 offset, gint64 *next,
                                  guint64 *bytes, bool *eos)
{
    *next = -1;
    *bytes = 0;
    *eos = true;
    GMimeStream *stream = g_mime_stream_fs_open(path, O_RDONLY, 0, NULL);
    if (!stream) return NULL;
    gint64 file_size = g_mime_stream_length(stream);
    if (offset > 0 && g_mime_stream_seek(stream, offset, GMIME_STREAM_SEEK_SET) != offset) {
        g_object_unref(stream);
        return NULL;
    }
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    g_mime_parser_set_format(parser, mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
    GMimeMessage *msg = g_mime_parser_construct_message(parser, parser_options());
    if (msg) {
        gint64 end = g_mime_parser_tell(parser);
        gint64 begin = mbox ? g_mime_parser_get_headers_begin(parser) : 0;
        if (!mbox) end = file_size;
        *next = end;
        *eos = !mbox || g_mime_parser_eos(parser);
        /* Its own stream: the message's parts still read from the parser's. */
        GMimeStream *count = g_mime_stream_fs_open(path, O_RDONLY, 0, NULL);
        *bytes = count ? wire_size(count, begin, end, mbox) : (guint64)MAX(end - begin, 0);
        if (count) g_object_unref(count);
    } else {
        /* Nothing parseable (empty, garbage, or a truncated mbox tail). */
        *bytes = file_size > offset ? (guint64)(file_size - offset) : 0;
    }
    g_object_unref(parser);
    g_object_unref(stream);
    return msg;
}

/* After a message whose parse failed (its child crashed), the next one starts at
 * the next "From " line: the mbox separator. */
gint64 nohin_mbox_next(const char *path, gint64 after)
{
    FILE *fp = fopen(path, "rb");
    if (!fp || fseeko(fp, (off_t)after, SEEK_SET) != 0) {
        if (fp) fclose(fp);
        return -1;
    }
    static const char sep[] = "\nFrom ";
    size_t matched = 0;
    gint64 pos = after;
    int c;
    while ((c = fgetc(fp)) != EOF) {
        pos++;
        matched = c == sep[matched] ? matched + 1 : c == sep[0] ? 1 : 0;
        if (matched == sizeof sep - 1) {
            fclose(fp);
            return pos - (gint64)(sizeof sep - 2); /* the 'F' */
        }
    }
    fclose(fp);
    return -1;
}

static int cmp_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Maildir: new/ then cur/, each in name order (deterministic output). */
static bool read_maildir(const char *dir, nohin_mail_fn fn, void *data)
{
    static const char *const subs[] = {"new", "cur"};
    for (size_t s = 0; s < G_N_ELEMENTS(subs); s++) {
        char *sub = g_build_filename(dir, subs[s], NULL);
        GDir *d = g_dir_open(sub, 0, NULL);
        if (d) {
            GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
            const char *n;
            while ((n = g_dir_read_name(d)))
                if (n[0] != '.') g_ptr_array_add(names, g_strdup(n));
            g_dir_close(d);
            g_ptr_array_sort(names, cmp_str);
            for (guint i = 0; i < names->len; i++) {
                char *p = g_build_filename(sub, names->pdata[i], NULL);
                GStatBuf st;
                if (g_lstat(p, &st) == 0 && S_ISREG(st.st_mode)) fn(p, false, data);
                g_free(p);
            }
            g_ptr_array_free(names, TRUE);
        }
        g_free(sub);
    }
    return true;
}

bool nohin_mail_source_read(const char *path, nohin_mail_fn fn, void *data, GError **error)
{
    GStatBuf st;
    if (g_stat(path, &st) != 0) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("%s: no such file or folder"), path);
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        char *cur = g_build_filename(path, "cur", NULL), *nw = g_build_filename(path, "new", NULL);
        bool maildir = g_file_test(cur, G_FILE_TEST_IS_DIR) || g_file_test(nw, G_FILE_TEST_IS_DIR);
        g_free(cur);
        g_free(nw);
        if (!maildir) {
            g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        _("%s: a folder must be a Maildir (with cur/ or new/)"), path);
            return false;
        }
        return read_maildir(path, fn, data);
    }
    if (!S_ISREG(st.st_mode)) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("%s: not a message file"), path);
        return false;
    }
    fn(path, starts_with_from(path), data);
    return true;
}
