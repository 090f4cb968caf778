/* Cutting a report PDF into parts (001 §5(1): no part over 128,000,000 bytes,
 * 1,000 pages or 4,000,000 characters). Each part holds the input's pages of its
 * range as they are (content, fonts, annotations); bookmarks and internal links
 * that point into the part are kept, links into other parts are removed; each
 * part gets its own Info and XMP with the part number in the title. */
#ifndef NOHIN_SPLIT_PDF_H
#define NOHIN_SPLIT_PDF_H

#include "split/split_plan.h"

/* The parts plan for the PDF at path (page texts through poppler); NULL with
 * error when it cannot be read. *over says whether any limit is exceeded. */
GArray *nohin_split_plan_for(const char *path, bool *over, GError **error);

/* Writes one part per range into outdir as <stem>_分冊<i>.pdf (must not exist);
 * names (may be NULL) gets the file names. title: NULL keeps the input's title
 * (or the stem); author may be NULL. Write failures are NOHIN_WRITE_ERROR. */
bool nohin_split_pdf(const char *path, const char *outdir, const char *stem, const GArray *ranges,
                     const char *title, const char *author, GPtrArray *names, GError **error);
/* The same; links_removed (int, may be NULL) gets per part the number of links
 * removed because they pointed into another part. */
bool nohin_split_pdf_counted(const char *path, const char *outdir, const char *stem,
                             const GArray *ranges, const char *title, const char *author,
                             GPtrArray *names, GArray *links_removed, GError **error);

/* The same one part at a time, for callers that plan by other measures (pack:
 * the size of a mail). The input is read once by nohin_split_open. */
typedef struct nohin_split_input nohin_split_input;
nohin_split_input *nohin_split_open(const char *path, GError **error);
int nohin_split_n_pages(const nohin_split_input *in);
/* The input's Info title, or NULL. */
const char *nohin_split_title(const nohin_split_input *in);
/* Pages first..last (from 0) as the new file out (must not exist), with the
 * given title and author (may be NULL); *links_removed (may be NULL) as above. */
bool nohin_split_write(nohin_split_input *in, int first, int last, const char *out,
                       const char *title, const char *author, int *links_removed, GError **error);
void nohin_split_close(nohin_split_input *in);

#endif
