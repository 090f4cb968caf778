/* A workbook's title when no caption gives one (see title.h). The existing
 * title is read as lint reads it (dc:title of the core-properties part, white
 * space stripped): a title lint does not report is kept. */
#include <string.h>
#include "clean/title.h"
#include "nohin_internal.h"
#include "ooxml/ooxml.h"
#include "pii/pii.h"

static bool any_hit(const pii_hit *hit, void *user)
{
    (void)hit;
    *(bool *)user = true;
    return false;
}

/* 山田太郎, 山田 太郎, 山田　太郎: a surname and a given name of the name
 * dictionary; or anything the personal-data detectors find on their own. */
static bool personal(const char *piece)
{
    bool hit = false;
    pii_scan(piece, strlen(piece), any_hit, &hit);
    if (hit) return true;
    GString *s = g_string_new(NULL);
    for (const char *p = piece; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!g_unichar_isspace(c)) g_string_append_unichar(s, c);
    }
    bool name = false;
    for (const char *p = g_utf8_next_char(s->str); *p && !name; p = g_utf8_next_char(p)) {
        size_t k = (size_t)(p - s->str);
        name = pii_is_surname(s->str, k) && pii_is_given_name(p, s->len - k);
    }
    g_string_free(s, TRUE);
    return name;
}

char *nohin_clean_title_from_name(const char *name)
{
    char *stem = g_strdup(name), *dot = strrchr(stem, '.');
    if (dot && dot != stem) *dot = '\0';
    char **pieces = g_strsplit(stem, "_", -1);
    GString *t = g_string_new(NULL);
    for (char **p = pieces; *p; p++) {
        if (!**p || personal(*p)) continue;
        if (t->len) g_string_append_c(t, '_');
        g_string_append(t, *p);
    }
    g_strfreev(pieces);
    if (!t->len && *stem) { /* only personal data: shown masked, as every output does */
        char *m = nohin_mask(stem);
        g_string_assign(t, m);
        g_free(m);
    }
    g_free(stem);
    return g_string_free(t, FALSE);
}

static char *existing_title(const char *path)
{
    nohin_zip *z = nohin_zip_open(path, NULL);
    if (!z) return NULL;
    GPtrArray *rels = nohin_ooxml_read_rels(z, "", NULL);
    const nohin_ooxml_rel *core = nohin_ooxml_rel_of_type(rels, "core-properties");
    const char *part = core ? core->target : "docProps/core.xml";
    xmlTextReaderPtr r = nohin_zip_has(z, part) ? nohin_zip_xml_reader(z, part, NULL) : NULL;
    char *title = NULL;
    while (r && !title && xmlTextReaderRead(r) == 1)
        if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && xmlTextReaderDepth(r) == 1 &&
            !strcmp((const char *)xmlTextReaderConstLocalName(r), "title")) {
            xmlChar *v = xmlTextReaderReadString(r);
            title = g_strstrip(g_strdup(v ? (const char *)v : ""));
            xmlFree(v);
        }
    if (r) xmlFreeTextReader(r);
    g_ptr_array_free(rels, TRUE);
    nohin_zip_close(z);
    return title;
}

char *nohin_clean_xlsx_title(const char *path, const char *name)
{
    char *old = existing_title(path);
    if (old && *old && !personal(old)) return old;
    g_free(old);
    return nohin_clean_title_from_name(name);
}
