/* Shared by the libFuzzer targets: an in-memory input written to a private file
 * (the readers take paths), and the lint pipeline run over it in this process. */
#ifndef NOHIN_FUZZ_COMMON_H
#define NOHIN_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* Writes data to a fresh file named input.EXT in a private folder; returns its
 * path (static storage, reused by the next call). */
const char *fuzz_write_input(const uint8_t *data, size_t size, const char *ext);
/* lint of one file, in-process, default configuration; findings are discarded. */
void fuzz_lint_file(const char *path);
void fuzz_init(void);

#endif
