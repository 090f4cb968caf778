/* XLSX-MALFORMED, XLSX-ENCRYPTED, XLSX-LEGACY: a workbook that cannot be read
 * is a clear finding, never a crash; nothing else can be verified in it. */
#include "readers/xlsx_reader.h"

static const nohin_rule rules[] = {
    {"XLSX-MALFORMED", NOHIN_SEV_ERROR, false,
     N_("Workbook that cannot be read or fully verified (damaged, or over a size limit)"),
     "001 §5(2)"},
    {"XLSX-ENCRYPTED", NOHIN_SEV_ERROR, false, N_("Workbook protected by a password to open"),
     "001 §5(2)"},
    {"XLSX-LEGACY", NOHIN_SEV_ERROR, false,
     N_("Legacy binary workbook (.xls, .xlsb) instead of .xlsx"), "001 §5(2)"},
    {NULL}};

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_xlsx *x = nohin_xlsx_of(file);
    nohin_finding *f = NULL;
    if (x->dtd_part)
        /* A DTD can declare external entities (file:///etc/passwd, http://…) or an
         * entity bomb; no OOXML producer writes one. Never expanded here. */
        nohin_emit(ctx, file, "XLSX-MALFORMED", nohin_loc_none(),
                   _("Open the workbook in Excel or LibreOffice and save it again; do not "
                     "publish it as it is."),
                   _("Part %s declares a DTD (DOCTYPE or entity declarations), which no "
                     "spreadsheet writes; it may fetch files or expand without limit."),
                   x->dtd_part);
    switch (x->status) {
    case NOHIN_XLSX_OK:
        for (guint i = 0; i < x->sheets->len; i++) {
            const nohin_xlsx_sheet *s = x->sheets->pdata[i];
            if (!s->scan_failed) continue;
            f = nohin_emit(ctx, file, "XLSX-MALFORMED", nohin_loc_sheet(s->name),
                           _("Open the workbook in Excel or LibreOffice and save it again."),
                           _("Sheet %s could not be read to the end; what follows the damage was "
                             "not checked."),
                           s->name);
        }
        return;
    case NOHIN_XLSX_ENCRYPTED:
        f = nohin_emit(ctx, file, "XLSX-ENCRYPTED", nohin_loc_none(),
                       _("Remove the password (File > Info > Protect Workbook > Encrypt with "
                         "Password, clear it) and save again."),
                       _("The workbook needs a password to open; it cannot be checked or "
                         "published."));
        break;
    case NOHIN_XLSX_LEGACY:
        f = nohin_emit(ctx, file, "XLSX-LEGACY", nohin_loc_none(),
                       _("Save the workbook as Excel Workbook (.xlsx)."),
                       _("The file is a %s; only .xlsx workbooks can be checked."), x->error);
        break;
    case NOHIN_XLSX_DAMAGED:
        f = nohin_emit(ctx, file, "XLSX-MALFORMED", nohin_loc_none(),
                       _("Open the workbook in Excel or LibreOffice and save it again."),
                       _("The workbook cannot be read: %s."), x->error);
        break;
    }
    if (f) nohin_file_mark_unreadable(file, x->error);
}

NOHIN_CHECK(xlsx_open) = {.name = "xlsx_open",
                          .rules = rules,
                          .formats = NOHIN_FMT_XLSX,
                          .roles = NOHIN_ROLE_ANY,
                          .run_file = run};
