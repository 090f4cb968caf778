/* CONFIG-KEY: a misspelt key in nohin.ini must not be silently ignored. */
#include "nohin_internal.h"

static const nohin_rule rules[] = {
    {"CONFIG-KEY", NOHIN_SEV_WARNING, false, N_("Unknown key or bad value in nohin.ini"), "-"},
    {NULL}};

static void run(nohin_ctx *ctx, const nohin_bundle *bundle)
{
    const nohin_config *cfg = bundle->config;
    /* A full path can hold the user's login name: show absolute paths by their file
     * name only; bundle-relative ones (a zip's bundle.zip/nohin.ini) as they are. */
    const char *src = cfg->source ? cfg->source : "nohin.ini";
    char *name = g_path_is_absolute(src) ? g_path_get_basename(src) : g_strdup(src);
    for (char **w = cfg->warnings; w && *w; w++)
        nohin_emit(ctx, NULL, "CONFIG-KEY", nohin_loc_none(),
                   _("Correct the key's spelling or remove it; `nohin init` writes a template."),
                   _("%s: unknown key or bad value %s is ignored."), name, *w);
    g_free(name);
}

NOHIN_CHECK(config_keys) = {.name = "config_keys",
                            .rules = rules,
                            .formats = 0,
                            .roles = NOHIN_ROLE_ANY,
                            .run_bundle = run};
