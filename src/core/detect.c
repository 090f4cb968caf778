/* Type detection by content (libmagic), refined for zip-based Office files. */
#include <magic.h>
#include <string.h>
#include "nohin_internal.h"
#include "ooxml/ooxml.h"

static GPrivate magic_cookie = G_PRIVATE_INIT((GDestroyNotify)magic_close);

static magic_t cookie(void)
{
    magic_t m = g_private_get(&magic_cookie);
    if (!m) {
        m = magic_open(MAGIC_NONE | MAGIC_ERROR);
        if (m && magic_load(m, NULL) != 0) {
            magic_close(m);
            m = NULL;
        }
        if (m) {
            size_t bytes = 1024 * 1024; /* look at the head only: detection must stay cheap */
            magic_setparam(m, MAGIC_PARAM_BYTES_MAX, &bytes);
        }
        g_private_set(&magic_cookie, m);
    }
    return m;
}

static char *magic_query(const char *path, int flags)
{
    magic_t m = cookie();
    if (!m) return NULL;
    magic_setflags(m, flags | MAGIC_ERROR);
    const char *r = magic_file(m, path);
    return r ? g_strdup(r) : NULL;
}

/* A zip is OOXML when its package relationships name a main part
 * (officeDocument); that part's content type says what it is, whatever its
 * name, wherever it sits and in whatever order the entries are stored. */
static nohin_format zip_kind(const char *path)
{
    nohin_zip *z = nohin_zip_open(path, NULL);
    if (!z) return NOHIN_FMT_OTHER;
    nohin_ooxml_kind kind;
    char *main = nohin_ooxml_main_part(z, &kind);
    g_free(main);
    nohin_zip_close(z);
    switch (kind) {
    case NOHIN_OOXML_WORKBOOK:
    case NOHIN_OOXML_WORKBOOK_BINARY:
        return NOHIN_FMT_XLSX;
    case NOHIN_OOXML_DOCUMENT:
        return NOHIN_FMT_DOCX;
    default:
        return NOHIN_FMT_ZIP;
    }
}

/* The local-file-header signature: a zip whatever libmagic calls it
 * ("Microsoft OOXML", "Microsoft Excel 2007+", "Zip archive data" …). */
static bool zip_signature(const char *path)
{
    guint8 head[4] = {0};
    FILE *fp = fopen(path, "rb");
    if (!fp) return false;
    size_t n = fread(head, 1, 4, fp);
    fclose(fp);
    return n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
}

static bool ext_in(const char *ext, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(ext, *list)) return true;
    return false;
}

void nohin_detect(nohin_file *file)
{
    file->mime = magic_query(file->abspath, MAGIC_MIME_TYPE);
    file->magic = magic_query(file->abspath, MAGIC_NONE);
    if (!file->mime) file->mime = g_strdup("application/octet-stream");
    if (!file->magic) file->magic = g_strdup("data");
    char *ext = nohin_file_extension(file->path);
    const char *mime = file->mime;
    static const char *const csv_ext[] = {"csv", "tsv", NULL};
    static const char *const xls_ext[] = {"xls", "xlsx", "xlsm", "xlsb",
                                          "xlt", "xltx", "xltm", NULL};
    static const char *const doc_ext[] = {"doc", "docx", "docm", NULL};

    if (!strcmp(mime, "application/pdf"))
        file->format = NOHIN_FMT_PDF;
    else if (!strcmp(mime, "application/zip") ||
             g_str_has_prefix(mime, "application/vnd.openxml") ||
             g_str_has_prefix(mime, "application/vnd.ms-excel.") ||
             g_str_has_prefix(mime, "application/vnd.ms-word.") ||
             ((!strcmp(mime, "application/octet-stream") || strstr(file->magic, "OOXML") ||
               strstr(file->magic, "Microsoft")) &&
              zip_signature(file->abspath)))
        file->format = zip_kind(file->abspath);
    else if ((!strcmp(mime, "application/x-ole-storage") || !strcmp(mime, "application/CDFV2") ||
              !strcmp(mime, "application/vnd.ms-excel") || !strcmp(mime, "application/msword") ||
              g_str_has_prefix(mime, "application/encrypted")) &&
             (ext_in(ext, xls_ext) || ext_in(ext, doc_ext)))
        /* Legacy or password-protected Office file: its reader reports it clearly. */
        file->format = ext_in(ext, xls_ext) ? NOHIN_FMT_XLSX : NOHIN_FMT_DOCX;
    else if (!strcmp(mime, "text/csv") ||
             (ext_in(ext, csv_ext) && !g_str_has_prefix(mime, "image/") &&
              !g_str_has_prefix(mime, "application/pdf") &&
              !g_str_has_prefix(mime, "application/zip")))
        file->format = NOHIN_FMT_CSV;
    else
        file->format = NOHIN_FMT_OTHER;
    g_free(ext);
}
