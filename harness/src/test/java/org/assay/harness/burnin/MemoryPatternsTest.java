package org.assay.harness.burnin;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every memory pattern passes clean memory and catches one flipped bit at its word, with the expected and read values. */
class MemoryPatternsTest {

    record Miss(String test, long word, long expected, long actual) {
    }

    interface Pattern {
        void run(OffHeapWords w, Runnable afterWrite, MemoryPatterns.Report r, MemoryPatterns.Progress p);
    }

    private static final long WORDS = 3 * MemoryPatterns.CHUNK + 777;   // several chunks and a ragged end

    private static final List<Pattern> PATTERNS = List.of(
            (w, a, r, p) -> MemoryPatterns.walkingOnes(w, 5, a, r, p, () -> false),
            (w, a, r, p) -> MemoryPatterns.walkingZeros(w, 9, a, r, p, () -> false),
            (w, a, r, p) -> MemoryPatterns.movingInversions(w, 0x5555_AAAA_0F0F_F0F0L, a, r, p, () -> false),
            (w, a, r, p) -> MemoryPatterns.randomChecksummed(w, 42, a, r, p, () -> false));

    @Test
    void cleanMemoryPassesEveryPatternAndCountsItsBytes() {
        try (OffHeapWords w = new OffHeapWords(WORDS, 0)) {
            for (Pattern pattern : PATTERNS) {
                List<Miss> misses = new ArrayList<>();
                AtomicLong bytes = new AtomicLong();
                pattern.run(w, () -> { }, (t, i, e, a) -> misses.add(new Miss(t, i, e, a)), bytes::addAndGet);
                assertEquals(List.of(), misses);
                assertTrue(bytes.get() >= 2 * WORDS * 8, "write and read both counted: " + bytes.get());
            }
        }
    }

    @Test
    void oneFlippedBitIsCaughtByEveryPatternAtItsWord() {
        long bad = 2 * MemoryPatterns.CHUNK + 13;
        try (OffHeapWords w = new OffHeapWords(WORDS, 1 << 20)) {
            for (Pattern pattern : PATTERNS) {
                List<Miss> misses = new ArrayList<>();
                long[] written = new long[1];
                pattern.run(w, () -> {
                    written[0] = w.read(bad);
                    w.write(bad, written[0] ^ (1L << 33));
                }, (t, i, e, a) -> misses.add(new Miss(t, i, e, a)), n -> { });
                assertTrue(!misses.isEmpty(), "a flipped bit must be caught");
                Miss m = misses.get(0);
                assertEquals(bad, m.word());
                assertEquals(written[0], m.expected());
                assertEquals(written[0] ^ (1L << 33), m.actual());
                assertEquals((1 << 20) + bad * 8, w.byteOffset(m.word()), "offset within the tested memory");
            }
        }
    }

    @Test
    void copyAcrossRegionsIsCheckedAgainstTheGenerator() {
        try (OffHeapWords src = new OffHeapWords(WORDS, 0); OffHeapWords dst = new OffHeapWords(WORDS, 0)) {
            MemoryPatterns.randomChecksummed(src, 7, () -> { }, (t, i, e, a) -> { }, n -> { }, () -> false);
            List<Miss> clean = new ArrayList<>();
            MemoryPatterns.copyAndCheck(src, dst, 7, () -> { }, (t, i, e, a) -> clean.add(new Miss(t, i, e, a)), n -> { },
                    () -> false);
            assertEquals(List.of(), clean);
            List<Miss> misses = new ArrayList<>();
            MemoryPatterns.copyAndCheck(src, dst, 7, () -> dst.write(100, dst.read(100) ^ 1),
                    (t, i, e, a) -> misses.add(new Miss(t, i, e, a)), n -> { }, () -> false);
            assertEquals(1, misses.size());
            assertEquals(new Miss("copy", 100, MemoryPatterns.random(7, 100), MemoryPatterns.random(7, 100) ^ 1), misses.get(0));
        }
    }
}
