/* The small parts of a workbook, edited as DOM trees: workbook.xml (sheets,
 * defined names, external references), relationships, content types and the
 * document properties. */
#include <gio/gio.h>
#include <string.h>
#include "clean/xlsx_job.h"
#include "pii/pii.h"

#define CORE_REL                                                                                   \
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
#define CORE_CT "application/vnd.openxmlformats-package.core-properties+xml"
#define SHEET_MAIN_CT "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"

static sheet *sheet_named(job *j, const char *name, size_t len)
{
    for (guint i = 0; i < j->sheets->len; i++) {
        sheet *s = j->sheets->pdata[i];
        if (strlen(s->name) == len && !strncmp(s->name, name, len)) return s;
    }
    return NULL;
}

/* Maps a defined name's formula "Sheet1!$A$1:$B$9,'表 2'!$3:$3". Returns NULL
 * when it cannot be mapped (a function, an external or removed sheet, a range
 * that vanished); *touched says whether anything in it moves at all. */
static char *map_name_formula(job *j, const char *f, bool *touched)
{
    GString *o = g_string_new("");
    const char *p = f;
    *touched = false;
    while (*p) {
        GString *sh = g_string_new("");
        const char *start = p;
        if (*p == '\'') {
            for (p++; *p; p++) {
                if (*p == '\'' && p[1] == '\'') {
                    g_string_append_c(sh, '\'');
                    p++;
                } else if (*p == '\'') {
                    break;
                } else {
                    g_string_append_c(sh, *p);
                }
            }
            if (*p != '\'' || p[1] != '!') goto bad;
            p += 2;
        } else {
            const char *bang = strchr(p, '!');
            const char *comma = strchr(p, ',');
            if (!bang || (comma && comma < bang)) goto bad;
            g_string_append_len(sh, p, bang - p);
            p = bang + 1;
        }
        sheet *s = sheet_named(j, sh->str, sh->len);
        if (!s || s->removed) goto bad;
        const char *end = strchr(p, ',');
        size_t rl = end ? (size_t)(end - p) : strlen(p);
        char *ref = g_strndup(p, rl);
        bool ok = true;
        char *m = NULL;
        if (s->scanned && !cx_shift_empty(&s->info.shift)) {
            *touched = true;
            m = cx_map_ref(&s->info.shift, ref, &ok);
        } else {
            int c, r;
            m = nohin_ooxml_parse_cell(ref[0] == '$' || g_ascii_isalnum(ref[0]) ? ref : "", &c, &r)
                    ? g_strdup(ref)
                    : NULL;
            if (!m && strpbrk(ref, "()#")) ok = false;
            if (!m && ok) m = g_strdup(ref);
        }
        g_free(ref);
        if (!m) goto bad; /* bad: frees sh once */
        if (o->len) g_string_append_c(o, ',');
        g_string_append_len(o, start, (p - start));
        g_string_append(o, m);
        g_free(m);
        g_string_free(sh, TRUE);
        p += rl;
        if (*p == ',') p++;
        continue;
    bad:
        g_string_free(sh, TRUE);
        g_string_free(o, TRUE);
        return NULL;
    }
    return g_string_free(o, FALSE);
}

static bool formula_mentions_removed(job *j, const char *f)
{
    for (guint i = 0; i < j->sheets->len; i++) {
        sheet *s = j->sheets->pdata[i];
        if (s->removed && strstr(f, s->name)) return true;
    }
    return false;
}

static bool any_shift(job *j)
{
    for (guint i = 0; i < j->sheets->len; i++) {
        sheet *s = j->sheets->pdata[i];
        if (s->scanned && !cx_shift_empty(&s->info.shift)) return true;
    }
    return false;
}

