/* XLSX cleaner: decides which parts go, rewrites the sheets (streaming), the
 * shared strings (only strings still in use), workbook, relationships, content
 * types and properties, and writes a new package. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include "clean/clean_xlsx.h"
#include "clean/xlsx_package.h"
#include "clean/xlsx_job.h"
#include "ooxml/ooxml.h"

#define MAX_LISTED_RANGES 20

/* Relationship types whose parts never go public. */
static const drop_type drop_types[] = {
    {"comments", "XLSX-COMMENT", N_("Comments (notes) removed."), false},
    {"threadedComment", "XLSX-COMMENT", N_("Threaded comments removed."), false},
    {"person", "XLSX-COMMENT", N_("Comment author list removed."), false},
    {"vmlDrawing", NULL, NULL, false},
    {"externalLink", "XLSX-EXTERNAL-LINK",
     N_("External link removed (formulas replaced by their cached values)."), false},
    {"connections", "XLSX-DATA-CONNECTION", N_("Data connections removed."), false},
    {"queryTable", "XLSX-DATA-CONNECTION", N_("Query table removed."), false},
    {"vbaProject", "XLSX-MACRO", N_("VBA project removed (saved as a plain .xlsx)."), false},
    {"customXml", "XLSX-CUSTOM-XML", N_("Custom XML data removed."), false},
    {"printerSettings", "XLSX-METADATA-PERSON", N_("Printer settings removed."), false},
    {"custom-properties", "XLSX-METADATA-PERSON", N_("Custom document properties removed."), false},
    {"thumbnail", "XLSX-METADATA-PERSON", N_("Thumbnail picture removed."), false},
    {"revisionHeaders", "XLSX-METADATA-PERSON", N_("Shared-workbook revision history removed."),
     false},
    {"usernames", "XLSX-METADATA-PERSON", N_("Shared-workbook user names removed."), false},
    /* docMetadata/LabelInfo.xml: the sensitivity label lint reports */
    {"classificationlabels", "XLSX-METADATA-PERSON", N_("Sensitivity label removed."), false},
    /* the sheet's <oleObjects>/<controls> go too (xlsx_sheet.c) */
    {"oleObject", "XLSX-EMBEDDED-OBJECT", N_("Embedded OLE objects removed."), true},
    {"package", "XLSX-EMBEDDED-OBJECT", N_("Embedded documents (packages) removed."), true},
    {"control", "XLSX-EMBEDDED-OBJECT", N_("ActiveX controls removed."), true},
    {"calcChain", NULL, NULL, false},
    {NULL, NULL, NULL, false}};

static bool is_sheet_part(const job *j, const char *part)
{
    for (guint i = 0; i < j->sheets->len; i++) {
        const sheet *s = j->sheets->pdata[i];
        if (s->part && !strcmp(s->part, part)) return true;
    }
    return false;
}

const drop_type *cx_drop_type_of(const job *j, const char *source, const char *tail)
{
    for (const drop_type *d = drop_types; d->tail; d++)
        if (!strcmp(d->tail, tail)) return !d->sheet_only || is_sheet_part(j, source) ? d : NULL;
    return NULL;
}

static void sheet_free(sheet *s)
{
    g_free(s->name);
    g_free(s->part);
    g_free(s->rid);
    g_free(s->type_tail);
    if (s->scanned) cx_sheet_info_clear(&s->info);
    g_free(s);
}

void cx_changed(job *j, const char *rule, const char *loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *m = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    nohin_fixlist_add(j->fl, NOHIN_FIX_CHANGED, rule, j->o->name, j->o->output_name, loc, "%s", m);
    g_free(m);
}

bool cx_fail(GError **error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *m = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, m);
    g_free(m);
    return false;
}

