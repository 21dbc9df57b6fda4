package org.assay.harness.burnin;

import java.util.function.BooleanSupplier;

/**
 * The memory tests, memtester and stressapptest style, each a write pass and one or more
 * read-and-compare passes over a region of words. Each reports every miscompare with its word,
 * the expected and the read value; none stops at the first, since the pattern of failures (one
 * bit, one row, one DIMM) is what diagnoses hardware. Between the write and the read passes each
 * calls {@code afterWrite}: the burn-in's test hook flips a bit there, and tests prove with it
 * that every pattern catches one wrong bit.
 *
 * <ul>
 *   <li><b>walking ones / zeros</b>: word i holds a single set (clear) bit at position
 *       (i + pass) mod 64, so every bit line of the bus carries a lone 1 (0) at some address and
 *       the position moves every pass;</li>
 *   <li><b>moving inversions</b>: a pattern written up, then read and inverted upwards, read and
 *       restored downwards, read once more: each cell flips twice under neighbours in both
 *       states, the coupling faults march tests (MATS+, March C-) find;</li>
 *   <li><b>random with checksums</b>: SplitMix64 words (incompressible, different every pass)
 *       summed per block as they are written, the sums compared when read back; a block whose
 *       sum differs is compared word by word against the generator to locate the bad word;</li>
 *   <li><b>copy</b>: one thread's random words copied into another region by a thread on a
 *       different core, then checked against the generator: data that crossed the caches and
 *       interconnect between cores, which a single-threaded test never moves.</li>
 * </ul>
 */
public final class MemoryPatterns {

    /** Words per chunk between progress reports and stop checks (1 MiB). */
    static final long CHUNK = 1 << 17;
    /** Words per checksummed block of the random test (4 KiB). */
    static final int BLOCK = 512;

    private MemoryPatterns() {
    }

    /** Where a miscompare goes. */
    public interface Report {
        void miscompare(String test, long word, long expected, long actual);
    }

    /** Bytes written or read and compared, for the throughput meter. */
    public interface Progress {
        void bytes(long n);
    }

