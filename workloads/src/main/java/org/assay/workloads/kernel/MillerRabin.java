package org.assay.workloads.kernel;

/**
 * Counts the primes in {@code [start, start + count)} with a deterministic Miller-Rabin test for
 * 64-bit numbers, using Montgomery multiplication for the modular arithmetic.
 *
 * <p>What it measures: 64 x 64 -> 128-bit integer multiply throughput and latency of one core
 * (the modular exponentiation is a chain of dependent Montgomery products, three multiplies
 * each). The harness reports numbers checked per second, {@code count} x ops/s. Even numbers are
 * rejected by their parity and odd ones always run the full test (no trial-division pre-filter),
 * so each odd number costs at least one modular exponentiation with a ~60-bit exponent at the
 * default start of 10^18.
 *
 * <p>Determinism: the seven bases {2, 325, 9375, 28178, 450775, 9780504, 1795265022} (Jim
 * Sinclair's set) prove primality for every n below 2^64, so the count is exact, not
 * probabilistic. Numbers must stay below 2^63 here, which lets {@link Math#multiplyHigh} (signed)
 * give the unsigned high word of products of non-negative operands; only the Montgomery
 * quotient {@code m} uses the full 64 bits and gets the unsigned correction.
 * ({@code Math.unsignedMultiplyHigh} would do it directly but needs Java 18.)
 *
 * <p>Verification: the count is compared with a reference: a sieve of the interval for ranges
 * whose square root is small ({@link #sieveCount}, an independent algorithm), else the table
 * {@link #KNOWN} of interval counts computed once by a separate interval sieve in C
 * ({@code bench/c/primecount.c}, base primes up to 3 x 10^9), with which this kernel agrees.
 */
public final class MillerRabin {

    private static final long[] BASES = {2, 325, 9375, 28178, 450775, 9780504, 1795265022};

    /** {start, count, primes in [start, start + count)}, from an interval sieve (see class doc). */
    private static final long[][] KNOWN = {
            {1_000_000_000_000_000_000L, 100_000, 2_398},
            {1_000_000_000_000_000_000L, 1_000_000, 24_280},
            {9_000_000_000_000_000_000L, 100_000, 2_316},
            {9_000_000_000_000_000_000L, 1_000_000, 23_023},
    };

    /** Largest end of a range the sieve checks at construction (base primes up to 2^21). */
    static final long SIEVE_LIMIT = 1L << 42;

    private final long start;
    private final long count;
    private final long expected;
    private long lastCount = -1;

    public MillerRabin(long start, long count) {
        String problem = rangeProblem(start, count);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.start = start;
        this.count = count;
        this.expected = referenceCount(start, count);
    }

    /** Why a range cannot be measured, or null. */
    public static String rangeProblem(long start, long count) {
        if (start < 0 || count < 1 || start > Long.MAX_VALUE - count) {
            return "range [" + start + ", " + start + " + " + count + ") must lie in [0, 2^63)";
        }
        if (count > 1 << 30) {
            return "count " + count + " must be at most 1073741824 (2^30)";
        }
        if (start + count > SIEVE_LIMIT && known(start, count) < 0) {
            return "no reference prime count for [" + start + ", " + start + " + " + count
                    + "): use a range ending below 2^42, or start 1000000000000000000 or 9000000000000000000"
                    + " with count 100000 or 1000000";
        }
        return null;
    }

    /** The reference count for a range, by table or by sieving it. */
    static long referenceCount(long start, long count) {
        long k = known(start, count);
        return k >= 0 ? k : sieveCount(start, count);
    }

    private static long known(long start, long count) {
        for (long[] row : KNOWN) {
            if (row[0] == start && row[1] == count) {
                return row[2];
            }
        }
        return -1;
    }

