/*
 * What every native reference under bench/c shares: argument parsing that refuses junk,
 * a monotonic clock, page- or line-aligned double arrays, the xorshift64* fill that Assay's
 * kernels use, the median of a set of repetitions, and CPU pinning and reporting.
 *
 * Each program defines BENCH_NAME (its name, the prefix of its error messages) before
 * including this header. Every helper is static and may go unused in a given program.
 * Errors in arguments or allocation exit with status 2, as each program's usage says.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#ifndef BENCH_NAME
#error "define BENCH_NAME before including bench_common.h"
#endif

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define BENCH_UNUSED __attribute__((unused))

/* A whole number >= min, the whole of s; otherwise a one-line complaint and exit 2. */
static BENCH_UNUSED long parse_long(const char *s, const char *what, long min) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || *end != '\0' || end == s || v < min) {
        fprintf(stderr, BENCH_NAME ": %s must be an integer >= %ld, got '%s'\n", what, min, s);
        exit(2);
    }
    return v;
}

/* CLOCK_MONOTONIC in nanoseconds and in seconds. */
static BENCH_UNUSED double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static BENCH_UNUSED double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* n doubles at an address (and a size) that is a multiple of align, which aligned_alloc wants. */
static BENCH_UNUSED double *alloc_doubles(size_t n, size_t align) {
    size_t bytes = (n * sizeof(double) + align - 1) / align * align;
    double *p = aligned_alloc(align, bytes);
    if (p == NULL) {
        fprintf(stderr, BENCH_NAME ": cannot allocate %zu bytes\n", bytes);
        exit(2);
    }
    return p;
}

/* xorshift64*, uniform in [-1, 1): the same fill as Assay's kernels, from the same seed. */
static unsigned long long bench_rng = 0x9E3779B97F4A7C15ULL;
static BENCH_UNUSED double uniform(void) {
    bench_rng ^= bench_rng >> 12; bench_rng ^= bench_rng << 25; bench_rng ^= bench_rng >> 27;
    return (double)((bench_rng * 2685821657736338717ULL) >> 11) * 0x1p-52 - 1.0;
}

static BENCH_UNUSED int cmp_double(const void *x, const void *y) {
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* Sorts v ascending (v[0] is then the best time) and returns its median. */
static BENCH_UNUSED double sort_median(double *v, long n) {
    qsort(v, (size_t)n, sizeof(double), cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* Pins the calling thread to one CPU; a failure is reported, not fatal (the output says where it ran). */
static BENCH_UNUSED void pin_to_cpu(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) perror(BENCH_NAME ": sched_setaffinity");
}

/* "thread_cpus=0,1,...": where each worker ran, so a report can show the placement. */
static BENCH_UNUSED void print_thread_cpus(const int *cpus, int threads) {
    printf("thread_cpus=");
    for (int i = 0; i < threads; i++) printf(i ? ",%d" : "%d", cpus[i]);
    printf("\n");
}

#endif
