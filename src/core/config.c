/* nohin.ini: GLib key file. Unknown keys are collected as warnings. */
#include <string.h>
#include "baseline.h"

static const char *const default_public[] = {"公表用", "public", NULL};
/* 調査報告書等一式 is the internal package's name in the specification (001 §5(1)). */
static const char *const default_internal[] = {"非公表", "調査報告書等一式", "internal", NULL};

nohin_config *nohin_config_new_default(void)
{
    nohin_config *c = g_new0(nohin_config, 1);
    c->public_folders = g_strdupv((char **)default_public);
    c->internal_folders = g_strdupv((char **)default_internal);
    c->pii_allow_values = g_new0(char *, 1);
    c->pii_allow_domains = g_new0(char *, 1);
    c->pii_allow_phones = g_new0(char *, 1);
    c->disabled_rules = g_new0(char *, 1);
    c->severity = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    c->warnings = g_new0(char *, 1);
    return c;
}

void nohin_config_free(nohin_config *c)
{
    if (!c) return;
    g_free(c->organisation);
    g_free(c->title);
    g_strfreev(c->public_folders);
    g_strfreev(c->internal_folders);
    g_strfreev(c->pii_allow_values);
    g_strfreev(c->pii_allow_domains);
    g_strfreev(c->pii_allow_phones);
    g_strfreev(c->disabled_rules);
    g_hash_table_destroy(c->severity);
    g_strfreev(c->warnings);
    if (c->waivers) g_ptr_array_free(c->waivers, TRUE);
    g_free(c->source);
    g_free(c);
}

typedef enum { K_STRING, K_LIST } key_kind;

typedef struct {
    const char *group, *key;
    key_kind kind;
    size_t offset;
} key_spec;

#define OFF(field) offsetof(nohin_config, field)
static const key_spec known_keys[] = {
    {"bundle", "organisation", K_STRING, OFF(organisation)},
    {"bundle", "title", K_STRING, OFF(title)},
    {"bundle", "public_folders", K_LIST, OFF(public_folders)},
    {"bundle", "internal_folders", K_LIST, OFF(internal_folders)},
    {"pii", "allow_values", K_LIST, OFF(pii_allow_values)},
    {"pii", "allow_email_domains", K_LIST, OFF(pii_allow_domains)},
    {"pii", "allow_phones", K_LIST, OFF(pii_allow_phones)},
    {"rules", "disable", K_LIST, OFF(disabled_rules)},
};

static void add_warning(GPtrArray *w, char *msg)
{
    g_ptr_array_add(w, msg);
}

static const key_spec *find_key(const char *group, const char *key)
{
    for (size_t i = 0; i < G_N_ELEMENTS(known_keys); i++)
        if (!strcmp(known_keys[i].group, group) && !strcmp(known_keys[i].key, key))
            return &known_keys[i];
    return NULL;
}

static void load_severity_group(nohin_config *c, GKeyFile *kf, GPtrArray *warn)
{
    gsize n = 0;
    char **keys = g_key_file_get_keys(kf, "severity", &n, NULL);
    for (gsize i = 0; i < n; i++) {
        char *v = g_key_file_get_string(kf, "severity", keys[i], NULL);
        nohin_severity sev;
        if (v && nohin_severity_parse(g_strstrip(v), &sev))
            g_hash_table_replace(c->severity, g_strdup(keys[i]), GINT_TO_POINTER(sev + 1));
        else
            add_warning(warn, g_strdup_printf("[severity] %s: '%s'", keys[i], v ? v : ""));
        g_free(v);
    }
    g_strfreev(keys);
}

