/* fuzz_code.c - a plain-text story through the whole pipeline with the shipped
 * dictionaries: UTF-8 repair, tokenizer, segmenter, lexicon, parser, coder, writers. */
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    const kh_dict *d = fuzz_dict();
    kh_doc *doc = kh_doc_new("fuzz", "2020-01-10", (const char *)data, n);
    if (!doc)
        return 0;
    kh_code(d, doc);
    FILE *null = fopen("/dev/null", "w");
    if (null) {
        kh_write_events(null, KH_FORMAT_JSONL, doc);
        kh_write_events(null, KH_FORMAT_TSV, doc);
        fclose(null);
    }
    kh_doc_free(doc);
    /* The same text read as a story file, through the text reader. */
    fuzz_read_all(fuzz_file(data, n, ".txt"), KH_INPUT_TEXT, d);
    return 0;
}
