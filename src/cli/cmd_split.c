/* nohin split REPORT.pdf -o DIR: the parts a report over 001 §5(1)'s limits
 * must be cut into (the ranges lint's LIMIT-* findings propose). */
#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include "clean/outdir.h"
#include "commands.h"
#include "split/split_pdf.h"

int nohin_cmd_split(int argc, char **argv)
{
    char *output = NULL, *title = NULL, *author = NULL, *lang = NULL;
    gboolean always = FALSE;
    char **paths = NULL;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
         N_("folder for the parts (created; must not hold parts of the same name)"), "DIR"},
        {"title", 0, 0, G_OPTION_ARG_STRING, &title,
         N_("title of the parts (default: the report's own title)"), "TEXT"},
        {"author", 0, 0, G_OPTION_ARG_STRING, &author, N_("author of the parts (the organisation)"),
         "TEXT"},
        {"always", 0, 0, G_OPTION_ARG_NONE, &always,
         N_("write parts even when the report is within the limits"), NULL},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("language of messages: ja, en"), "LANG"},
        {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("REPORT.pdf")},
        {NULL}};
    for (GOptionEntry *e = entries; e->long_name; e++)
        if (e->description) e->description = _(e->description);
    GOptionContext *oc = g_option_context_new(
        _("REPORT.pdf -o DIR — split a report over 1,000 pages, 4,000,000 characters or "
          "128 MB into parts"));
    g_option_context_add_main_entries(oc, entries, NULL);
    GError *err = NULL;
    int rc = NOHIN_EXIT_USAGE;
    GArray *plan = NULL;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    if (!nohin_cli_parse(oc, &argc, &argv)) goto out;
    if (!paths || !paths[0] || paths[1] || !output || !*output) {
        nohin_cli_error(_("split needs one REPORT.pdf and -o DIR"));
        goto out;
    }
    bool over = false;
    plan = nohin_split_plan_for(paths[0], &over, &err);
    if (!plan) {
        char *m = nohin_escape_controls(err ? err->message : "?");
        nohin_cli_error("%s: %s", paths[0], m);
        g_free(m);
        goto out;
    }
    if (!over && !always) {
        printf(_("%s is within the limits: nothing to split.\n"), paths[0]);
        rc = 0;
        goto out;
    }
    if (g_mkdir_with_parents(output, 0755) != 0) {
        nohin_cli_error("%s: %s", output, g_strerror(errno));
        goto out;
    }
    char *stem = g_path_get_basename(paths[0]), *dot = strrchr(stem, '.');
    if (dot && dot != stem) *dot = '\0';
    GArray *dropped = g_array_new(FALSE, TRUE, sizeof(int));
    bool ok =
        nohin_split_pdf_counted(paths[0], output, stem, plan, title, author, names, dropped, &err);
    g_free(stem);
    if (!ok) {
        g_array_free(dropped, TRUE);
        char *m = nohin_escape_controls(err ? err->message : "?");
        nohin_cli_error("%s", m);
        g_free(m);
        goto out;
    }
    for (guint i = 0; i < names->len; i++) {
        const nohin_split_range *r = &g_array_index(plan, nohin_split_range, i);
        char *n = nohin_escape_controls(names->pdata[i]);
        printf(_("%s: pages %d–%d\n"), n, r->first + 1, r->last + 1);
        if (i < dropped->len && g_array_index(dropped, int, i) > 0)
            printf(_("  links into other parts removed: %d (their pages are not in this part)\n"),
                   g_array_index(dropped, int, i));
        g_free(n);
    }
    g_array_free(dropped, TRUE);
    rc = 0;
out:
    g_clear_error(&err);
    if (plan) g_array_free(plan, TRUE);
    g_ptr_array_free(names, TRUE);
    g_option_context_free(oc);
    g_free(output);
    g_free(title);
    g_free(author);
    g_free(lang);
    g_strfreev(paths);
    return rc;
}