nohin_config *nohin_config_load(const char *path, GError **error)
{
    GKeyFile *kf = g_key_file_new();
    if (!nohin_config_read_text(kf, path, error)) { /* UTF-8, BOM, ` # comment` */
        g_key_file_free(kf);
        return NULL;
    }
    nohin_config *c = nohin_config_new_default();
    c->source = g_strdup(path);
    GPtrArray *warn = g_ptr_array_new();
    gsize ng = 0;
    char **groups = g_key_file_get_groups(kf, &ng);
    for (gsize g = 0; g < ng; g++) {
        if (!strcmp(groups[g], "severity")) {
            load_severity_group(c, kf, warn);
            continue;
        }
        if (nohin_config_load_waiver(c, kf, groups[g], warn)) continue; /* src/core/baseline.c */
        gsize nk = 0;
        char **keys = g_key_file_get_keys(kf, groups[g], &nk, NULL);
        for (gsize k = 0; k < nk; k++) {
            const key_spec *ks = find_key(groups[g], keys[k]);
            if (!ks) {
                add_warning(warn, g_strdup_printf("[%s] %s", groups[g], keys[k]));
                continue;
            }
            void *slot = (char *)c + ks->offset;
            if (ks->kind == K_STRING) {
                g_free(*(char **)slot);
                *(char **)slot = g_strstrip(g_key_file_get_string(kf, groups[g], keys[k], NULL));
            } else {
                char **list = g_key_file_get_string_list(kf, groups[g], keys[k], NULL, NULL);
                for (char **p = list; p && *p; p++)
                    g_strstrip(*p);
                g_strfreev(*(char ***)slot);
                *(char ***)slot = list ? list : g_new0(char *, 1);
            }
        }
        g_strfreev(keys);
    }
    g_strfreev(groups);
    g_key_file_free(kf);
    nohin_config_check_rule_ids(c, warn); /* misspelt rule ids are CONFIG-KEY warnings */
    g_ptr_array_add(warn, NULL);
    g_strfreev(c->warnings);
    c->warnings = (char **)g_ptr_array_free(warn, FALSE);
    return c;
}

bool nohin_config_rule_disabled(const nohin_config *c, const char *rule)
{
    return c && c->disabled_rules && g_strv_contains((const char *const *)c->disabled_rules, rule);
}

int nohin_config_severity(const nohin_config *c, const char *rule)
{
    if (!c) return -1;
    gpointer v = g_hash_table_lookup(c->severity, rule);
    return v ? GPOINTER_TO_INT(v) - 1 : -1;
}

static const char template_text[] =
    "# nohin.ini — settings for checking this bundle (nohin lint / nohin clean).\n"
    "# このファイルは nohin の設定です。行頭の # を外して値を書いてください。\n"
    "\n"
    "[bundle]\n"
    "# The organisation written as Author of public files. 公表ファイルの作成者（組織名）。\n"
    "#organisation=株式会社〇〇総合研究所\n"
    "# Report title written as Title of the public PDF. 報告書の表題。\n"
    "#title=令和〇年度〇〇に関する調査報告書\n"
    "# Folder names (substring match) that mark public and internal material.\n"
    "#public_folders=公表用;public;\n"
    "#internal_folders=非公表;調査報告書等一式;internal;\n"
    "\n"
    "[pii]\n"
    "# Public values that are not personal data (e.g. your switchboard). 公開済みの値。\n"
    "#allow_values=\n"
    "#allow_email_domains=meti.go.jp;\n"
    "#allow_phones=03-3501-1511;\n"
    "\n"
    "[rules]\n"
    "# Rules to switch off, separated by ';'. 無効にするルール。\n"
    "#disable=DATA-FORMULAS;\n"
    "\n"
    "[severity]\n"
    "# RULE=error|warning|info overrides a rule's severity. 重大度の変更。\n"
    "#PII-PERSON-NAME=warning\n"
    "\n"
    "# One [waive NAME] group per accepted finding; reason is mandatory (docs/baseline.md).\n"
    "# 確認済みの指摘の除外。理由 (reason) は必須です。\n"
    "#[waive public-url]\n"
    "#rule=PDF-EXTERNAL-ACTION\n"
    "#file=公表用/*.pdf\n"
    "#location=page 3\n"
    "#reason=公開を前提としたURL\n";

bool nohin_config_write_template(const char *path, GError **error)
{
    return nohin_write_file_atomic(path, template_text, strlen(template_text), false, error);
}
