#define _GNU_SOURCE /* memmem */
/* Opening an XLSX/XLSM: status (legacy, encrypted, damaged), content types,
 * workbook (sheets, states, defined names), shared strings, styles, and one
 * streaming scan per sheet. Cached on the file in NOHIN_READER_XLSX. */
#include <string.h>
#include "xlsx_reader.h"

static void sheet_free(gpointer p)
{
    nohin_xlsx_sheet *s = p;
    g_free(s->name);
    g_free(s->part);
    xlsx_range_array_free(s->hidden_rows);
    xlsx_range_array_free(s->hidden_cols);
    xlsx_range_array_free(s->merged);
    g_free(s->autofilter);
    g_free(s->dimension);
    g_free(s->drawing_rid);
    g_free(s->rels_part);
    if (s->rels) g_hash_table_destroy(s->rels);
    for (int k = 0; k < NOHIN_MARK_COUNT; k++)
        xlsx_marks_clear(&s->marks[k]);
    for (guint i = 0; s->headers_footers && i < s->headers_footers->len; i++) {
        nohin_xlsx_headerfooter *h = s->headers_footers->pdata[i];
        g_free(h->kind);
        g_free(h->text);
        g_free(h);
    }
    if (s->headers_footers) g_ptr_array_free(s->headers_footers, TRUE);
    if (s->comments) g_ptr_array_free(s->comments, TRUE);
    g_free(s);
}

static void name_free(gpointer p)
{
    nohin_xlsx_name *n = p;
    g_free(n->name);
    g_free(n->value);
    g_free(n);
}

static void prop_free(gpointer p)
{
    nohin_xlsx_prop *pr = p;
    g_free(pr->key);
    g_free(pr->value);
    g_free(pr);
}

void nohin_xlsx_free(nohin_xlsx *x)
{
    if (!x) return;
    g_free(x->error);
    g_free(x->workbook_part);
    g_free(x->dtd_part);
    g_ptr_array_free(x->sheets, TRUE);
    g_ptr_array_free(x->names, TRUE);
    g_ptr_array_free(x->external_links, TRUE);
    g_ptr_array_free(x->connections, TRUE);
    g_ptr_array_free(x->query_tables, TRUE);
    g_ptr_array_free(x->custom_xml, TRUE);
    g_ptr_array_free(x->embedded, TRUE);
    g_ptr_array_free(x->pivot_records, TRUE);
    g_ptr_array_free(x->props, TRUE);
    g_free(x->title);
    g_free(x->vba_part);
    g_free(x->auto_open_name);
    g_free(x->path);
    nohin_ooxml_sst_free(x->sst);
    nohin_ooxml_styles_free(x->styles);
    nohin_zip_close(x->zip);
    g_free(x);
}

static nohin_xlsx *xlsx_new(void)
{
    nohin_xlsx *x = g_new0(nohin_xlsx, 1);
    x->sheets = g_ptr_array_new_with_free_func(sheet_free);
    x->names = g_ptr_array_new_with_free_func(name_free);
    x->external_links = g_ptr_array_new_with_free_func((GDestroyNotify)xlsx_part_free);
    x->connections = g_ptr_array_new_with_free_func((GDestroyNotify)xlsx_part_free);
    x->query_tables = g_ptr_array_new_with_free_func((GDestroyNotify)xlsx_part_free);
    x->custom_xml = g_ptr_array_new_with_free_func((GDestroyNotify)xlsx_part_free);
    x->embedded = g_ptr_array_new_with_free_func((GDestroyNotify)xlsx_part_free);
    x->pivot_records = g_ptr_array_new_with_free_func((GDestroyNotify)xlsx_part_free);
    x->props = g_ptr_array_new_with_free_func(prop_free);
    return x;
}

static void fail(nohin_xlsx *x, nohin_xlsx_status st, const char *why)
{
    x->status = st;
    g_free(x->error);
    x->error = g_strdup(why);
}

/* An OLE compound file holding an "EncryptedPackage" stream is a
 * password-protected OOXML workbook; any other OLE file is a legacy .xls. */
static bool ole_encrypted(const char *path, const char *magic)
{
    if (magic && strstr(magic, "Encrypted")) return true;
    FILE *fp = fopen(path, "rb");
    if (!fp) return false;
    static const char needle[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    size_t nl = sizeof needle - 1;
    char *buf = g_malloc(1 << 20);
    bool found = false;
    size_t keep = 0, n;
    guint64 total = 0;
    while (!found && total < 64u * 1024 * 1024 &&
           (n = fread(buf + keep, 1, (1 << 20) - keep, fp)) > 0) {
        size_t len = keep + n;
        total += n;
        found = memmem(buf, len, needle, nl) != NULL;
        keep = MIN(len, nl - 1);
        memmove(buf, buf + len - keep, keep);
    }
    g_free(buf);
    fclose(fp);
    return found;
}

static bool is_ole(const char *path)
{
    static const guint8 sig[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    guint8 head[8] = {0};
    FILE *fp = fopen(path, "rb");
    if (!fp) return false;
    size_t n = fread(head, 1, 8, fp);
    fclose(fp);
    return n == 8 && !memcmp(head, sig, 8);
}

static void read_content_types(nohin_xlsx *x)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(x->zip, "[Content_Types].xml", NULL);
    if (!r) return;
    while (xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) continue;
        char *ct = nohin_ooxml_attr(r, "ContentType");
        if (ct) {
            /* application/vnd.ms-excel.sheet.macroEnabled.main+xml, …vbaProject */
            if (strstr(ct, "macroEnabled") || strstr(ct, "ms-excel.template.macroEnabled"))
                x->macro_content_type = true;
            if (strstr(ct, "vbaProject")) x->has_vba = true;
        }
        g_free(ct);
    }
    xmlFreeTextReader(r);
}

