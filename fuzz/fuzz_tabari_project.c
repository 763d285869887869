/* fuzz_tabari_project.c - the TABARI .project reader and, through it, the .options and
 * records readers and TABARI's rules. The input is up to three parts separated by lines
 * "=====": the project file (input.project), the records file (input.text) and the options
 * file (input.options); the mini dictionaries of tests/data are beside them as mini.actors,
 * mini.agents and mini.verbs, for a project to name. */
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    static int ready;
    if (!ready) {
        fuzz_copy("tests/data/mini.actors", "mini.actors");
        fuzz_copy("tests/data/mini.agents", "mini.agents");
        fuzz_copy("tests/data/mini.verbs", "mini.verbs");
        ready = 1;
    }
    const uint8_t *part[3] = {data, NULL, NULL};
    size_t len[3] = {n, 0, 0};
    int np = 1;
    for (size_t i = 0; i + 6 <= n && np < 3; i++)
        if (!memcmp(data + i, "\n=====", 6)) {
            len[np - 1] = (size_t)(data + i - part[np - 1]);
            part[np] = data + i + 6;
            len[np] = n - (i + 6);
            np++;
            i += 5;
        }
    static const char *const suffix[] = {".project", ".text", ".options"};
    char project[256];
    for (int k = np - 1; k >= 0; k--) {
        const char *p = fuzz_file(part[k], len[k], suffix[k]);
        if (k == 0)
            snprintf(project, sizeof project, "%s", p);
    }
    kh_validate_result r;
    kh_diag g;
    kh_validate_tabari(project, NULL, &r, &g);
    return 0;
}