    /** The word of the random test at {@code i} for {@code seed} (SplitMix64). */
    public static long random(long seed, long i) {
        long z = seed + (i + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long walkingOne(long i, long pass) {
        return 1L << ((i + pass) & 63);
    }

    public static void walkingOnes(OffHeapWords w, long pass, Runnable afterWrite, Report r, Progress p, BooleanSupplier stop) {
        walking("walking-ones", w, pass, false, afterWrite, r, p, stop);
    }

    public static void walkingZeros(OffHeapWords w, long pass, Runnable afterWrite, Report r, Progress p, BooleanSupplier stop) {
        walking("walking-zeros", w, pass, true, afterWrite, r, p, stop);
    }

    private static void walking(String test, OffHeapWords w, long pass, boolean invert, Runnable afterWrite, Report r,
                                Progress p, BooleanSupplier stop) {
        long n = w.words();
        long flip = invert ? -1L : 0L;
        for (long c = 0; c < n; c += CHUNK) {
            if (stop.getAsBoolean()) {
                return;
            }
            long end = Math.min(n, c + CHUNK);
            for (long i = c; i < end; i++) {
                w.write(i, walkingOne(i, pass) ^ flip);
            }
            p.bytes((end - c) << 3);
        }
        afterWrite.run();
        for (long c = 0; c < n; c += CHUNK) {
            if (stop.getAsBoolean()) {
                return;
            }
            long end = Math.min(n, c + CHUNK);
            for (long i = c; i < end; i++) {
                long want = walkingOne(i, pass) ^ flip;
                long got = w.read(i);
                if (got != want) {
                    r.miscompare(test, i, want, got);
                }
            }
            p.bytes((end - c) << 3);
        }
    }

    public static void movingInversions(OffHeapWords w, long pattern, Runnable afterWrite, Report r, Progress p,
                                        BooleanSupplier stop) {
        long n = w.words();
        for (long c = 0; c < n; c += CHUNK) {
            if (stop.getAsBoolean()) {
                return;
            }
            long end = Math.min(n, c + CHUNK);
            for (long i = c; i < end; i++) {
                w.write(i, pattern);
            }
            p.bytes((end - c) << 3);
        }
        afterWrite.run();
        // upwards: read the pattern, write its inverse
        for (long c = 0; c < n; c += CHUNK) {
            if (stop.getAsBoolean()) {
                return;
            }
            long end = Math.min(n, c + CHUNK);
            for (long i = c; i < end; i++) {
                long got = w.read(i);
                if (got != pattern) {
                    r.miscompare("moving-inversions", i, pattern, got);
                }
                w.write(i, ~pattern);
            }
            p.bytes((end - c) << 4);
        }
        // downwards: read the inverse, restore the pattern
        for (long c = n; c > 0; c -= CHUNK) {
            if (stop.getAsBoolean()) {
                return;
            }
            long start = Math.max(0, c - CHUNK);
            for (long i = c - 1; i >= start; i--) {
                long got = w.read(i);
                if (got != ~pattern) {
                    r.miscompare("moving-inversions", i, ~pattern, got);
                }
                w.write(i, pattern);
            }
            p.bytes((c - start) << 4);
        }
        for (long c = 0; c < n; c += CHUNK) {
            if (stop.getAsBoolean()) {
                return;
            }
            long end = Math.min(n, c + CHUNK);
            for (long i = c; i < end; i++) {
                long got = w.read(i);
                if (got != pattern) {
                    r.miscompare("moving-inversions", i, pattern, got);
                }
            }
            p.bytes((end - c) << 3);
        }
    }

    /** Fills {@code w} with {@link #random} words of {@code seed}, checksummed per block, and reads them back. */
    public static void randomChecksummed(OffHeapWords w, long seed, Runnable afterWrite, Report r, Progress p,
                                         BooleanSupplier stop) {
        long n = w.words();
        long blocks = (n + BLOCK - 1) / BLOCK;
        long[] sums = new long[(int) Math.min(blocks, Integer.MAX_VALUE - 8)];
        for (long b = 0; b < blocks; b++) {
            if ((b & 255) == 0 && stop.getAsBoolean()) {
                return;
            }
            long s = 0;
            long end = Math.min(n, (b + 1) * BLOCK);
            for (long i = b * BLOCK; i < end; i++) {
                long v = random(seed, i);
                w.write(i, v);
                s = Long.rotateLeft(s, 1) ^ v;
            }
            sums[(int) b] = s;
            if ((b & 255) == 255 || b == blocks - 1) {
                p.bytes((end - Math.max(0, (b - (b & 255)) * BLOCK)) << 3);
            }
        }
        afterWrite.run();
        for (long b = 0; b < blocks; b++) {
            if ((b & 255) == 0 && stop.getAsBoolean()) {
                return;
            }
            long s = 0;
            long start = b * BLOCK;
            long end = Math.min(n, start + BLOCK);
            for (long i = start; i < end; i++) {
                s = Long.rotateLeft(s, 1) ^ w.read(i);
            }
            if (s != sums[(int) b]) {
                locate("random-checksum", w, seed, start, end, r);
            }
            if ((b & 255) == 255 || b == blocks - 1) {
                p.bytes((end - Math.max(0, (b - (b & 255)) * BLOCK)) << 3);
            }
        }
    }

    /** Copies {@code src} (holding {@link #random} words of {@code seed}) into {@code dst} and checks the copy. */
    public static void copyAndCheck(OffHeapWords src, OffHeapWords dst, long seed, Runnable afterWrite, Report r,
                                    Progress p, BooleanSupplier stop) {
        long n = Math.min(src.words(), dst.words());
        for (long c = 0; c < n; c += CHUNK) {
            if (stop.getAsBoolean()) {
                return;
            }
            long end = Math.min(n, c + CHUNK);
            for (long i = c; i < end; i++) {
                dst.write(i, src.read(i));
            }
            p.bytes((end - c) << 4);
        }
        afterWrite.run();
        for (long c = 0; c < n; c += CHUNK) {
            if (stop.getAsBoolean()) {
                return;
            }
            long end = Math.min(n, c + CHUNK);
            for (long i = c; i < end; i++) {
                long want = random(seed, i);
                long got = dst.read(i);
                if (got != want) {
                    r.miscompare("copy", i, want, got);
                }
            }
            p.bytes((end - c) << 3);
        }
    }

    private static void locate(String test, OffHeapWords w, long seed, long start, long end, Report r) {
        boolean found = false;
        for (long i = start; i < end; i++) {
            long want = random(seed, i);
            long got = w.read(i);
            if (got != want) {
                r.miscompare(test, i, want, got);
                found = true;
            }
        }
        if (!found) {
            // the sum differed but every word now reads right: a transient read error
            r.miscompare(test + " (transient: block sum differed, rereads match)", start, 0, 0);
        }
    }
}
