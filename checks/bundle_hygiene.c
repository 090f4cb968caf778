/* BUNDLE-JUNK and BUNDLE-EXECUTABLE: files that must not be delivered at all.
 * Run over every file of the bundle, readable or not: a lock file is junk whatever
 * its content. */
#include "bundle/bundle_model.h"

static const nohin_rule rules[] = {
    {"BUNDLE-JUNK", NOHIN_SEV_ERROR, true,
     N_("Lock, backup or system file left in the bundle (~$, .DS_Store, Thumbs.db, __MACOSX)"),
     "001 §6"},
    {"BUNDLE-EXECUTABLE", NOHIN_SEV_ERROR, false,
     N_("Program, script, shortcut or macro-enabled Office file in the bundle"), "000 §16"},
    {NULL}};

static void run(nohin_ctx *ctx, const nohin_bundle *bundle)
{
    for (guint i = 0; i < bundle->files->len; i++) {
        nohin_file *f = bundle->files->pdata[i];
        const char *why = NULL;
        if (nohin_bundle_is_junk(f, &why)) {
            nohin_finding *x = nohin_emit(ctx, f, "BUNDLE-JUNK", nohin_loc_none(),
                                          _("Delete the file; it is not part of the deliverable."),
                                          _("%s: %s."), nohin_file_basename(f), _(why));
            /* Outside the public package it is untidy rather than a leak. */
            nohin_finding_set_severity(ctx, x,
                                       nohin_by_role(f, NOHIN_SEV_ERROR, NOHIN_SEV_WARNING));
        } else if (nohin_bundle_is_executable(f, &why)) {
            nohin_finding *x = nohin_emit(
                ctx, f, "BUNDLE-EXECUTABLE", nohin_loc_none(),
                _("Remove it; deliver documents and data only (save Office files as .docx/.xlsx "
                  "without macros)."),
                _("%s is a %s; the deliverable must not contain executable content."),
                nohin_file_basename(f), _(why));
            nohin_finding_set_evidence(x, "%s", f->magic ? f->magic : "");
        }
    }
}

NOHIN_CHECK(bundle_hygiene) = {.name = "bundle_hygiene",
                               .rules = rules,
                               .formats = 0,
                               .roles = NOHIN_ROLE_ANY,
                               .run_bundle = run};
