/* Person-name dictionary: kanji surnames and given names from Debian's
 * mecab-ipadic (人名,姓 / 人名,名), embedded at build time by
 * scripts/gen_pii_names.sh. PII-PERSON-NAME asks for a known surname before an
 * honorific so that 担当者様, 利用者さん or 経済産業省殿 stay quiet. */
#include <string.h>
#include <glib.h>
#include "pii.h"

extern const char nohin_pii_surnames[];
extern const char nohin_pii_given_names[];

/* Common nouns that are also listed as surnames but, before an honorific, are
 * almost always a role or a group. */
static const char *const not_names[] = {
    "大家", "社長", "部長", "課長", "会長", "院長", "校長", "店長", "所長", "室長", "局長", "市長",
    "町長", "村長", "知事", "議員", "委員", "担当", "関係", "利用", "農家", "業者", "患者", "会員",
    "先方", "御社", "貴社", "弊社", "当社", "同",   "両",   "諸",   "皆",   "各",   "客",   "子",
    "奥",   "神",   "仏",   "殿",   "王",   "姫",   "上",   "中",   "下",   "本",   "日",   "月",
    "生",   "学",   "先",   "後",   "前",   "新",   "大",   "小",   NULL};

static GHashTable *surnames, *given, *stop;

static void fill(GHashTable *t, const char *blob)
{
    const char *p = blob;
    while (*p) {
        const char *nl = strchr(p, '\n');
        if (!nl) break;
        g_hash_table_add(t, g_strndup(p, (gsize)(nl - p)));
        p = nl + 1;
    }
}

static gpointer load(gpointer unused)
{
    (void)unused;
    surnames = g_hash_table_new(g_str_hash, g_str_equal);
    given = g_hash_table_new(g_str_hash, g_str_equal);
    stop = g_hash_table_new(g_str_hash, g_str_equal);
    fill(surnames, nohin_pii_surnames);
    fill(given, nohin_pii_given_names);
    for (int i = 0; not_names[i]; i++)
        g_hash_table_add(stop, (gpointer)not_names[i]);
    return NULL;
}

static void ensure(void)
{
    static GOnce once = G_ONCE_INIT;
    g_once(&once, load, NULL);
}

static bool lookup(GHashTable *t, const char *s, size_t len)
{
    char buf[64];
    if (len == 0 || len >= sizeof buf) return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    return g_hash_table_contains(t, buf) && !g_hash_table_contains(stop, buf);
}

bool pii_is_surname(const char *s, size_t len)
{
    ensure();
    return lookup(surnames, s, len);
}

bool pii_is_given_name(const char *s, size_t len)
{
    ensure();
    return lookup(given, s, len);
}
