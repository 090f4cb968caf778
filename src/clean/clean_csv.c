/* CSV: copied byte for byte by default (a CSV has no hidden parts); with
 * --normalize-csv re-encoded to UTF-8 with a BOM and CRLF line ends, which is
 * what Excel on Windows opens without garbling. */
#include <gio/gio.h>
#include <string.h>
#include <uchardet.h>
#include "clean/clean_csv.h"
#include "clean/fsutil.h"
#include "readers/csv_reader.h"

#define MAX_CSV_BYTES (512u * 1024u * 1024u)

/* The source charset: UTF-8 when valid, else what uchardet says, else CP932
 * (Windows Japanese), which is what nearly every non-UTF-8 CSV here is. */
static char *guess_charset(const char *data, size_t len)
{
    if (g_utf8_validate(data, (gssize)len, NULL)) return g_strdup("UTF-8");
    uchardet_t ud = uchardet_new();
    uchardet_handle_data(ud, data, len);
    uchardet_data_end(ud);
    const char *cs = uchardet_get_charset(ud);
    char *r = g_strdup(cs && *cs && g_ascii_strcasecmp(cs, "ASCII") ? cs : "CP932");
    uchardet_delete(ud);
    if (!g_ascii_strcasecmp(r, "SHIFT_JIS") ||
        (g_ascii_strcasecmp(r, "EUC-JP") && g_ascii_strncasecmp(r, "UTF-", 4) &&
         g_ascii_strncasecmp(r, "ISO-2022", 8) && nohin_csv_cp932_despite_detector(data, len))) {
        g_free(r);
        r = g_strdup("CP932"); /* a superset: ①, ㈱ and NEC/IBM extensions */
    }
    return r;
}

/* Record ends become CRLF; a line break inside a quoted field is part of the
 * value (Excel writes a cell's Alt+Enter as a bare LF there) and stays as it is. */
static GString *to_crlf(const char *s, size_t len)
{
    GString *o = g_string_sized_new(len + len / 16 + 8);
    g_string_append(o, "\xEF\xBB\xBF");
    size_t i = 0;
    if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) i = 3;
    enum { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED } q = FIELD_START;
    for (; i < len; i++) {
        char c = s[i];
        if (q == QUOTED) {
            if (c == '"') q = QUOTE_IN_QUOTED;
            g_string_append_c(o, c);
            continue;
        }
        if (c == '"' && (q == FIELD_START || q == QUOTE_IN_QUOTED))
            q = QUOTED; /* an opening quote, or the second of "" */
        else if (c == ',' || c == '\t' || c == '\r' || c == '\n')
            q = FIELD_START;
        else
            q = UNQUOTED;
        if (s[i] == '\r') {
            g_string_append(o, "\r\n");
            if (i + 1 < len && s[i + 1] == '\n') i++;
        } else if (s[i] == '\n') {
            g_string_append(o, "\r\n");
        } else {
            g_string_append_c(o, s[i]);
        }
    }
    return o;
}

bool nohin_clean_csv(const char *in, const char *out, bool normalize, const char *name,
                     const char *output_name, nohin_fixlist *fl, GError **error)
{
    if (!normalize) return nohin_copy_file(in, out, error);
    char *data = NULL;
    gsize len = 0;
    if (!g_file_get_contents(in, &data, &len, error)) return false;
    if (len > MAX_CSV_BYTES) {
        g_free(data);
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, _("larger than %u bytes"),
                    MAX_CSV_BYTES);
        return false;
    }
    char *cs = guess_charset(data, len);
    char *utf8 = data;
    gsize ulen = len;
    if (strcmp(cs, "UTF-8") != 0) {
        gsize rd = 0;
        utf8 = g_convert(data, (gssize)len, "UTF-8", cs, &rd, &ulen, error);
        if (!utf8) {
            g_free(cs);
            g_free(data);
            return false;
        }
    }
    GString *o = to_crlf(utf8, ulen);
    bool ok = nohin_write_file_atomic(out, o->str, o->len, false, error);
    if (ok && (o->len != len || memcmp(o->str, data, len) != 0))
        nohin_fixlist_add(fl, NOHIN_FIX_CHANGED, "CSV-ENCODING", name, output_name, NULL,
                          _("Re-encoded from %s to UTF-8 with BOM and CRLF line ends."), cs);
    g_string_free(o, TRUE);
    if (utf8 != data) g_free(utf8);
    g_free(data);
    g_free(cs);
    return ok;
}
