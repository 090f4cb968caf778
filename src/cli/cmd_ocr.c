/* nohin ocr IN.pdf -o OUT.pdf: an invisible text layer on the pages without one. */
#include <stdio.h>
#include "commands.h"
#include "ocr/ocr.h"

int nohin_cmd_ocr(int argc, char **argv)
{
    char *output = NULL, *lang = NULL, *languages = NULL;
    gint threads = 0, dpi = 0, page_timeout = NOHIN_OCR_DEFAULT_PAGE_TIMEOUT,
         max_pages = NOHIN_OCR_DEFAULT_MAX_PAGES;
    gdouble min_conf = NOHIN_OCR_DEFAULT_MIN_CONFIDENCE;
    gboolean force = FALSE, quiet = FALSE;
    char **paths = NULL;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
         N_("PDF to write (must not exist unless --force)"), "OUT.pdf"},
        {"force", 0, 0, G_OPTION_ARG_NONE, &force, N_("replace an existing OUT.pdf atomically"),
         NULL},
        {"languages", 'l', 0, G_OPTION_ARG_STRING, &languages,
         N_("Tesseract languages (default jpn+eng)"), "LANGS"},
        {"jobs", 'j', 0, G_OPTION_ARG_INT, &threads,
         N_("pages recognised at once (default: all cores)"), "N"},
        {"dpi", 0, 0, G_OPTION_ARG_INT, &dpi,
         N_("render resolution (default 300, or the scan's own resolution)"), "DPI"},
        {"min-confidence", 0, 0, G_OPTION_ARG_DOUBLE, &min_conf,
         N_("mean word confidence (0–100) below which a page is reported unreliable (default 70)"),
         "PERCENT"},
        {"page-timeout", 0, 0, G_OPTION_ARG_INT, &page_timeout,
         N_("seconds of recognition per page before it stops and is reported (default 180, 0: "
            "none)"),
         "S"},
        {"max-pages", 0, 0, G_OPTION_ARG_INT, &max_pages,
         N_("pages recognised at most; the rest are reported and left without text (default "
            "2000, 0: none)"),
         "N"},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("language of messages: ja, en"), "LANG"},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("no progress and no page summary"), NULL},
        {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("IN.pdf")},
        {NULL}};
    for (GOptionEntry *e = entries; e->long_name; e++)
        if (e->description) e->description = _(e->description);
    GOptionContext *oc = g_option_context_new(
        _("-o OUT.pdf — add invisible OCR text to the pages that have no text layer"));
    g_option_context_add_main_entries(oc, entries, NULL);
    GError *err = NULL;
    int rc = NOHIN_EXIT_USAGE;
    nohin_ocr_report r;
    nohin_ocr_report_init(&r);
    if (!g_option_context_parse(oc, &argc, &argv, &err)) {
        nohin_cli_error("%s", err->message);
        goto out;
    }
    if (!paths || !paths[0] || paths[1]) {
        nohin_cli_error(_("give exactly one IN.pdf"));
        goto out;
    }
    if (!output || !*output) {
        nohin_cli_error(_("no output file given (-o OUT.pdf)"));
        goto out;
    }
    if (page_timeout < 0 || max_pages < 0 || page_timeout > 86400) {
        nohin_cli_error(_("--page-timeout (0–86400) or --max-pages out of range"));
        goto out;
    }
    if (threads < 0 || dpi < 0 || (dpi && (dpi < 72 || dpi > 1200)) || min_conf < 0 ||
        min_conf > 100) {
        nohin_cli_error(_("--jobs, --dpi (72–1200) or --min-confidence (0–100) out of range"));
        goto out;
    }
    nohin_ocr_opts o;
    nohin_ocr_opts_init(&o);
    if (languages) o.languages = languages;
    o.threads = threads;
    o.dpi = dpi;
    o.min_confidence = min_conf;
    o.progress = !quiet;
    o.force = force;
    o.page_timeout = page_timeout;
    o.max_pages = max_pages;
    if (!nohin_ocr_pdf_file(paths[0], output, &o, &r, &err)) {
        nohin_cli_error("%s", err ? err->message : "error");
        goto out;
    }
    rc = NOHIN_EXIT_OK;
    for (guint i = 0; i < r.pages->len; i++) {
        const nohin_ocr_page *p = &g_array_index(r.pages, nohin_ocr_page, i);
        if (p->unreliable) rc = NOHIN_EXIT_FINDINGS;
        if (quiet) continue;
        if (p->timed_out)
            printf(_("OCR of page %d stopped after %d s: its text is partial; check the page or "
                     "raise --page-timeout."),
                   p->page, page_timeout);
        else if (p->words == 0)
            printf(_("OCR found no text on page %d: check the scan (a blank or unreadable page)."),
                   p->page);
        else if (p->unreliable)
            printf(_("OCR text is unreliable on page %d: check or re-scan (mean word confidence "
                     "%.0f %%, below %.0f %%)."),
                   p->page, p->confidence, min_conf);
        else
            printf(_("Invisible OCR text added to page %d (%d characters, mean word confidence "
                     "%.0f %%)."),
                   p->page, p->chars, p->confidence);
        printf(" [%d dpi%s]\n", p->dpi, p->vertical ? ", jpn_vert" : "");
    }
    if (r.skipped > 0) {
        rc = NOHIN_EXIT_FINDINGS;
        printf(_("%d pages without text from page %d on were not recognised (more than "
                 "--max-pages %d): OCR them separately or raise the limit.\n"),
               r.skipped, r.first_skipped, max_pages);
    }
    if (!quiet)
        printf(_("%d of %d pages recognised; %d pages already had text and were left as they "
                 "were.\n"),
               (int)r.pages->len, r.n_pages, r.text_pages);
out:
    nohin_ocr_report_clear(&r);
    g_clear_error(&err);
    g_option_context_free(oc);
    g_free(output);
    g_free(lang);
    g_free(languages);
    g_strfreev(paths);
    return rc;
}