static bool read_sheets(job *j, GError **error)
{
    xmlDocPtr d = cx_read_dom(j->z, j->wb_part, error);
    if (!d) return false;
    xlsx_relfile *wr = g_hash_table_lookup(j->relfiles, j->wb_part);
    for (guint k = 0; wr && k < wr->rels->len && !j->sst_part; k++) {
        xlsx_rel *r = wr->rels->pdata[k];
        if (r->target && !strcmp(r->type_tail, "sharedStrings")) j->sst_part = g_strdup(r->target);
    }
    xmlNodePtr root = xmlDocGetRootElement(d);
    int idx = 0;
    for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "sheets")) continue;
        for (xmlNodePtr s = c->children; s; s = s->next) {
            if (s->type != XML_ELEMENT_NODE || strcmp((const char *)s->name, "sheet")) continue;
            sheet *sh = g_new0(sheet, 1);
            xmlChar *n = xmlGetProp(s, BAD_CAST "name"), *st = xmlGetProp(s, BAD_CAST "state"),
                    *rid = xmlGetNsProp(s, BAD_CAST "id", BAD_CAST REL_NS);
            sh->name = g_strdup(n ? (const char *)n : "?");
            sh->rid = g_strdup(rid ? (const char *)rid : "");
            sh->index = idx++;
            for (guint k = 0; wr && k < wr->rels->len; k++) {
                xlsx_rel *r = wr->rels->pdata[k];
                if (!strcmp(r->id, sh->rid)) {
                    sh->part = g_strdup(r->target);
                    sh->type_tail = g_strdup(r->type_tail);
                }
            }
            if (!sh->type_tail) sh->type_tail = g_strdup("");
            int state = nohin_ooxml_sheet_state((const char *)st);
            if (state == 2)
                sh->rule = "XLSX-VERYHIDDEN-SHEET";
            else if (state == 1)
                sh->rule = "XLSX-HIDDEN-SHEET";
            if (strstr(sh->type_tail, "acrosheet") || !strcmp(sh->type_tail, "dialogsheet"))
                sh->rule = "XLSX-MACRO";
            sh->removed = sh->rule != NULL;
            g_ptr_array_add(j->sheets, sh);
            xmlFree(n);
            xmlFree(st);
            xmlFree(rid);
        }
    }
    xmlFreeDoc(d);
    bool any = false;
    for (guint i = 0; i < j->sheets->len; i++) {
        sheet *s = j->sheets->pdata[i];
        if (!s->removed) any = true;
        if (!s->removed && !s->part)
            return cx_fail(error, _("sheet \"%s\" has no part (strict OOXML is not supported)"),
                           s->name);
    }
    if (!any) return cx_fail(error, "%s", _("no visible sheet would be left"));
    return true;
}

/* Marks what goes: parts of dropped relationship types and removed sheets,
 * then everything no longer reachable from the package root. */
static void plan_parts(job *j)
{
    for (guint i = 0; i < j->sheets->len; i++) {
        sheet *s = j->sheets->pdata[i];
        if (s->removed && s->part)
            g_hash_table_insert(j->dropped, g_strdup(s->part), (gpointer)s->rule);
    }
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, j->relfiles);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        xlsx_relfile *f = v;
        for (guint i = 0; i < f->rels->len; i++) {
            xlsx_rel *r = f->rels->pdata[i];
            const drop_type *d = cx_drop_type_of(j, f->source, r->type_tail);
            if (d && r->target && !g_hash_table_contains(j->dropped, r->target))
                g_hash_table_insert(j->dropped, g_strdup(r->target),
                                    (gpointer)(d->rule ? d->rule : ""));
        }
    }
    /* Reachability from the root, never through a dropped part. */
    GQueue q = G_QUEUE_INIT;
    g_queue_push_tail(&q, g_strdup(""));
    while (!g_queue_is_empty(&q)) {
        char *src = g_queue_pop_head(&q);
        xlsx_relfile *f = g_hash_table_lookup(j->relfiles, src);
        for (guint i = 0; f && i < f->rels->len; i++) {
            xlsx_rel *r = f->rels->pdata[i];
            if (!r->target || g_hash_table_contains(j->dropped, r->target) ||
                g_hash_table_contains(j->kept, r->target))
                continue;
            g_hash_table_add(j->kept, g_strdup(r->target));
            if (strstr(r->target, "charts/chart")) j->charts = true;
            g_queue_push_tail(&q, g_strdup(r->target));
        }
        g_free(src);
    }
}

