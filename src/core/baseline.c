/* Baselines and waivers (docs/baseline.md): fingerprints, [waive] groups, baseline files. */
#include <string.h>
#include "baseline.h"

#define BASELINE_GROUP "nohin baseline"
#define BASELINE_VERSION 1

void nohin_waiver_free(nohin_waiver *w)
{
    if (!w) return;
    g_free(w->name);
    g_free(w->rule);
    g_free(w->file);
    g_free(w->location);
    g_free(w->reason);
    g_free(w);
}

char *nohin_location_key(const nohin_location *l)
{
    const char *sheet = l->sheet ? l->sheet : "";
    switch (l->kind) {
    case NOHIN_LOC_PAGE:
        return g_strdup_printf("page %d", l->page);
    case NOHIN_LOC_CELL:
        return g_strdup_printf("%s!%s", sheet, l->cell ? l->cell : "");
    case NOHIN_LOC_ROW:
        return l->row_end > l->row ? g_strdup_printf("%s!rows %d-%d", sheet, l->row, l->row_end)
                                   : g_strdup_printf("%s!row %d", sheet, l->row);
    case NOHIN_LOC_COLUMN:
        return l->column_end ? g_strdup_printf("%s!columns %s-%s", sheet, l->column, l->column_end)
                             : g_strdup_printf("%s!column %s", sheet, l->column ? l->column : "");
    case NOHIN_LOC_LINE:
        return l->column_index > 0 ? g_strdup_printf("line %d, field %d", l->line, l->column_index)
                                   : g_strdup_printf("line %d", l->line);
    case NOHIN_LOC_OBJECT:
        return g_strdup_printf("object %d", l->object);
    case NOHIN_LOC_SHEET:
        return g_strdup_printf("sheet %s", sheet);
    case NOHIN_LOC_PART: {
        GString *k = g_string_new(l->part ? l->part : "");
        if (l->name) g_string_append_printf(k, " %s", l->name);
        if (l->page > 0) g_string_append_printf(k, " page %d", l->page);
        return g_string_free(k, FALSE);
    }
    default:
        return g_strdup("");
    }
}

/* Runs of white space become one space: a new export may wrap or pad differently. */
static void append_collapsed(GString *o, const char *s)
{
    bool space = false;
    for (const char *p = s ? s : ""; *p; p++) {
        if (g_ascii_isspace(*p)) {
            space = o->len > 0;
            continue;
        }
        if (space) g_string_append_c(o, ' ');
        space = false;
        g_string_append_c(o, *p);
    }
}

char *nohin_finding_fingerprint(const nohin_finding *f)
{
    GString *id = g_string_new("nohin/2\n");
    g_string_append_printf(id, "%s\n%s\n", f->rule, f->file);
    if (f->loc.kind == NOHIN_LOC_OBJECT) {
        g_string_append(id, "object"); /* object numbers change with every export */
    } else {
        char *key = nohin_location_key(&f->loc);
        g_string_append(id, key);
        g_free(key);
    }
    g_string_append_c(id, '\n');
    append_collapsed(id, f->evidence);
    char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, id->str, (gssize)id->len);
    g_string_free(id, TRUE);
    return sum;
}

/* ---- [waive] ---- */

bool nohin_config_load_waiver(nohin_config *c, GKeyFile *kf, const char *group, GPtrArray *warn)
{
    if (strcmp(group, "waive") != 0 && !g_str_has_prefix(group, "waive ")) return false;
    nohin_waiver *w = g_new0(nohin_waiver, 1);
    w->name = g_strdup(group);
    gsize n = 0;
    char **keys = g_key_file_get_keys(kf, group, &n, NULL);
    for (gsize i = 0; i < n; i++) {
        char **slot = !strcmp(keys[i], "rule")       ? &w->rule
                      : !strcmp(keys[i], "file")     ? &w->file
                      : !strcmp(keys[i], "location") ? &w->location
                      : !strcmp(keys[i], "reason")   ? &w->reason
                                                     : NULL;
        if (!slot) {
            g_ptr_array_add(warn, g_strdup_printf("[%s] %s", group, keys[i]));
            continue;
        }
        g_free(*slot);
        *slot = g_key_file_get_string(kf, group, keys[i], NULL);
        if (*slot) g_strstrip(*slot);
    }
    g_strfreev(keys);
    /* A waiver is a reviewer's decision: without a reason it is not one. */
    if (!w->rule || !*w->rule || !w->reason || !*w->reason) {
        g_ptr_array_add(warn, g_strdup_printf(_("[%s] %s: missing (the waiver is not used)"), group,
                                              !w->rule || !*w->rule ? "rule" : "reason"));
        nohin_waiver_free(w);
        return true;
    }
    if (!w->file || !*w->file) g_free(w->file), w->file = g_strdup("*");
    if (!w->location || !*w->location) g_free(w->location), w->location = g_strdup("*");
    if (!c->waivers) c->waivers = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_waiver_free);
    g_ptr_array_add(c->waivers, w);
    return true;
}

