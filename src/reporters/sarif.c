/* --format sarif: SARIF 2.1.0 for CI systems and editors (docs/sarif.md).
 *
 * Positions inside documents are pages, cells and rows, not text lines, so a
 * result carries them as a logical location (kind "page", "cell", …) and as a
 * property bag holding the same object the JSON format prints. Only CSV lines
 * are real text lines and also get region.startLine. No time stamps: the same
 * input gives the same bytes. */
#include <string.h>
#include "reporter.h"
#include "core/baseline.h"

#define SARIF_SCHEMA                                                                               \
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

static void key(GString *o, const char *k)
{
    nohin_json_string(o, k);
    g_string_append_c(o, ':');
}

static void text_obj(GString *o, const char *k, const char *text)
{
    key(o, k);
    g_string_append(o, "{\"text\":");
    nohin_json_string(o, text && *text ? text : "-");
    g_string_append_c(o, '}');
}

static const char *level_of(nohin_severity s)
{
    return s == NOHIN_SEV_ERROR ? "error" : s == NOHIN_SEV_WARNING ? "warning" : "note";
}

/* Bundle-relative path as a relative URI reference: every byte outside the
 * unreserved set is percent-encoded (Japanese names become %E5%A0%B1…), '/' stays. */
static char *path_uri(const char *path)
{
    return g_uri_escape_string(path, "/", FALSE);
}

/* Language-neutral name of a location (the messages carry the translated one).
 * Rows, columns and sheets are written as spreadsheet ranges ("S!5:9", "S!C:C");
 * every other kind is named as baselines name it (nohin_location_key), so the
 * two cannot drift apart. */
static char *logical_name(const nohin_location *l, const char **kind)
{
    static const char *const kinds[] = {
        [NOHIN_LOC_PAGE] = "page",     [NOHIN_LOC_CELL] = "cell", [NOHIN_LOC_ROW] = "row",
        [NOHIN_LOC_COLUMN] = "column", [NOHIN_LOC_LINE] = "line", [NOHIN_LOC_OBJECT] = "object",
        [NOHIN_LOC_SHEET] = "sheet",   [NOHIN_LOC_PART] = "part"};
    const char *sheet = l->sheet ? l->sheet : "";
    *kind = (unsigned)l->kind < G_N_ELEMENTS(kinds) ? kinds[l->kind] : NULL;
    switch (l->kind) {
    case NOHIN_LOC_ROW:
        return g_strdup_printf("%s!%d:%d", sheet, l->row,
                               l->row_end > l->row ? l->row_end : l->row);
    case NOHIN_LOC_COLUMN:
        return g_strdup_printf("%s!%s:%s", sheet, l->column ? l->column : "",
                               l->column_end ? l->column_end : (l->column ? l->column : ""));
    case NOHIN_LOC_SHEET:
        return g_strdup(sheet);
    default:
        return *kind ? nohin_location_key(l) : NULL;
    }
}

static int cmp_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Rules that have results, sorted by id; first finding of each gives the fix text. */
static GPtrArray *used_rules(const nohin_report *r, GHashTable *first)
{
    GPtrArray *ids = g_ptr_array_new();
    for (guint i = 0; i < r->findings->len; i++) {
        const nohin_finding *f = r->findings->pdata[i];
        if (g_hash_table_contains(first, f->rule)) continue;
        g_hash_table_insert(first, f->rule, (gpointer)f);
        g_ptr_array_add(ids, f->rule);
    }
    g_ptr_array_sort(ids, cmp_str);
    return ids;
}