static void report_drops(job *j)
{
    for (const drop_type *d = drop_types; d->tail; d++) {
        if (!d->rule) continue;
        int n = 0;
        GHashTableIter it;
        gpointer k, v;
        g_hash_table_iter_init(&it, j->relfiles);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            xlsx_relfile *f = v;
            for (guint i = 0; i < f->rels->len; i++)
                if (!strcmp(((xlsx_rel *)f->rels->pdata[i])->type_tail, d->tail) &&
                    cx_drop_type_of(j, f->source, d->tail))
                    n++;
        }
        if (n) cx_changed(j, d->rule, NULL, "%s", _(d->what));
    }
    for (guint i = 0; i < j->sheets->len; i++) {
        sheet *s = j->sheets->pdata[i];
        if (!s->removed) continue;
        nohin_location loc = nohin_loc_sheet(s->name);
        char *l = nohin_location_format(&loc);
        cx_changed(j, s->rule, l, "%s",
                   !strcmp(s->rule, "XLSX-MACRO") ? _("Macro sheet removed.")
                                                  : _("Hidden sheet removed."));
        g_free(l);
        nohin_location_clear(&loc);
    }
}

static void report_ranges(job *j, sheet *s, GArray *a, bool rows)
{
    guint i = 0, listed = 0;
    while (i < a->len) {
        guint k = i;
        while (k + 1 < a->len && g_array_index(a, int, k + 1) == g_array_index(a, int, k) + 1)
            k++;
        int lo = g_array_index(a, int, i), hi = g_array_index(a, int, k);
        if (listed++ < MAX_LISTED_RANGES) {
            nohin_location loc;
            char c1[8], c2[8];
            if (rows) {
                loc = nohin_loc_rows(s->name, lo, hi);
            } else {
                nohin_ooxml_col_name(lo, c1);
                nohin_ooxml_col_name(hi, c2);
                loc = nohin_loc_columns(s->name, c1, c2);
            }
            char *l = nohin_location_format(&loc);
            cx_changed(j, rows ? "XLSX-HIDDEN-ROW" : "XLSX-HIDDEN-COL", l,
                       rows ? _("Hidden rows deleted (%d).") : _("Hidden columns deleted (%d)."),
                       hi - lo + 1);
            g_free(l);
            nohin_location_clear(&loc);
        }
        i = k + 1;
    }
    if (listed > MAX_LISTED_RANGES)
        cx_changed(j, rows ? "XLSX-HIDDEN-ROW" : "XLSX-HIDDEN-COL", s->name,
                   _("…and %u more ranges."), listed - MAX_LISTED_RANGES);
}

/* A sheet's drawing with nothing anchored in it: LibreOffice writes one for
 * every sheet it saves. Deleting rows or columns moves no anchor there. */
static bool drawing_empty(job *j, const sheet *s)
{
    xlsx_relfile *f = g_hash_table_lookup(j->relfiles, s->part);
    for (guint i = 0; f && i < f->rels->len; i++) {
        xlsx_rel *r = f->rels->pdata[i];
        if (strcmp(r->type_tail, "drawing")) continue;
        if (!r->target) return false;
        xmlTextReaderPtr x = nohin_zip_xml_reader(j->z, r->target, NULL);
        if (!x) return false;
        bool anchor = false;
        int rc;
        while (!anchor && (rc = xmlTextReaderRead(x)) == 1)
            anchor = xmlTextReaderNodeType(x) == XML_READER_TYPE_ELEMENT &&
                     g_str_has_suffix((const char *)xmlTextReaderConstLocalName(x), "Anchor");
        xmlFreeTextReader(x);
        if (anchor || rc < 0) return false;
    }
    return true;
}

