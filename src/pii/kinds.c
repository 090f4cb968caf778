/* Rule ids, nouns and comparison keys per kind. */
#include <string.h>
#include <glib.h>
#include "nohin_internal.h"
#include "pii_internal.h"

static const struct {
    const char *rule, *noun;
} kinds[PII_KIND_COUNT] = {
    [PII_MY_NUMBER] = {"PII-MY-NUMBER", N_("My Number (individual number)")},
    [PII_PHONE] = {"PII-PHONE", N_("phone number")},
    [PII_EMAIL] = {"PII-EMAIL", N_("e-mail address")},
    [PII_ADDRESS] = {"PII-ADDRESS", N_("home address")},
    [PII_POSTAL_CODE] = {"PII-POSTAL-CODE", N_("postal code")},
    [PII_BIRTHDATE] = {"PII-BIRTHDATE", N_("date of birth")},
    [PII_PASSPORT] = {"PII-PASSPORT", N_("passport number")},
    [PII_DRIVER_LICENSE] = {"PII-DRIVER-LICENSE", N_("driver's licence number")},
    [PII_BANK_ACCOUNT] = {"PII-BANK-ACCOUNT", N_("bank account number")},
    [PII_CARD] = {"PII-CARD", N_("payment card number")},
    [PII_PERSON_NAME] = {"PII-PERSON-NAME", N_("person's name")},
};

const char *pii_rule_id(pii_kind k)
{
    return k < PII_KIND_COUNT ? kinds[k].rule : "PII";
}

const char *pii_kind_noun(pii_kind k)
{
    return k < PII_KIND_COUNT ? kinds[k].noun : "";
}

static bool numeric_kind(pii_kind k)
{
    return k == PII_MY_NUMBER || k == PII_PHONE || k == PII_POSTAL_CODE || k == PII_PASSPORT ||
           k == PII_DRIVER_LICENSE || k == PII_BANK_ACCOUNT || k == PII_CARD;
}

char *pii_key(pii_kind kind, const char *norm, size_t len)
{
    GString *o = g_string_new(NULL);
    if (numeric_kind(kind)) {
        size_t i = 0;
        if (kind == PII_PHONE && len >= 3 && !memcmp(norm, "+81", 3)) {
            g_string_append_c(o, '0');
            i = 3;
        }
        for (; i < len; i++)
            if (g_ascii_isalnum(norm[i])) g_string_append_c(o, g_ascii_toupper(norm[i]));
    } else {
        for (size_t i = 0; i < len; i++)
            if (norm[i] != ' ') g_string_append_c(o, g_ascii_tolower(norm[i]));
    }
    return g_string_free(o, FALSE);
}

char *pii_canonical(pii_kind kind, const char *value)
{
    pii_norm n;
    if (!value || !pii_normalize(value, strlen(value), &n)) return g_strdup("");
    char *k = pii_key(kind, n.out, n.len);
    pii_norm_clear(&n);
    return k;
}
