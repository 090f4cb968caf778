/* The one set of visibility rules lint, clean and the 様式 reader share: a row
 * or column that Excel does not show is hidden for everyone, so what lint calls
 * hidden is what clean removes. */
#include <string.h>
#include "ooxml/ooxml.h"

bool nohin_ooxml_bool(const char *v)
{
    return v && (!strcmp(v, "1") || !strcmp(v, "true"));
}

/* Zero (or negative, or unparsable-as-positive) size hides, with or without
 * customHeight/customWidth: Excel and LibreOffice show nothing of it. */
static bool zero_size(const char *v)
{
    return v && *v && g_ascii_strtod(v, NULL) <= 0.0;
}

static unsigned hidden_why(const char *hidden, const char *size, const char *level)
{
    unsigned why = 0;
    if (nohin_ooxml_bool(hidden)) why |= NOHIN_OOXML_HIDE_FLAG;
    if (zero_size(size)) why |= NOHIN_OOXML_HIDE_ZERO;
    if (why && level && atoi(level) > 0) why |= NOHIN_OOXML_HIDE_OUTLINE;
    return why;
}

unsigned nohin_ooxml_row_hidden(const char *hidden, const char *ht, const char *outline_level)
{
    return hidden_why(hidden, ht, outline_level);
}

unsigned nohin_ooxml_col_hidden(const char *hidden, const char *width, const char *outline_level)
{
    return hidden_why(hidden, width, outline_level);
}

int nohin_ooxml_sheet_state(const char *state)
{
    if (state && !strcmp(state, "hidden")) return 1;
    if (state && !strcmp(state, "veryHidden")) return 2;
    return 0;
}
