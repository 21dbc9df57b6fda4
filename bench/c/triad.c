/*
 * STREAM-style triad, the native reference for Assay's memory.bandwidth.triad.
 *
 * This is NOT STREAM (McCalpin's stream.c); it borrows STREAM's method and is labelled
 * "STREAM-style" as STREAM's licence asks of modified code. Differences from STREAM: only
 * the triad kernel; array length and thread count come from argv (so bench/run can hand it
 * the exact size Assay used); it reports the median rate as well as the best; and
 * successive repetitions ping-pong between two arrays (see below).
 *
 * Kernel:  x[i] = y[i] + q * c[i]   (double, q = 3.0)
 * Bytes:   3 * 8 * N per repetition, as STREAM counts them: two reads and one write per
 *          element. The write-allocate read of the destination line is real traffic but is
 *          not counted, so the figure is comparable with STREAM's (and with Assay's
 *          StreamTriad) and is an under-estimate of bus traffic.
 * Sizing:  each array should be at least 4x the last-level cache (STREAM's rule); the
 *          caller chooses N. We only warn when 3*8*N is small.
 *
 * Defences:
 *  - First touch: the arrays are initialised in a parallel loop with the same
 *    schedule(static) as the kernel, so each page is faulted in by the thread that will
 *    stream it (on a NUMA machine it lands on that thread's node), and no page fault falls
 *    inside a timed repetition.
 *  - Warm-up: one untimed repetition before the timed ones (thread pool creation, TLB).
 *  - Dead code / hoisting: repetition k reads the array repetition k-1 wrote (ping-pong
 *    between a and b), so no repetition is idempotent and none can be skipped or merged;
 *    after timing every element of both arrays is checked against the closed form
 *    y0 + m*q*c (m = number of passes that fed it), which also proves the pass count.
 *    All values are small integers times powers of two: the arithmetic is exact, yet we
 *    compare with STREAM's relative epsilon (1e-13) anyway.
 *  - Timer: omp_get_wtime around each repetition including the fork/join, as STREAM
 *    does; a warning is printed if the fastest repetition is under 20 timer ticks.
 *  - Pinning: the caller sets OMP_PROC_BIND=close OMP_PLACES=cores; the CPU each thread
 *    ran on is printed (thread_cpus=...) so an unpinned run is visible.
 *
 * Usage:   triad N THREADS [REPS]      (REPS default 20)
 * Output:  key=value lines on stdout, e.g. triad_best_gbs=... triad_median_gbs=...
 *          (GB/s = 1e9 bytes/s). Exit 0 = validated, 1 = validation failed,
 *          2 = bad arguments or allocation failure.
 *
 * Build:   gcc -O3 -march=native -fopenmp -o triad triad.c   (bench/run does this)
 */
#define _GNU_SOURCE
#define BENCH_NAME "triad"
#include "bench_common.h"
#include <errno.h>
#include <math.h>
#include <omp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALIGN 64
#define DEFAULT_REPS 20
#define EPSILON 1e-13
#define TRIAD_Q 3.0

/* Initial values: vary by index (like Assay's StreamTriad) so a kernel that reads the wrong
 * element fails validation; STREAM's constant c = 0 would hide that. */
static inline double y0_of(long i) { return 2.0 + (double)(i & 1023) * 0x1p-10; }
static inline double c_of(long i) { return 0.5 + (double)(i & 511) * 0x1p-9; }

/* L3 size from sysfs, -1 if unknown. Not sysconf(_SC_LEVEL3_CACHE_SIZE): on the EPYC KVM
 * guest this was written on, glibc answers 335544320 (320 MiB) while sysfs and lscpu say
 * 32768K. */
static long l3_cache_bytes(void) {
    FILE *f = fopen("/sys/devices/system/cpu/cpu0/cache/index3/size", "r");
    if (f == NULL)
        return -1;
    long v = -1;
    char unit = 0;
    int got = fscanf(f, "%ld%c", &v, &unit);
    fclose(f);
    if (got < 1 || v <= 0)
        return -1;
    return unit == 'K' ? v * 1024 : unit == 'M' ? v * 1024 * 1024 : v;
}

/* One triad pass; noinline keeps one copy of the loop that every repetition runs. */
static void __attribute__((noinline))
triad(double *restrict x, const double *restrict y, const double *restrict c, long n, double q) {
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++)
        x[i] = y[i] + q * c[i];
}

/* Counts elements of v that differ from the expected value by more than EPSILON (relative):
 * y0 + passes*q*c for the ping-pong arrays, c itself (never written) when c_only. */
