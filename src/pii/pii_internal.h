/* Shared between the engine (pattern, scanning) and the detectors (validators,
 * context). Not for checks: they use pii.h. */
#ifndef NOHIN_PII_INTERNAL_H
#define NOHIN_PII_INTERNAL_H

#include <glib.h>
#include "pii.h"

/* Characters normalize.c keeps as they are (its fast path) and the dashes it
 * turns into '-': one definition, because prefilter.c is exact only while it
 * computes the same NFKC form as normalize.c. */
static inline bool pii_nfkc_stable(gunichar c)
{
    return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FC) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3001 && c <= 0x3006) ||
           (c >= 0x3008 && c <= 0x3011);
}

static inline bool pii_is_dash(gunichar c)
{
    return (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE63 || c == 0xFF0D;
}

/* Literal alternatives of the combined pattern, shared with the pre-filter
 * (prefilter.c) so the two cannot drift apart. */
#define PII_ERAS "明治|大正|昭和|平成|令和"
#define PII_PREFECTURES                                                                                                                  \
    "北海道|青森県|岩手県|宮城県|秋田県|山形県|福島県|茨城県|栃木県|群馬県|埼玉県|千葉県|東京都|" \
    "神奈川県|新潟県|富山県|石川県|福井県|山梨県|長野県|岐阜県|静岡県|愛知県|三重県|滋賀県|"        \
    "京都府|大阪府|兵庫県|奈良県|和歌山県|鳥取県|島根県|岡山県|広島県|山口県|徳島県|香川県|"        \
    "愛媛県|高知県|福岡県|佐賀県|長崎県|熊本県|大分県|宮崎県|鹿児島県|沖縄県"
#define PII_LABELS "氏名|担当者|回答者|代表者|記入者|連絡先|お名前|名前|申請者|申込者|出張者"
#define PII_HONORIFICS "様|殿|氏|さん|君|くん|先生|教授|准教授|部長|課長|社長|理事長"
#define PII_KANJI_NUMERALS "〇一二三四五六七八九十"

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
/* True when no hit can come out of scanning text after context (see prefilter.c):
 * then the scan may be left out, with the same result. */
bool pii_piece_cannot_hit(const char *context, size_t context_len, const char *text, size_t len);
/* pii_scan_with_context without that shortcut (tests compare the two). */
void pii_scan_with_context_full(const char *context, size_t context_len, const char *text,
                                size_t len, pii_hit_cb cb, void *user);

#endif
