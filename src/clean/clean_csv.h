/* CSV for the data folder: byte for byte, or normalised to UTF-8 + BOM + CRLF. */
#ifndef NOHIN_CLEAN_CSV_H
#define NOHIN_CLEAN_CSV_H

#include "clean/fixlist.h"

bool nohin_clean_csv(const char *in, const char *out, bool normalize, const char *name,
                     const char *output_name, nohin_fixlist *fl, GError **error);

#endif