#define MAX_KEPT_SHEETS (64u << 20) /* inflated sheet bytes kept from scan to rewrite */

static bool scan_sheets(job *j, GArray *sst_used, GError **error)
{
    guint64 kept = 0;
    for (guint i = 0; i < j->sheets->len; i++) {
        sheet *s = j->sheets->pdata[i];
        if (s->removed || !s->part || strcmp(s->type_tail, "worksheet")) continue;
        cx_sheet_info_init(&s->info, j->o->unhide);
        s->scanned = true;
        if (!cx_sheet_scan(j->z, s->part, &s->info, sst_used, error)) return false;
        kept += s->info.xml ? g_bytes_get_size(s->info.xml) : 0;
        if (kept > MAX_KEPT_SHEETS)
            g_clear_pointer(&s->info.xml, g_bytes_unref); /* streamed again */
        bool shifting = !cx_shift_empty(&s->info.shift);
        s->info.keep_formulas = s->info.formulas_without_value > 0;
        if (shifting && s->info.keep_formulas)
            return cx_fail(error,
                           _("sheet \"%s\" has formulas without stored values and hidden rows or "
                             "columns whose deletion would move their references; open and save "
                             "it in Excel or LibreOffice so values are stored"),
                           s->name);
        if (shifting &&
            ((s->info.has_drawing && !drawing_empty(j, s)) || s->info.has_table || j->charts))
            return cx_fail(error,
                           _("sheet \"%s\" has hidden rows or columns and charts, pictures or "
                             "tables whose anchors would move"),
                           s->name);
    }
    return true;
}

static bool listed(const GPtrArray *a, const char *s)
{
    for (guint i = 0; a && i < a->len; i++)
        if (!strcmp(a->pdata[i], s)) return true;
    return false;
}

/* The preview picture of a removed OLE object or control (it shows the object's
 * content) goes with it, unless something kept shows the same picture. */
static void drop_object_pictures(job *j)
{
    for (guint i = 0; i < j->sheets->len; i++) {
        sheet *s = j->sheets->pdata[i];
        if (!s->scanned || !s->info.object_pictures->len) continue;
        xlsx_relfile *f = g_hash_table_lookup(j->relfiles, s->part);
        for (guint k = 0; f && k < f->rels->len; k++) {
            xlsx_rel *r = f->rels->pdata[k];
            if (!r->target || strcmp(r->type_tail, "image") ||
                !listed(s->info.object_pictures, r->id))
                continue;
            bool elsewhere = false;
            GHashTableIter it;
            gpointer key, v;
            g_hash_table_iter_init(&it, j->relfiles);
            while (!elsewhere && g_hash_table_iter_next(&it, &key, &v)) {
                xlsx_relfile *o = v;
                if (*o->source && !g_hash_table_contains(j->kept, o->source)) continue;
                for (guint m = 0; m < o->rels->len && !elsewhere; m++) {
                    xlsx_rel *q = o->rels->pdata[m];
                    elsewhere = q->target && !strcmp(q->target, r->target) &&
                                !(o == f && listed(s->info.object_pictures, q->id));
                }
            }
            if (!elsewhere) g_hash_table_remove(j->kept, r->target);
        }
    }
}

