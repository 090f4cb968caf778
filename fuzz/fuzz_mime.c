/* The MIME reader of intake (GMime): one message, attachments read in-process. */
#include "fuzz_common.h"
#include "intake/intake.h"

static void sink(const nohin_mail *m, void *data)
{
    (void)m;
    (void)data;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_input(data, size, "eml");
    nohin_intake_options o = {.group = false, .isolate = false};
    nohin_options_init(&o.lint);
    o.lint.quiet = true;
    o.lint.progress = false;
    nohin_config *cfg = nohin_config_new_default();
    const char *paths[] = {path};
    GError *err = NULL;
    nohin_intake_run(paths, 1, &o, cfg, sink, NULL, &err);
    g_clear_error(&err);
    nohin_config_free(cfg);
    return 0;
}
