/* Shared between the engine (pattern, scanning) and the detectors (validators,
 * context). Not for checks: they use pii.h. */
#ifndef NOHIN_PII_INTERNAL_H
#define NOHIN_PII_INTERNAL_H

#include "pii.h"

typedef enum {
    G_EMAIL,
    G_WAREKI,
    G_WESTERN,
    G_POSTAL,
    G_PASSPORT,
    G_NUM,
    G_ADDR,
    G_LABEL,
    G_HON,
    G_COUNT
} pii_group;

typedef struct {
    pii_norm n;       /* normalised text of the piece */
    const char *orig; /* the piece's original bytes */
    size_t base;      /* offset of the piece in the caller's text */
    size_t skip;      /* original bytes of context before the caller's text */
    pii_hit_cb cb;
    void *user;
    bool stop;
    size_t last_name_start; /* a label and an honorific may find the same name */
    bool have_last_name;
} pii_state;

void pii_handle(pii_state *st, pii_group g, size_t s, size_t e);
void pii_emit(pii_state *st, pii_kind kind, size_t ns, size_t ne, bool context, const char *suffix);
/* Canonical comparison key of normalised text for kind. Caller frees. */
char *pii_key(pii_kind kind, const char *norm, size_t len);
const char *pii_combined_pattern(void);

#endif
