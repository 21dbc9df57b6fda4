/*
 * FFTW 3 complex 1-D forward transform, the native reference for Assay's cpu.fft.
 *
 * Operation: out = DFT(in), n complex doubles (interleaved fftw_complex; FFTW's fastest layout),
 *            out of place, input uniform in [-1, 1) as Assay's ComplexFft fills it.
 * Planner:   FFTW_MEASURE by default (FFTW times candidate algorithms for this n and this
 *            machine before the first transform); PLANNER=patient in the environment selects
 *            FFTW_PATIENT. The plan's own cost is not timed. No wisdom is loaded.
 * FLOPs:     5 n log2 n per transform (the benchFFT convention, which Assay uses too);
 *            GFLOP/s = 1e9 of those per second.
 * Threads:   THREADS > 1 uses fftw_plan_with_nthreads (libfftw3_omp) on one transform; the
 *            caller pins with OMP_PROC_BIND/OMP_PLACES. (Assay's N-thread figure is N
 *            independent transforms, one per pinned worker.)
 * Timing:    clock_gettime(CLOCK_MONOTONIC) around a batch of transforms long enough to span
 *            at least 20 ms (small n take microseconds); the median and best of REPS batches.
 * Verify:    after timing, bins 0, 1, n/2+1, n-1 against a direct DFT with the same tolerance as
 *            Assay (1e-12 n + 1e-9): exit 1 if one is off.
 *
 * Usage:     fft N THREADS [REPS]     (N a power of two; REPS default 20)
 * Output:    key=value lines: n, threads, planner, gflops_median, gflops_best, validation
 * Build:     gcc -O3 -march=native -fopenmp -o fft fft.c -lfftw3_omp -lfftw3 -lm
 */
#define _GNU_SOURCE
#define BENCH_NAME "fft"
#include "bench_common.h"
#include <errno.h>
#include <fftw3.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv) {
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: fft N THREADS [REPS]\n");
        return 2;
    }
    long n = parse_long(argv[1], "N", 2);
    if (n & (n - 1)) {
        fprintf(stderr, "fft: N must be a power of two, got %ld\n", n);
        return 2;
    }
    long threads = parse_long(argv[2], "THREADS", 1);
    long reps = argc > 3 ? parse_long(argv[3], "REPS", 1) : 20;
    const char *pl = getenv("PLANNER");
    int patient = pl != NULL && strcmp(pl, "patient") == 0;

    fftw_init_threads();
    fftw_plan_with_nthreads((int)threads);
    fftw_complex *in = fftw_malloc(sizeof(fftw_complex) * n);
    fftw_complex *out = fftw_malloc(sizeof(fftw_complex) * n);
    fftw_plan plan = fftw_plan_dft_1d((int)n, in, out, FFTW_FORWARD, patient ? FFTW_PATIENT : FFTW_MEASURE);
    /* planning with MEASURE overwrites the arrays: fill them afterwards */
    for (long i = 0; i < n; i++) { in[i][0] = uniform(); in[i][1] = uniform(); }

    fftw_execute(plan);
    double t0 = now();
    long batch = 0;
    do { fftw_execute(plan); batch++; } while (now() - t0 < 0.02);
    double *t = malloc(reps * sizeof(double));
    for (long r = 0; r < reps; r++) {
        double s = now();
        for (long b = 0; b < batch; b++) fftw_execute(plan);
        t[r] = (now() - s) / batch;
    }
    double median = sort_median(t, reps);
    double flops = 5.0 * n * log2((double)n);

    int ok = 1;
    long bins[4] = {0, 1, n / 2 + 1, n - 1};
    for (int b = 0; b < 4 && ok; b++) {
        long k = bins[b] % n;
        double sr = 0, si = 0;
        for (long j = 0; j < n; j++) {
            double angle = -2 * M_PI * (double)((j * k) & (n - 1)) / n;
            sr += in[j][0] * cos(angle) - in[j][1] * sin(angle);
            si += in[j][0] * sin(angle) + in[j][1] * cos(angle);
        }
        double tol = 1e-12 * n + 1e-9;
        if (!(fabs(sr - out[k][0]) <= tol && fabs(si - out[k][1]) <= tol)) {
            fprintf(stderr, "fft: verification failed at bin %ld: expected %.17g %+.17gi but got %.17g %+.17gi\n",
                    k, sr, si, out[k][0], out[k][1]);
            ok = 0;
        }
    }
    printf("n=%ld\nthreads=%ld\nplanner=%s\nbatch=%ld\nreps=%ld\n", n, threads,
           patient ? "FFTW_PATIENT" : "FFTW_MEASURE", batch, reps);
    printf("gflops_median=%.3f\ngflops_best=%.3f\n", flops / median / 1e9, flops / t[0] / 1e9);
    printf("validation=%s\n", ok ? "ok" : "failed");
    fftw_destroy_plan(plan);
    fftw_free(in);
    fftw_free(out);
    return ok ? 0 : 1;
}
