/*
 * Build configuration shared by every translation unit.
 * Included first by every .c file so that POSIX interfaces
 * (getline, strdup, mkdtemp, ...) are declared under -std=c11.
 */
#ifndef GRIDSTAR_CONFIG_H
#define GRIDSTAR_CONFIG_H

#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE 1

#ifndef VERSION
#define VERSION "0.1.0"
#endif

/*
 * Which files of a part (pages, boards) one call writes, so that parallel
 * processes can share the work (-j): every file (SHARD_ALL), the files
 * that are not of one village (SHARD_COMMON), or those of the villages
 * of shard k, 0 <= k < nshards.
 */
#define SHARD_ALL	(-2)
#define SHARD_COMMON	(-1)

#endif /* GRIDSTAR_CONFIG_H */
