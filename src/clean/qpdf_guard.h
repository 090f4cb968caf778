/* qpdf is C++: a few of its C API functions (qpdf_oh_new_stream among them) let
 * exceptions escape, which abort a C program. Work that calls the C API runs
 * through nohin_qpdf_guarded, a C++ frame that catches them. */
#ifndef NOHIN_CLEAN_QPDF_GUARD_H
#define NOHIN_CLEAN_QPDF_GUARD_H

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Runs fn(data) and returns its result; when an exception escapes, returns false
 * and sets *what (g_free it) to the exception's text. */
bool nohin_qpdf_guarded(bool (*fn)(void *data), void *data, char **what);

#ifdef __cplusplus
}
#endif

#endif
