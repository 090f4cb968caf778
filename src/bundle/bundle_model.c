/* Classifying the files of a bundle. */
#include <string.h>
#include "bundle/bundle_model.h"
#include "bundle/captions.h"
#include "readers/xlsx_first_sheet.h"
#include "bundle/zip_input.h"
#include "readers/docx_reader.h"

#define FORM_SNIFF_MAX_BYTES                                                                       \
    (4u * 1024u * 1024u) /* forms are small; data workbooks are not sniffed */

/* Folded and without spaces, so "様式 １" is "様式1". */
static char *squash(const char *s)
{
    char *f = nohin_caption_fold(s);
    GString *out = g_string_new(NULL);
    for (const char *p = f; *p; p++)
        if (*p != ' ') g_string_append_c(out, *p);
    g_free(f);
    return g_string_free(out, FALSE);
}

static nohin_form_kind form_in_text(const char *text, bool names)
{
    char *s = squash(text);
    nohin_form_kind k = NOHIN_FORM_NONE;
    if ((names && strstr(s, "様式1")) || strstr(s, "骨子"))
        k = NOHIN_FORM_1;
    else if ((names && strstr(s, "様式2")) || strstr(s, "書誌情報"))
        k = NOHIN_FORM_2;
    else if ((names && strstr(s, "様式3")) || strstr(s, "二次利用未承諾"))
        k = NOHIN_FORM_3;
    g_free(s);
    return k;
}

nohin_form_kind nohin_bundle_form_by_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return form_in_text(slash ? slash + 1 : path, true);
}

static nohin_form_kind form_by_content(nohin_file *f)
{
    if (f->bytes > FORM_SNIFF_MAX_BYTES) return NOHIN_FORM_NONE;
    nohin_form_kind k = NOHIN_FORM_NONE;
    if (f->format == NOHIN_FMT_DOCX) {
        nohin_docx *d = nohin_docx_of(f);
        for (guint i = 0; i < d->paras->len && i < 20 && !k; i++) {
            const char *t = ((nohin_docx_para *)d->paras->pdata[i])->text;
            char *s = squash(t);
            if (strstr(s, "委託調査報告書骨子")) k = NOHIN_FORM_1;
            g_free(s);
        }
    } else if (f->format == NOHIN_FMT_XLSX) {
        nohin_form_sheet *s = nohin_form_sheet_read(f->abspath);
        for (guint r = 0; r < 10 && !k; r++)
            for (guint c = 0; c < 10 && !k; c++) {
                const char *t = nohin_form_sheet_cell(s, r, c);
                if (!t) continue;
                nohin_form_kind got = form_in_text(t, false);
                if (got == NOHIN_FORM_2 || got == NOHIN_FORM_3) k = got;
            }
        nohin_form_sheet_free(s);
    }
    return k;
}

nohin_form_kind nohin_bundle_form_of(nohin_file *f)
{
    if (nohin_bundle_is_junk(f, NULL) || nohin_bundle_is_config(f)) return NOHIN_FORM_NONE;
    nohin_form_kind k = nohin_bundle_form_by_name(f->path);
    if (k || f->status != NOHIN_STATUS_OK) return k;
    /* sniffed once: four bundle checks and clean ask about every workbook */
    int *known = nohin_file_reader(f, NOHIN_READER_FORM);
    if (!known) {
        known = g_new(int, 1);
        *known = (int)form_by_content(f);
        nohin_file_set_reader(f, NOHIN_READER_FORM, known, g_free);
    }
    return (nohin_form_kind)*known;
}

static bool ext_is(const char *ext, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(ext, *list)) return true;
    return false;
}

