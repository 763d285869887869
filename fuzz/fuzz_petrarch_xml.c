/* fuzz_petrarch_xml.c - the PETRARCH validation-file reader (libxml2 underneath). */
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    kh_validate_result r;
    kh_diag g;
    kh_validate_petrarch(fuzz_file(data, n, ".xml"), NULL, &r, &g);
    return 0;
}
