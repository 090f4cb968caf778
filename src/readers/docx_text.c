/* docx text source. Placeholder until the docx reader lands: yields nothing. */
#include "text_source.h"

void nohin_docx_foreach_text(nohin_file *file, nohin_text_cb cb, void *user)
{
    (void)file;
    (void)cb;
    (void)user;
}
