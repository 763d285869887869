/* fuzz_reader_jsonl.c - the JSON Lines reader (libcjson underneath), stories not coded. */
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    fuzz_read_all(fuzz_file(data, n, ".jsonl"), KH_INPUT_JSONL, NULL);
    return 0;
}
