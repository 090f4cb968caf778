/* nohin clean BUNDLE -o OUTDIR: the public bundle. */
#include <stdio.h>
#include <string.h>
#include "bundle/bundle_model.h"
#include "clean/clean.h"
#include "clean/outdir.h"
#include "commands.h"
#include "ocr/ocr.h"

/* The message names input files: control characters in them are shown escaped. */
static void error_escaped(const GError *err)
{
    char *m = nohin_escape_controls(err ? err->message : "error");
    nohin_cli_error("%s", m);
    g_free(m);
}

int nohin_cmd_clean(int argc, char **argv)
{
    char *output = NULL, *lang = NULL, *config = NULL, *data_folder = NULL, *profile = NULL;
    char *single = NULL;
    gboolean force = FALSE, unhide = FALSE, normalize_csv = FALSE, quiet = FALSE, no_ocr = FALSE;
    char **paths = NULL;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
         N_("folder to create for the public bundle (must not exist)"), "OUTDIR"},
        {"force", 0, 0, G_OPTION_ARG_NONE, &force, N_("replace an existing OUTDIR atomically"),
         NULL},
        {"unhide", 0, 0, G_OPTION_ARG_NONE, &unhide,
         N_("show hidden rows and columns instead of deleting them"), NULL},
        {"normalize-csv", 0, 0, G_OPTION_ARG_NONE, &normalize_csv,
         N_("write CSV as UTF-8 with BOM and CRLF line ends"), NULL},
        {"data-folder", 0, 0, G_OPTION_ARG_STRING, &data_folder,
         N_("name of the data folder (default 図表等データ)"), "NAME"},
        {"profile", 0, 0, G_OPTION_ARG_STRING, &profile,
         N_("role of files outside a 公表用/非公表 folder: public (default), internal"), "ROLE"},
        {"file", 0, 0, G_OPTION_ARG_FILENAME, &single,
         N_("clean one PDF or XLSX file into the file -o names (no bundle steps, no lint)"),
         "FILE"},
        {"config", 'c', 0, G_OPTION_ARG_FILENAME, &config, N_("nohin.ini to use"), "FILE"},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("language of messages: ja, en"), "LANG"},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("no progress on stderr"), NULL},
        {"no-ocr", 0, 0, G_OPTION_ARG_NONE, &no_ocr,
         N_("do not add OCR text to public PDF pages that have no text layer"), NULL},
        {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("BUNDLE…")},
        {NULL}};
    for (GOptionEntry *e = entries; e->long_name; e++)
        if (e->description) e->description = _(e->description);
    GOptionContext *oc =
        g_option_context_new(_("BUNDLE… -o OUTDIR — build the cleaned public (公表用) bundle"));
    g_option_context_add_main_entries(oc, entries, NULL);
    GError *err = NULL;
    int rc = NOHIN_EXIT_USAGE;
    nohin_clean_options o;
    nohin_clean_options_init(&o);
    if (!nohin_cli_parse(oc, &argc, &argv)) goto out;
    nohin_ocr_set_clean_enabled(!no_ocr);
    if (single) {
        if (!output || !*output || (paths && paths[0])) {
            nohin_cli_error(_("--file needs -o OUT and no BUNDLE"));
            goto out;
        }
        o.force = force;
        o.unhide = unhide;
        o.config_path = config;
        rc = nohin_clean_one_file(single, output, &o, quiet ? NULL : stdout, &err);
        if (rc == 2) error_escaped(err);
        goto out;
    }
    if (!paths || !paths[0]) {
        nohin_cli_error(_("no BUNDLE given"));
        goto out;
    }
    if (!output || !*output) {
        nohin_cli_error(_("no output folder given (-o OUTDIR)"));
        goto out;
    }
    if (data_folder && (!*data_folder || strchr(data_folder, '/') || !strcmp(data_folder, "..") ||
                        !strcmp(data_folder, "."))) {
        nohin_cli_error(_("the data folder must be a plain folder name"));
        goto out;
    }
    if (!nohin_cli_parse_profile(profile, &o.default_role)) goto out;
    o.force = force;
    o.unhide = unhide;
    o.normalize_csv = normalize_csv;
    o.data_folder = data_folder;
    o.config_path = config;
    o.quiet = quiet;
    rc = nohin_clean_bundle((const char *const *)paths, g_strv_length(paths), output, &o, &err);
    if (rc == 2) {
        error_escaped(err);
    } else {
        char *fl = g_build_filename(output, NOHIN_CLEAN_RECORD_DIR, "fixlist.txt", NULL);
        char *text = NULL;
        if (!quiet && g_file_get_contents(fl, &text, NULL, NULL)) fputs(text, stdout);
        g_free(text);
        g_free(fl);
    }
out:
    g_clear_error(&err);
    g_option_context_free(oc);
    g_free(output);
    g_free(lang);
    g_free(config);
    g_free(data_folder);
    g_free(profile);
    g_free(single);
    g_strfreev(paths);
    return rc;
}
