/* Reading nohin.ini strictly (issue16): the text must be UTF-8 (a BOM is fine, as
 * Windows Notepad writes one); a file in another encoding is an error naming the
 * encoding, not a GLib-CRITICAL and a silently dropped value. A ` # comment` after
 * a value is not part of it. Rule ids in [rules] disable and [severity] must exist. */
#include <string.h>
#include <uchardet.h>
#include "nohin_internal.h"

static char *guess_encoding(const char *data, gsize len)
{
    uchardet_t u = uchardet_new();
    char *name = NULL;
    if (uchardet_handle_data(u, data, len) == 0) {
        uchardet_data_end(u);
        const char *cs = uchardet_get_charset(u);
        if (cs && *cs) name = g_strdup(cs);
    }
    uchardet_delete(u);
    return name ? name : g_strdup(_("an unknown encoding"));
}

/* "key = value # note" -> "key = value"; whole-line comments stay for GLib. */
static void strip_trailing_comments(char *text)
{
    for (char *line = text; line && *line;) {
        char *end = strchr(line, '\n');
        const char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        char *eq = *p != '#' && *p != '['
                       ? memchr(line, '=', end ? (size_t)(end - line) : strlen(line))
                       : NULL;
        for (char *q = eq; q && q < (end ? end : q + strlen(q)) && *q; q++)
            if (*q == '#' && (q[-1] == ' ' || q[-1] == '\t')) {
                memset(q, ' ', (size_t)((end ? end : q + strlen(q)) - q));
                break;
            }
        line = end ? end + 1 : NULL;
    }
}

bool nohin_config_read_text(GKeyFile *kf, const char *path, GError **error)
{
    char *data = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &data, &len, error)) return false;
    char *text = data;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) text += 3, len -= 3;
    if (!g_utf8_validate_len(text, len, NULL) || memchr(text, '\0', len)) {
        char *enc = guess_encoding(text, len);
        g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_UNKNOWN_ENCODING,
                    _("%s is not UTF-8 text (it looks like %s); save it as UTF-8"), path, enc);
        g_free(enc);
        g_free(data);
        return false;
    }
    strip_trailing_comments(text);
    bool ok = g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, error);
    if (!ok && error && *error) g_prefix_error(error, "%s: ", path);
    g_free(data);
    return ok;
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void nohin_config_check_rule_ids(const nohin_config *c, GPtrArray *warn)
{
    for (char **r = c->disabled_rules; r && *r; r++)
        if (**r && !nohin_rule_find(*r))
            g_ptr_array_add(warn, g_strdup_printf(_("[rules] disable: no rule %s"), *r));
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, c->severity);
    GPtrArray *unknown = g_ptr_array_new();
    while (g_hash_table_iter_next(&it, &key, NULL))
        if (!nohin_rule_find(key)) g_ptr_array_add(unknown, key);
    g_ptr_array_sort(unknown, cmp_str); /* deterministic order */
    for (guint i = 0; i < unknown->len; i++)
        g_ptr_array_add(warn, g_strdup_printf(_("[severity] %s: no such rule"),
                                              (const char *)unknown->pdata[i]));
    g_ptr_array_free(unknown, TRUE);
}