static void report_sheets(job *j)
{
    for (guint i = 0; i < j->sheets->len; i++) {
        sheet *s = j->sheets->pdata[i];
        if (!s->scanned) continue;
        if (j->o->unhide) {
            if (s->info.hidden_rows)
                cx_changed(j, "XLSX-HIDDEN-ROW", s->name, _("%d hidden rows shown."),
                           s->info.hidden_rows);
            if (s->info.hidden_cols)
                cx_changed(j, "XLSX-HIDDEN-COL", s->name, _("%d hidden columns shown."),
                           s->info.hidden_cols);
        } else {
            report_ranges(j, s, s->info.shift.rows, true);
            report_ranges(j, s, s->info.shift.cols, false);
        }
        if (s->info.zero_height)
            cx_changed(j, "XLSX-HIDDEN-ROW", s->name, "%s",
                       _("Rows hidden by default (zeroHeight) shown; they are empty."));
        if (s->info.headers_removed)
            cx_changed(j, "XLSX-HEADER-FOOTER", s->name,
                       _("%d header/footer texts removed (page numbers alone are kept)."),
                       s->info.headers_removed);
        if (s->info.keep_formulas)
            /* Never a blank where a formula was: kept, and a person stores the values. */
            nohin_fixlist_add(j->fl, NOHIN_FIX_MANUAL, "DATA-FORMULAS", j->o->name,
                              j->o->output_name, s->name,
                              _("%d formulas have no stored value and were kept as formulas; "
                                "open and save the workbook in Excel or LibreOffice so values "
                                "are stored, then run clean again."),
                              s->info.formulas);
        else if (s->info.formulas)
            cx_changed(j, "DATA-FORMULAS", s->name,
                       _("%d formulas replaced by their cached values."), s->info.formulas);
    }
}

typedef struct {
    xmlTextWriterPtr w;
    GArray *used, *map;
    int kept;
    bool root;
} sst_copy;

static bool sst_root(xmlTextReaderPtr x, void *user)
{
    sst_copy *c = user;
    static const char *const skip[] = {"count", "uniqueCount", NULL};
    xmlTextWriterStartElement(c->w, xmlTextReaderConstName(x));
    cx_copy_attrs(x, c->w, skip);
    c->root = true;
    return true;
}

static bool sst_item(xmlTextReaderPtr x, guint old, void *user)
{
    sst_copy *c = user;
    bool use = old < c->used->len && g_array_index(c->used, guint8, old);
    int ni = use ? c->kept++ : -1;
    g_array_append_val(c->map, ni);
    if (use) {
        xmlChar *o = xmlTextReaderReadOuterXml(x);
        if (o) xmlTextWriterWriteRaw(c->w, o);
        xmlFree(o);
    }
    return true;
}

/* The strings still in use, copied as they are, through the model's one
 * shared-strings reader. */
static bool rewrite_sst(job *j, GArray *used, GArray *map, GError **error)
{
    if (!j->sst_part || !g_hash_table_contains(j->kept, j->sst_part)) return true;
    xmlBufferPtr buf = xmlBufferCreate();
    /* doubling, not the exact-size default: one realloc per write is quadratic */
    xmlBufferSetAllocationScheme(buf, XML_BUFFER_ALLOC_DOUBLEIT);
    sst_copy c = {xmlNewTextWriterMemory(buf, 0), used, map, 0, false};
    xmlTextWriterStartDocument(c.w, "1.0", "UTF-8", "yes");
    static const nohin_ooxml_sst_visitor visit = {sst_root, sst_item};
    int old = nohin_ooxml_sst_walk(j->z, j->sst_part, &visit, &c, error);
    if (c.root) xmlTextWriterEndElement(c.w);
    xmlTextWriterEndDocument(c.w);
    xmlFreeTextWriter(c.w);
    bool ok = old >= 0;
    if (ok)
        g_hash_table_insert(j->out, g_strdup(j->sst_part),
                            g_bytes_new(xmlBufferContent(buf), (gsize)xmlBufferLength(buf)));
    xmlBufferFree(buf);
    if (ok && c.kept < old)
        cx_changed(j, "", NULL, _("%d unused shared strings dropped."), old - c.kept);
    return ok;
}

static bool rewrite_sheets(job *j, GArray *map, GError **error)
{
    for (guint i = 0; i < j->sheets->len; i++) {
        sheet *s = j->sheets->pdata[i];
        if (!s->scanned) continue;
        xmlBufferPtr buf = xmlBufferCreate();
        /* doubling, not the exact-size default: one realloc per write is quadratic */
        xmlBufferSetAllocationScheme(buf, XML_BUFFER_ALLOC_DOUBLEIT);
        bool ok = cx_sheet_rewrite(j->z, s->part, &s->info, map, buf, error);
        g_clear_pointer(&s->info.xml, g_bytes_unref);
        if (ok)
            g_hash_table_insert(j->out, g_strdup(s->part),
                                g_bytes_new(xmlBufferContent(buf), (gsize)xmlBufferLength(buf)));
        xmlBufferFree(buf);
        if (!ok) return false;
    }
    return true;
}

