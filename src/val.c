/*
 * Dynamic value tree: see val.h.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "val.h"

/* First allocation of a list's or map's array; later ones double. */
#define VAL_START	8
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

/* One map entry. */
struct val_ent {
	char		*key;	/* NUL-terminated copy */
	size_t		 klen;	/* bytes in key */
	uint32_t	 hash;	/* hash_key(key, klen), compared first */
	struct val	*v;	/* owned value, never NULL */
};

struct val {
	enum val_type	 type;
	union {
		int	 b;	/* VAL_BOOL */
		struct {
			double	 d;	/* the value */
			char	*text;	/* preformatted output, or NULL */
		} num;		/* VAL_NUM */
		struct {
			char	*s;	/* NUL-terminated bytes */
			size_t	 len;	/* bytes, without the NUL */
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
		} map;		/* VAL_MAP */
	} u;
};

/*
 * FNV-1a hash of a key.  Lookups compare it before the bytes, which
 * makes a linear scan over a page's few dozen keys cheap.
 */
static uint32_t
hash_key(const char *key, size_t klen)
{
	uint32_t	 h = 2166136261u;
	size_t		 i;

	for (i = 0; i < klen; i++) {
		h ^= (unsigned char)key[i];
		h *= 16777619u;
	}
	return h;
}

/* Allocate a zeroed value of the given type; NULL when out of memory. */
static struct val *
alloc_val(enum val_type type)
{
	struct val *v;

	if ((v = calloc(1, sizeof(*v))) == NULL)
		return NULL;
	v->type = type;
	return v;
}

struct val *
val_new_null(void)
{
	return alloc_val(VAL_NULL);
}

struct val *
val_new_bool(int b)
{
	struct val *v;

	if ((v = alloc_val(VAL_BOOL)) != NULL)
		v->u.b = b != 0;
	return v;
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
		free(v);
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
	if ((v->u.str.s = malloc(n + 1)) == NULL) {
		free(v);
		return NULL;
	}
	if (n > 0)
		memcpy(v->u.str.s, s, n);
	v->u.str.s[n] = '\0';
	v->u.str.len = n;
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
	size_t i;

	if (v == NULL)
		return;
	switch (v->type) {
	case VAL_NUM:
		free(v->u.num.text);
		break;
	case VAL_STR:
		free(v->u.str.s);
		break;
	case VAL_LIST:
		for (i = 0; i < v->u.list.len; i++)
			val_free(v->u.list.items[i]);
		free(v->u.list.items);
		break;
	case VAL_MAP:
		for (i = 0; i < v->u.map.len; i++) {
			free(v->u.map.ents[i].key);
			val_free(v->u.map.ents[i].v);
		}
		free(v->u.map.ents);
		break;
	default:
		break;
	}
	free(v);
}

/*
 * Make room for one more element in an array of *cap elements of size sz,
 * *len of them used.  Returns 0, or -1 when out of memory.
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
	if ((p = realloc(*arr, ncap * sz)) == NULL)
		return -1;
	*arr = p;
	*cap = ncap;
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

/* The entry for key in map (a VAL_MAP), or NULL. */
static struct val_ent *
find_ent(const struct val *map, const char *key, size_t klen)
{
	uint32_t	 h = hash_key(key, klen);
	size_t		 i;
	struct val_ent	*e;

	for (i = 0; i < map->u.map.len; i++) {
		e = &map->u.map.ents[i];
		if (e->hash == h && e->klen == klen &&
		    memcmp(e->key, key, klen) == 0)
			return e;
	}
	return NULL;
}

int
val_map_setn(struct val *map, const char *key, size_t klen,
    struct val *child)
{
	struct val_ent	*e;
	void		*ents;
	char		*k;

	if (map == NULL || map->type != VAL_MAP || child == NULL ||
	    key == NULL || klen == SIZE_MAX)
		goto fail;
	if ((e = find_ent(map, key, klen)) != NULL) {
		val_free(e->v);
		e->v = child;
		return 0;
	}
	ents = map->u.map.ents;
	if (grow(&ents, &map->u.map.cap, map->u.map.len,
	    sizeof(struct val_ent)) == -1)
		goto fail;
	map->u.map.ents = ents;
	if ((k = malloc(klen + 1)) == NULL)
		goto fail;
	memcpy(k, key, klen);
	k[klen] = '\0';
	e = &map->u.map.ents[map->u.map.len++];
	e->key = k;
	e->klen = klen;
	e->hash = hash_key(key, klen);
	e->v = child;
	return 0;
fail:
	val_free(child);
	return -1;
}

int
val_map_set(struct val *map, const char *key, struct val *child)
{
	if (key == NULL) {
		val_free(child);
		return -1;
	}
	return val_map_setn(map, key, strlen(key), child);
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
	const struct val_ent *e;

	if (map == NULL || map->type != VAL_MAP || key == NULL)
		return NULL;
	e = find_ent(map, key, klen);
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
val_map_at(const struct val *map, size_t i, const char **key)
{
	if (map == NULL || map->type != VAL_MAP || i >= map->u.map.len)
		return NULL;
	if (key != NULL)
		*key = map->u.map.ents[i].key;
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
		return (size_t)snprintf(out, VAL_NUM_MAX, "%lld", (long long)d);

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