static void fix_defined_names(job *j, xmlNodePtr names)
{
    xmlNodePtr next;
    for (xmlNodePtr d = names->children; d; d = next) {
        next = d->next;
        if (d->type != XML_ELEMENT_NODE) continue;
        xmlChar *name = xmlGetProp(d, BAD_CAST "name"), *hidden = xmlGetProp(d, BAD_CAST "hidden"),
                *lsi = xmlGetProp(d, BAD_CAST "localSheetId"), *f = xmlNodeGetContent(d);
        const char *nm = name ? (const char *)name : "?", *fs = f ? (const char *)f : "";
        const char *why = NULL, *rule = "XLSX-HIDDEN-NAME";
        int local = lsi ? atoi((const char *)lsi) : -1;
        sheet *ls = local >= 0 && local < (int)j->sheets->len ? j->sheets->pdata[local] : NULL;
        if (hidden && !strcmp((const char *)hidden, "1")) {
            why = _("Hidden defined name removed.");
        } else if (strchr(fs, '[')) {
            why = _("Defined name pointing into another workbook removed.");
            rule = "XLSX-EXTERNAL-LINK";
        } else if ((ls && ls->removed) || formula_mentions_removed(j, fs)) {
            why = _("Defined name of a removed sheet removed.");
            rule = "XLSX-HIDDEN-SHEET";
        } else if (any_shift(j)) {
            bool touched = false;
            char *m = map_name_formula(j, fs, &touched);
            if (!m && touched) {
                why = _("Defined name removed: its range was deleted or cannot be adjusted.");
                rule = "XLSX-HIDDEN-ROW";
            } else if (m && touched) {
                xmlNodeSetContent(d, NULL);
                xmlNodeAddContent(d, BAD_CAST m);
            }
            g_free(m);
        }
        if (why) {
            char *masked = g_strdup(nm);
            cx_changed(j, rule, masked, "%s", why);
            g_free(masked);
            xmlUnlinkNode(d);
            xmlFreeNode(d);
        } else if (ls) {
            int ni = 0;
            for (int k = 0; k < local; k++)
                if (!((sheet *)j->sheets->pdata[k])->removed) ni++;
            char buf[16];
            g_snprintf(buf, sizeof buf, "%d", ni);
            xmlSetProp(d, BAD_CAST "localSheetId", BAD_CAST buf);
        }
        xmlFree(name);
        xmlFree(hidden);
        xmlFree(lsi);
        xmlFree(f);
    }
}

bool cx_rewrite_workbook(job *j, GError **error)
{
    xmlDocPtr d = cx_read_dom(j->z, j->wb_part, error);
    if (!d) return false;
    bool removed_any = false;
    for (guint i = 0; i < j->sheets->len; i++)
        if (((sheet *)j->sheets->pdata[i])->removed) removed_any = true;
    xmlNodePtr root = xmlDocGetRootElement(d), next;
    for (xmlNodePtr c = root ? root->children : NULL; c; c = next) {
        next = c->next;
        if (c->type != XML_ELEMENT_NODE) continue;
        const char *n = (const char *)c->name;
        if (!strcmp(n, "externalReferences") || !strcmp(n, "fileSharing") ||
            !strcmp(n, "customWorkbookViews")) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        } else if (!strcmp(n, "sheets")) {
            xmlNodePtr sn;
            for (xmlNodePtr s = c->children; s; s = sn) {
                sn = s->next;
                if (s->type != XML_ELEMENT_NODE) continue;
                xmlChar *rid = xmlGetNsProp(s, BAD_CAST "id", BAD_CAST REL_NS);
                for (guint i = 0; rid && i < j->sheets->len; i++) {
                    sheet *sh = j->sheets->pdata[i];
                    if (sh->removed && !strcmp(sh->rid, (const char *)rid)) {
                        xmlUnlinkNode(s);
                        xmlFreeNode(s);
                        break;
                    }
                }
                xmlFree(rid);
            }
        } else if (!strcmp(n, "definedNames")) {
            fix_defined_names(j, c);
            if (!xmlFirstElementChild(c)) {
                xmlUnlinkNode(c);
                xmlFreeNode(c);
            }
        } else if (!strcmp(n, "bookViews") && removed_any) {
            for (xmlNodePtr v = c->children; v; v = v->next)
                if (v->type == XML_ELEMENT_NODE) {
                    xmlUnsetProp(v, BAD_CAST "activeTab");
                    xmlUnsetProp(v, BAD_CAST "firstSheet");
                }
        }
    }
    g_hash_table_insert(j->out, g_strdup(j->wb_part), cx_dom_bytes(d));
    xmlFreeDoc(d);
    return true;
}

static char *core_part(job *j)
{
    xlsx_relfile *f = g_hash_table_lookup(j->relfiles, "");
    for (guint i = 0; f && i < f->rels->len; i++) {
        xlsx_rel *r = f->rels->pdata[i];
        if (!strcmp(r->type_tail, "core-properties") && r->target) return g_strdup(r->target);
    }
    return NULL;
}

