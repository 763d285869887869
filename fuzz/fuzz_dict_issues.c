/* fuzz_dict_issues.c - the .issues dictionary reader (fuzz/dict.h). */
#define KH_FUZZ_DICT_SUFFIX ".issues"
#include "dict.h"
