/* See report_opts.h. */
#include "report_opts.h"

void nohin_cli_report_opts_add(GOptionContext *oc, nohin_cli_report_opts *o,
                               const char *format_help, const char *profile_help)
{
    GOptionEntry entries[] = {
        {"format", 'f', 0, G_OPTION_ARG_STRING, &o->format, format_help, "FMT"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output, N_("write the report to FILE"),
         "FILE"},
        {"force", 0, 0, G_OPTION_ARG_NONE, &o->force, N_("replace an existing output file"), NULL},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &o->lang, N_("language of messages: ja, en"), "LANG"},
        {"profile", 0, 0, G_OPTION_ARG_STRING, &o->profile, profile_help, "ROLE"},
        {"fail-on", 0, 0, G_OPTION_ARG_STRING, &o->fail_on,
         N_("lowest severity that makes the exit code 1: error (default), warning, info"), "SEV"},
        {"config", 'c', 0, G_OPTION_ARG_FILENAME, &o->config, N_("nohin.ini to use"), "FILE"},
        {NULL}};
    for (GOptionEntry *e = entries; e->long_name; e++)
        e->description = _(e->description);
    g_option_context_add_main_entries(oc, entries, NULL); /* copies the table */
}

bool nohin_cli_report_opts_parse(const nohin_cli_report_opts *o, nohin_report_format *fmt,
                                 nohin_role *role, nohin_severity *fail_on)
{
    if (o->format && !nohin_report_format_parse(o->format, fmt)) {
        nohin_cli_error(_("unknown format '%s'"), o->format);
        return false;
    }
    return nohin_cli_parse_profile(o->profile, role) &&
           nohin_cli_parse_fail_on(o->fail_on, fail_on);
}

void nohin_cli_report_opts_clear(nohin_cli_report_opts *o)
{
    g_free(o->format);
    g_free(o->output);
    g_free(o->lang);
    g_free(o->profile);
    g_free(o->fail_on);
    g_free(o->config);
}
