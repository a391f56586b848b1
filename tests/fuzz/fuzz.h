/*
 * Shared bits of the libFuzzer harnesses (tests/fuzz/fuzz_*.c).
 * FUZZ_CHECK states an invariant of the code under test: when it does not
 * hold, the harness aborts, which libFuzzer reports as a crash and saves.
 */
#ifndef GRIDSTAR_FUZZ_H
#define GRIDSTAR_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(c) do {						\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: invariant failed: %s\n",	\
		    __FILE__, __LINE__, #c);				\
		abort();						\
	}								\
} while (0)

/* The same, also showing the text the check was about. */
#define FUZZ_CHECK_S(c, s) do {						\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: invariant failed for \"%s\": %s\n",	\
		    __FILE__, __LINE__, (s), #c);			\
		abort();						\
	}								\
} while (0)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#endif /* GRIDSTAR_FUZZ_H */
