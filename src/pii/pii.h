/* Personal-data detector engine: one combined pcre2 pattern (JIT, compiled once,
 * shared by every thread) finds candidates in NFKC-normalised text; a validator
 * and context scoring per kind decide; hits come back with offsets into the
 * original text and a masked rendering. Nothing here prints a value. */
#ifndef NOHIN_PII_H
#define NOHIN_PII_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    PII_MY_NUMBER,
    PII_PHONE,
    PII_EMAIL,
    PII_ADDRESS,
    PII_POSTAL_CODE,
    PII_BIRTHDATE,
    PII_PASSPORT,
    PII_DRIVER_LICENSE,
    PII_BANK_ACCOUNT,
    PII_CARD,
    PII_PERSON_NAME,
    PII_KIND_COUNT
} pii_kind;

typedef struct {
    pii_kind kind;
    size_t start, end;  /* byte range in the original text */
    bool context;       /* a context word backs it (My Number: error vs warning) */
    const char *masked; /* masked rendering, valid during the callback */
    const char *key;    /* canonical value for allow-lists (digits only, lower-cased
                           address...), valid during the callback; never shown */
} pii_hit;

/* Return false to stop scanning. */
typedef bool (*pii_hit_cb)(const pii_hit *hit, void *user);

/* Scans text (UTF-8, need not be NUL-terminated; invalid bytes are tolerated).
 * Thread-safe. */
void pii_scan(const char *text, size_t len, pii_hit_cb cb, void *user);

/* Same, with context: text that comes before this one in the document but is
 * another piece (the cells to the left in a table row, a CSV line's earlier
 * fields). Context words there count (口座番号 | 1234567); no hit is reported in
 * the context itself, and offsets stay those of text. */
void pii_scan_with_context(const char *context, size_t context_len, const char *text, size_t len,
                           pii_hit_cb cb, void *user);

/* A plain number ("-12.5", "43832", "1.5E-3") that no detector can match: every
 * pattern but the digit run needs letters, '@', 〒 or separators a number never
 * has, and a digit run needs 7 digits not after a sign, a point or a letter.
 * Such a text (a numeric cell, a CSV number) may be left unscanned; it still
 * counts as context for the cells after it. */
bool pii_number_cannot_match(const char *text, size_t len);

/* When a table cell's text is a column header naming a personal attribute
 * (氏名, 生年月日, Passport No.…), the label word to put before every cell under
 * it as context (static string); NULL otherwise. */
const char *pii_header_context(const char *text, size_t len);
/* The context of a given-name column (名 beside 姓): a known given name alone
 * (太郎) is a name there. */
#define PII_GIVEN_NAME_LABEL "氏名(名):"
/* The context of a phone column (電話, 携帯, TEL). */
#define PII_PHONE_LABEL "電話:"

/* A PDF page's text with the line breaks of wrapped lines removed: between two
 * CJK characters (not after a line that ends its paragraph), inside a digit run, after a hyphen and
 * around an e-mail's '@'. orig[i] is the byte of the page text that joined byte i came from. */
typedef struct {
    char *text;
    size_t len;
    unsigned *orig;
} pii_joined;
void pii_join_lines(const char *text, size_t len, pii_joined *out);
/* The same, where a line well short of the page's widest ends its paragraph
 * (no join) unless same_line says the characters at byte offsets `before` and
 * `after` the break are printed on one line (poppler breaks at wide gaps). */
typedef bool (*pii_same_line_fn)(size_t before, size_t after, void *user);
void pii_join_lines_geom(const char *text, size_t len, pii_same_line_fn same_line, void *user,
                         pii_joined *out);
/* The same as if every short line were printed on one line with the next. */
void pii_join_lines_every_short(const char *text, size_t len, pii_joined *out);
void pii_joined_clear(pii_joined *j);

/* Who a document property (author, last modified by, manager) names. organisation:
 * the configured name of the contractor (nohin.ini), may be NULL. */
typedef enum {
    PII_AUTHOR_NONE, /* empty or a single character */
    PII_AUTHOR_PERSON,
    PII_AUTHOR_ORGANISATION,
    PII_AUTHOR_PROGRAM,
} pii_author_kind;
pii_author_kind pii_author_kind_of(const char *value, const char *organisation);
/* A custom document property names a person: a person's value under a key that
 * says so (担当者, Owner, Reviewer…) or a value shaped like a full name. Build
 * numbers, identifiers, flags and codes do not. */
bool pii_custom_property_names_person(const char *key, const char *value, const char *organisation);

/* One of the 47 prefecture names, exactly (北海道, 東京都, 沖縄県). */
bool pii_is_prefecture(const char *text, size_t len);

/* "PII-PHONE" and so on. */
const char *pii_rule_id(pii_kind kind);
/* English noun for messages ("phone number"), marked N_(). */
const char *pii_kind_noun(pii_kind kind);

/* Canonical form of a configured allow-list value for kind, comparable with
 * pii_hit.key. Caller frees. */
char *pii_canonical(pii_kind kind, const char *value);

/* --- pieces (exposed for tests) --- */

/* NFKC normalisation with a map back to the original: for every byte i of
 * out, [ostart[i], oend[i]) is the original range it came from. */
typedef struct {
    char *out;
    size_t len;
    unsigned *ostart, *oend;
} pii_norm;
bool pii_normalize(const char *text, size_t len, pii_norm *n);
void pii_norm_clear(pii_norm *n);

bool pii_my_number_valid(const char *digits12);
bool pii_corporate_number_valid(const char *digits13);
bool pii_luhn_valid(const char *digits);

bool pii_is_surname(const char *s, size_t len);
bool pii_is_given_name(const char *s, size_t len);

/* Masks orig[0..len) as kind shows it. Caller frees. */
char *pii_mask(pii_kind kind, const char *orig, size_t len);

#endif
