/*
 * Dynamic value tree: see val.h.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "val.h"

/* First allocation of a list's or map's array; later ones double. */
#define VAL_START	8
/* Maps of at least this capacity also get a hash index of their keys. */
#define VAL_INDEX_MIN	16
/* Keys shorter than this are stored in their map entry, not allocated. */
#define VAL_KEY_INLINE	24
/* Strings shorter than this are stored in their value, not allocated. */
#define VAL_STR_INLINE	40
/*
 * The pool of freed blocks: a page's tree is built and freed thousands of
 * times a run with the same shapes, so its nodes, arrays and long strings
 * are kept on a free list per size class (VAL_POOL_MIN << k bytes, k <
 * VAL_POOL_CLASSES) and reused.  That spares most calls to malloc and
 * free, whose own caches hold only a few blocks of each size.  A class
 * keeps at most VAL_POOL_BYTES of spare blocks; the rest go back to free.
 */
#define VAL_POOL_MIN	64
#define VAL_POOL_CLASSES	7
#if defined(__SANITIZE_ADDRESS__)
/* AddressSanitizer builds keep no spare blocks: it must see every free. */
#define VAL_POOL_BYTES	0
#else
#define VAL_POOL_BYTES	(1024 * 1024)
#endif
/* Largest magnitude below which every integer is exact in a double. */
#define VAL_EXACT_INT	9007199254740992.0
/* Significant digits that always read back as the same double. */
#define VAL_MAX_DIGITS	17
/*
 * JavaScript prints plain notation when the decimal point falls at a
 * position in (MIN, MAX]: 1e-7 has it at -6, 1e21 at 22.
 */
#define VAL_PLAIN_MIN	(-6)
#define VAL_PLAIN_MAX	21

/* FNV-1a, 32 bits: offset basis and prime. */
#define FNV_BASIS	2166136261u
#define FNV_PRIME	16777619u
/*
 * The bit of a map's bloom mask that a key of hash h sets: a lookup of a
 * name the map lacks (templates search every context, innermost first)
 * then mostly ends at one test.  The top bits, as the index uses the low.
 */
#define BLOOM_BIT(h)	(UINT64_C(1) << ((h) >> 26))

/* One map entry. */
struct val_ent {
	uint32_t	 hash;	/* hash_key(key, klen), compared first */
	uint32_t	 klen;	/* bytes in the key */
	struct val	*v;	/* owned value, never NULL */
	union {
		char	*heap;	/* klen >= VAL_KEY_INLINE: pool copy */
		char	 in[VAL_KEY_INLINE];	/* else the copy */
	} k;			/* the key, NUL-terminated */
};

struct val {
	enum val_type	 type;
	unsigned char	 shared;	/* val_share: not owned by containers */
	unsigned char	 borrowed;	/* VAL_STR: s is the caller's */
	union {
		int	 b;	/* VAL_BOOL */
		struct {
			double	 d;	/* the value */
			char	*text;	/* preformatted output, or NULL */
		} num;		/* VAL_NUM */
		struct {
			char	*s;	/* NUL-terminated bytes: in, from
					   pool_alloc, or borrowed */
			size_t	 len;	/* bytes, without the NUL */
			char	 in[VAL_STR_INLINE];	/* short ones */
		} str;		/* VAL_STR */
		struct {
			struct val	**items;	/* owned children */
			size_t		  len;
			size_t		  cap;
		} list;		/* VAL_LIST */
		struct {
			struct val_ent	*ents;	/* entries in insertion order */
			size_t		 len;
			size_t		 cap;
			uint32_t	*index;	/* 2 * cap slots of entry + 1,
						   0 empty; NULL when small */
			uint64_t	 bloom;	/* BLOOM_BIT(hash) per key */
		} map;		/* VAL_MAP */
	} u;
};

/* A value fills one block of the pool's smallest class. */
_Static_assert(sizeof(struct val) <= VAL_POOL_MIN, "struct val too large");

/*
 * Null and the booleans are never changed once made, so every one is
 * the same shared value, never allocated and never freed.
 */
