/* BUNDLE-TYPE-MISMATCH: the extension promises one format, the content is another.
 * A ".pdf" that is not a PDF is not trusted: it is checked as what it really is. */
#include <string.h>
#include "nohin_internal.h"

static const nohin_rule rules[] = {{"BUNDLE-TYPE-MISMATCH", NOHIN_SEV_ERROR, false,
                                    N_("File extension disagrees with the file's content"),
                                    "001 §5(2), 000 §16"},
                                   {NULL}};

typedef struct {
    const char *ext;
    nohin_format format;
} ext_format;

static const ext_format known[] = {
    {"pdf", NOHIN_FMT_PDF},   {"xlsx", NOHIN_FMT_XLSX}, {"xlsm", NOHIN_FMT_XLSX},
    {"xls", NOHIN_FMT_XLSX},  {"csv", NOHIN_FMT_CSV},   {"docx", NOHIN_FMT_DOCX},
    {"docm", NOHIN_FMT_DOCX}, {"doc", NOHIN_FMT_DOCX},  {"zip", NOHIN_FMT_ZIP},
};

static void run(nohin_ctx *ctx, nohin_file *file)
{
    char *ext = nohin_file_extension(file->path);
    for (size_t i = 0; i < G_N_ELEMENTS(known); i++) {
        if (strcmp(ext, known[i].ext) != 0) continue;
        if (file->format != known[i].format) {
            nohin_finding *f = nohin_emit(
                ctx, file, "BUNDLE-TYPE-MISMATCH", nohin_loc_none(),
                _("Save the file in the format its extension names, or correct the extension."),
                _("The name ends in .%s but the content is %s."), ext, nohin_content_label(file));
            nohin_finding_set_evidence(f, "%s", file->mime);
        }
        break;
    }
    g_free(ext);
}

NOHIN_CHECK(type_mismatch) = {.name = "type_mismatch",
                              .rules = rules,
                              .formats = NOHIN_FMT_ANY,
                              .roles = NOHIN_ROLE_ANY,
                              .run_file = run};
