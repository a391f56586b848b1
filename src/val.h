/*
 * Dynamic value tree: the data a template is rendered against.
 * A value is null, a boolean, a number, a string, a list or a map with
 * ordered string keys.  Containers own their children: val_free frees a
 * whole tree.  The adders (val_map_set, val_list_push and the handy
 * val_map_set_* setters) always take ownership of the child they are
 * given, even when they fail, and accept a NULL child (then they fail),
 * so constructors can be nested without temporaries:
 *
 *	if (val_map_set(page, "title", val_new_str(title)) == -1)
 *		goto out;
 *
 * Strings are UTF-8 (not checked), carry a length, and are NUL-terminated.
 *
 * Null and boolean values are shared constants, and freed values are kept
 * for reuse by later ones (per process: not for use from several threads).
 */
#ifndef GRIDSTAR_VAL_H
#define GRIDSTAR_VAL_H

#include <stddef.h>
#include <stdint.h>

/* Bytes needed to hold any number formatted by val_num_format. */
#define VAL_NUM_MAX	32

enum val_type {
	VAL_NULL,	/* no value; interpolates as "" and is falsey */
	VAL_BOOL,	/* true or false */
	VAL_NUM,	/* a double, maybe with its own preformatted text */
	VAL_STR,	/* bytes with a length */
	VAL_LIST,	/* ordered children */
	VAL_MAP		/* children under unique keys, in insertion order */
};

struct val;

/*
 * Constructors.  Each returns a new value owned by the caller (free with
 * val_free, or hand it to a container), or NULL when out of memory.
 * val_new_str copies the NUL-terminated s; s NULL gives a null value.
 * val_new_strn copies n bytes of s (which may hold NUL bytes).
 * val_new_numstr keeps d for truth tests and the NUL-terminated text
 * (copied) for output, e.g. val_new_numstr(0.5, "50%").
 */
struct val	*val_new_null(void);
struct val	*val_new_bool(int b);
struct val	*val_new_num(double d);
struct val	*val_new_numstr(double d, const char *text);
struct val	*val_new_str(const char *s);
struct val	*val_new_strn(const char *s, size_t n);
struct val	*val_new_list(void);
/*
 * A string of the n bytes at s, which are not copied: s[n] must be a NUL,
 * and s must stay unchanged until v is freed (for a large text, such as a
 * rendered page body, shown once).  NULL when s is NULL, s[n] is not a
 * NUL or memory is short.
 */
struct val	*val_new_strref(const char *s, size_t n);
struct val	*val_new_map(void);

/*
 * Free v and everything under it.  NULL is a no-op, and so is a shared
 * value (val_share), which val_free leaves alone even inside a tree.
 */
void		 val_free(struct val *v);

/*
 * Make v (with everything under it) shared, and return it: it may then be
 * stored in any number of containers, which do not own it, so that a
 * value many pages show is built once.  It must not change any more.
 * Its maker frees it with val_free_shared, once no container that holds
 * it is used again.  NULL is returned as is.
 */
struct val	*val_share(struct val *v);
/* Free a shared value and everything under it.  NULL is a no-op. */
void		 val_free_shared(struct val *v);

/*
 * Append child to list.  The list takes ownership of child in every case:
 * on failure (list not a list, child NULL, out of memory) child is freed.
 * Returns 0, or -1 on failure.
 */
int		 val_list_push(struct val *list, struct val *child);
/*
 * Append a new empty map / list to list.  Returns it (borrowed: owned by
 * list and valid while list lives), or NULL on failure.
 */
struct val	*val_list_push_map(struct val *list);
struct val	*val_list_push_list(struct val *list);

/*
 * Set key (copied; NUL-terminated, or klen bytes for val_map_setn) to child.
 * An existing entry for key keeps its position and its old value is
 * freed.  The map takes ownership of child in every case: on failure
 * (map not a map, child NULL, out of memory) child is freed.
 * Returns 0, or -1 on failure.
 */
int		 val_map_set(struct val *map, const char *key,
		    struct val *child);
int		 val_map_setn(struct val *map, const char *key, size_t klen,
		    struct val *child);
