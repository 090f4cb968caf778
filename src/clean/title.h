/* The title clean writes into a workbook's properties when no caption names
 * it: the workbook's own title when it has one, else the file name — never a
 * person's name or other personal data (a name piece of the file name is left
 * out: 「図2-3_山田太郎_回答者名簿.xlsx」 → 「図2-3_回答者名簿」). */
#ifndef NOHIN_CLEAN_TITLE_H
#define NOHIN_CLEAN_TITLE_H

#include <glib.h>

/* The title for the workbook at path (its file name: name). Caller frees. */
char *nohin_clean_xlsx_title(const char *path, const char *name);
/* The file name without its extension and without the pieces (between '_')
 * that hold personal data; the name masked when nothing else is left. */
char *nohin_clean_title_from_name(const char *name);

#endif
