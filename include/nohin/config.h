/* Per-bundle configuration (nohin.ini, a GLib key file). */
#ifndef NOHIN_CONFIG_H
#define NOHIN_CONFIG_H

#include <glib.h>
#include "nohin/types.h"

typedef struct nohin_config {
    char *organisation;       /* [bundle] organisation */
    char *title;              /* [bundle] title */
    char **public_folders;    /* [bundle] public_folders; default 公表用, public */
    char **internal_folders;  /* [bundle] internal_folders; default 非公表, internal */
    char **pii_allow_values;  /* [pii] allow_values */
    char **pii_allow_domains; /* [pii] allow_email_domains */
    char **pii_allow_phones;  /* [pii] allow_phones */
    char **disabled_rules;    /* [rules] disable */
    GHashTable *severity; /* [severity] RULE=error|warning|info : char* -> GINT_TO_POINTER(sev+1) */
    char **warnings;      /* unknown keys and bad values, reported as CONFIG findings */
    GPtrArray *waivers; /* nohin_waiver* from [waive] / [waive NAME] groups (src/core/baseline.h) */
    char *source;       /* path it was loaded from, NULL for defaults */
} nohin_config;

nohin_config *nohin_config_new_default(void);
/* Loads path into a new config. Unknown keys become warnings, not errors. */
nohin_config *nohin_config_load(const char *path, GError **error);
void nohin_config_free(nohin_config *cfg);
bool nohin_config_rule_disabled(const nohin_config *cfg, const char *rule);
/* Severity override for rule, or -1 when none. */
int nohin_config_severity(const nohin_config *cfg, const char *rule);
/* Writes the commented template to path; refuses (G_IO_ERROR_EXISTS) to overwrite. */
bool nohin_config_write_template(const char *path, GError **error);

#endif
