#ifndef POSTCHECK_CPCRE2_SHIM_H
#define POSTCHECK_CPCRE2_SHIM_H

// Swift only sees the width-suffixed functions (pcre2_compile_8, …); we use 8-bit UTF-8 subjects.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// PCRE2_ZERO_TERMINATED and PCRE2_UNSET are cast expressions that Swift does not import.
static inline PCRE2_SIZE postcheck_pcre2_unset(void) { return PCRE2_UNSET; }

#endif
