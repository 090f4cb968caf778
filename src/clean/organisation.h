/* The organisation clean names as author of a bundle's outputs, and where it
 * comes from: nohin.ini's [bundle] organisation; else 様式2's 受注事業者名; else
 * the Author of a report PDF that lint did not take for a person. One decision
 * for clean (what it writes) and lint (whether "no author" is fixable). */
#ifndef NOHIN_CLEAN_ORGANISATION_H
#define NOHIN_CLEAN_ORGANISATION_H

#include "nohin_internal.h"

/* files: the bundle's nohin_file*, sorted by path; findings: lint's findings of
 * them (a report whose Author lint flagged as a person does not count). NULL when
 * none is known; *source (may be NULL) says where it came from (translated). */
char *nohin_clean_organisation(const nohin_config *cfg, const GPtrArray *files,
                               const GPtrArray *findings, const char **source);

#endif