static struct val shared_null = { VAL_NULL, 1, 0, { 0 } };
static struct val shared_true = { VAL_BOOL, 1, 0, { 1 } };
static struct val shared_false = { VAL_BOOL, 1, 0, { 0 } };

/*
 * Spare blocks per size class, each chained through its first bytes.
 * Per process: the program runs its parts in processes, not threads.
 */
static void	*pool[VAL_POOL_CLASSES];
static size_t	 npool[VAL_POOL_CLASSES];

/*
 * FNV-1a hash of a key.  Lookups compare it before the bytes, which
 * makes a linear scan over a page's few dozen keys cheap.
 */
static uint32_t
hash_key(const char *key, size_t klen)
{
	uint32_t	 h = FNV_BASIS;
	size_t		 i;

	for (i = 0; i < klen; i++) {
		h ^= (unsigned char)key[i];
		h *= FNV_PRIME;
	}
	return h;
}

uint32_t
val_hash(const char *key, size_t klen)
{
	return hash_key(key, klen);
}

/* The key of entry e. */
static const char *
ent_key(const struct val_ent *e)
{
	return e->klen < VAL_KEY_INLINE ? e->k.in : e->k.heap;
}

/* The pool class of an n-byte block, or -1 when it is too large. */
static int
pool_class(size_t n)
{
	size_t	 size = VAL_POOL_MIN;
	int	 k = 0;

	while (size < n && k < VAL_POOL_CLASSES) {
		size *= 2;
		k++;
	}
	return k < VAL_POOL_CLASSES ? k : -1;
}

/* A block of at least n bytes (free with pool_free(p, n)), or NULL. */
static void *
pool_alloc(size_t n)
{
	void	*p;
	int	 k = pool_class(n);

	if (k < 0)
		return malloc(n);
	if ((p = pool[k]) == NULL)
		return malloc((size_t)VAL_POOL_MIN << k);
	memcpy(&pool[k], p, sizeof(void *));
	npool[k]--;
	return p;
}

/* Give back block p from pool_alloc(n).  NULL is a no-op. */
static void
pool_free(void *p, size_t n)
{
	int k = pool_class(n);

	if (p == NULL)
		return;
	if (k < 0 || npool[k] >= VAL_POOL_BYTES / ((size_t)VAL_POOL_MIN << k)) {
		free(p);
		return;
	}
	memcpy(p, &pool[k], sizeof(void *));
	pool[k] = p;
	npool[k]++;
}

/* Allocate a zeroed value of the given type; NULL when out of memory. */
static struct val *
alloc_val(enum val_type type)
{
	struct val *v;

	if ((v = pool_alloc(sizeof(*v))) == NULL)
		return NULL;
	memset(v, 0, sizeof(*v));
	v->type = type;
	return v;
}

struct val *
val_new_null(void)
{
	return &shared_null;
}

struct val *
val_new_bool(int b)
{
	return b ? &shared_true : &shared_false;
}

struct val *
val_new_num(double d)
{
	struct val *v;

	if ((v = alloc_val(VAL_NUM)) != NULL)
		v->u.num.d = d;
	return v;
}

struct val *
val_new_numstr(double d, const char *text)
{
	struct val *v;

	if ((v = val_new_num(d)) == NULL)
		return NULL;
	if (text != NULL && (v->u.num.text = strdup(text)) == NULL) {
		val_free(v);
		return NULL;
	}
	return v;
}

struct val *
val_new_strn(const char *s, size_t n)
{
	struct val *v;

	if (n == SIZE_MAX || (v = alloc_val(VAL_STR)) == NULL)
		return NULL;
	if (n < VAL_STR_INLINE)
		v->u.str.s = v->u.str.in;
	else if ((v->u.str.s = pool_alloc(n + 1)) == NULL) {
		val_free(v);
		return NULL;
	}
	if (n > 0)
		memcpy(v->u.str.s, s, n);
	v->u.str.s[n] = '\0';
	v->u.str.len = n;
	return v;
}

