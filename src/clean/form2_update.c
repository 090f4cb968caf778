/* See form2_update.h. */
#include "clean/form2_update.h"
#include <errno.h>
#include <gio/gio.h>
#include <libxml/xmlwriter.h>
#include <string.h>
#include "bundle/form2.h"
#include "clean/outdir.h"
#include "ooxml/ooxml.h"
#include "readers/zip_safe.h"

static bool is_el(xmlTextReaderPtr r, const char *local)
{
    const xmlChar *n = xmlTextReaderConstLocalName(r);
    return n && !strcmp((const char *)n, local);
}

static const nohin_form2_edit *edit_for(xmlTextReaderPtr r, const nohin_form2_edit *edits,
                                        char **refs, size_t n)
{
    xmlChar *ref = xmlTextReaderGetAttribute(r, (const xmlChar *)"r");
    const nohin_form2_edit *hit = NULL;
    for (size_t i = 0; ref && i < n && !hit; i++)
        if (!strcmp((const char *)ref, refs[i])) hit = &edits[i];
    xmlFree(ref);
    return hit;
}

/* The cell again with its reference and style, and the new value. The value's
 * elements take the cell's namespace prefix: a <x:c> with a bare <v> would put
 * the value in no namespace, and Excel/openpyxl would not see it. */
static void write_cell(xmlTextReaderPtr r, xmlTextWriterPtr w, const nohin_form2_edit *e)
{
    const xmlChar *pfx = xmlTextReaderConstPrefix(r); /* reader's dict: lives with r */
    xmlTextWriterStartElement(w, xmlTextReaderConstName(r));
    while (xmlTextReaderMoveToNextAttribute(r) == 1) {
        const char *a = (const char *)xmlTextReaderConstLocalName(r);
        if (!strcmp(a, "t")) continue; /* the type follows the new value */
        xmlTextWriterWriteAttribute(w, xmlTextReaderConstName(r), xmlTextReaderConstValue(r));
    }
    xmlTextReaderMoveToElement(r);
    if (e->number) {
        xmlTextWriterStartElementNS(w, pfx, BAD_CAST "v", NULL);
        xmlTextWriterWriteString(w, BAD_CAST e->value);
        xmlTextWriterEndElement(w);
    } else {
        xmlTextWriterWriteAttribute(w, BAD_CAST "t", BAD_CAST "inlineStr");
        xmlTextWriterStartElementNS(w, pfx, BAD_CAST "is", NULL);
        xmlTextWriterStartElementNS(w, pfx, BAD_CAST "t", NULL);
        xmlTextWriterWriteString(w, BAD_CAST e->value);
        xmlTextWriterEndElement(w);
        xmlTextWriterEndElement(w);
    }
    xmlTextWriterEndElement(w);
}

/* Streams the sheet through, element by element. */
static bool rewrite(xmlTextReaderPtr r, xmlTextWriterPtr w, const nohin_form2_edit *edits,
                    char **refs, size_t n, size_t *done)
{
    if (xmlTextWriterStartDocument(w, NULL, "UTF-8", "yes") < 0) return false;
    int ret = xmlTextReaderRead(r);
    while (ret == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_ELEMENT) {
            const nohin_form2_edit *e = is_el(r, "c") ? edit_for(r, edits, refs, n) : NULL;
            if (e) {
                write_cell(r, w, e);
                (*done)++;
                ret = xmlTextReaderNext(r); /* past the old cell's children */
                continue;
            }
            bool empty = xmlTextReaderIsEmptyElement(r);
            xmlTextWriterStartElement(w, xmlTextReaderConstName(r));
            while (xmlTextReaderMoveToNextAttribute(r) == 1)
                xmlTextWriterWriteAttribute(w, xmlTextReaderConstName(r),
                                            xmlTextReaderConstValue(r));
            xmlTextReaderMoveToElement(r);
            if (empty) xmlTextWriterEndElement(w);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            xmlTextWriterFullEndElement(w);
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_WHITESPACE ||
                   type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            xmlTextWriterWriteString(w, xmlTextReaderConstValue(r));
        } else if (type == XML_READER_TYPE_CDATA) {
            xmlTextWriterWriteCDATA(w, xmlTextReaderConstValue(r));
        }
        ret = xmlTextReaderRead(r);
    }
    return ret == 0 && xmlTextWriterEndDocument(w) >= 0;
}

bool nohin_form2_update(const char *path, const nohin_form2_edit *edits, size_t n, GError **error)
{
    if (n == 0) return true;
    nohin_zip *z = nohin_zip_open(path, error);
    if (!z) return false;
    char *part = nohin_ooxml_first_sheet_part(z);
    if (!part) {
        nohin_zip_close(z);
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s: no first worksheet found"),
                    path);
        return false;
    }
    char **refs = g_new0(char *, n + 1);
    for (size_t i = 0; i < n; i++)
        refs[i] = nohin_form2_cell_ref(edits[i].row, edits[i].col);
    xmlBufferPtr buf = xmlBufferCreate();
    xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
    xmlTextReaderPtr r = nohin_zip_xml_reader(z, part, error);
    size_t done = 0;
    bool ok = r && w && rewrite(r, w, edits, refs, n, &done) && !nohin_zip_limit_hit(z);
    if (r) xmlFreeTextReader(r);
    if (w) xmlFreeTextWriter(w); /* flushes into buf */
    nohin_zip_close(z);
    if (!ok && error && !*error)
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: %s cannot be rewritten"),
                    path, part);
    if (ok && done != n) {
        ok = false;
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s: a cell to correct is missing"),
                    path);
    }
    if (ok) {
        /* libzip writes a new file beside it and renames it on zip_close */
        int zerr = 0;
        zip_t *za = zip_open(path, 0, &zerr);
        zip_int64_t idx = za ? zip_name_locate(za, part, 0) : -1;
        void *copy = g_memdup2(xmlBufferContent(buf), (gsize)xmlBufferLength(buf));
        zip_source_t *src =
            za ? zip_source_buffer(za, copy, (zip_uint64_t)xmlBufferLength(buf), 1) : NULL;
        /* the replaced entry keeps the old one's time: libzip would stamp it with
         * the time of the run, and the same bundle must give the same bytes */
        zip_stat_t st;
        zip_stat_init(&st);
        bool timed = idx >= 0 && zip_stat_index(za, (zip_uint64_t)idx, 0, &st) == 0 &&
                     (st.valid & ZIP_STAT_MTIME);
        bool replaced =
            idx >= 0 && src && timed && zip_file_replace(za, (zip_uint64_t)idx, src, 0) == 0;
        if (!replaced) {
            if (src)
                zip_source_free(src);
            else
                g_free(copy);
        }
        if (!replaced || zip_file_set_mtime(za, (zip_uint64_t)idx, st.mtime, 0) < 0) {
            if (za) zip_discard(za);
            ok = false;
            g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: %s cannot be rewritten"), path,
                        part);
        } else if (zip_close(za) != 0) {
            ok = false;
            g_set_error(error, NOHIN_WRITE_ERROR, EIO, "%s: %s", path, zip_strerror(za));
            zip_discard(za);
        }
    }
    xmlBufferFree(buf);
    g_strfreev(refs);
    g_free(part);
    return ok;
}
