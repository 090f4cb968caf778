/* BUNDLE-ZIP: what could not be taken out of a bundle zip, so was not checked. */
#include "bundle/zip_input.h"

static const nohin_rule rules[] = {
    {"BUNDLE-ZIP", NOHIN_SEV_ERROR, false,
     N_("Zip member that cannot be checked: unsafe name, password, damage or over the limits"),
     "000 §16, 001 §6"},
    {NULL}};

static const char *fix_for(nohin_zip_problem_kind k)
{
    switch (k) {
    case NOHIN_ZIP_PROBLEM_ENCRYPTED:
        return _("Send the zip without a password (a password zip cannot be checked), or send "
                 "the password separately and check the unpacked folder.");
    case NOHIN_ZIP_PROBLEM_UNSAFE:
        return _("Make the zip again from the bundle folder; member names must stay inside it "
                 "and links are not allowed.");
    case NOHIN_ZIP_PROBLEM_LIMIT:
        return _("Check the member: it inflates far beyond its size, like a zip bomb; send the "
                 "files unpacked or split.");
    case NOHIN_ZIP_PROBLEM_DEPTH:
        return _("Unpack the inner archives and send their files in the bundle folder.");
    default:
        return _("Make the zip again from the bundle folder with a current zip program.");
    }
}

static const char *what(nohin_zip_problem_kind k)
{
    switch (k) {
    case NOHIN_ZIP_PROBLEM_OPEN:
        return _("the zip cannot be opened");
    case NOHIN_ZIP_PROBLEM_UNSAFE:
        return _("the member's path leaves the folder or is a link");
    case NOHIN_ZIP_PROBLEM_ENCRYPTED:
        return _("the member is protected by a password");
    case NOHIN_ZIP_PROBLEM_LIMIT:
        return _("the member exceeds the size or compression-ratio limits");
    case NOHIN_ZIP_PROBLEM_NAME:
        return _("the member's name is not readable (neither UTF-8 nor Shift_JIS) or repeats");
    case NOHIN_ZIP_PROBLEM_DEPTH:
        return _("the archive lies inside too many other archives to be opened and checked");
    default:
        return _("the member is damaged");
    }
}

static void run(nohin_ctx *ctx, nohin_file *file)
{
    const nohin_zip_input *in = nohin_zip_input_of(file);
    if (!in) return;
    for (guint i = 0; i < in->problems->len; i++) {
        const nohin_zip_problem *p = in->problems->pdata[i];
        nohin_finding *f =
            *p->member ? nohin_emit(ctx, file, "BUNDLE-ZIP", nohin_loc_none(), fix_for(p->kind),
                                    _("%s: %s; it was not checked."), p->member, what(p->kind))
                       : nohin_emit(ctx, file, "BUNDLE-ZIP", nohin_loc_none(), fix_for(p->kind),
                                    _("%s; nothing in it was checked."), what(p->kind));
        nohin_finding_set_evidence(f, "%s", p->detail);
    }
}

NOHIN_CHECK(bundle_zip) = {.name = "bundle_zip",
                           .rules = rules,
                           .formats = NOHIN_FMT_ANY,
                           .roles = NOHIN_ROLE_ANY,
                           .run_file = run};
