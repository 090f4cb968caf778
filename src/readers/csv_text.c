/* csv text source. Placeholder until the csv reader lands: yields nothing. */
#include "text_source.h"

void nohin_csv_foreach_text(nohin_file *file, nohin_text_cb cb, void *user)
{
    (void)file;
    (void)cb;
    (void)user;
}
