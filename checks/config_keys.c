/* CONFIG-KEY: a misspelt key in nohin.ini must not be silently ignored. */
#include "nohin_internal.h"

static const nohin_rule rules[] = {
    {"CONFIG-KEY", NOHIN_SEV_WARNING, false, N_("Unknown key or bad value in nohin.ini"), "-"},
    {NULL}};

static void run(nohin_ctx *ctx, const nohin_bundle *bundle)
{
    const nohin_config *cfg = bundle->config;
    for (char **w = cfg->warnings; w && *w; w++)
        nohin_emit(ctx, NULL, "CONFIG-KEY", nohin_loc_none(),
                   _("Correct the key's spelling or remove it; `nohin init` writes a template."),
                   _("nohin.ini (%s): unknown key or bad value %s is ignored."),
                   cfg->source ? cfg->source : "", *w);
}

NOHIN_CHECK(config_keys) = {.name = "config_keys",
                            .rules = rules,
                            .formats = 0,
                            .roles = NOHIN_ROLE_ANY,
                            .run_bundle = run};
