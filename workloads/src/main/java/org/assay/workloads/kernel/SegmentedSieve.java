package org.assay.workloads.kernel;

import java.util.Arrays;

/**
 * Counts the primes below {@code limit} with a segmented sieve of Eratosthenes over odd numbers.
 *
 * <p>What it measures: integer and L1-resident memory throughput of one core. The sieve array of
 * each segment ({@code segmentBytes}, one byte per odd number) is sized to stay in L1/L2, so the
 * kernel is "memory-light": its speed is the core's, not DRAM's. Work per operation is the whole
 * range {@code [0, limit)}; the harness reports numbers checked per second ({@code limit} x ops/s).
 *
 * <p>Verification: the count is compared with the known value of pi(limit) (for the powers of
 * ten in {@link #KNOWN_PI}); a sieve that skips work or marks the wrong multiples cannot match.
 * For other limits the caller can compare against {@link #naiveCount(int)} on small sizes.
 */
public final class SegmentedSieve {

    /** pi(10^k), k = 1..10 (OEIS A006880). */
    private static final long[] KNOWN_PI = {
            0, 4, 25, 168, 1229, 9592, 78498, 664579, 5761455, 50847534, 455052511};

    private final long limit;
    private final int segmentBytes;
    private final int[] basePrimes;
    private final byte[] segment;
    private final long[] nextMultiple;
    private long lastCount = -1;

    public SegmentedSieve(long limit, int segmentBytes) {
        if (limit < 2) {
            throw new IllegalArgumentException("sieve limit must be at least 2, got " + limit);
        }
        if (segmentBytes < 64) {
            throw new IllegalArgumentException("segment must be at least 64 bytes, got " + segmentBytes);
        }
        this.limit = limit;
        this.segmentBytes = segmentBytes;
        this.basePrimes = oddPrimesUpTo((int) Math.sqrt((double) limit) + 1);
        this.segment = new byte[segmentBytes];
        this.nextMultiple = new long[basePrimes.length];
    }

    /** Counts the primes below the limit. The count is returned so the JIT cannot drop the work. */
    public long countPrimes() {
        long count = limit > 2 ? 1 : 0; // the prime 2; the sieve below covers odd numbers only
        // segment index j covers the odd number lo + 2j
        for (int p = 0; p < basePrimes.length; p++) {
            long prime = basePrimes[p];
            nextMultiple[p] = prime * prime;
        }
        final byte[] seg = segment;
        final long span = 2L * segmentBytes;
        for (long lo = 3; lo < limit; lo += span) {
            long hi = Math.min(lo + span, limit); // exclusive
            int n = (int) ((hi - lo + 1) / 2);
            Arrays.fill(seg, 0, n, (byte) 0);
            for (int p = 0; p < basePrimes.length; p++) {
                long prime = basePrimes[p];
                long m = nextMultiple[p];
                if (m >= hi) {
                    continue;
                }
                long step = 2 * prime;
                int j = (int) ((m - lo) >> 1);
                int stepJ = (int) prime;
                for (; j < n; j += stepJ) {
                    seg[j] = 1;
                }
                nextMultiple[p] = lo + 2L * j;
                assert (nextMultiple[p] - m) % step == 0;
            }
            int composite = 0;
            for (int j = 0; j < n; j++) {
                composite += seg[j];
            }
            count += n - composite;
        }
        lastCount = count;
        return count;
    }

    /** Odd primes up to and including {@code n}, by a plain sieve (the base primes are few). */
    static int[] oddPrimesUpTo(int n) {
        boolean[] composite = new boolean[n + 1];
        int count = 0;
        for (int i = 3; i <= n; i += 2) {
            if (!composite[i]) {
                count++;
                for (long k = (long) i * i; k <= n; k += 2L * i) {
                    composite[(int) k] = true;
                }
            }
        }
        int[] primes = new int[count];
        for (int i = 3, k = 0; i <= n; i += 2) {
            if (!composite[i]) {
                primes[k++] = i;
            }
        }
        return primes;
    }

    /** Trial division, for tests on small limits: an independent reference. */
    public static long naiveCount(int limit) {
        long count = 0;
        outer:
        for (int x = 2; x < limit; x++) {
            for (int d = 2; (long) d * d <= x; d++) {
                if (x % d == 0) {
                    continue outer;
                }
            }
            count++;
        }
        return count;
    }

    /** pi(limit) where known (powers of ten up to 10^10), else -1. */
    public static long knownPrimeCount(long limit) {
        long p = 1;
        for (int k = 0; k < KNOWN_PI.length; k++, p *= 10) {
            if (p == limit) {
                return KNOWN_PI[k];
            }
        }
        return -1;
    }

    /**
     * Checks the last count against pi(limit).
     *
     * @throws IllegalStateException "expected X but got Y", or when nothing was counted yet
     */
    public void verify() {
        long expected = knownPrimeCount(limit);
        if (expected < 0) {
            throw new IllegalStateException("no reference prime count for limit " + limit
                    + "; use a power of ten");
        }
        if (lastCount != expected) {
            throw new IllegalStateException("sieve verification failed for limit " + limit
                    + ": expected " + expected + " primes but got " + lastCount);
        }
    }

    /** Test hook for sabotage tests. */
    void corruptLastCount() {
        lastCount++;
    }

    public long limit() {
        return limit;
    }

    public int segmentBytes() {
        return segmentBytes;
    }
}
