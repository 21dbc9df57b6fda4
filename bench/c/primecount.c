/*
 * Counts the primes in [START, START + COUNT) with a plain interval sieve of Eratosthenes:
 * every integer p up to sqrt(START + COUNT) that is not itself crossed off crosses off its
 * multiples inside the interval. It is the independent reference behind the KNOWN table of
 * Assay's MillerRabin kernel (cpu.primes.millerrabin), which tests each number on its own; the
 * two methods share no code and agreed on every tabulated range:
 *
 *   primecount 1000000000000000000 100000    -> 2398    (~12 s: base sieve to 1e9)
 *   primecount 1000000000000000000 1000000   -> 24280
 *   primecount 9000000000000000000 100000    -> 2316    (base sieve to 3e9)
 *   primecount 9000000000000000000 1000000   -> 23023
 *
 * Usage:  primecount START COUNT        (START + COUNT < 2^64; needs sqrt(END) + COUNT bytes)
 * Output: START COUNT PRIMES
 * Build:  gcc -O2 -o primecount primecount.c -lm
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: primecount START COUNT\n");
        return 2;
    }
    unsigned long long start = strtoull(argv[1], 0, 10), count = strtoull(argv[2], 0, 10);
    unsigned long long end = start + count;
    unsigned long long root = (unsigned long long)sqrtl((long double)end) + 2;
    char *base = calloc(root + 1, 1), *seg = calloc(count, 1);
    if (base == NULL || seg == NULL) {
        fprintf(stderr, "primecount: out of memory\n");
        return 2;
    }
    for (unsigned long long p = 2; p <= root; p++) {
        if (base[p]) continue;
        for (unsigned long long m = p * p; m <= root; m += p) base[m] = 1;
        unsigned long long first = (start + p - 1) / p * p;
        if (first < p * p) first = p * p;
        for (unsigned long long m = first; m < end; m += p) seg[m - start] = 1;
    }
    unsigned long long primes = 0;
    for (unsigned long long x = start; x < end; x++)
        if (x >= 2 && !seg[x - start]) primes++;
    printf("%llu %llu %llu\n", start, count, primes);
    return 0;
}
