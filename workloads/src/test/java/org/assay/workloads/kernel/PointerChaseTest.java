package org.assay.workloads.kernel;

import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PointerChaseTest {

    @Test
    void randomChaseVisitsEveryLineOnceBeforeReturning() {
        PointerChase c = PointerChase.random(64 * 1024, 7);
        int slots = c.slots();
        assertEquals(1024, slots);
        BitSet seen = new BitSet();
        for (int i = 0; i < slots; i++) {
            int p = c.walk(1);
            assertEquals(0, p % PointerChase.LINE_BYTES);
            assertTrue(!seen.get(p / 64), "line " + p / 64 + " visited twice");
            seen.set(p / 64);
        }
        assertEquals(0, c.walk(0), "back at the start after one full cycle");
        assertEquals(slots, seen.cardinality());
        c.verify();
    }

    @Test
    void verifyAcceptsAnyNumberOfSteps() {
        PointerChase c = PointerChase.random(1 << 20, 42);
        c.walk(4096);
        c.verify();
        c.walk(123_457);
        c.verify();
    }

    @Test
    void verifyCatchesAWalkOffItsCycle() {
        PointerChase c = PointerChase.random(4096, 1);
        c.walk(10);
        c.corrupt();
        IllegalStateException e = assertThrows(IllegalStateException.class, c::verify);
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }

    @Test
    void stridedChaseStepsThroughMemoryInOrder() {
        PointerChase c = PointerChase.strided(4096, 256);
        assertEquals(256, c.walk(1));
        assertEquals(512, c.walk(1));
        c.walk(14); // 16 slots: back at the start
        assertEquals(0, c.walk(0));
        c.verify();
    }

    @Test
    void refusesStridesThatAreNotPowersOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> PointerChase.strided(4096, 48));
        assertThrows(IllegalArgumentException.class, () -> PointerChase.strided(4096, 0));
    }

    @Test
    void refusesWorkingSetsThatAreNotWholeLines() {
        assertThrows(IllegalArgumentException.class, () -> PointerChase.random(1000, 1));
    }

    @Test
    void sameSeedSamePermutation() {
        PointerChase a = PointerChase.random(1 << 16, 9), b = PointerChase.random(1 << 16, 9);
        assertEquals(a.walk(777), b.walk(777));
    }
}
