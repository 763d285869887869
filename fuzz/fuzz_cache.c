/* fuzz_cache.c - the dictionary cache reader (khaldun dict compile): a damaged or foreign
 * file must be refused, never trusted. Half the runs start from a real cache with bytes of
 * the input written over it. */
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    static uint8_t *real;
    static size_t nreal;
    if (!real) {
        char path[256];
        snprintf(path, sizeof path, "/tmp/khaldun-fuzz-%d.real.cache", (int)getpid());
        kh_diag g;
        if (kh_dict_save(fuzz_dict(), path, "fuzz", &g) == KH_OK) {
            FILE *f = fopen(path, "rb");
            if (f) {
                fseek(f, 0, SEEK_END);
                nreal = (size_t)ftell(f);
                fseek(f, 0, SEEK_SET);
                real = malloc(nreal ? nreal : 1);
                if (!real || fread(real, 1, nreal, f) != nreal)
                    nreal = 0;
                fclose(f);
            }
        }
        unlink(path);
        if (!real)
            real = malloc(1);
    }
    const char *path;
    if (n > 8 && nreal && (data[0] & 1)) {
        /* Patch the real cache: each 8 bytes of input are an offset and 4 bytes to write. */
        uint8_t *buf = malloc(nreal);
        memcpy(buf, real, nreal);
        for (size_t i = 1; i + 8 <= n; i += 8) {
            uint32_t off;
            memcpy(&off, data + i, 4);
            off %= (uint32_t)nreal;
            size_t k = nreal - off < 4 ? nreal - off : 4;
            memcpy(buf + off, data + i + 4, k);
        }
        path = fuzz_file(buf, nreal, ".cache");
        free(buf);
    } else {
        path = fuzz_file(data, n, ".cache");
    }
    kh_dict *d = kh_dict_map(path, "fuzz");
    if (d) {
        static const char text[] = "Egypt accused Turkey of sending troops to Libya.";
        kh_doc *doc = kh_doc_new("fuzz", "2020-01-10", text, sizeof text - 1);
        if (doc) {
            kh_code(d, doc);
            kh_doc_free(doc);
        }
        kh_dict_free(d);
    }
    return 0;
}
