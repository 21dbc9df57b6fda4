package org.assay.workloads.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * The data of a storage test file, and the check of what a read returned.
 *
 * <p>The file is filled with position-dependent pseudo-random words ({@link #word}): incompressible
 * (SplitMix64 output), never zero (so thin provisioning and zero detection cannot skip it), and
 * different at every offset (so deduplication finds nothing to share). A read is checked by two
 * <em>check words</em> per {@link #CHECK_UNIT} (the first and the last word of each unit), which
 * catches a read from the wrong offset, a short or torn transfer and a block of zeros, for a few
 * nanoseconds per 4 KiB.
 *
 * <p>A write stamps its check words with the block's next <em>generation</em>, so a later read of
 * that block is checked against what was written, not against the original fill. The rest of a
 * written block is random bytes made once per job, with one word of every 512-byte sector
 * scrambled per write (as fio's {@code scramble_buffers}): every written block differs from every
 * other, and none compresses.
 */
public final class BlockData {

    /** The span that carries two check words; blocks smaller than this carry two of their own. */
    public static final int CHECK_UNIT = 4096;
    static final int SECTOR = 512;
    private static final long NONZERO = 0x9E3779B97F4A7C15L;

    private final long seed;

    public BlockData(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The word at byte {@code offset} (a multiple of 8) of the file, after {@code generation} writes of its block. */
    public static long word(long seed, int generation, long offset) {
        long z = seed + offset * NONZERO + ((long) generation << 40) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return z == 0 ? NONZERO : z;
    }

    /** Fills {@code buf} (position 0 to limit, a multiple of 8) with the original data of the file from {@code fileOffset}. */
    public void fill(ByteBuffer buf, long fileOffset) {
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 8 <= b.limit(); i += 8) {
            b.putLong(i, word(seed, 0, fileOffset + i));
        }
    }

    /** Random, incompressible bytes for a job's write buffer: made once, scrambled per write. */
    public static void randomise(ByteBuffer buf, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 8 <= b.limit(); i += 8) {
            long v = r.nextLong();
            b.putLong(i, v == 0 ? NONZERO : v);
        }
    }

    /**
     * Makes {@code buf} (one block, {@code length} bytes) the data of write number {@code generation}
     * of the block at {@code fileOffset}: one scrambled word per sector, then the check words.
     */
    public void stamp(ByteBuffer buf, int length, long fileOffset, int generation) {
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long scramble = word(~seed, generation, fileOffset);
        for (int s = 8; s + 8 <= length; s += SECTOR) {
            b.putLong(s, b.getLong(s) ^ scramble ^ s);
        }
        int unit = Math.min(CHECK_UNIT, length);
        for (int u = 0; u + unit <= length; u += unit) {
            b.putLong(u, word(seed, generation, fileOffset + u));
            b.putLong(u + unit - 8, word(seed, generation, fileOffset + u + unit - 8));
        }
    }

    /**
     * Checks the block read into {@code buf} from {@code fileOffset}, last written as
     * {@code generation} (0: the original fill).
     *
     * @throws IllegalStateException naming the offset, the expected and the read word
     */
    public void check(ByteBuffer buf, int length, long fileOffset, int generation) {
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int unit = Math.min(CHECK_UNIT, length);
        for (int u = 0; u + unit <= length; u += unit) {
            checkWord(b, u, fileOffset, generation);
            checkWord(b, u + unit - 8, fileOffset, generation);
        }
    }

    private void checkWord(ByteBuffer b, int at, long fileOffset, int generation) {
        long expected = word(seed, generation, fileOffset + at);
        long got = b.getLong(at);
        if (got != expected) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                    "read at file offset %d (generation %d): expected %016x but got %016x",
                    fileOffset + at, generation, expected, got));
        }
    }
}
