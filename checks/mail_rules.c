/* MAIL-*: rules of `nohin intake` (e-mailed submissions). Intake emits them itself
 * (src/intake/) while it unpacks messages; they are registered here so that
 * `nohin rules` lists them and nohin_emit knows their severity. MAIL-UNSCANNABLE
 * also stands for "could not be read safely" in `lint --isolate` for formats
 * without a *-MALFORMED rule of their own. */
#include "nohin_internal.h"

static const nohin_rule rules[] = {
    {"MAIL-SIZE", NOHIN_SEV_ERROR, false,
     N_("E-mail message larger than 10 MB (split the submission over several mails)"), "002 §6(4)"},
    {"MAIL-ENCRYPTED-ARCHIVE", NOHIN_SEV_ERROR, false,
     N_("Password-protected archive attached (PPAP): it cannot be checked"), "001 §6, 000 §16"},
    {"MAIL-UNSCANNABLE", NOHIN_SEV_ERROR, false,
     N_("Attachment that could not be read safely (crash, timeout, limit or unsupported wrapper)"),
     "000 §16"},
    {"MAIL-INCOMPLETE", NOHIN_SEV_ERROR, false,
     N_("Submission split over several mails with a mail missing (counter 1..n incomplete)"),
     "002 §6(4)"},
    {"MAIL-EXECUTABLE", NOHIN_SEV_ERROR, false,
     N_("Executable program or script attached, directly or inside an archive"), "000 §16"},
    {NULL}};

NOHIN_CHECK(mail_rules) = {
    .name = "mail_rules", .rules = rules, .formats = 0, .roles = NOHIN_ROLE_ANY};
