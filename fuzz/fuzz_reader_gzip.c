/* fuzz_reader_gzip.c - gzip-compressed input (zlib underneath): truncated and damaged
 * streams, then the JSON Lines reader on what comes out. */
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    fuzz_read_all(fuzz_file(data, n, ".jsonl.gz"), KH_INPUT_JSONL, NULL);
    return 0;
}
