/*
 * dict.h - the body shared by the dictionary targets (fuzz_dict_*.c): the input is read as a
 * dictionary file of the kind KH_FUZZ_DICT_SUFFIX names; what loads is frozen, linted and used
 * to code a sentence.
 */
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    kh_dict *d = kh_dict_new();
    kh_diag g;
    kh_dict_load_file(d, fuzz_file(data, n, KH_FUZZ_DICT_SUFFIX), &g);
    kh_dict_freeze(d);
    FILE *null = fopen("/dev/null", "w");
    kh_dict_lint(d, null);
    static const char text[] = "Turkish President Recep Tayyip Erdogan accused Russia of attacking "
                               "Syrian rebels near Idlib, and the army rejected a truce.";
    kh_doc *doc = kh_doc_new("fuzz", "2020-01-10", text, sizeof text - 1);
    if (doc) {
        kh_code(d, doc);
        if (null)
            kh_write_events(null, KH_FORMAT_JSONL, doc);
        kh_doc_free(doc);
    }
    if (null)
        fclose(null);
    kh_dict_free(d);
    return 0;
}
