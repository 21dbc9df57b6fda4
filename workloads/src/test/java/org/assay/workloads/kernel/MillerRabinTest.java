package org.assay.workloads.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MillerRabinTest {

    @Test
    void agreesWithSieveOnEveryNumberBelowTwoHundredThousand() {
        int limit = 200_000;
        long primes = 0;
        for (int x = 0; x < limit; x++) {
            if (MillerRabin.isPrime(x)) {
                primes++;
            }
        }
        assertEquals(SegmentedSieve.naiveCount(limit), primes);
        assertEquals(17_984, primes);
    }

    @Test
    void countMatchesKnownPrimeCountsOfPowersOfTen() {
        assertEquals(78_498, new MillerRabin(0, 1_000_000).countPrimes());
    }

    @Test
    void countMatchesIntervalSieveForFortyBitNumbers() {
        long start = 1_000_000_000_000L;
        assertEquals(MillerRabin.sieveCount(start, 100_000), new MillerRabin(start, 100_000).countPrimes());
    }

    @Test
    void countMatchesTabulatedCountNearTenToTheEighteen() {
        MillerRabin m = new MillerRabin(1_000_000_000_000_000_000L, 100_000);
        assertEquals(2_398, m.countPrimes());
        assertDoesNotThrow(m::verify);
    }

    @Test
    void rejectsStrongPseudoprimesAndLargeSemiprimes() {
        assertFalse(MillerRabin.isPrime(3_215_031_751L), "strong pseudoprime to bases 2, 3, 5, 7");
        assertFalse(MillerRabin.isPrime(3_825_123_056_546_413_051L), "strong pseudoprime to the first 9 primes");
        assertTrue(MillerRabin.isPrime(2_147_483_647L));
        assertTrue(MillerRabin.isPrime(2_147_483_629L));
        assertFalse(MillerRabin.isPrime(2_147_483_647L * 2_147_483_629L));
        assertTrue(MillerRabin.isPrime((1L << 61) - 1), "Mersenne prime 2^61 - 1");
        assertTrue(MillerRabin.isPrime(Long.MAX_VALUE - 24), "largest prime below 2^63");
        assertFalse(MillerRabin.isPrime(Long.MAX_VALUE));
    }

    @Test
    void montgomeryProductMatchesBigIntegerArithmetic() {
        long n = Long.MAX_VALUE - 24;
        long inv = MillerRabin.inverse(n);
        assertEquals(1L, n * inv, "n * n^-1 = 1 mod 2^64");
        java.math.BigInteger bn = java.math.BigInteger.valueOf(n);
        java.math.BigInteger rInv = java.math.BigInteger.ONE.shiftLeft(64).modInverse(bn);
        long a = n - 3;
        long b = 0x3FFF_FFFF_FFFF_FFF1L;
        long want = java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b)).multiply(rInv)
                .mod(bn).longValueExact();
        assertEquals(want, MillerRabin.mul(a, b, n, inv));
    }

    @Test
    void verifyRejectsWrongCount() {
        MillerRabin m = new MillerRabin(1_000_000_000_000L, 1_000);
        m.countPrimes();
        m.corruptLastCount();
        IllegalStateException e = assertThrows(IllegalStateException.class, m::verify);
        assertTrue(e.getMessage().startsWith("miller-rabin verification failed for [1000000000000, 1000000000000 + 1000): expected "),
                e.getMessage());
    }

    @Test
    void verifyRejectsWhenNothingWasCounted() {
        assertThrows(IllegalStateException.class, new MillerRabin(0, 100)::verify);
    }

    @Test
    void refusesRangesWithoutReference() {
        assertNull(MillerRabin.rangeProblem(1_000_000_000_000_000_000L, 1_000_000));
        assertNotNull(MillerRabin.rangeProblem(1_000_000_000_000_000_000L, 5_000));
        assertNotNull(MillerRabin.rangeProblem(Long.MAX_VALUE - 10, 100));
        assertNotNull(MillerRabin.rangeProblem(-1, 100));
        assertThrows(IllegalArgumentException.class, () -> new MillerRabin(1L << 50, 10));
    }
}