struct val *
val_new_strref(const char *s, size_t n)
{
	struct val *v;

	if (s == NULL || s[n] != '\0' || (v = alloc_val(VAL_STR)) == NULL)
		return NULL;
	/* Only val_str and val_text hand s out, as const: never written. */
	v->u.str.s = (char *)(uintptr_t)s;
	v->u.str.len = n;
	v->borrowed = 1;
	return v;
}

struct val *
val_new_str(const char *s)
{
	if (s == NULL)
		return val_new_null();
	return val_new_strn(s, strlen(s));
}

struct val *
val_new_list(void)
{
	return alloc_val(VAL_LIST);
}

struct val *
val_new_map(void)
{
	return alloc_val(VAL_MAP);
}

void
val_free(struct val *v)
{
	struct val_ent	*e;
	size_t		 i;

	/* Shared values (null and booleans among them) are not owned. */
	if (v == NULL || v->shared)
		return;
	switch (v->type) {
	case VAL_NUM:
		free(v->u.num.text);
		break;
	case VAL_STR:
		if (v->u.str.s != v->u.str.in && !v->borrowed)
			pool_free(v->u.str.s, v->u.str.len + 1);
		break;
	case VAL_LIST:
		for (i = 0; i < v->u.list.len; i++)
			val_free(v->u.list.items[i]);
		pool_free(v->u.list.items, v->u.list.cap *
		    sizeof(struct val *));
		break;
	case VAL_MAP:
		for (i = 0; i < v->u.map.len; i++) {
			e = &v->u.map.ents[i];
			if (e->klen >= VAL_KEY_INLINE)
				pool_free(e->k.heap, e->klen + 1);
			val_free(e->v);
		}
		pool_free(v->u.map.ents, v->u.map.cap *
		    sizeof(struct val_ent));
		pool_free(v->u.map.index, v->u.map.cap * 2 *
		    sizeof(uint32_t));
		break;
	default:
		break;
	}
	pool_free(v, sizeof(*v));
}

struct val *
val_share(struct val *v)
{
	if (v != NULL)
		v->shared = 1;
	return v;
}

void
val_free_shared(struct val *v)
{
	if (v == NULL || v == &shared_null || v == &shared_true ||
	    v == &shared_false)
		return;
	v->shared = 0;
	val_free(v);
}

/*
 * Make room for one more element in an array of *cap elements of size sz,
 * *len of them used, taking the arrays from the pool.  Returns 0, or -1
 * when out of memory.
 */
