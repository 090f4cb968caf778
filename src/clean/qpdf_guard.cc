// With pdf_layers.cc, the only C++ in nohin: a try/catch around C code calling qpdf's C API.
// The C files that run inside it are built with -fexceptions so the unwinding
// through them is defined.
#include "clean/qpdf_guard.h"
#include <glib.h>
#include <exception>

extern "C" bool nohin_qpdf_guarded(bool (*fn)(void *data), void *data, char **what)
{
    *what = nullptr;
    try {
        return fn(data);
    } catch (std::exception &e) {
        *what = g_strdup(e.what());
    } catch (...) {
        *what = g_strdup("unknown qpdf error");
    }
    return false;
}
