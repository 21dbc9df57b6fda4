package org.assay.workloads.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SegmentedSieveTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 10, 97, 128, 129, 130, 1000, 4099, 65_536, 200_003})
    void countMatchesTrialDivisionAcrossSegmentBoundaries(int limit) {
        // 64-byte segments span 128 numbers, so these limits cross many segment edges
        assertEquals(SegmentedSieve.naiveCount(limit), new SegmentedSieve(limit, 64).countPrimes());
    }

    @Test
    void countsMatchKnownPrimeCountsOfPowersOfTen() {
        assertEquals(78_498, new SegmentedSieve(1_000_000, 32768).countPrimes());
        assertEquals(664_579, new SegmentedSieve(10_000_000, 32768).countPrimes());
    }

    @Test
    void verifyAcceptsCorrectCount() {
        SegmentedSieve s = new SegmentedSieve(1_000_000, 4096);
        s.countPrimes();
        assertDoesNotThrow(s::verify);
    }

    @Test
    void verifyRejectsWrongCount() {
        SegmentedSieve s = new SegmentedSieve(1_000_000, 4096);
        s.countPrimes();
        s.corruptLastCount();
        IllegalStateException e = assertThrows(IllegalStateException.class, s::verify);
        assertEquals("sieve verification failed for limit 1000000: expected 78498 primes but got 78499",
                e.getMessage());
    }

    @Test
    void verifyRejectsWhenNothingWasCounted() {
        assertThrows(IllegalStateException.class, new SegmentedSieve(1000, 64)::verify);
    }
}