static void write_rule(GString *o, const char *id, const nohin_finding *first)
{
    const nohin_rule *rule = nohin_rule_find(id);
    const char *summary = rule && rule->summary ? _(rule->summary) : id;
    g_string_append(o, "{");
    key(o, "id");
    nohin_json_string(o, id);
    g_string_append_c(o, ',');
    text_obj(o, "shortDescription", summary);
    g_string_append_c(o, ',');
    char *full = rule && rule->spec && *rule->spec && strcmp(rule->spec, "-") != 0
                     ? g_strdup_printf(_("%s (specification: %s)"), summary, rule->spec)
                     : g_strdup(summary);
    text_obj(o, "fullDescription", full);
    g_free(full);
    g_string_append_c(o, ',');
    text_obj(o, "help", first->fix);
    g_string_append_printf(o, ",\"defaultConfiguration\":{\"level\":\"%s\"}",
                           level_of(rule ? rule->severity : first->severity));
    g_string_append(o, ",\"properties\":{");
    key(o, "spec");
    nohin_json_string(o, rule ? rule->spec : NULL);
    g_string_append_printf(o, ",\"fixable\":%s}}",
                           (rule ? rule->fixable : first->fixable) ? "true" : "false");
}

static bool mime_ok(const char *m)
{
    const char *slash = m ? strchr(m, '/') : NULL;
    return slash && slash != m && slash[1];
}

static void write_artifacts(GString *o, const nohin_report *r, GHashTable *index)
{
    key(o, "artifacts");
    g_string_append_c(o, '[');
    for (guint i = 0; i < r->files->len; i++) {
        const nohin_file *f = r->files->pdata[i];
        g_hash_table_insert(index, f->path, GUINT_TO_POINTER(i + 1));
        char *uri = path_uri(f->path);
        g_string_append(o, i ? ",\n  {\"location\":{\"uri\":" : "\n  {\"location\":{\"uri\":");
        nohin_json_string(o, uri);
        g_string_append_printf(o, ",\"uriBaseId\":\"BUNDLE\"},\"length\":%" G_GUINT64_FORMAT,
                               f->bytes);
        if (mime_ok(f->mime)) {
            g_string_append_c(o, ',');
            key(o, "mimeType");
            nohin_json_string(o, f->mime);
        }
        if (f->sha256[0]) g_string_append_printf(o, ",\"hashes\":{\"sha-256\":\"%s\"}", f->sha256);
        g_string_append(o, ",\"roles\":[\"analysisTarget\"],\"properties\":{");
        key(o, "path");
        nohin_json_string(o, f->path);
        g_string_append_printf(o, ",\"type\":\"%s\",\"role\":\"%s\",\"status\":\"%s\"}}",
                               nohin_format_name(f->format), nohin_role_name(f->role),
                               f->status == NOHIN_STATUS_OK ? "ok" : "unreadable");
        g_free(uri);
    }
    g_string_append(o, r->files->len ? "\n]" : "]");
}