static nohin_sheet_kind kind_of(const char *type)
{
    if (!strcmp(type, "chartsheet")) return NOHIN_SHEET_CHARTSHEET;
    if (!strcmp(type, "xlMacrosheet") || !strcmp(type, "macrosheet") ||
        !strcmp(type, "xlIntlMacrosheet"))
        return NOHIN_SHEET_MACROSHEET;
    if (!strcmp(type, "dialogsheet")) return NOHIN_SHEET_DIALOGSHEET;
    return NOHIN_SHEET_WORKSHEET;
}

static void read_workbook(nohin_xlsx *x, GHashTable *rels)
{
    xmlTextReaderPtr r = nohin_zip_xml_reader(x->zip, x->workbook_part, NULL);
    if (!r) {
        fail(x, NOHIN_XLSX_DAMAGED, "the workbook part cannot be read");
        return;
    }
    int rc;
    while ((rc = xmlTextReaderRead(r)) == 1) {
        if (xmlTextReaderDepth(r) > NOHIN_MAX_XML_DEPTH) break;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) continue;
        const char *ln = (const char *)xmlTextReaderConstLocalName(r);
        if (!strcmp(ln, "sheet") && x->sheets->len < NOHIN_XLSX_MAX_ITEMS) {
            nohin_xlsx_sheet *s = g_new0(nohin_xlsx_sheet, 1);
            s->name = nohin_ooxml_attr(r, "name");
            if (!s->name) s->name = g_strdup_printf("#%u", x->sheets->len + 1);
            char *state = nohin_ooxml_attr(r, "state"), *rid = nohin_ooxml_attr(r, "id");
            s->state = (nohin_sheet_state)nohin_ooxml_sheet_state(state);
            nohin_xlsx_rel *rel = rid ? g_hash_table_lookup(rels, rid) : NULL;
            if (rel && !rel->external) {
                s->part = g_strdup(rel->target);
                s->kind = kind_of(rel->type);
            }
            g_free(state);
            g_free(rid);
            g_ptr_array_add(x->sheets, s);
        } else if (!strcmp(ln, "definedName") && x->names->len < NOHIN_XLSX_MAX_ITEMS) {
            nohin_xlsx_name *n = g_new0(nohin_xlsx_name, 1);
            n->name = nohin_ooxml_attr(r, "name");
            char *hidden = nohin_ooxml_attr(r, "hidden"),
                 *local = nohin_ooxml_attr(r, "localSheetId");
            n->hidden = hidden && (!strcmp(hidden, "1") || !strcmp(hidden, "true"));
            n->sheet = local ? atoi(local) : -1;
            n->value = xlsx_read_text(r, 8192);
            if (!n->name) n->name = g_strdup("");
            /* Auto_Open/Auto_Close run XLM macros when the workbook opens. */
            if (!x->auto_open_name && (g_str_has_prefix(n->name, "_xlnm.Auto_Open") ||
                                       g_str_has_prefix(n->name, "Auto_Open") ||
                                       g_str_has_prefix(n->name, "_xlnm.Auto_Close") ||
                                       g_str_has_prefix(n->name, "Auto_Close")))
                x->auto_open_name = g_strdup(n->name);
            g_free(hidden);
            g_free(local);
            g_ptr_array_add(x->names, n);
        }
    }
    if (rc != 0) fail(x, NOHIN_XLSX_DAMAGED, "the workbook part is not well-formed XML");
    xmlFreeTextReader(r);
}

static const char *rel_of_type(GHashTable *rels, const char *type)
{
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, rels);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        nohin_xlsx_rel *rel = v;
        if (!rel->external && !strcmp(rel->type, type)) return rel->target;
    }
    return NULL;
}

/* Before any sheet is streamed: the summary arrays, the sheet's relationships
 * and its comments (they do not depend on the sheet's cells). */