/*
 * Shorthands for val_map_set(map, key, val_new_xxx(...)).  A NULL s in
 * val_map_set_str stores null.  val_map_set_int keeps every digit of i
 * in the printed text, even past 2^53 where the double is inexact.
 * Return 0, or -1 on failure.
 */
int		 val_map_set_str(struct val *map, const char *key,
		    const char *s);
int		 val_map_set_strn(struct val *map, const char *key,
		    const char *s, size_t n);
int		 val_map_set_int(struct val *map, const char *key, long long i);
int		 val_map_set_num(struct val *map, const char *key, double d);
int		 val_map_set_bool(struct val *map, const char *key, int b);
/*
 * Set key to a new empty map / list and return it (borrowed: owned by map
 * and valid while map lives and key is not set again), or NULL on failure.
 */
struct val	*val_map_set_map(struct val *map, const char *key);
struct val	*val_map_set_list(struct val *map, const char *key);

/*
 * The value under key (NUL-terminated, or klen bytes), or NULL when map is
 * not a map or has no such key.  The result is borrowed from map.
 * Small maps are searched linearly, with a hash compare first; large ones
 * through a hash index.  val_map_geth takes the key's val_hash, for
 * callers that look the same name up many times (templates).
 */
const struct val *val_map_get(const struct val *map, const char *key);
const struct val *val_map_getn(const struct val *map, const char *key,
		    size_t klen);
const struct val *val_map_geth(const struct val *map, const char *key,
		    size_t klen, uint32_t hash);
/*
 * val_map_geth in maps[n - 1], then maps[n - 2] and so on down to
 * maps[0], skipping those that are not maps: the value in the first that
 * has key, or NULL.  This is how a template finds a name in its stack of
 * contexts, innermost first.
 */
const struct val *val_maps_geth(const struct val *const *maps, size_t n,
		    const char *key, size_t klen, uint32_t hash);
/* The hash of key[0..klen) that val_map_geth expects. */
uint32_t	 val_hash(const char *key, size_t klen);
/*
 * Entry i (0-based, insertion order) of map: returns its value and sets
 * *key if key is not NULL (NUL-terminated, borrowed from map: valid
 * until map is freed or gets a new key); NULL when out of range or map is
 * not a map.
 */
const struct val *val_map_at(const struct val *map, size_t i,
		    const char **key);
/* Item i of list (borrowed), or NULL when out of range or not a list. */
const struct val *val_list_get(const struct val *list, size_t i);

/* The type of v; VAL_NULL for a NULL pointer. */
enum val_type	 val_type(const struct val *v);
/* Items of a list, entries of a map, bytes of a string; 0 for the rest. */
size_t		 val_len(const struct val *v);
/* The boolean of a VAL_BOOL (else 0). */
int		 val_bool(const struct val *v);
/* The number of a VAL_NUM (else 0). */
double		 val_num(const struct val *v);
/*
 * The bytes of a VAL_STR (borrowed, NUL-terminated), storing the length
 * in *len if len is not NULL; NULL for other types.
 */
const char	*val_str(const struct val *v, size_t *len);

/*
 * Truth as template sections see it (the JavaScript rule the Mustache
 * spec describes): null, false, 0, NaN, "" and the empty list are false;
 * everything else, including the empty map, is true.  NULL is false.
 */
int		 val_truthy(const struct val *v);

/*
 * The text a template prints for v, storing its length in *len:
 * a string's bytes; a number's preformatted text, else val_num_format
 * into tmp; "true" or "false"; "" for null, lists, maps and NULL.
 * The result is borrowed from v or points into tmp; never NULL.
 */
const char	*val_text(const struct val *v, char tmp[VAL_NUM_MAX],
		    size_t *len);

/*
 * Format d the way JavaScript's Number toString prints it, which is what
 * the Mustache spec expects: the fewest significant digits that read back
 * as d, in plain notation when 1e-6 <= |d| < 1e21 ("85", "1.5", "0.001",
 * "100000000000000000000") and in exponent notation otherwise ("1e+21",
 * "1.5e-7"); "NaN", "Infinity", "-Infinity"; -0 prints as "0".
 * Writes a NUL-terminated string into out and returns its length.
 */
size_t		 val_num_format(double d, char out[VAL_NUM_MAX]);

#endif /* GRIDSTAR_VAL_H */
