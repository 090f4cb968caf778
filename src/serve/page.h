/* The one page of the web checker (and its login form): self-contained HTML. */
#ifndef NOHIN_SERVE_PAGE_H
#define NOHIN_SERVE_PAGE_H

#include "nohin_internal.h"

/* The Content-Security-Policy the page is served with: no request except to this server. */
#define NOHIN_SERVE_PAGE_CSP                                                                       \
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "   \
    "connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; "                  \
    "frame-ancestors 'none'"

/* lang "ja" or "en"; csrf is embedded for the page's requests; uploads larger than
 * max_upload are refused in the page before they are sent. Caller frees. */
char *nohin_serve_page(const char *lang, const char *csrf, guint64 max_upload, size_t *len);
char *nohin_serve_login_page(const char *lang, const char *csrf, bool failed, size_t *len);

#endif
