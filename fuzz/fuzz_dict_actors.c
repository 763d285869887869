/* fuzz_dict_actors.c - the .actors dictionary reader (fuzz/dict.h). */
#define KH_FUZZ_DICT_SUFFIX ".actors"
#include "dict.h"
