/* What `nohin clean` changed and what still needs a person: fixlist.json and
 * fixlist.txt. Every entry names the rule, the input file, the place in it and,
 * for changes, the output file. */
#ifndef NOHIN_CLEAN_FIXLIST_H
#define NOHIN_CLEAN_FIXLIST_H

#include "nohin_internal.h"

typedef enum {
    NOHIN_FIX_CHANGED = 0, /* clean fixed it */
    NOHIN_FIX_MANUAL,      /* clean could not fix it safely: a person must */
    NOHIN_FIX_LEFT_OUT,    /* an input file not carried into the public bundle */
    NOHIN_FIX_REMAINING,   /* a finding of the lint run on the output */
    NOHIN_FIX_NOTE,        /* for information; does not change the exit code */
} nohin_fix_kind;

typedef struct {
    nohin_fix_kind kind;
    char *rule;     /* may be "" when no rule applies */
    char *file;     /* input file, bundle-relative ("" for the bundle) */
    char *output;   /* output file, relative to OUTDIR; may be NULL */
    char *location; /* human-readable ("p. 3", "Sheet1!B7"); may be NULL */
    char *message;  /* English or Japanese, per the selected language */
    char *severity; /* for REMAINING: the finding's severity; else NULL */
} nohin_fix;

typedef struct nohin_fixlist {
    GPtrArray *items; /* nohin_fix* */
    GMutex lock;
} nohin_fixlist;

nohin_fixlist *nohin_fixlist_new(void);
void nohin_fixlist_free(nohin_fixlist *fl);
/* Adds an entry; file/output/location may be NULL. Returns it (owned by fl). */
nohin_fix *nohin_fixlist_add(nohin_fixlist *fl, nohin_fix_kind kind, const char *rule,
                             const char *file, const char *output, const char *location,
                             const char *fmt, ...) G_GNUC_PRINTF(7, 8);
size_t nohin_fixlist_count(const nohin_fixlist *fl, nohin_fix_kind kind);
/* Drops the entries after the first len (those of a file that was then refused). */
void nohin_fixlist_truncate(nohin_fixlist *fl, guint len);
/* Number of entries of kind with rule. */
size_t nohin_fixlist_count_rule(const nohin_fixlist *fl, nohin_fix_kind kind, const char *rule);
/* Sorts entries (kind, file, rule, location, message) so output is deterministic. */
void nohin_fixlist_sort(nohin_fixlist *fl);
GString *nohin_fixlist_json(const nohin_fixlist *fl, int exit_code);
GString *nohin_fixlist_text(const nohin_fixlist *fl, int exit_code);

#endif
