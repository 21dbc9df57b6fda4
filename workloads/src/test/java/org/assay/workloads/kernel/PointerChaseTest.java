package org.assay.workloads.kernel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PointerChaseTest {

    private final List<PointerChase> open = new ArrayList<>();

    private PointerChase random(long bytes, long seed) {
        PointerChase c = PointerChase.random(bytes, seed);
        open.add(c);
        return c;
    }

    private PointerChase strided(long bytes, int stride) {
        PointerChase c = PointerChase.strided(bytes, stride);
        open.add(c);
        return c;
    }

    @AfterEach
    void release() {
        open.forEach(PointerChase::close);
    }

    @Test
    void randomChaseVisitsEveryLineOnceBeforeReturning() {
        PointerChase c = random(64 * 1024, 7);
        int slots = c.slots();
        assertEquals(1024, slots);
        BitSet seen = new BitSet();
        for (int i = 0; i < slots; i++) {
            long p = c.walk(1);
            assertEquals(0L, p % PointerChase.LINE_BYTES);
            assertTrue(!seen.get((int) (p / 64)), "line " + p / 64 + " visited twice");
            seen.set((int) (p / 64));
        }
        assertEquals(0L, c.walk(0), "back at the start after one full cycle");
        assertEquals(slots, seen.cardinality());
        c.verify();
    }

    @Test
    void aHugePageChaseWalksTheSameCycleAndSaysWhetherTheAdviceWasTaken() {
        long bytes = 4L << 20;
        try (PointerChase huge = PointerChase.random(bytes, 42, true);
             PointerChase small = PointerChase.random(bytes, 42, false)) {
            int slots = huge.slots();
            assertEquals(small.walk(slots + 12345), huge.walk(slots + 12345), "same permutation, same position");
            huge.verify();
            assertFalse(small.hugePagesAdvised());
            if (java.nio.file.Files.exists(java.nio.file.Path.of("/sys/kernel/mm/transparent_hugepage/enabled"))) {
                assertTrue(huge.hugePagesAdvised(), "a THP kernel accepts MADV_HUGEPAGE on a 2 MiB-aligned range");
            }
        }
    }

    @Test
    void verifyAcceptsAnyNumberOfSteps() {
        PointerChase c = random(1 << 20, 42);
        c.walk(4096);
        c.verify();
        c.walk(123_457);
        c.verify();
    }

    @Test
    void verifyCatchesAWalkOffItsCycle() {
        PointerChase c = random(4096, 1);
        c.walk(10);
        c.corrupt();
        IllegalStateException e = assertThrows(IllegalStateException.class, c::verify);
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }

    @Test
    void stridedChaseStepsThroughMemoryInOrder() {
        PointerChase c = strided(4096, 256);
        assertEquals(256L, c.walk(1));
        assertEquals(512L, c.walk(1));
        c.walk(14); // 16 slots: back at the start
        assertEquals(0L, c.walk(0));
        c.verify();
    }

    @Test
    void refusesStridesThatAreNotPowersOfTwoOrShorterThanALink() {
        assertThrows(IllegalArgumentException.class, () -> PointerChase.strided(4096, 48));
        assertThrows(IllegalArgumentException.class, () -> PointerChase.strided(4096, 4));
    }

    @Test
    void refusesWorkingSetsThatAreNotWholeLines() {
        assertThrows(IllegalArgumentException.class, () -> PointerChase.random(1000, 1));
    }

    @Test
    void sameSeedSamePermutation() {
        PointerChase a = random(1 << 16, 9), b = random(1 << 16, 9);
        assertEquals(a.walk(777), b.walk(777));
    }
}