static long check_array(const char *name, const double *v, long n, double q, long passes,
                        int c_only) {
    long errors = 0;
    for (long i = 0; i < n; i++) {
        double expected = c_only ? c_of(i) : y0_of(i) + (double)passes * q * c_of(i);
        if (fabs(v[i] - expected) > EPSILON * fabs(expected)) {
            if (errors < 5)
                fprintf(stderr, "triad: %s[%ld] expected %.17g but got %.17g\n", name, i,
                        expected, v[i]);
            errors++;
        }
    }
    return errors;
}

int main(int argc, char **argv) {
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: triad N THREADS [REPS]   (N = doubles per array)\n");
        return 2;
    }
    const long n = parse_long(argv[1], "N", 1);
    const int threads = (int)parse_long(argv[2], "THREADS", 1);
    const int reps = argc > 3 ? (int)parse_long(argv[3], "REPS", 1) : DEFAULT_REPS;
    /* Read through a volatile so the compiler cannot fold q into the kernel. */
    volatile double q_source = TRIAD_Q;
    const double q = q_source;

    omp_set_dynamic(0);
    omp_set_num_threads(threads);

    double *a = alloc_doubles(n, ALIGN), *b = alloc_doubles(n, ALIGN), *c = alloc_doubles(n, ALIGN);

    /* First touch with the kernel's schedule. */
    int team = 0;
    int *cpus = calloc((size_t)threads, sizeof(int));
#pragma omp parallel
    {
#pragma omp single
        team = omp_get_num_threads();
        if (omp_get_thread_num() < threads)
            cpus[omp_get_thread_num()] = sched_getcpu();
#pragma omp for schedule(static)
        for (long i = 0; i < n; i++) {
            a[i] = 0.0;
            b[i] = y0_of(i);
            c[i] = c_of(i);
        }
    }
    if (team != threads) {
        fprintf(stderr, "triad: asked for %d threads, OpenMP gave %d\n", threads, team);
        return 2;
    }

    /* Pass p (p = 0 is the warm-up) reads src and writes dst; then they swap. After pass p,
     * dst holds y0 + (p+1)*q*c. */
    double *src = b, *dst = a;
    triad(dst, src, c, n, q);
    double *t = src; src = dst; dst = t;

    double *seconds = malloc((size_t)reps * sizeof(double));
    for (int k = 0; k < reps; k++) {
        double t0 = omp_get_wtime();
        triad(dst, src, c, n, q);
        seconds[k] = omp_get_wtime() - t0;
        t = src; src = dst; dst = t;
    }
    /* src now holds the last pass's output: reps + 1 passes; dst holds reps passes. */
    long errors = check_array("last", src, n, q, reps + 1L, 0) +
                  check_array("previous", dst, n, q, (long)reps, 0) +
                  check_array("c", c, n, q, 0, 1);

    const double bytes = 3.0 * sizeof(double) * (double)n;
    const double median_s = sort_median(seconds, reps);
    const double best_s = seconds[0];
    const double tick = omp_get_wtick();

    printf("kernel=STREAM-style triad (not STREAM)\n");
    printf("triad_n=%ld\n", n);
    printf("triad_bytes_per_rep=%.0f\n", bytes);
    printf("threads=%d\n", threads);
    print_thread_cpus(cpus, threads);
    const char *bind = getenv("OMP_PROC_BIND"), *places = getenv("OMP_PLACES");
    printf("omp_proc_bind=%s\nomp_places=%s\n", bind ? bind : "unset", places ? places : "unset");
    printf("reps=%d\n", reps);
    printf("triad_best_gbs=%.3f\n", bytes / best_s / 1e9);
    printf("triad_median_gbs=%.3f\n", bytes / median_s / 1e9);
    printf("triad_worst_gbs=%.3f\n", bytes / seconds[reps - 1] / 1e9);
    printf("triad_best_seconds=%.6f\n", best_s);
    if (best_s < 20 * tick)
        fprintf(stderr, "triad: warning: best repetition %.3g s is under 20 timer ticks (%.3g s); "
                        "raise N\n", best_s, tick);
    const long l3_bytes = l3_cache_bytes();
    printf("l3_bytes=%ld\n", l3_bytes);
    if (l3_bytes > 0 && 8.0 * (double)n < 4.0 * (double)l3_bytes)
        fprintf(stderr, "triad: warning: each array is %.0f bytes, under 4x the %ld-byte L3 "
                        "(STREAM's sizing rule): this may measure cache, not memory\n",
                8.0 * (double)n, l3_bytes);
    if (errors) {
        printf("validation=failed errors=%ld\n", errors);
        fprintf(stderr, "triad: validation failed: %ld elements wrong\n", errors);
        return 1;
    }
    printf("validation=ok\n");
    free(seconds); free(cpus); free(a); free(b); free(c);
    return 0;
}
