/* fuzz_dict_verbs.c - the .verbs dictionary reader (fuzz/dict.h). */
#define KH_FUZZ_DICT_SUFFIX ".verbs"
#include "dict.h"
