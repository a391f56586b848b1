/*
 * Unit tests of strs: the input's string store.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "strs.h"

/* Copies hold their text, each its own, also past a block's end. */
static void
copies(void **state)
{
	struct strs	*s = strs_new();
	char		*a, *b, *big, *after, key[32];
	char		*keep[5000];
	size_t		 i;

	(void)state;
	assert_non_null(s);
	a = strs_dup(s, "东风路");
	b = strs_dup(s, "东风路");
	assert_string_equal(a, "东风路");
	assert_ptr_not_equal(a, b);
	assert_string_equal(strs_dup(s, ""), "");
	/* Larger than a block, then small ones after it. */
	big = malloc(200000);
	assert_non_null(big);
	memset(big, 'x', 199999);
	big[199999] = '\0';
	assert_string_equal(strs_dup(s, big), big);
	after = strs_dup(s, "after");
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "road %zu", i);
		keep[i] = strs_dup(s, key);
	}
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "road %zu", i);
		assert_string_equal(keep[i], key);
	}
	assert_string_equal(after, "after");
	assert_string_equal(a, "东风路");
	free(big);
	strs_free(s);
	strs_free(NULL);
}

/* Interned: equal strings give one pointer, different ones another. */
static void
interned(void **state)
{
	struct strs	*s = strs_new();
	char		*first[20000], key[32];
	size_t		 i;

	(void)state;
	assert_non_null(s);
	for (i = 0; i < 20000; i++) {
		snprintf(key, sizeof(key), "%zu号路", i);
		first[i] = strs_intern(s, key);
		assert_string_equal(first[i], key);
	}
	/* Again, after the table has grown many times. */
	for (i = 0; i < 20000; i++) {
		snprintf(key, sizeof(key), "%zu号路", i);
		assert_ptr_equal(strs_intern(s, key), first[i]);
	}
	assert_ptr_not_equal(first[1], first[2]);
	assert_string_equal(strs_intern(s, ""), "");
	assert_ptr_equal(strs_intern(s, ""), strs_intern(s, ""));
	/* A copy is not interned, and does not change what intern gives. */
	assert_ptr_not_equal(strs_dup(s, "1号路"), first[1]);
	assert_ptr_equal(strs_intern(s, "1号路"), first[1]);
	strs_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(copies),
		cmocka_unit_test(interned),
	};

	return cmocka_run_group_tests_name("strs", tests, NULL, NULL);
}
