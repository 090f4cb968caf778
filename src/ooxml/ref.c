/* The one cell-reference parser: "AB12", "$AB$12", "AB" (column), "12" (row). */
#include "ooxml/ooxml.h"

size_t nohin_ooxml_parse_cell(const char *s, int *col, int *row)
{
    const char *p = s;
    int c = 0, r = 0;
    if (*p == '$') p++;
    const char *letters = p;
    while (g_ascii_isalpha(*p) && p - letters < 3)
        c = c * 26 + (g_ascii_toupper(*p++) - 'A' + 1);
    if (p == letters) { /* no column: "12" or "$12" */
        c = 0;
        p = s;
    }
    if (*p == '$') p++;
    const char *digits = p;
    while (g_ascii_isdigit(*p) && p - digits < 7)
        r = r * 10 + (*p++ - '0');
    if (p == digits) r = 0;
    if ((c == 0 && r == 0) || c > NOHIN_OOXML_MAX_COLS || r > NOHIN_OOXML_MAX_ROWS) return 0;
    if (p > s && p[-1] == '$') return 0;
    *col = c;
    *row = r;
    return (size_t)(p - s);
}

bool nohin_ooxml_parse_ref(const char *ref, int *row, int *col)
{
    int c = 0, r = 0;
    if (!ref) return false;
    size_t n = nohin_ooxml_parse_cell(ref, &c, &r);
    if (!n || ref[n] || !c || !r) return false;
    *row = r;
    *col = c;
    return true;
}

void nohin_ooxml_col_name(int col, char *buf)
{
    char tmp[8];
    int i = 0;
    if (col < 1) col = 1;
    while (col > 0 && i < 7) {
        tmp[i++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (int k = 0; k < i; k++)
        buf[k] = tmp[i - 1 - k];
    buf[i] = 0;
}