static void prepare_sheets(nohin_xlsx *x, GHashTable *persons)
{
    for (guint i = 0; i < x->sheets->len; i++) {
        nohin_xlsx_sheet *s = x->sheets->pdata[i];
        s->hidden_rows = g_array_new(FALSE, TRUE, sizeof(nohin_xlsx_range));
        s->hidden_cols = g_array_new(FALSE, TRUE, sizeof(nohin_xlsx_range));
        s->merged = g_array_new(FALSE, TRUE, sizeof(nohin_xlsx_range));
        s->headers_footers = g_ptr_array_new();
        if (!s->part || !nohin_zip_has(x->zip, s->part)) {
            s->scan_failed = s->part != NULL;
            s->scanned = true;
            continue;
        }
        s->rels = xlsx_read_rels(x, s->part);
        xlsx_read_comments(x, s, s->rels, persons);
    }
}

bool xlsx_scan_index(nohin_xlsx *x, guint i, nohin_xlsx_cell_cb cb, void *user)
{
    if (x->status != NOHIN_XLSX_OK || i >= x->sheets->len) return false;
    nohin_xlsx_sheet *s = x->sheets->pdata[i];
    if (s->scanned) return true;
    s->scanned = true;
    xlsx_scan_sheet(x, s, cb, user);
    if (nohin_zip_limit_hit(x->zip)) {
        fail(x, NOHIN_XLSX_DAMAGED, "the workbook inflates beyond the size limit");
        return false;
    }
    nohin_xlsx_rel *d = s->drawing_rid ? g_hash_table_lookup(s->rels, s->drawing_rid) : NULL;
    if (d && !d->external) xlsx_read_drawing(x, s, d->target);
    g_hash_table_destroy(s->rels);
    s->rels = NULL;
    if (nohin_zip_limit_hit(x->zip)) {
        fail(x, NOHIN_XLSX_DAMAGED, "the workbook inflates beyond the size limit");
        return false;
    }
    return true;
}

static void scan_all(nohin_xlsx *x)
{
    for (guint i = 0; i < x->sheets->len && x->status == NOHIN_XLSX_OK; i++)
        xlsx_scan_index(x, i, NULL, NULL);
}

nohin_xlsx *xlsx_open_unscanned(const char *abspath, const char *magic)
{
    nohin_xlsx *x = xlsx_new();
    x->path = g_strdup(abspath);
    if (is_ole(abspath)) {
        if (ole_encrypted(abspath, magic))
            fail(x, NOHIN_XLSX_ENCRYPTED, "the workbook is encrypted with a password");
        else
            fail(x, NOHIN_XLSX_LEGACY, "legacy binary Excel workbook (.xls)");
        return x;
    }
    GError *err = NULL;
    x->zip = nohin_zip_open(abspath, &err);
    if (!x->zip) {
        fail(x, NOHIN_XLSX_DAMAGED, err ? err->message : "not a zip file");
        g_clear_error(&err);
        return x;
    }
    nohin_ooxml_kind kind;
    x->workbook_part = nohin_ooxml_main_part(x->zip, &kind);
    if (kind == NOHIN_OOXML_WORKBOOK_BINARY) {
        fail(x, NOHIN_XLSX_LEGACY, "binary Excel workbook (.xlsb)");
        return x;
    }
    if (!x->workbook_part || kind != NOHIN_OOXML_WORKBOOK) {
        fail(x, NOHIN_XLSX_DAMAGED, "the package has no workbook part");
        return x;
    }
    /* Checked on its own (XLSX-MALFORMED); the parts are still read without it. */
    x->dtd_part = nohin_ooxml_dtd_part(x->zip);
    read_content_types(x);
    GHashTable *rels = xlsx_read_rels(x, x->workbook_part);
    read_workbook(x, rels);
    if (x->status == NOHIN_XLSX_OK) {
        x->sst = nohin_ooxml_sst_read(x->zip, rel_of_type(rels, "sharedStrings"));
        x->styles = nohin_ooxml_styles_read(x->zip, rel_of_type(rels, "styles"),
                                            rel_of_type(rels, "theme"));
        GHashTable *persons = xlsx_read_persons(x, rels);
        prepare_sheets(x, persons);
        g_hash_table_destroy(persons);
    }
    g_hash_table_destroy(rels);
    if (x->status == NOHIN_XLSX_OK) {
        xlsx_read_parts(x);
        xlsx_read_props(x);
        if (nohin_zip_limit_hit(x->zip))
            fail(x, NOHIN_XLSX_DAMAGED, "the workbook inflates beyond the size limit");
    }
    return x;
}

nohin_xlsx *nohin_xlsx_open(const char *abspath, const char *magic)
{
    nohin_xlsx *x = xlsx_open_unscanned(abspath, magic);
    scan_all(x);
    return x;
}

nohin_xlsx *xlsx_of_unscanned(nohin_file *file)
{
    nohin_xlsx *x = nohin_file_reader(file, NOHIN_READER_XLSX);
    if (x) return x;
    x = xlsx_open_unscanned(file->abspath, file->magic);
    nohin_file_set_reader(file, NOHIN_READER_XLSX, x, (GDestroyNotify)nohin_xlsx_free);
    return x;
}

nohin_xlsx *nohin_xlsx_of(nohin_file *file)
{
    nohin_xlsx *x = xlsx_of_unscanned(file);
    scan_all(x);
    return x;
}