static bool write_package(job *j, const char *out, GError **error)
{
    int err = 0;
    zip_t *za = zip_open(out, ZIP_CREATE | ZIP_EXCL, &err);
    if (!za) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", out, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return false;
    }
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(names, g_strdup("[Content_Types].xml"));
    gint64 n = nohin_zip_count(j->z);
    for (gint64 i = 0; i < n; i++) {
        const char *name = nohin_zip_name(j->z, i);
        if (!strcmp(name, "[Content_Types].xml") || g_str_has_suffix(name, "/")) continue;
        if (g_hash_table_contains(j->out, name) || g_hash_table_contains(j->kept, name))
            g_ptr_array_add(names, g_strdup(name));
    }
    /* parts that did not exist before (core properties) */
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, j->out);
    while (g_hash_table_iter_next(&it, &k, &v))
        if (nohin_zip_find(j->z, k) < 0 && strcmp(k, "[Content_Types].xml"))
            g_ptr_array_add(names, g_strdup(k));
    bool ok = true;
    for (guint i = 0; i < names->len && ok; i++) {
        const char *name = names->pdata[i];
        GBytes *b = g_hash_table_lookup(j->out, name);
        zip_source_t *src;
        if (b) {
            gsize len;
            const void *data = g_bytes_get_data(b, &len);
            src = zip_source_buffer(za, data, len, 0);
        } else {
            src = zip_source_zip(za, nohin_zip_handle(j->z),
                                 (zip_uint64_t)nohin_zip_find(j->z, name), 0, 0, -1);
        }
        zip_int64_t idx = src ? zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8) : -1;
        if (idx < 0) {
            if (src) zip_source_free(src);
            ok = false;
            break;
        }
        nohin_zip_set_fixed_time(za, (zip_uint64_t)idx);
        if (b) zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 6);
    }
    if (ok && zip_close(za) != 0) ok = false;
    if (!ok) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", out, zip_strerror(za));
        zip_discard(za);
        g_remove(out);
    }
    g_ptr_array_free(names, TRUE);
    return ok;
}

/* What makes clean leave the whole workbook to a person before it reads a cell:
 * encrypted entries, a DTD, no workbook part, damaged relationships, a sheet
 * without a part (strict OOXML), no visible sheet, pivot tables. Lint asks the
 * same through nohin_clean_xlsx_refusal, so it never calls such a file's
 * findings fixable. */
static bool plan(job *j, GError **error)
{
    nohin_zip *z = j->z;
    gint64 n = nohin_zip_count(z);
    for (gint64 i = 0; i < n; i++)
        if (nohin_zip_encrypted(z, i)) return cx_fail(error, "%s", _("encrypted entries"));
    /* A DTD can declare external or exploding entities; such a part is never
     * rewritten or copied: the workbook is left out for a person. */
    char *dtd = nohin_ooxml_dtd_part(z);
    if (dtd) {
        cx_fail(error,
                _("part %s declares a DTD (DOCTYPE or entities); open and save the workbook "
                  "in Excel or LibreOffice"),
                dtd);
        g_free(dtd);
        return false;
    }
    nohin_ooxml_kind kind;
    j->wb_part = nohin_ooxml_main_part(z, &kind);
    if (!j->wb_part || kind != NOHIN_OOXML_WORKBOOK)
        return cx_fail(error, "%s", _("the package has no workbook part"));
    j->relfiles = cx_read_rels(z, error);
    if (!j->relfiles || !read_sheets(j, error)) return false;
    plan_parts(j);
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, j->kept);
    while (g_hash_table_iter_next(&it, &k, &v))
        if (strstr(k, "pivotCache") || strstr(k, "pivotTable"))
            return cx_fail(error, "%s", _("pivot tables keep a copy of their source records"));
    return true;
}

