/* nohin init [DIR]: write a commented nohin.ini; never replace one. */
#include <stdio.h>
#include <gio/gio.h>
#include "commands.h"

int nohin_cmd_init(int argc, char **argv)
{
    char *lang = NULL;
    char **rest = NULL;
    GOptionEntry entries[] = {
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("language of messages: ja, en"), "LANG"},
        {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, "[DIR]"},
        {NULL}};
    for (GOptionEntry *e = entries; e->long_name; e++) /* help in the user's language */
        if (e->description) e->description = _(e->description);
    GOptionContext *oc = g_option_context_new(_("— write a nohin.ini template"));
    g_option_context_add_main_entries(oc, entries, NULL);
    GError *err = NULL;
    int rc = NOHIN_EXIT_USAGE;
    if (!nohin_cli_parse(oc, &argc, &argv)) goto out;
    const char *dir = rest && rest[0] ? rest[0] : ".";
    char *path = g_build_filename(dir, "nohin.ini", NULL);
    if (nohin_config_write_template(path, &err)) {
        printf(_("wrote %s\n"), path);
        rc = NOHIN_EXIT_OK;
    } else if (g_error_matches(err, G_IO_ERROR, G_IO_ERROR_EXISTS)) {
        nohin_cli_error(_("%s exists; not overwritten"), path);
    } else {
        nohin_cli_error("%s", err->message);
    }
    g_free(path);
out:
    g_clear_error(&err);
    g_option_context_free(oc);
    g_free(lang);
    g_strfreev(rest);
    return rc;
}
