/* Archives to open, and the shared limits of nested expansion. */
#include <string.h>
#include "ooxml/ooxml.h"
#include "readers/archive.h"

bool nohin_archive_zip_magic(const char *path)
{
    guchar head[4] = {0};
    FILE *fp = fopen(path, "rb");
    if (!fp) return false;
    size_t n = fread(head, 1, 4, fp);
    fclose(fp);
    return n == 4 && head[0] == 'P' && head[1] == 'K' &&
           ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
}

static bool ext_in(const char *name, const char *const *list)
{
    char *ext = nohin_file_extension(name);
    bool r = g_strv_contains(list, ext);
    g_free(ext);
    return r;
}

bool nohin_archive_is_program(const char *name)
{
    static const char *const programs[] = {"jar",  "apk",  "xpi",  "war", "ear",
                                           "appx", "msix", "vsix", NULL};
    return ext_in(name, programs);
}

bool nohin_archive_is_document_name(const char *name)
{
    static const char *const documents[] = {"pptx", "pptm", "ppsx", "ppsm", "potx", "odt",
                                            "ods",  "odp",  "odg",  "ott",  "epub", "kmz",
                                            "vsdx", "xps",  "oxps", "3mf",  "idml", NULL};
    return ext_in(name, documents);
}

bool nohin_archive_is_package(nohin_zip *z)
{
    if (nohin_zip_has(z, "mimetype")) return true; /* OpenDocument, EPUB */
    char *main = nohin_ooxml_main_part(z, NULL);
    bool r = main != NULL;
    g_free(main);
    return r;
}

bool nohin_archive_wanted(const char *path, const char *name)
{
    if (!nohin_archive_zip_magic(path) || nohin_archive_is_program(name) ||
        nohin_archive_is_document_name(name))
        return false;
    nohin_zip *z = nohin_zip_open(path, NULL);
    if (!z) return true; /* a damaged zip: opening it reports why */
    bool pkg = nohin_archive_is_package(z);
    nohin_zip_close(z);
    return !pkg;
}

bool nohin_archive_budget_take(nohin_archive_budget *b, guint64 n)
{
    b->entries++;
    b->bytes += n;
    return b->entries <= NOHIN_ARCHIVE_MAX_ENTRIES && b->bytes <= NOHIN_ARCHIVE_MAX_TOTAL;
}
