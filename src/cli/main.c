/* nohin: the command line. Dispatches to a subcommand. */
#include <stdio.h>
#include <string.h>
#include "commands.h"

static const nohin_command commands[] = {
    {"lint", nohin_cmd_lint, N_("check a bundle, folder, zip or files and print the fix list")},
    {"rules", nohin_cmd_rules, N_("list every rule with severity, formats and spec clause")},
    {"init", nohin_cmd_init, N_("write a commented nohin.ini template")},
    {"clean", nohin_cmd_clean, N_("build the cleaned public (公表用) bundle into a new folder")},
    {"split", nohin_cmd_split, N_("split a report PDF over the size limits into parts")},
    {"baseline", nohin_cmd_baseline, N_("record the current findings as accepted (--baseline)")},
    {"intake", nohin_cmd_intake, N_("scan e-mailed submissions (.eml, mbox, Maildir) per message")},
    {"serve", nohin_cmd_serve, N_("run the checker as a web page for a department (docs/serve.md)")},
    {"ocr", nohin_cmd_ocr, N_("add invisible OCR text to the pages of a PDF that have none")},
    {"pack", nohin_cmd_pack, N_("write e-mail drafts of a bundle, each under the 10 MB limit")},
};

static const char *lang_from_args(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--lang") && i + 1 < argc) return argv[i + 1];
        if (g_str_has_prefix(argv[i], "--lang=")) return argv[i] + 7;
    }
    return NULL;
}

static void usage(FILE *out)
{
    fprintf(out, "%s\n\n", _("Usage: nohin COMMAND [OPTIONS] PATH…"));
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
    fprintf(out, "\n%s\n", _("Run `nohin COMMAND --help` for a command's options."));
}

int main(int argc, char **argv)
{
    const char *lang = lang_from_args(argc, argv);
    nohin_i18n_init(lang);
    if (lang && strcmp(lang, "ja") && strcmp(lang, "en")) {
        nohin_cli_error(_("unknown language '%s' (ja or en)"), lang);
        return NOHIN_EXIT_USAGE;
    }
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? NOHIN_EXIT_USAGE : NOHIN_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("nohin %s\n", NOHIN_VERSION);
        return NOHIN_EXIT_OK;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    nohin_cli_error(_("unknown command '%s'"), argv[1]);
    usage(stderr);
    return NOHIN_EXIT_USAGE;
}
