/*
 * Pointer chase, the native reference for Assay's memory.latency.chase (random pattern).
 *
 * Same method as Assay's PointerChase: one 8-byte link per 64-byte line of a page-aligned
 * buffer, the lines linked in a random cyclic permutation built by Sattolo's algorithm from
 * a SplitMix64 stream (state += 0x9E3779B97F4A7C15, j = mix(state) mod i), so with the same
 * seed both programs walk exactly the same cycle. A link is the address of the next line and
 * a step is p = *(char **)p, one load: the same dependent chain the JIT emits for
 * UnsafeMemory.readLong(p).
 *
 * Defences:
 *  - Prefetchers: the random cycle gives them no stride to follow.
 *  - First touch: the buffer is written (zeroed, then linked) before any timing.
 *  - Warm-up: before each size's timed repetitions, min(lines, 2^18) untimed steps, as Assay
 *    does before each iteration.
 *  - Dead code: the final position is printed and checked against the visiting order derived
 *    independently from the permutation (validation=ok), so the walk cannot be skipped.
 *  - Pinning: the thread pins itself to CPU 0 (Assay's single worker is placed there too)
 *    and prints the CPU it ran on.
 *
 * Usage:   chase SIZES [SEED [REPS [MS]]]   SIZES = comma-separated byte counts (multiples of 64)
 *          defaults SEED 42, REPS 15 timed repetitions of about MS (default 50) milliseconds.
 * Output:  per size: "size=BYTES median_ns=X best_ns=Y"; then cpu=N and validation=ok|failed.
 *          Exit 0 = validated, 1 = validation failed, 2 = bad arguments or allocation failure.
 *          CHASE_THP=1 in the environment: each buffer 2 MiB-aligned and madvised
 *          MADV_HUGEPAGE before the first touch, as Assay's chase with -p thp=huge.
 * Build:   gcc -O3 -march=native -o chase chase.c
 */
#define _GNU_SOURCE
#define BENCH_NAME "chase"
#include "bench_common.h"
#include <sched.h>
#include <sys/mman.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LINE 64
#define WARM_MAX (1u << 18)

static uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Kept out of line so the compiler cannot fold walks across calls. */
__attribute__((noinline)) static char *walk(char *p, uint64_t steps) {
    for (uint64_t i = 0; i < steps; i++) p = *(char **)p;
    return p;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: chase SIZES [SEED [REPS [MS]]]\n"); return 2; }
    uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 42;
    int reps = argc > 3 ? atoi(argv[3]) : 15;
    double ms = argc > 4 ? atof(argv[4]) : 50;
    if (reps < 1 || ms <= 0) { fprintf(stderr, "chase: REPS and MS must be positive\n"); return 2; }

    pin_to_cpu(0);

    int ok = 1;
    char *sizes = strdup(argv[1]);
    for (char *tok = strtok(sizes, ","); tok; tok = strtok(NULL, ",")) {
        long long bytes = atoll(tok);
        if (bytes < 2 * LINE || bytes % LINE || bytes > (1LL << 30)) {
            fprintf(stderr, "chase: size %s must be a multiple of 64, at least 128, at most 1 GiB\n", tok);
            return 2;
        }
        uint32_t n = (uint32_t)(bytes / LINE);
        uint32_t *next = malloc(sizeof(uint32_t) * n), *order = malloc(sizeof(uint32_t) * n);
        int thp = getenv("CHASE_THP") && strcmp(getenv("CHASE_THP"), "1") == 0;
        size_t align = thp ? (size_t)2 << 20 : 4096;
        size_t alloc = ((size_t)bytes + align - 1) / align * align; /* aligned_alloc wants a multiple */
        char *base = aligned_alloc(align, alloc);
        if (!next || !order || !base) { fprintf(stderr, "chase: out of memory\n"); return 2; }
        if (thp && madvise(base, alloc, MADV_HUGEPAGE) != 0) perror("chase: madvise(MADV_HUGEPAGE)");
        memset(base, 0, (size_t)bytes);
        for (uint32_t i = 0; i < n; i++) next[i] = i;
        uint64_t state = seed;
        for (uint32_t i = n - 1; i > 0; i--) {      /* Sattolo: j < i strictly -> one cycle */
            state += 0x9E3779B97F4A7C15ULL;
            uint32_t j = (uint32_t)(mix(state) % i);
            uint32_t t = next[i]; next[i] = next[j]; next[j] = t;
        }
        uint32_t s = 0;
        for (uint32_t k = 0; k < n; k++) { order[k] = s; s = next[s]; }
        for (uint32_t i = 0; i < n; i++) *(char **)(base + (size_t)i * LINE) = base + (size_t)next[i] * LINE;

        uint64_t steps = 0;
        char *p = base;
        uint64_t warm = n < WARM_MAX ? n : WARM_MAX;
        p = walk(p, warm); steps += warm;
        /* calibrate: steps per repetition for about MS milliseconds */
        uint64_t probe = 1u << 16;
        double t0 = now_ns();
        p = walk(p, probe); steps += probe;
        double per = (now_ns() - t0) / probe;
        uint64_t k = (uint64_t)(ms * 1e6 / per);
        if (k < 4096) k = 4096;
        double *ns = malloc(sizeof(double) * reps);
        for (int r = 0; r < reps; r++) {
            double a = now_ns();
            p = walk(p, k);
            ns[r] = (now_ns() - a) / k;
            steps += k;
        }
        double median = sort_median(ns, reps);
        size_t expected = (size_t)order[steps % n] * LINE;
        if ((size_t)(p - base) != expected) {
            ok = 0;
            fprintf(stderr, "chase %lld: expected offset %zu but got %zu\n", bytes, expected, (size_t)(p - base));
        }
        printf("size=%lld median_ns=%.3f best_ns=%.3f\n", bytes, median, ns[0]);
        free(ns); free(next); free(order); free(base);
    }
    printf("cpu=%d\n", sched_getcpu());
    printf("validation=%s\n", ok ? "ok" : "failed");
    return ok ? 0 : 1;
}