bool nohin_bundle_is_junk(const nohin_file *f, const char **why)
{
    const char *w = NULL;
    const char *base = nohin_file_basename(f);
    char *lower = g_utf8_strdown(base, -1);
    char *with_slashes = g_strconcat("/", f->path, "/", NULL);
    if (g_str_has_prefix(base, "~$"))
        w = N_("Office lock file (it holds the name of the person editing)");
    else if (strstr(with_slashes, "/__MACOSX/"))
        w = N_("macOS archive metadata (__MACOSX)");
    else if (strstr(with_slashes, "/.git/") || strstr(with_slashes, "/.svn/") ||
             strstr(with_slashes, "/.hg/") || strstr(with_slashes, "/.vscode/") ||
             strstr(with_slashes, "/.idea/"))
        w = N_("version-control or editor folder (.git, .svn, .vscode …)");
    else if (g_str_has_prefix(base, "._"))
        w = N_("macOS resource fork (._ file)");
    else if (!strcmp(lower, ".ds_store"))
        w = N_("macOS folder settings (.DS_Store)");
    else if (!strcmp(lower, "thumbs.db") || !strcmp(lower, "ehthumbs.db"))
        w = N_("Windows thumbnail cache (Thumbs.db)");
    else if (!strcmp(lower, "desktop.ini"))
        w = N_("Windows folder settings (desktop.ini)");
    else if (g_str_has_prefix(base, ".~lock.") || (base[0] == '#' && g_str_has_suffix(base, "#")))
        w = N_("editor lock file");
    else if (g_str_has_suffix(base, "~") || g_str_has_suffix(lower, ".bak") ||
             g_str_has_suffix(lower, ".swp") || g_str_has_suffix(lower, ".tmp") ||
             g_str_has_suffix(lower, ".wbk") || g_str_has_suffix(lower, ".asd") ||
             g_str_has_suffix(lower, ".orig"))
        w = N_("editor backup or temporary file");
    g_free(lower);
    g_free(with_slashes);
    if (why) *why = w;
    return w != NULL;
}

bool nohin_bundle_is_executable(const nohin_file *f, const char **why)
{
    static const char *const programs[] = {"exe", "dll", "com", "scr", "pif", "msi", "msp",   "cpl",
                                           "sys", "jar", "app", "apk", "elf", "so",  "dylib", NULL};
    static const char *const scripts[] = {"bat", "cmd", "ps1",     "psm1", "vbs", "vbe",  "js",
                                          "jse", "wsf", "wsh",     "hta",  "sh",  "bash", "py",
                                          "pl",  "rb",  "command", "reg",  "scf", "inf",  NULL};
    static const char *const shortcuts[] = {"lnk", "url", "website", "webloc", "desktop", NULL};
    static const char *const macros[] = {"xlsm", "xltm", "xlam", "xlsb", "docm", "dotm",
                                         "pptm", "potm", "ppsm", "ppam", "sldm", NULL};
    const char *w = NULL;
    char *ext = nohin_file_extension(f->path);
    const char *magic = f->magic ? f->magic : "";
    if (ext_is(ext, programs) || g_str_has_prefix(magic, "PE32") ||
        g_str_has_prefix(magic, "ELF") || g_str_has_prefix(magic, "Mach-O") ||
        g_str_has_prefix(magic, "MS-DOS executable"))
        w = N_("program");
    else if (ext_is(ext, shortcuts) || strstr(magic, "MS Windows shortcut"))
        w = N_("shortcut");
    else if (ext_is(ext, scripts) || (strstr(magic, "script") && strstr(magic, "executable")) ||
             strstr(magic, "batch file"))
        w = N_("script");
    else if (ext_is(ext, macros))
        w = N_("macro-enabled Office file");
    g_free(ext);
    if (why) *why = w;
    return w != NULL;
}

bool nohin_bundle_is_container(const nohin_file *f)
{
    return nohin_zip_input_of(f) != NULL;
}

bool nohin_bundle_is_config(const nohin_file *f)
{
    return !g_ascii_strcasecmp(nohin_file_basename(f), "nohin.ini") ||
           g_str_has_prefix(f->path, NOHIN_CLEAN_RECORD_DIR "/");
}

bool nohin_bundle_is_image(const nohin_file *f)
{
    return f->mime && g_str_has_prefix(f->mime, "image/");
}

bool nohin_bundle_is_report_pdf(nohin_file *f)
{
    return f->format == NOHIN_FMT_PDF && !nohin_bundle_is_junk(f, NULL) &&
           nohin_bundle_form_by_name(f->path) == NOHIN_FORM_NONE;
}

bool nohin_bundle_is_data(nohin_file *f)
{
    return f->format != NOHIN_FMT_PDF && !nohin_bundle_is_junk(f, NULL) &&
           !nohin_bundle_is_executable(f, NULL) && !nohin_bundle_is_container(f) &&
           !nohin_bundle_is_config(f) && nohin_bundle_form_by_name(f->path) == NOHIN_FORM_NONE;
}

void nohin_bundle_shape_of(const nohin_bundle *b, nohin_bundle_shape *out)
{
    memset(out, 0, sizeof *out);
    for (guint i = 0; i < b->files->len; i++) {
        const nohin_file *f = b->files->pdata[i];
        if (f->folder_role == NOHIN_ROLE_PUBLIC) out->has_public = true;
        if (f->folder_role == NOHIN_ROLE_INTERNAL) out->has_internal = true;
        if (nohin_bundle_form_by_name(f->path)) out->has_forms = true;
    }
}

char *nohin_bundle_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? g_strndup(path, (gsize)(slash - path)) : g_strdup("");
}
