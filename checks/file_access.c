/* FILE-UNREADABLE, BUNDLE-SYMLINK, BUNDLE-SPECIAL-FILE: entries of the bundle that
 * were never read. Nothing may be skipped silently: a file the system would not let
 * us read may hold anything, a link may pull in a file from elsewhere, and a FIFO
 * or device has no place in a deliverable (and would hang a naive reader). */
#include <sys/stat.h>
#include "nohin_internal.h"

static const nohin_rule rules[] = {
    {"FILE-UNREADABLE", NOHIN_SEV_ERROR, false,
     N_("File or folder that could not be opened or read (permissions, I/O error)"), "000 §16"},
    {"BUNDLE-SYMLINK", NOHIN_SEV_INFO, false,
     N_("Symbolic link in the bundle (not followed; warning when it points outside)"), "001 §6"},
    {"BUNDLE-SPECIAL-FILE", NOHIN_SEV_ERROR, false,
     N_("Named pipe, device or socket in the bundle"), "001 §6"},
    {NULL}};

static void report_link(nohin_ctx *ctx, const nohin_file *f)
{
    nohin_finding *x;
    if (f->link_outside) {
        x = nohin_emit(ctx, f, "BUNDLE-SYMLINK", nohin_loc_none(),
                       _("Replace the link with the file itself, or remove it."),
                       _("%s is a symbolic link to a place outside the bundle; it was not "
                         "followed and its target was not checked."),
                       nohin_file_basename(f));
        nohin_finding_set_severity(ctx, x, NOHIN_SEV_WARNING);
    } else
        x = nohin_emit(ctx, f, "BUNDLE-SYMLINK", nohin_loc_none(),
                       _("Replace the link with a copy of the file, or remove it; archives and "
                         "portals often drop links."),
                       _("%s is a symbolic link inside the bundle; it was not followed (its "
                         "target is checked where it lies)."),
                       nohin_file_basename(f));
    /* only the last part of the target: a full path names the sender's account */
    if (f->link_target) {
        char *base = g_path_get_basename(f->link_target);
        nohin_finding_set_evidence(x, "-> %s", base);
        g_free(base);
    }
}

static void run(nohin_ctx *ctx, const nohin_bundle *bundle)
{
    for (guint i = 0; i < bundle->files->len; i++) {
        const nohin_file *f = bundle->files->pdata[i];
        if (f->status == NOHIN_STATUS_NO_ACCESS) {
            nohin_finding *x = nohin_emit(
                ctx, f, "FILE-UNREADABLE", nohin_loc_none(),
                _("Give read permission (or copy the file again) and run the check again."),
                _("%s could not be read, so nothing in it was checked."), nohin_file_basename(f));
            if (f->unreadable_reason) nohin_finding_set_evidence(x, "%s", f->unreadable_reason);
        } else if (f->status == NOHIN_STATUS_NOT_REGULAR && S_ISLNK(f->mode))
            report_link(ctx, f);
        else if (f->status == NOHIN_STATUS_NOT_REGULAR) {
            nohin_finding *x =
                nohin_emit(ctx, f, "BUNDLE-SPECIAL-FILE", nohin_loc_none(),
                           _("Remove it; a deliverable holds regular files and folders only."),
                           _("%1$s is a %2$s, not a file; it was not opened."),
                           nohin_file_basename(f), f->magic);
            nohin_finding_set_severity(ctx, x,
                                       nohin_by_role(f, NOHIN_SEV_ERROR, NOHIN_SEV_WARNING));
        }
    }
}

NOHIN_CHECK(file_access) = {.name = "file_access",
                            .rules = rules,
                            .formats = 0,
                            .roles = NOHIN_ROLE_ANY,
                            .run_bundle = run};
