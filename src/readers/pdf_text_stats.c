/* The text-layer judgement shared by the checks and OCR. */
#include "readers/pdf_text_stats.h"

/* Characters a font without a Unicode map turns into. */
static bool is_garbage(gunichar c)
{
    if (c == 0xFFFD) return true;
    if ((c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000) return true; /* private use */
    if (c < 0x20) return c != '\t' && c != '\n' && c != '\r' && c != '\f';
    return c >= 0x7F && c <= 0x9F;
}

nohin_text_stats nohin_pdf_text_stats(const char *text)
{
    nohin_text_stats s = {0, 0};
    if (!text) return s;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char_validated(p, -1);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            s.garbage++;
            s.visible++;
            continue;
        }
        if (g_unichar_isspace(c)) continue;
        s.visible++;
        if (is_garbage(c)) s.garbage++;
    }
    return s;
}

bool nohin_pdf_text_lacks_layer(const char *text)
{
    return nohin_pdf_text_stats(text).visible == 0;
}

bool nohin_pdf_text_garbled(const char *text)
{
    nohin_text_stats s = nohin_pdf_text_stats(text);
    /* A few odd symbols are normal; a page mostly made of them is not text. */
    return s.visible >= 10 && s.garbage * 10 >= s.visible * 3;
}
