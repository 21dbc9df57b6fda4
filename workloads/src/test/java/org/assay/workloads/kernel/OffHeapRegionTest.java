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
    void verificationHoldsOnReusedMallocMemoryFullOfOldData() {
        // glibc raises its mmap threshold when a large mmapped block is freed, and serves the next
        // block of that size from the heap, with whatever was written there before
        for (int round = 0; round < 3; round++) {
            var old = net.openhft.chronicle.bytes.BytesStore.lazyNativeBytesStoreWithFixedCapacity(6L << 20);
            net.openhft.chronicle.core.UnsafeMemory.MEMORY.setMemory(old.addressForWrite(0), 6L << 20, (byte) 0x55);
            old.releaseLast();
            try (OffHeapRegion r = new OffHeapRegion(4L << 20, true)) {
                r.touch();
                r.verifyTouched();
                r.randomReads(100_000, 11);
                r.verifyRandomReads(100_000, 11);
            }
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
