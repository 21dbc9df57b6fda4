/*
 * STREAM-style copy, scale, add, triad, read and write: the native reference for Assay's
 * memory.bandwidth.* kernels. NOT STREAM (McCalpin's stream.c): it borrows STREAM's kernels,
 * byte counting and sizing rule, takes N and the thread count from argv, and reports the
 * median as well as the best repetition. bench/c/triad.c remains the triad's own reference.
 *
 * Kernels (double, q = 3.0) and bytes per element, as STREAM counts them (no write-allocate):
 *   copy  c = a          16      scale b = q*c        16      add  c = a + b    24
 *   triad a = b + q*c    24      read  s += bits(a)    8      write a = q        8
 * read sums the raw 64-bit patterns as integers, as Assay's StreamKernel does (a double sum
 * would be a serial chain of 4-cycle adds and measure the adder, not memory).
 *
 * Defences: first touch in a parallel loop with the kernels' schedule(static); one untimed
 * warm-up repetition per kernel; kernels noinline; after timing, every destination is checked
 * against the values its kernel must have left (exact: same operations, same inputs) and the
 * read sum against a serial sum; pinning by the caller (OMP_PROC_BIND=close OMP_PLACES=cores).
 *
 * Usage:   stream KERNEL N THREADS [REPS]   KERNEL = copy|scale|add|triad|read|write
 * Output:  key=value lines: <kernel>_median_gbs, <kernel>_best_gbs, thread_cpus, validation.
 *          Exit 0 = validated, 1 = validation failed, 2 = bad arguments or allocation failure.
 * Build:   gcc -O3 -march=native -fopenmp -o stream stream.c
 */
#define _GNU_SOURCE
#define BENCH_NAME "stream"
#include "bench_common.h"
#include <omp.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double a_of(long i) { return 1.0 + (double)(i & 1023) * 0x1p-10; }
static double b_of(long i) { return 2.0 + (double)(i & 511) * 0x1p-9; }
static double c_of(long i) { return 0.5 + (double)(i & 255) * 0x1p-8; }

static void __attribute__((noinline)) k_copy(double *restrict c, const double *restrict a, long n) {
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) c[i] = a[i];
}
static void __attribute__((noinline)) k_scale(double *restrict b, const double *restrict c, long n, double q) {
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) b[i] = q * c[i];
}
static void __attribute__((noinline)) k_add(double *restrict c, const double *restrict a, const double *restrict b, long n) {
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) c[i] = a[i] + b[i];
}
static void __attribute__((noinline)) k_triad(double *restrict a, const double *restrict b, const double *restrict c, long n, double q) {
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) a[i] = b[i] + q * c[i];
}
static int64_t __attribute__((noinline)) k_read(const int64_t *restrict a, long n) {
    int64_t s = 0;
#pragma omp parallel for schedule(static) reduction(+ : s)
    for (long i = 0; i < n; i++) s += a[i];
    return s;
}
static void __attribute__((noinline)) k_write(double *restrict a, long n, double q) {
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) a[i] = q;
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: stream KERNEL N THREADS [REPS]\n"); return 2; }
    const char *kernel = argv[1];
    long n = atol(argv[2]);
    int threads = atoi(argv[3]), reps = argc > 4 ? atoi(argv[4]) : 20;
    if (n < 1 || threads < 1 || reps < 1) { fprintf(stderr, "stream: N, THREADS and REPS must be >= 1\n"); return 2; }
    int bytes_per;
    if (!strcmp(kernel, "copy") || !strcmp(kernel, "scale")) bytes_per = 16;
    else if (!strcmp(kernel, "add") || !strcmp(kernel, "triad")) bytes_per = 24;
    else if (!strcmp(kernel, "read") || !strcmp(kernel, "write")) bytes_per = 8;
    else { fprintf(stderr, "stream: unknown kernel '%s'\n", kernel); return 2; }
    volatile double q_source = 3.0;
    const double q = q_source;
    omp_set_dynamic(0);
    omp_set_num_threads(threads);

    double *a = alloc_doubles(n, 4096), *b = alloc_doubles(n, 4096), *c = alloc_doubles(n, 4096);
    int *cpus = calloc((size_t)threads, sizeof(int));
#pragma omp parallel
    {
        if (omp_get_thread_num() < threads) cpus[omp_get_thread_num()] = sched_getcpu();
#pragma omp for schedule(static)
        for (long i = 0; i < n; i++) { a[i] = a_of(i); b[i] = b_of(i); c[i] = c_of(i); }
    }
    int64_t expected_sum = 0;
    for (long i = 0; i < n; i++) { int64_t v; memcpy(&v, &a[i], 8); expected_sum += v; }

    double *seconds = malloc(sizeof(double) * reps);
    int64_t sum = 0;
    for (int k = -1; k < reps; k++) { /* k = -1: untimed warm-up */
        double t0 = omp_get_wtime();
        switch (kernel[0] == 's' ? 's' : kernel[0] == 'a' ? 'a' : kernel[0] == 't' ? 't' : kernel[0] == 'r' ? 'r' : kernel[0] == 'w' ? 'w' : 'c') {
            case 'c': k_copy(c, a, n); break;
            case 's': k_scale(b, c, n, q); break;
            case 'a': k_add(c, a, b, n); break;
            case 't': k_triad(a, b, c, n, q); break;
            case 'r': sum = k_read((const int64_t *)a, n); break;
            case 'w': k_write(a, n, q); break;
        }
        double dt = omp_get_wtime() - t0;
        if (k >= 0) seconds[k] = dt;
    }
    long errors = 0;
    for (long i = 0; i < n && errors < 5; i++) {
        double want, got;
        switch (kernel[0]) {
            case 'c': want = a_of(i); got = c[i]; break;
            case 's': want = q * c_of(i); got = b[i]; break;
            case 'a': want = a_of(i) + b_of(i); got = c[i]; break;
            case 't': want = b_of(i) + q * c_of(i); got = a[i]; break;
            case 'w': want = q; got = a[i]; break;
            default: want = got = 0; break;
        }
        if (want != got) { fprintf(stderr, "stream: %s element %ld expected %.17g but got %.17g\n", kernel, i, want, got); errors++; }
    }
    if (kernel[0] == 'r' && sum != expected_sum) {
        fprintf(stderr, "stream: read expected sum %lld but got %lld\n", (long long)expected_sum, (long long)sum);
        errors++;
    }
    double bytes = (double)bytes_per * n;
    double median = sort_median(seconds, reps);
    printf("kernel=STREAM-style %s (not STREAM)\nn=%ld\nthreads=%d\n", kernel, n, threads);
    printf("%s_median_gbs=%.3f\n%s_best_gbs=%.3f\n", kernel, bytes / median / 1e9, kernel, bytes / seconds[0] / 1e9);
    print_thread_cpus(cpus, threads);
    printf("validation=%s\n", errors ? "failed" : "ok");
    return errors ? 1 : 0;
}