static int
grow(void **arr, size_t *cap, size_t len, size_t sz)
{
	size_t	 ncap;
	void	*p;

	if (len < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : VAL_START;
	if (ncap < *cap || ncap > SIZE_MAX / sz)
		return -1;
	if ((p = pool_alloc(ncap * sz)) == NULL)
		return -1;
	if (len > 0)
		memcpy(p, *arr, len * sz);
	pool_free(*arr, *cap * sz);
	*arr = p;
	*cap = ncap;
	return 0;
}

/* Enter entry i of map (with an index) in the index. */
static void
index_add(struct val *map, size_t i)
{
	size_t mask = map->u.map.cap * 2 - 1, s;

	s = map->u.map.ents[i].hash & mask;
	while (map->u.map.index[s] != 0)
		s = (s + 1) & mask;
	map->u.map.index[s] = (uint32_t)(i + 1);
}

/*
 * Make room for one more entry in map, indexing its keys once it is
 * large.  Returns 0, or -1 when out of memory.
 */
static int
grow_map(struct val *map)
{
	void		*ents = map->u.map.ents;
	uint32_t	*index;
	size_t		 i, ocap = map->u.map.cap;

	if (map->u.map.len < ocap)
		return 0;
	if (grow(&ents, &map->u.map.cap, map->u.map.len,
	    sizeof(struct val_ent)) == -1)
		return -1;
	map->u.map.ents = ents;
	/* The entries are there: an index that fails is only slower. */
	pool_free(map->u.map.index, ocap * 2 * sizeof(*index));
	map->u.map.index = NULL;
	if (map->u.map.cap < VAL_INDEX_MIN || map->u.map.cap > UINT32_MAX)
		return 0;
	if ((index = pool_alloc(map->u.map.cap * 2 * sizeof(*index))) ==
	    NULL)
		return 0;
	memset(index, 0, map->u.map.cap * 2 * sizeof(*index));
	map->u.map.index = index;
	for (i = 0; i < map->u.map.len; i++)
		index_add(map, i);
	return 0;
}

int
val_list_push(struct val *list, struct val *child)
{
	void *items;

	if (list == NULL || list->type != VAL_LIST || child == NULL)
		goto fail;
	items = list->u.list.items;
	if (grow(&items, &list->u.list.cap, list->u.list.len,
	    sizeof(struct val *)) == -1)
		goto fail;
	list->u.list.items = items;
	list->u.list.items[list->u.list.len++] = child;
	return 0;
fail:
	val_free(child);
	return -1;
}

struct val *
val_list_push_map(struct val *list)
{
	struct val *v = val_new_map();

	return val_list_push(list, v) == 0 ? v : NULL;
}

struct val *
val_list_push_list(struct val *list)
{
	struct val *v = val_new_list();

	return val_list_push(list, v) == 0 ? v : NULL;
}

/* The entry for key, of hash h, in map (a VAL_MAP), or NULL. */
static inline struct val_ent *
find_ent(const struct val *map, const char *key, size_t klen, uint32_t h)
{
	struct val_ent	*e;
	size_t		 i, n = map->u.map.len, mask, s;
	uint32_t	 k;

	if (!(map->u.map.bloom & BLOOM_BIT(h)))
		return NULL;
	if (map->u.map.index != NULL) {
		mask = map->u.map.cap * 2 - 1;
		for (s = h & mask; (k = map->u.map.index[s]) != 0;
		    s = (s + 1) & mask) {
			e = &map->u.map.ents[k - 1];
			if (e->hash == h && e->klen == klen &&
			    memcmp(ent_key(e), key, klen) == 0)
				return e;
		}
		return NULL;
	}
	for (i = 0; i < n; i++) {
		e = &map->u.map.ents[i];
		if (e->hash == h && e->klen == klen &&
		    memcmp(ent_key(e), key, klen) == 0)
			return e;
	}
	return NULL;
}

/*
 * val_map_setn for a key whose hash_key is h.  Returns 0, or -1 (child
 * freed).
 */
static int
set_hashed(struct val *map, const char *key, size_t klen, uint32_t h,
    struct val *child)
{
	struct val_ent	*e;
	char		*k;

	if (map == NULL || map->type != VAL_MAP || child == NULL ||
	    key == NULL || klen >= UINT32_MAX)
		goto fail;
	if ((e = find_ent(map, key, klen, h)) != NULL) {
		val_free(e->v);
		e->v = child;
		return 0;
	}
	if (grow_map(map) == -1)
		goto fail;
	e = &map->u.map.ents[map->u.map.len];
	if (klen < VAL_KEY_INLINE)
		k = e->k.in;
	else if ((k = e->k.heap = pool_alloc(klen + 1)) == NULL)
		goto fail;
	memcpy(k, key, klen);
	k[klen] = '\0';
	e->klen = (uint32_t)klen;
	e->hash = h;
	e->v = child;
	map->u.map.bloom |= BLOOM_BIT(h);
	if (map->u.map.index != NULL)
		index_add(map, map->u.map.len);
	map->u.map.len++;
	return 0;
fail:
	val_free(child);
	return -1;
}

int
val_map_setn(struct val *map, const char *key, size_t klen,
    struct val *child)
{
	if (key == NULL) {
		val_free(child);
		return -1;
	}
	return set_hashed(map, key, klen, hash_key(key, klen), child);
}

int
val_map_set(struct val *map, const char *key, struct val *child)
{
	uint32_t	 h = FNV_BASIS;
	size_t		 n;

	if (key == NULL) {
		val_free(child);
		return -1;
	}
	/* hash_key and strlen in one pass: pages set a million keys. */
	for (n = 0; key[n] != '\0'; n++) {
		h ^= (unsigned char)key[n];
		h *= FNV_PRIME;
	}
	return set_hashed(map, key, n, h, child);
}

int
val_map_set_str(struct val *map, const char *key, const char *s)
{
	return val_map_set(map, key, val_new_str(s));
}

int
val_map_set_strn(struct val *map, const char *key, const char *s, size_t n)
{
	return val_map_set(map, key, val_new_strn(s, n));
}

int
val_map_set_int(struct val *map, const char *key, long long i)
{
	char	 text[VAL_NUM_MAX];
	double	 d = (double)i;

	/* Past 2^53 the double rounds: keep the exact digits for output. */
	if (d >= VAL_EXACT_INT || d <= -VAL_EXACT_INT) {
		snprintf(text, sizeof(text), "%lld", i);
		return val_map_set(map, key, val_new_numstr(d, text));
	}
	return val_map_set(map, key, val_new_num(d));
}

int
val_map_set_num(struct val *map, const char *key, double d)
{
	return val_map_set(map, key, val_new_num(d));
}

int
val_map_set_bool(struct val *map, const char *key, int b)
{
	return val_map_set(map, key, val_new_bool(b));
}

struct val *
val_map_set_map(struct val *map, const char *key)
{
	struct val *v = val_new_map();

	return val_map_set(map, key, v) == 0 ? v : NULL;
}

struct val *
val_map_set_list(struct val *map, const char *key)
{
	struct val *v = val_new_list();

	return val_map_set(map, key, v) == 0 ? v : NULL;
}

const struct val *
val_map_getn(const struct val *map, const char *key, size_t klen)
{
	if (key == NULL)
		return NULL;
	return val_map_geth(map, key, klen, hash_key(key, klen));
}

const struct val *
val_map_geth(const struct val *map, const char *key, size_t klen,
    uint32_t hash)
{
	const struct val_ent *e;

	if (map == NULL || map->type != VAL_MAP || key == NULL)
		return NULL;
	e = find_ent(map, key, klen, hash);
	return e != NULL ? e->v : NULL;
}

const struct val *
val_map_get(const struct val *map, const char *key)
{
	if (key == NULL)
		return NULL;
	return val_map_getn(map, key, strlen(key));
}

const struct val *
val_maps_geth(const struct val *const *maps, size_t n, const char *key,
    size_t klen, uint32_t hash)
{
	const struct val_ent	*e;
	const struct val	*m;

	if (key == NULL)
		return NULL;
	while (n-- > 0) {
		m = maps[n];
		if (m == NULL || m->type != VAL_MAP)
			continue;
		if ((e = find_ent(m, key, klen, hash)) != NULL)
			return e->v;
	}
	return NULL;
}

const struct val *
val_map_at(const struct val *map, size_t i, const char **key)
{
	if (map == NULL || map->type != VAL_MAP || i >= map->u.map.len)
		return NULL;
	if (key != NULL)
		*key = ent_key(&map->u.map.ents[i]);
	return map->u.map.ents[i].v;
}

const struct val *
val_list_get(const struct val *list, size_t i)
{
	if (list == NULL || list->type != VAL_LIST || i >= list->u.list.len)
		return NULL;
	return list->u.list.items[i];
}

enum val_type
val_type(const struct val *v)
{
	return v != NULL ? v->type : VAL_NULL;
}

size_t
val_len(const struct val *v)
{
	switch (val_type(v)) {
	case VAL_STR:
		return v->u.str.len;
	case VAL_LIST:
		return v->u.list.len;
	case VAL_MAP:
		return v->u.map.len;
	default:
		return 0;
	}
}

int
val_bool(const struct val *v)
{
	return val_type(v) == VAL_BOOL ? v->u.b : 0;
}

double
val_num(const struct val *v)
{
	return val_type(v) == VAL_NUM ? v->u.num.d : 0.0;
}

const char *
val_str(const struct val *v, size_t *len)
{
	if (val_type(v) != VAL_STR)
		return NULL;
	if (len != NULL)
		*len = v->u.str.len;
	return v->u.str.s;
}

int
val_truthy(const struct val *v)
{
	switch (val_type(v)) {
	case VAL_BOOL:
		return v->u.b;
	case VAL_NUM:
		/* NaN compares unequal to everything, 0 included. */
		return v->u.num.d != 0.0 && !isnan(v->u.num.d);
	case VAL_STR:
		return v->u.str.len > 0;
	case VAL_LIST:
		return v->u.list.len > 0;
	case VAL_MAP:
		return 1;
	default:
		return 0;
	}
}

const char *
val_text(const struct val *v, char tmp[VAL_NUM_MAX], size_t *len)
{
	switch (val_type(v)) {
	case VAL_BOOL:
		*len = v->u.b ? 4 : 5;
		return v->u.b ? "true" : "false";
	case VAL_NUM:
		if (v->u.num.text != NULL) {
			*len = strlen(v->u.num.text);
			return v->u.num.text;
		}
		*len = val_num_format(v->u.num.d, tmp);
		return tmp;
	case VAL_STR:
		*len = v->u.str.len;
		return v->u.str.s;
	default:
		*len = 0;
		return "";
	}
}

/*
 * Shortest decimal digits of |d| (finite, non-zero) that read back as |d|:
 * writes up to VAL_MAX_DIGITS digits (no NUL) into digits, stores the
 * decimal exponent of the first digit in *exp, returns the digit count.
 */
static int
shortest_digits(double d, char *digits, int *exp)
{
	char	 tmp[VAL_NUM_MAX];
	char	*e;
	int	 prec, n, i;

	d = fabs(d);
	for (prec = 1; prec < VAL_MAX_DIGITS; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, d);
	/* tmp is "D.DDDDe[+-]XX" (or "De[+-]XX" when prec is 1). */
	n = 0;
	/* Digits only: skip the point, whatever the locale makes it. */
	for (i = 0; tmp[i] != 'e' && tmp[i] != '\0'; i++)
		if (tmp[i] >= '0' && tmp[i] <= '9')
			digits[n++] = tmp[i];
	e = tmp + i;
	*exp = *e == 'e' ? atoi(e + 1) : 0;
	/* No trailing zeros: with one digit fewer it would have read back. */
	return n;
}

size_t
val_num_format(double d, char out[VAL_NUM_MAX])
{
	char	 dig[VAL_MAX_DIGITS + 1];
	int	 k, e, point, i;
	size_t	 o = 0;

	if (isnan(d))
		return (size_t)snprintf(out, VAL_NUM_MAX, "NaN");
	if (isinf(d))
		return (size_t)snprintf(out, VAL_NUM_MAX, "%sInfinity",
		    d < 0 ? "-" : "");
	if (d == 0.0)
		return (size_t)snprintf(out, VAL_NUM_MAX, "0");
	/* Fast path: exact integers print their digits, as JavaScript does. */
	if (fabs(d) < VAL_EXACT_INT && d == (double)(long long)d)
		return buf_fmtint(out, (long long)d);	/* as "%lld" */

	k = shortest_digits(d, dig, &e);
	if (d < 0)
		out[o++] = '-';
	/* ECMA-262 Number::toString: point = position of the decimal point. */
	point = e + 1;
	if (point > VAL_PLAIN_MIN && point <= VAL_PLAIN_MAX) {
		if (point <= 0) {
			out[o++] = '0';
			out[o++] = '.';
			for (i = point; i < 0; i++)
				out[o++] = '0';
			for (i = 0; i < k; i++)
				out[o++] = dig[i];
		} else {
			for (i = 0; i < k || i < point; i++) {
				if (i == point)
					out[o++] = '.';
				out[o++] = i < k ? dig[i] : '0';
			}
		}
		out[o] = '\0';
		return o;
	}
	out[o++] = dig[0];
	if (k > 1) {
		out[o++] = '.';
		for (i = 1; i < k; i++)
			out[o++] = dig[i];
	}
	o += (size_t)snprintf(out + o, VAL_NUM_MAX - o, "e%c%d",
	    e < 0 ? '-' : '+', e < 0 ? -e : e);
	return o;
}
