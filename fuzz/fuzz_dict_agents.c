/* fuzz_dict_agents.c - the .agents dictionary reader (fuzz/dict.h). */
#define KH_FUZZ_DICT_SUFFIX ".agents"
#include "dict.h"
