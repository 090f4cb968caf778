/* The context a check emits findings into. */
#include <stdarg.h>
#include <string.h>
#include "ctx.h"

static GHashTable *rule_index; /* id -> const nohin_rule* */
static GOnce rule_once = G_ONCE_INIT;

static gpointer build_index(gpointer unused)
{
    (void)unused;
    GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
    size_t n = 0;
    const nohin_check *const *checks = nohin_checks(&n);
    for (size_t i = 0; i < n; i++)
        for (const nohin_rule *r = checks[i]->rules; r && r->id; r++)
            g_hash_table_insert(h, (gpointer)r->id, (gpointer)r);
    rule_index = h;
    return h;
}

const nohin_rule *nohin_rule_find(const char *id)
{
    g_once(&rule_once, build_index, NULL);
    return g_hash_table_lookup(rule_index, id);
}

nohin_ctx *nohin_ctx_new(const nohin_config *cfg)
{
    nohin_ctx *c = g_new0(nohin_ctx, 1);
    c->config = cfg;
    c->findings = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_finding_free);
    g_mutex_init(&c->lock);
    return c;
}

GPtrArray *nohin_ctx_steal_findings(nohin_ctx *c)
{
    GPtrArray *f = c->findings;
    c->findings = NULL;
    return f;
}

void nohin_ctx_free(nohin_ctx *c)
{
    if (!c) return;
    if (c->findings) g_ptr_array_free(c->findings, TRUE);
    g_mutex_clear(&c->lock);
    g_free(c);
}

nohin_finding *nohin_emit(nohin_ctx *ctx, const nohin_file *file, const char *rule,
                          nohin_location loc, const char *fix, const char *fmt, ...)
{
    if (nohin_config_rule_disabled(ctx->config, rule)) {
        nohin_location_clear(&loc);
        return NULL;
    }
    const nohin_rule *r = nohin_rule_find(rule);
    g_warn_if_fail(r != NULL); /* every emitted id must be registered */
    nohin_finding *f = g_new0(nohin_finding, 1);
    f->rule = g_strdup(rule);
    f->file = g_strdup(file ? file->path : "");
    f->loc = loc;
    f->fix = g_strdup(fix ? fix : "");
    f->fixable = r ? r->fixable : false;
    va_list ap;
    va_start(ap, fmt);
    f->message = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    f->severity = r ? r->severity : NOHIN_SEV_ERROR;
    int over = nohin_config_severity(ctx->config, rule);
    if (over >= 0) f->severity = (nohin_severity)over;
    g_mutex_lock(&ctx->lock);
    g_ptr_array_add(ctx->findings, f);
    g_mutex_unlock(&ctx->lock);
    return f;
}

void nohin_finding_set_evidence(nohin_finding *f, const char *fmt, ...)
{
    if (!f) return;
    va_list ap;
    va_start(ap, fmt);
    g_free(f->evidence);
    f->evidence = g_strdup_vprintf(fmt, ap);
    va_end(ap);
}

void nohin_finding_set_severity(nohin_ctx *ctx, nohin_finding *f, nohin_severity sev)
{
    if (!f) return;
    int over = nohin_config_severity(ctx->config, f->rule);
    f->severity = over >= 0 ? (nohin_severity)over : sev;
}

void nohin_ctx_file_not_fixable(nohin_ctx *ctx, const nohin_file *file, const char *why)
{
    g_mutex_lock(&ctx->lock);
    for (guint i = 0; i < ctx->findings->len; i++) {
        nohin_finding *f = ctx->findings->pdata[i];
        if (!f->fixable || strcmp(f->file, file->path)) continue;
        f->fixable = false;
        char *fix = *f->fix ? g_strconcat(f->fix, " ", why, NULL) : g_strdup(why);
        g_free(f->fix);
        f->fix = fix;
    }
    g_mutex_unlock(&ctx->lock);
}

const nohin_config *nohin_ctx_config(const nohin_ctx *ctx)
{
    return ctx->config;
}

void nohin_ctx_progress(nohin_ctx *ctx, const nohin_file *file, int done, int total)
{
    nohin_progress(file->path, ctx->file_i, ctx->file_n, done, total);
}
