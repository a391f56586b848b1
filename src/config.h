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

#endif /* GRIDSTAR_CONFIG_H */
