/* The XLSX reader (zip_safe + streaming XML) and every XLSX check. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_lint_file(fuzz_write_input(data, size, "xlsx"));
    return 0;
}
