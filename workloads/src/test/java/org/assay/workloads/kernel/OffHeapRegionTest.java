package org.assay.workloads.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffHeapRegionTest {

    @Test
    void touchWritesEveryPageAndVerifies() {
        try (OffHeapRegion r = new OffHeapRegion(4L << 20, true)) {
            assertEquals(1024, r.touch());
            r.verifyTouched();
        }
    }

    @Test
    void untouchedRegionFailsVerification() {
        try (OffHeapRegion r = new OffHeapRegion(2L << 20, false)) {
            assertThrows(IllegalStateException.class, r::verifyTouched);
        }
    }

    @Test
    void randomReadsAreCheckedAgainstTheReplayedStream() {
        try (OffHeapRegion r = new OffHeapRegion(4L << 20, true)) {
            r.touch();
            r.randomReads(100_000, 7);
            r.verifyRandomReads(100_000, 7);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.verifyRandomReads(100_000, 8));
            assertTrue(e.getMessage().contains("expected"), e.getMessage());
        }
    }

    @Test
    void closeTwiceIsHarmless() {
        OffHeapRegion r = new OffHeapRegion(2L << 20, true);
        r.close();
        r.close();
    }

    @Test
    void refusesRegionsBelowOneHugePage() {
        assertThrows(IllegalArgumentException.class, () -> new OffHeapRegion(4096, true));
    }
}