static void write_location(GString *o, const nohin_finding *f, guint artifact)
{
    char *uri = path_uri(f->file);
    g_string_append(o, ",\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
    nohin_json_string(o, uri);
    g_string_append(o, ",\"uriBaseId\":\"BUNDLE\"");
    if (artifact) g_string_append_printf(o, ",\"index\":%u", artifact - 1);
    g_string_append_c(o, '}');
    if (f->loc.kind == NOHIN_LOC_LINE && f->loc.line > 0)
        g_string_append_printf(o, ",\"region\":{\"startLine\":%d}", f->loc.line);
    g_string_append_c(o, '}');
    const char *kind = NULL;
    char *name = logical_name(&f->loc, &kind);
    if (name) {
        g_string_append(o, ",\"logicalLocations\":[{");
        key(o, "name");
        nohin_json_string(o, name);
        g_string_append_c(o, ',');
        key(o, "fullyQualifiedName");
        char *fq = g_strconcat(f->file, "#", name, NULL);
        nohin_json_string(o, fq);
        g_free(fq);
        g_string_append_printf(o, ",\"kind\":\"%s\"}]", kind);
        g_string_append(o, ",\"properties\":");
        nohin_json_location(o, &f->loc);
    }
    g_string_append(o, "}]");
    g_free(name);
    g_free(uri);
}

/* The same problem at the same place gets the same fingerprint in every run,
 * language and re-export of the document (src/core/baseline.h), so a CI system
 * can tell new findings from known ones; baselines use the same value. */
static void write_fingerprint(GString *o, const nohin_finding *f)
{
    char *sum = nohin_finding_fingerprint(f);
    g_string_append_printf(o, ",\"partialFingerprints\":{\"nohinFinding/v2\":\"%s\"}", sum);
    g_free(sum);
}

/* A baseline entry is "external" (kept outside the bundle), a [waive] entry of
 * nohin.ini "inSource"; both are decisions already taken, hence "accepted". */
static void write_suppression(GString *o, const nohin_finding *f)
{
    if (!f->suppress_kind) return;
    g_string_append(o, ",\"suppressions\":[{\"kind\":");
    nohin_json_string(o, f->suppress_kind);
    g_string_append(o, ",\"state\":\"accepted\",\"justification\":");
    nohin_json_string(o, f->suppress_reason);
    g_string_append(o, "}]");
}

void nohin_report_write_sarif(const nohin_report *r, FILE *out)
{
    GString *o =
        g_string_new("{\"$schema\":\"" SARIF_SCHEMA "\",\n\"version\":\"2.1.0\",\n\"runs\":[{\n");
    GHashTable *first = g_hash_table_new(g_str_hash, g_str_equal);
    GHashTable *rule_index = g_hash_table_new(g_str_hash, g_str_equal);
    GHashTable *artifact_index = g_hash_table_new(g_str_hash, g_str_equal);
    GPtrArray *ids = used_rules(r, first);
    g_string_append(o, "\"tool\":{\"driver\":{\"name\":\"nohin\",\"version\":\"" NOHIN_VERSION
                       "\",\"semanticVersion\":\"" NOHIN_VERSION "\",\"rules\":[");
    for (guint i = 0; i < ids->len; i++) {
        g_string_append(o, i ? ",\n  " : "\n  ");
        write_rule(o, ids->pdata[i], g_hash_table_lookup(first, ids->pdata[i]));
        g_hash_table_insert(rule_index, ids->pdata[i], GUINT_TO_POINTER(i));
    }
    g_string_append(o, ids->len ? "\n]}},\n" : "]}},\n");
    g_string_append_printf(o, "\"language\":\"%s\",\n", nohin_i18n_lang());
    g_string_append(o, "\"originalUriBaseIds\":{\"BUNDLE\":{\"description\":");
    g_string_append(o, "{\"text\":\"The folder, zip or file given to nohin lint.\"}}},\n");
    write_artifacts(o, r, artifact_index);
    g_string_append(o, ",\n\"results\":[");
    for (guint i = 0; i < r->findings->len; i++) {
        const nohin_finding *f = r->findings->pdata[i];
        g_string_append(o, i ? ",\n  {" : "\n  {");
        key(o, "ruleId");
        nohin_json_string(o, f->rule);
        g_string_append_printf(o, ",\"ruleIndex\":%u,\"level\":\"%s\",",
                               GPOINTER_TO_UINT(g_hash_table_lookup(rule_index, f->rule)),
                               level_of(f->severity));
        text_obj(o, "message", f->message);
        if (f->file[0])
            write_location(o, f, GPOINTER_TO_UINT(g_hash_table_lookup(artifact_index, f->file)));
        write_fingerprint(o, f);
        write_suppression(o, f);
        g_string_append(o, ",\"properties\":{");
        nohin_json_fix_members(o, f);
        g_string_append(o, "}}");
    }
    g_string_append(o, r->findings->len ? "\n]}]}\n" : "]}]}\n");
    fwrite(o->str, 1, o->len, out);
    g_string_free(o, TRUE);
    g_ptr_array_free(ids, TRUE);
    g_hash_table_destroy(first);
    g_hash_table_destroy(rule_index);
    g_hash_table_destroy(artifact_index);
}