    /** Primes in [start, start + count) by an interval sieve: the independent reference. */
    public static long sieveCount(long start, long count) {
        long end = start + count;
        int root = (int) Math.sqrt((double) end) + 2;
        boolean[] baseComposite = new boolean[root + 1];
        boolean[] composite = new boolean[(int) count];
        for (int p = 2; p <= root; p++) {
            if (baseComposite[p]) {
                continue;
            }
            for (long m = (long) p * p; m <= root; m += p) {
                baseComposite[(int) m] = true;
            }
            long first = Math.max((long) p * p, (start + p - 1) / p * p);
            for (long m = first; m < end; m += p) {
                composite[(int) (m - start)] = true;
            }
        }
        long primes = 0;
        for (long x = Math.max(start, 2); x < end; x++) {
            if (!composite[(int) (x - start)]) {
                primes++;
            }
        }
        return primes;
    }

    /** Counts the primes in the range; the count is returned so the JIT cannot drop the work. */
    public long countPrimes() {
        long primes = 0;
        long end = start + count;
        for (long x = start; x < end; x++) {
            if (isPrime(x)) {
                primes++;
            }
        }
        lastCount = primes;
        return primes;
    }

    /** Deterministic for 0 <= n < 2^63. */
    public static boolean isPrime(long n) {
        if (n < 4) {
            return n >= 2;
        }
        if ((n & 1) == 0) {
            return false;
        }
        long inv = inverse(n);
        long r1 = Long.remainderUnsigned(-n, n);          // R mod n, R = 2^64: Montgomery 1
        long r2 = r1;                                      // R^2 mod n: R mod n doubled 64 times
        for (int i = 0; i < 64; i++) {
            r2 = r2 >= n - r2 ? r2 - (n - r2) : r2 + r2;
        }
        long minusOne = n - r1;                            // Montgomery form of n - 1
        long d = n - 1;
        int s = Long.numberOfTrailingZeros(d);
        d >>>= s;
        for (long base : BASES) {
            long a = base % n;
            if (a == 0) {
                continue;
            }
            long x = pow(mul(a, r2, n, inv), d, r1, n, inv);
            if (x == r1 || x == minusOne) {
                continue;
            }
            boolean witness = true;
            for (int i = 1; i < s; i++) {
                x = mul(x, x, n, inv);
                if (x == minusOne) {
                    witness = false;
                    break;
                }
            }
            if (witness) {
                return false;
            }
        }
        return true;
    }

    /** n^-1 mod 2^64 for odd n: Newton's iteration doubles the correct low bits each step. */
    static long inverse(long n) {
        long x = n;                 // correct to 3 bits: n * n = 1 mod 8 for odd n
        for (int i = 0; i < 5; i++) {
            x *= 2 - n * x;
        }
        return x;
    }

    /**
     * Montgomery product a b R^-1 mod n for 0 <= a, b < n < 2^63. With m = lo(ab) n^-1, the low
     * words of ab and mn are equal, so (ab - mn) / 2^64 = hi(ab) - hi(mn), in (-n, n).
     */
    static long mul(long a, long b, long n, long inv) {
        long hi = Math.multiplyHigh(a, b);     // a, b >= 0: signed high word = unsigned
        long m = a * b * inv;
        long mh = Math.multiplyHigh(m, n) + ((m >> 63) & n);   // unsigned high word of m * n
        long r = hi - mh;
        return r < 0 ? r + n : r;
    }

    /** x^e in Montgomery form (x and the result), by left-to-right square and multiply. */
    private static long pow(long x, long e, long one, long n, long inv) {
        long result = one;
        for (int bit = 63 - Long.numberOfLeadingZeros(e); bit >= 0; bit--) {
            result = mul(result, result, n, inv);
            if (((e >>> bit) & 1) != 0) {
                result = mul(result, x, n, inv);
            }
        }
        return result;
    }

    /**
     * Checks the last count against the reference.
     *
     * @throws IllegalStateException "expected X but got Y", or when nothing was counted yet
     */
    public void verify() {
        if (lastCount != expected) {
            throw new IllegalStateException("miller-rabin verification failed for [" + start + ", " + start
                    + " + " + count + "): expected " + expected + " primes but got " + lastCount);
        }
    }

    /** Test hook for sabotage tests. */
    void corruptLastCount() {
        lastCount--;
    }

    public long start() {
        return start;
    }

    public long count() {
        return count;
    }
}
