/*
 * OpenBLAS cblas_dgemm, the native reference for Assay's cpu.dgemm.
 *
 * Operation: C = 1.0 * A x B + 0.0 * C, square n x n row-major doubles, A and B uniform in
 *            [-1, 1) (as Assay's BlockedDgemm fills them).
 * FLOPs:     2 n^3 per product, the BLAS convention Assay uses; GFLOP/s = 1e9 FLOP/s.
 * Threads:   OpenBLAS's own pool, sized by OPENBLAS_NUM_THREADS (bench/run sets it to the
 *            row's thread count); one product is split among them. (Assay's N-thread figure is
 *            N independent products, one per pinned worker: the aggregate throughput of the
 *            cores, which is what OpenBLAS's threaded product also reaches for at these sizes.)
 * Kernel:    OpenBLAS picks its kernel from cpuid at load time unless OPENBLAS_CORETYPE forces
 *            one; bench/run unsets it, and this program prints the choice
 *            (openblas_get_corename, openblas_get_config) so the report says which it was.
 * Timing:    clock_gettime(CLOCK_MONOTONIC) around each product; one untimed warm-up product
 *            (thread pool start, page faults of C); the median and best of REPS products.
 * Verify:    Freivalds' check after timing, C x against A (B x) for a random x, with the same
 *            tolerance as Assay (1e-9 n): exit 1 if it fails.
 *
 * Usage:     dgemm N [REPS]        (REPS default 10)
 * Output:    key=value lines: corename, config, n, threads, gflops_median, gflops_best, validation
 * Build:     gcc -O3 -march=native -o dgemm dgemm.c -lopenblas
 */
#define _GNU_SOURCE
#define BENCH_NAME "dgemm"
#include "bench_common.h"
#include <cblas.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern char *openblas_get_corename(void);
extern char *openblas_get_config(void);
extern int openblas_get_num_threads(void);

static void matvec(const double *m, const double *x, double *y, long n) {
    for (long i = 0; i < n; i++) {
        double s = 0;
        for (long j = 0; j < n; j++) s += m[i * n + j] * x[j];
        y[i] = s;
    }
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: dgemm N [REPS]\n");
        return 2;
    }
    long n = parse_long(argv[1], "N", 1);
    long reps = argc > 2 ? parse_long(argv[2], "REPS", 1) : 10;
    size_t nn = (size_t)n * n;
    double *a = alloc_doubles(nn, 64), *b = alloc_doubles(nn, 64), *c = alloc_doubles(nn, 64);
    for (size_t i = 0; i < nn; i++) { a[i] = uniform(); b[i] = uniform(); c[i] = 0; }

    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
    double *t = malloc(reps * sizeof(double));
    for (long r = 0; r < reps; r++) {
        double t0 = now();
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
        t[r] = now() - t0;
    }
    double median = sort_median(t, reps);
    double flops = 2.0 * n * n * n;

    double *x = alloc_doubles(n, 64), *bx = alloc_doubles(n, 64), *abx = alloc_doubles(n, 64), *cx = alloc_doubles(n, 64);
    for (long i = 0; i < n; i++) x[i] = uniform();
    matvec(b, x, bx, n);
    matvec(a, bx, abx, n);
    matvec(c, x, cx, n);
    int ok = 1;
    for (long i = 0; i < n; i++) {
        if (!(fabs(cx[i] - abx[i]) <= 1e-9 * n)) {
            fprintf(stderr, "dgemm: verification failed at row %ld: expected %.17g but got %.17g\n",
                    i, abx[i], cx[i]);
            ok = 0;
            break;
        }
    }
    printf("corename=%s\n", openblas_get_corename());
    printf("config=%s\n", openblas_get_config());
    printf("n=%ld\nthreads=%d\nreps=%ld\n", n, openblas_get_num_threads(), reps);
    printf("gflops_median=%.3f\ngflops_best=%.3f\n", flops / median / 1e9, flops / t[0] / 1e9);
    printf("validation=%s\n", ok ? "ok" : "failed");
    return ok ? 0 : 1;
}
