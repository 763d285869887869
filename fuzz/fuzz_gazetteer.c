/* fuzz_gazetteer.c - the GeoNames readers (--gazetteer FILE): a dump in the 19-column format
 * with the mini countryInfo.txt and admin1Codes.txt of tests/data/geonames beside it, and the
 * compiled form kh_gazetteer_open() maps. What loads places the events of a story. */
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    static int ready;
    if (!ready) {
        fuzz_copy("tests/data/geonames/countryInfo.txt", "countryInfo.txt");
        fuzz_copy("tests/data/geonames/admin1Codes.txt", "admin1Codes.txt");
        ready = 1;
    }
    kh_gazetteer *g = NULL;
    kh_diag d;
    if (n && (data[0] & 1)) {
        /* the compiled form, damaged */
        if (kh_gazetteer_open(&g, fuzz_file(data + 1, n - 1, ".gaz"), &d))
            g = NULL;
    } else {
        char path[256];
        snprintf(path, sizeof path, "%s/cities15000.txt", fuzz_dir());
        FILE *f = fopen(path, "wb");
        if (f) {
            if (n)
                fwrite(data, 1, n, f);
            fclose(f);
        }
        if (kh_gazetteer_read(&g, path, &d))
            g = NULL;
    }
    if (!g)
        return 0;
    kh_options o;
    memset(&o, 0, sizeof o);
    o.gazetteer = g;
    static const char text[] = "Turkish forces attacked Kurdish fighters near Tripoli and in "
                               "Paris, Texas, on Monday, killing 12 people.";
    kh_doc *doc = kh_doc_new("fuzz", "2020-01-10", text, sizeof text - 1);
    if (doc) {
        kh_code_with(fuzz_dict(), doc, &o);
        FILE *null = fopen("/dev/null", "w");
        if (null) {
            kh_write_events(null, KH_FORMAT_JSONL, doc);
            fclose(null);
        }
        kh_doc_free(doc);
    }
    kh_gazetteer_free(g);
    return 0;
}
