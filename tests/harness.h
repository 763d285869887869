/*
 * harness.h - the project's tiny test harness: CHECK() records a failure with file:line and
 * goes on; each test binary ends with the closing line "N passed, N failed".
 */
#ifndef KH_HARNESS_H
#define KH_HARNESS_H

#include <stdio.h>
#include <string.h>

static int h_pass, h_fail, h_case_failed __attribute__((unused));
static const char *h_case __attribute__((unused)) = "";

#define CASE(name) (h_case = (name), h_case_failed = 0)
#define CHECK(cond)                                                                     \
    do {                                                                                \
        if (cond) {                                                                     \
            h_pass++;                                                                   \
        } else {                                                                        \
            h_fail++;                                                                   \
            h_case_failed = 1;                                                          \
            fprintf(stderr, "FAIL %s:%d [%s]: %s\n", __FILE__, __LINE__, h_case, #cond);  \
        }                                                                               \
    } while (0)
#define CHECK_STR(a, b)                                                                 \
    do {                                                                                \
        const char *a_ = (a), *b_ = (b);                                                \
        if (a_ && b_ && strcmp(a_, b_) == 0) {                                          \
            h_pass++;                                                                   \
        } else {                                                                        \
            h_fail++;                                                                   \
            fprintf(stderr, "FAIL %s:%d [%s]: %s == \"%s\", expected \"%s\"\n", __FILE__,   \
                    __LINE__, h_case, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");      \
        }                                                                               \
    } while (0)

static int h_done(void)
{
    printf("%d passed, %d failed\n", h_pass, h_fail);
    return h_fail ? 1 : 0;
}

#endif
