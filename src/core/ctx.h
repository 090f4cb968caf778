/* Internal: the context behind the opaque nohin_ctx. */
#ifndef NOHIN_CTX_H
#define NOHIN_CTX_H

#include "nohin_internal.h"

struct nohin_ctx {
    const nohin_config *config;
    GPtrArray *findings;
    GMutex lock;
    int file_i, file_n; /* for progress */
};

nohin_ctx *nohin_ctx_new(const nohin_config *cfg);
GPtrArray *nohin_ctx_steal_findings(nohin_ctx *c);
void nohin_ctx_free(nohin_ctx *c);

#endif
