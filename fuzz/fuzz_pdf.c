/* The PDF readers (poppler + qpdf) and every PDF check, on one input. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_lint_file(fuzz_write_input(data, size, "pdf"));
    return 0;
}
