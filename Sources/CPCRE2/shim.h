#ifndef POSTCHECK_CPCRE2_SHIM_H
#define POSTCHECK_CPCRE2_SHIM_H

// Swift only sees the width-suffixed functions (pcre2_compile_8, …); we use 8-bit UTF-8 subjects.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// PCRE2_ZERO_TERMINATED and PCRE2_UNSET are cast expressions that Swift does not import.
static inline PCRE2_SIZE postcheck_pcre2_unset(void) { return PCRE2_UNSET; }

// A pattern's machine-code copy is made by whichever thread first needs it and read by all: published and read
// with atomic stores and loads (Swift's own atomics need macOS 15), and its scanned-byte count added atomically.
static inline void *postcheck_atomic_load_pointer(void *const *slot) { return __atomic_load_n(slot, __ATOMIC_ACQUIRE); }
static inline void postcheck_atomic_store_pointer(void **slot, void *value) { __atomic_store_n(slot, value, __ATOMIC_RELEASE); }
static inline long postcheck_atomic_add(long *counter, long amount) {
    return __atomic_add_fetch(counter, amount, __ATOMIC_RELAXED);
}

#endif