static job job_new(nohin_zip *z, const nohin_xlsx_clean_opts *o, nohin_fixlist *fl)
{
    return (job){.z = z,
                 .o = o,
                 .fl = fl,
                 .sheets = g_ptr_array_new_with_free_func((GDestroyNotify)sheet_free),
                 .dropped = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                 .kept = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                 .out = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify)g_bytes_unref)};
}

static void job_clear(job *j)
{
    if (j->relfiles) g_hash_table_destroy(j->relfiles);
    g_hash_table_destroy(j->dropped);
    g_hash_table_destroy(j->kept);
    g_hash_table_destroy(j->out);
    g_ptr_array_free(j->sheets, TRUE);
    g_free(j->wb_part);
    g_free(j->sst_part);
}

char *nohin_clean_xlsx_refusal(const char *path)
{
    GError *err = NULL;
    nohin_zip *z = nohin_zip_open(path, &err);
    char *why = NULL;
    if (z) {
        nohin_zip_allow_passes(z, 2); /* as nohin_clean_xlsx */
        job j = job_new(z, NULL, NULL);
        if (!plan(&j, &err)) why = g_strdup(err ? err->message : "?");
        job_clear(&j);
        nohin_zip_close(z);
    } else
        why = g_strdup(err ? err->message : "?");
    g_clear_error(&err);
    return why;
}

bool nohin_clean_xlsx(const char *in, const char *out, const nohin_xlsx_clean_opts *o,
                      nohin_fixlist *fl, GError **error)
{
    nohin_zip *z = nohin_zip_open(in, error);
    if (!z) return false;
    nohin_zip_allow_passes(z, 2); /* every sheet is read by the scan, then the rewrite */
    nohin_fixlist *local = nohin_fixlist_new(); /* merged into fl only on success */
    job j = job_new(z, o, local);
    GArray *used = g_array_new(FALSE, TRUE, sizeof(guint8));
    GArray *map = g_array_new(FALSE, FALSE, sizeof(int));
    bool ok = false;
    GHashTableIter it;
    gpointer k, v;
    if (!plan(&j, error)) goto out;
    if (!scan_sheets(&j, used, error)) goto out;
    drop_object_pictures(&j);
    if (!rewrite_sst(&j, used, map, error) || !rewrite_sheets(&j, map, error) ||
        !cx_rewrite_workbook(&j, error) || !cx_rewrite_rels(&j, error) ||
        !cx_rewrite_content_types(&j, error))
        goto out;
    /* Parts copied as they are must be sound too: a damaged styles or theme part
     * would make a broken output, so the workbook is left out instead. */
    g_hash_table_iter_init(&it, j.kept);
    while (g_hash_table_iter_next(&it, &k, &v))
        if (!g_hash_table_contains(j.out, k) && nohin_ooxml_xml_part(k) && nohin_zip_has(z, k) &&
            !nohin_ooxml_part_well_formed(z, k)) {
            cx_fail(error,
                    _("part %s is not well-formed XML; open and save the workbook in "
                      "Excel or LibreOffice"),
                    (const char *)k);
            goto out;
        }
    cx_write_properties(&j);
    report_drops(&j);
    report_sheets(&j);
    if (!write_package(&j, out, error)) goto out;
    ok = true;
    for (guint i = 0; i < local->items->len; i++) {
        nohin_fix *f = local->items->pdata[i];
        nohin_fix *c = nohin_fixlist_add(fl, f->kind, f->rule, f->file, f->output, f->location,
                                         "%s", f->message);
        (void)c;
    }
out:
    g_array_free(used, TRUE);
    g_array_free(map, TRUE);
    job_clear(&j);
    nohin_fixlist_free(local);
    nohin_zip_close(z);
    return ok;
}
