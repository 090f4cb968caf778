/* xlsx text source. Placeholder until the xlsx reader lands: yields nothing. */
#include "text_source.h"

void nohin_xlsx_foreach_text(nohin_file *file, nohin_text_cb cb, void *user)
{
    (void)file;
    (void)cb;
    (void)user;
}