static char *app_part(job *j)
{
    xlsx_relfile *f = g_hash_table_lookup(j->relfiles, "");
    for (guint i = 0; f && i < f->rels->len; i++) {
        xlsx_rel *r = f->rels->pdata[i];
        if (!strcmp(r->type_tail, "extended-properties") && r->target) return g_strdup(r->target);
    }
    return NULL;
}

/* Names of people in the old core properties (creator, lastModifiedBy). With no
 * organisation to put in, a creator that is no person (an organisation, a
 * program: lint does not flag it) is kept and returned, so the output keeps
 * its author instead of a new XLSX-PROPERTIES finding. */
static char *report_old_people(job *j, const char *core)
{
    char *keep = NULL;
    xmlDocPtr d = core ? cx_read_dom(j->z, core, NULL) : NULL;
    if (!d) return NULL;
    xmlNodePtr root = xmlDocGetRootElement(d);
    for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        const char *n = (const char *)c->name;
        if (strcmp(n, "creator") && strcmp(n, "lastModifiedBy")) continue;
        xmlChar *v = xmlNodeGetContent(c);
        if (v && *v && !j->o->creator && !keep && !strcmp(n, "creator") &&
            pii_author_kind_of((const char *)v, NULL) != PII_AUTHOR_PERSON) {
            keep = g_strdup((const char *)v);
        } else if (v && *v && (!j->o->creator || strcmp((const char *)v, j->o->creator))) {
            char *m = nohin_mask((const char *)v);
            cx_changed(j, "XLSX-METADATA-PERSON", NULL, _("Property %s \"%s\" removed."), n, m);
            g_free(m);
        }
        xmlFree(v);
    }
    xmlFreeDoc(d);
    return keep;
}

void cx_write_properties(job *j)
{
    char *core = core_part(j);
    char *kept_creator = report_old_people(j, core);
    if (!core) core = g_strdup("docProps/core.xml");
    char *t = g_markup_escape_text(j->o->title ? j->o->title : "", -1);
    const char *creator = j->o->creator ? j->o->creator : kept_creator;
    char *c = creator ? g_markup_escape_text(creator, -1) : NULL;
    char *xml = g_strdup_printf(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<cp:coreProperties "
        "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
        "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        "<dc:title>%s</dc:title>%s%s%s</cp:coreProperties>",
        t, c ? "<dc:creator>" : "", c ? c : "", c ? "</dc:creator>" : "");
    g_hash_table_insert(j->out, g_strdup(core), g_bytes_new_take(xml, strlen(xml)));
    g_hash_table_add(j->kept, g_strdup(core));
    char *app = app_part(j);
    if (app && g_hash_table_contains(j->kept, app)) {
        const char *a =
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            "<Properties "
            "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
            "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
            "<Application>Microsoft Excel</Application></Properties>";
        g_hash_table_insert(j->out, g_strdup(app), g_bytes_new_static(a, strlen(a)));
    }
    char *by = c ? g_strdup_printf(_(", creator \"%s\""), creator) : g_strdup("");
    cx_changed(j, "XLSX-PROPERTIES", NULL, _("Properties rebuilt: title \"%s\"%s."),
               j->o->title ? j->o->title : "", by);
    g_free(by);
    if (!c)
        nohin_fixlist_add(j->fl, NOHIN_FIX_MANUAL, "XLSX-METADATA-PERSON", j->o->name, NULL, NULL,
                          "%s",
                          _("No organisation configured: set [bundle] organisation in nohin.ini "
                            "so the creator is the organisation."));
    g_free(t);
    g_free(c);
    g_free(kept_creator);
    g_free(app);
    g_free(core);
}

static bool rel_goes(job *j, const char *source, const char *type_tail, const char *target)
{
    if (cx_drop_type_of(j, source, type_tail)) return true;
    if (!target) return false; /* external: hyperlinks stay */
    return !g_hash_table_contains(j->kept, target);
}

