/* The hook `nohin clean` calls on the public PDF it has just written. */
#include <errno.h>
#include <glib/gstdio.h>
#include "ocr/ocr.h"

static gint clean_enabled = 1;

void nohin_ocr_set_clean_enabled(bool on)
{
    g_atomic_int_set(&clean_enabled, on ? 1 : 0);
}

void nohin_ocr_clean_pdf(const char *path, const char *file, const char *output_name,
                         nohin_fixlist *fl)
{
    if (!g_atomic_int_get(&clean_enabled)) return;
    nohin_ocr_opts o;
    nohin_ocr_opts_init(&o);
    o.progress = true;
    o.force = true;
    nohin_ocr_report r;
    nohin_ocr_report_init(&r);
    char *tmp = g_strconcat(path, ".ocr", NULL);
    GError *err = NULL;
    if (!nohin_ocr_pdf_file(path, tmp, &o, &r, &err)) {
        nohin_fixlist_add(fl, NOHIN_FIX_MANUAL, "PDF-TEXT-LAYER", file, output_name, NULL,
                          _("OCR could not run (%s): pages without text keep no text layer."),
                          err ? err->message : "?");
        g_clear_error(&err);
        g_unlink(tmp);
    } else if (r.pages->len == 0) {
        g_unlink(tmp); /* every page has text: the cleaned file stays as it was */
    } else if (g_rename(tmp, path) != 0) {
        nohin_fixlist_add(fl, NOHIN_FIX_MANUAL, "PDF-TEXT-LAYER", file, output_name, NULL,
                          _("OCR could not run (%s): pages without text keep no text layer."),
                          g_strerror(errno));
        g_unlink(tmp);
    } else {
        for (guint i = 0; i < r.pages->len; i++) {
            const nohin_ocr_page *p = &g_array_index(r.pages, nohin_ocr_page, i);
            char *loc = g_strdup_printf("p. %d", p->page);
            if (p->timed_out)
                nohin_fixlist_add(fl, NOHIN_FIX_MANUAL, "PDF-TEXT-LAYER", file, output_name, loc,
                                  _("OCR of page %d stopped after %d s: its text is partial; "
                                    "check the page or raise --page-timeout."),
                                  p->page, o.page_timeout);
            else if (p->words == 0)
                nohin_fixlist_add(fl, NOHIN_FIX_MANUAL, "PDF-TEXT-LAYER", file, output_name, loc,
                                  _("OCR found no text on page %d: check the scan (a blank or "
                                    "unreadable page)."),
                                  p->page);
            else if (p->unreliable)
                nohin_fixlist_add(fl, NOHIN_FIX_MANUAL, "PDF-TEXT-LAYER", file, output_name, loc,
                                  _("OCR text is unreliable on page %d: check or re-scan "
                                    "(mean word confidence %.0f %%, below %.0f %%)."),
                                  p->page, p->confidence, o.min_confidence);
            else
                nohin_fixlist_add(fl, NOHIN_FIX_CHANGED, "PDF-TEXT-LAYER", file, output_name, loc,
                                  _("Invisible OCR text added to page %d (%d characters, mean "
                                    "word confidence %.0f %%)."),
                                  p->page, p->chars, p->confidence);
            g_free(loc);
        }
        if (r.skipped > 0)
            nohin_fixlist_add(fl, NOHIN_FIX_MANUAL, "PDF-TEXT-LAYER", file, output_name, NULL,
                              _("%d pages without text from page %d on were not recognised (more "
                                "than --max-pages %d): OCR them separately or raise the limit."),
                              r.skipped, r.first_skipped, o.max_pages);
    }
    g_free(tmp);
    nohin_ocr_report_clear(&r);
}