static bool waiver_matches(const nohin_waiver *w, const nohin_finding *f)
{
    if (!g_pattern_match_simple(w->rule, f->rule)) return false;
    if (!g_pattern_match_simple(w->file, f->file)) return false;
    char *key = nohin_location_key(&f->loc);
    bool ok = g_pattern_match_simple(w->location, key);
    g_free(key);
    return ok;
}

void nohin_waivers_apply(GPtrArray *findings, const nohin_config *cfg)
{
    if (!cfg || !cfg->waivers || !findings) return;
    for (guint i = 0; i < findings->len; i++) {
        nohin_finding *f = findings->pdata[i];
        if (f->suppress_kind) continue;
        for (guint j = 0; j < cfg->waivers->len; j++) {
            const nohin_waiver *w = cfg->waivers->pdata[j];
            if (!waiver_matches(w, f)) continue;
            f->suppress_kind = "inSource";
            f->suppress_reason = g_strdup(w->reason);
            break;
        }
    }
}

/* ---- baseline files ---- */

char *nohin_baseline_render(const nohin_report *r, size_t *len)
{
    GKeyFile *kf = g_key_file_new();
    g_key_file_set_integer(kf, BASELINE_GROUP, "version", BASELINE_VERSION);
    g_key_file_set_comment(kf, BASELINE_GROUP, NULL,
                           " nohin baseline: findings accepted as they are.\n"
                           " `nohin lint --baseline FILE` reports them as suppressed.\n"
                           " Add reason=… to an entry to record why; delete an entry to see it "
                           "again.",
                           NULL);
    for (guint i = 0; i < r->findings->len; i++) {
        const nohin_finding *f = r->findings->pdata[i];
        if (f->suppress_kind) continue;
        char *fp = nohin_finding_fingerprint(f);
        if (g_key_file_has_group(kf, fp)) {
            gint n = g_key_file_get_integer(kf, fp, "count", NULL);
            g_key_file_set_integer(kf, fp, "count", n + 1);
        } else {
            char *key = nohin_location_key(&f->loc);
            g_key_file_set_string(kf, fp, "rule", f->rule);
            g_key_file_set_string(kf, fp, "file", f->file);
            g_key_file_set_string(kf, fp, "location", key);
            g_key_file_set_string(kf, fp, "message", f->message);
            g_key_file_set_integer(kf, fp, "count", 1);
            g_free(key);
        }
        g_free(fp);
    }
    gsize n = 0;
    char *data = g_key_file_to_data(kf, &n, NULL);
    g_key_file_free(kf);
    *len = n;
    return data;
}

typedef struct {
    int left;
    char *reason;
} accepted;

static void accepted_free(accepted *a)
{
    g_free(a->reason);
    g_free(a);
}

bool nohin_baseline_apply(nohin_report *r, const char *path, GError **error)
{
    GKeyFile *kf = g_key_file_new();
    if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, error)) {
        g_key_file_free(kf);
        return false;
    }
    GError *verr = NULL;
    gint version = g_key_file_get_integer(kf, BASELINE_GROUP, "version", &verr);
    if (verr || version != BASELINE_VERSION) {
        g_clear_error(&verr);
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    _("%s is not a nohin baseline (write one with `nohin baseline`)"), path);
        g_key_file_free(kf);
        return false;
    }
    GHashTable *known =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)accepted_free);
    char *base = g_path_get_basename(path);
    gsize ng = 0;
    char **groups = g_key_file_get_groups(kf, &ng);
    for (gsize g = 0; g < ng; g++) {
        if (!strcmp(groups[g], BASELINE_GROUP)) continue;
        accepted *a = g_new0(accepted, 1);
        GError *cerr = NULL;
        a->left = g_key_file_get_integer(kf, groups[g], "count", &cerr);
        if (cerr || a->left < 1) a->left = 1;
        g_clear_error(&cerr);
        a->reason = g_key_file_get_string(kf, groups[g], "reason", NULL);
        if (!a->reason || !*g_strstrip(a->reason)) {
            g_free(a->reason);
            a->reason = g_strdup_printf(_("accepted in %s"), base);
        }
        g_hash_table_replace(known, g_strdup(groups[g]), a);
    }
    g_strfreev(groups);
    for (guint i = 0; i < r->findings->len; i++) {
        nohin_finding *f = r->findings->pdata[i];
        if (f->suppress_kind) continue;
        char *fp = nohin_finding_fingerprint(f);
        accepted *a = g_hash_table_lookup(known, fp);
        g_free(fp);
        if (!a || a->left <= 0) continue;
        a->left--;
        f->suppress_kind = "external";
        f->suppress_reason = g_strdup(a->reason);
    }
    g_hash_table_destroy(known);
    g_free(base);
    g_key_file_free(kf);
    return true;
}