bool cx_rewrite_rels(job *j, GError **error)
{
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, j->relfiles);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        xlsx_relfile *f = v;
        if (*f->source && !g_hash_table_contains(j->kept, f->source)) continue;
        xmlDocPtr d = cx_read_dom(j->z, f->rels_name, error);
        if (!d) return false;
        xmlNodePtr root = xmlDocGetRootElement(d), next;
        bool had_core = false, had_query = false;
        for (xmlNodePtr c = root ? root->children : NULL; c; c = next) {
            next = c->next;
            if (c->type != XML_ELEMENT_NODE) continue;
            xmlChar *id = xmlGetProp(c, BAD_CAST "Id");
            xlsx_rel *r = NULL;
            for (guint i = 0; id && i < f->rels->len; i++)
                if (!strcmp(((xlsx_rel *)f->rels->pdata[i])->id, (const char *)id))
                    r = f->rels->pdata[i];
            xmlFree(id);
            if (r && !strcmp(r->type_tail, "core-properties")) had_core = true;
            if (r && !strcmp(r->type_tail, "queryTable")) had_query = true;
            if (!r || rel_goes(j, f->source, r->type_tail, r->target)) {
                xmlUnlinkNode(c);
                xmlFreeNode(c);
            }
        }
        if (!*f->source && !had_core && root) {
            xmlNodePtr n = xmlNewChild(root, NULL, BAD_CAST "Relationship", NULL);
            xmlSetProp(n, BAD_CAST "Id", BAD_CAST "rIdNohinCore");
            xmlSetProp(n, BAD_CAST "Type", BAD_CAST CORE_REL);
            xmlSetProp(n, BAD_CAST "Target", BAD_CAST "docProps/core.xml");
        }
        g_hash_table_insert(j->out, g_strdup(f->rels_name), cx_dom_bytes(d));
        xmlFreeDoc(d);
        /* A table that was a query's result: without the query it is a plain table. */
        if (had_query && !g_hash_table_contains(j->out, f->source)) {
            xmlDocPtr t = cx_read_dom(j->z, f->source, error);
            if (!t) return false;
            xmlNodePtr tr = xmlDocGetRootElement(t);
            if (tr) {
                xmlUnsetProp(tr, BAD_CAST "tableType");
                xmlUnsetProp(tr, BAD_CAST "connectionId");
            }
            g_hash_table_insert(j->out, g_strdup(f->source), cx_dom_bytes(t));
            xmlFreeDoc(t);
        }
    }
    return true;
}

bool cx_rewrite_content_types(job *j, GError **error)
{
    xmlDocPtr d = cx_read_dom(j->z, "[Content_Types].xml", error);
    if (!d) return false;
    xmlNodePtr root = xmlDocGetRootElement(d), next;
    bool core_listed = false;
    char *core = core_part(j);
    if (!core) core = g_strdup("docProps/core.xml");
    for (xmlNodePtr c = root ? root->children : NULL; c; c = next) {
        next = c->next;
        if (c->type != XML_ELEMENT_NODE) continue;
        xmlChar *pn = xmlGetProp(c, BAD_CAST "PartName"),
                *ct = xmlGetProp(c, BAD_CAST "ContentType");
        const char *part = pn ? (const char *)pn + (pn[0] == '/') : NULL;
        bool drop = false;
        if (!strcmp((const char *)c->name, "Override") && part) {
            if (!g_hash_table_contains(j->kept, part) && g_ascii_strcasecmp(part, j->wb_part))
                drop = true;
            if (!strcmp(part, core)) core_listed = true;
            if (!g_ascii_strcasecmp(part, j->wb_part) && ct &&
                strstr((const char *)ct, "macroEnabled")) {
                xmlSetProp(c, BAD_CAST "ContentType", BAD_CAST SHEET_MAIN_CT);
                j->macro_enabled = true;
            }
        } else if (!strcmp((const char *)c->name, "Default") && ct &&
                   strstr((const char *)ct, "vbaProject")) {
            drop = true;
        }
        if (drop) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
        xmlFree(pn);
        xmlFree(ct);
    }
    if (!core_listed && root) {
        xmlNodePtr n = xmlNewChild(root, NULL, BAD_CAST "Override", NULL);
        char *pn = g_strconcat("/", core, NULL);
        xmlSetProp(n, BAD_CAST "PartName", BAD_CAST pn);
        xmlSetProp(n, BAD_CAST "ContentType", BAD_CAST CORE_CT);
        g_free(pn);
    }
    if (j->macro_enabled)
        cx_changed(j, "XLSX-MACRO", NULL, "%s",
                   _("Content type changed from macro-enabled to a plain workbook."));
    g_hash_table_insert(j->out, g_strdup("[Content_Types].xml"), cx_dom_bytes(d));
    xmlFreeDoc(d);
    g_free(core);
    return true;
}
