/* clean's XLSX rewriter: the streaming rewrite of a workbook into a new file. */
#include <glib/gstdio.h>
#include "clean/clean_xlsx.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = fuzz_write_input(data, size, "xlsx");
    char *out = g_strconcat(in, ".out.xlsx", NULL);
    g_unlink(out);
    nohin_fixlist *fl = nohin_fixlist_new();
    nohin_xlsx_clean_opts o = {.title = "t",
                               .creator = NULL,
                               .unhide = false,
                               .name = "input.xlsx",
                               .output_name = "out.xlsx"};
    GError *err = NULL;
    nohin_clean_xlsx(in, out, &o, fl, &err);
    g_clear_error(&err);
    nohin_fixlist_free(fl);
    g_unlink(out);
    g_free(out);
    return 0;
}
