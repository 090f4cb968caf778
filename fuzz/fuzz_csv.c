/* The CSV reader (encoding sniffing, libcsv) and every CSV check. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_lint_file(fuzz_write_input(data, size, "csv"));
    return 0;
}
