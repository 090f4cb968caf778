/* PDF-TEXT-LAYER and PDF-TEXT-GARBLED: the public PDF must carry transparent text
 * (透明テキスト付) that a machine can read. */
#include "readers/pdf_reader.h"
#include "readers/pdf_text_stats.h"

static const nohin_rule rules[] = {
    {"PDF-TEXT-LAYER", NOHIN_SEV_ERROR, false,
     N_("Page without an extractable text layer (a scan or text turned into outlines)"),
     "001 §5(2), 002 §6"},
    {"PDF-TEXT-GARBLED", NOHIN_SEV_ERROR, false,
     N_("Page whose text does not map to Unicode (private-use, U+FFFD or control characters)"),
     "001 §5(2)"},
    {NULL}};

/* One finding per run of consecutive pages, so a scanned chapter is one line. */
static void emit_run(nohin_ctx *ctx, nohin_file *file, const char *rule, int first, int last)
{
    bool layer = !strcmp(rule, "PDF-TEXT-LAYER");
    const char *fix = layer
                          ? _("Run OCR on these pages (transparent text) or export them from the "
                              "original document instead of scanning or outlining the text.")
                          : _("Embed the fonts with a Unicode mapping (ToUnicode) when exporting, "
                              "or export from the original document again.");
    nohin_finding *f;
    if (first == last)
        f = nohin_emit(ctx, file, rule, nohin_loc_page(first), fix,
                       layer ? _("Page %d has no extractable text.")
                             : _("The text of page %d does not map to readable characters."),
                       first);
    else
        f = nohin_emit(ctx, file, rule, nohin_loc_page(first), fix,
                       layer ? _("Pages %d–%d have no extractable text.")
                             : _("The text of pages %d–%d does not map to readable characters."),
                       first, last);
    if (f) nohin_finding_set_evidence(f, "pages=%d-%d", first, last);
}

static void scan_runs(nohin_ctx *ctx, nohin_file *file, const char *rule, const bool *flag, int n)
{
    for (int i = 0; i < n; i++) {
        if (!flag[i]) continue;
        int j = i;
        while (j + 1 < n && flag[j + 1])
            j++;
        emit_run(ctx, file, rule, i + 1, j + 1);
        i = j;
    }
}

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_pdf *pdf = nohin_pdf_of(file);
    if (!pdf->doc) return;
    nohin_pdf_load_texts(file, ctx);
    bool *empty = g_new0(bool, pdf->n_pages + 1);
    bool *garbled = g_new0(bool, pdf->n_pages + 1);
    for (int i = 0; i < pdf->n_pages; i++) {
        empty[i] = nohin_pdf_text_lacks_layer(pdf->page_text[i]);
        garbled[i] = nohin_pdf_text_garbled(pdf->page_text[i]);
    }
    scan_runs(ctx, file, "PDF-TEXT-LAYER", empty, pdf->n_pages);
    scan_runs(ctx, file, "PDF-TEXT-GARBLED", garbled, pdf->n_pages);
    g_free(empty);
    g_free(garbled);
}

NOHIN_CHECK(pdf_text_layer) = {.name = "pdf_text_layer",
                               .rules = rules,
                               .formats = NOHIN_FMT_PDF,
                               .roles = NOHIN_ROLE_ANY,
                               .run_file = run};
