package org.assay.harness.burnin;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The layout of one burn-in storage block, fio's {@code verify} idea: a header that says what
 * the block is (a magic word, its file offset, its generation, i.e. how many times it was
 * written, and the file's seed) and a CRC32C of everything after the header, over a payload of
 * SplitMix64 words of (seed, offset, generation). A read is checked by all of it: a block read
 * from the wrong offset (misdirected I/O) has the wrong offset; a stale block (a lost write) the
 * wrong generation; a torn or corrupted one fails its CRC, and the payload is then compared word
 * by word against the generator to find the first bad byte.
 */
public final class StorageBlock {

    static final long MAGIC = 0x4B4C424E52554241L;   // "ABURNBLK" little-endian
    static final int HEADER = 40;
    static final int CRC_AT = 32;

    private StorageBlock() {
    }

    /** Makes {@code buf} (capacity = block size, a multiple of 8) the block at {@code offset}, write number {@code generation}. */
    public static void stamp(ByteBuffer buf, long seed, long offset, long generation) {
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN).clear();
        int len = b.capacity();
        b.putLong(0, MAGIC);
        b.putLong(8, offset);
        b.putLong(16, generation);
        b.putLong(24, seed);
        for (int i = HEADER; i + 8 <= len; i += 8) {
            b.putLong(i, payload(seed, offset, generation, i));
        }
        b.putInt(CRC_AT, crc(b, len));
        b.putInt(CRC_AT + 4, 0);
    }

    static long payload(long seed, long offset, long generation, int at) {
        return MemoryPatterns.random(seed ^ (generation * 0xD1B54A32D192ED03L), (offset + at) >>> 3);
    }

    private static int crc(ByteBuffer b, int len) {
        CRC32C c = new CRC32C();
        c.update(b.duplicate().position(HEADER).limit(len));
        return (int) c.getValue();
    }

    /** What is wrong with a block read from {@code offset}, last written as {@code generation}; null when it is right. */
    public record Problem(String location, String expected, String actual) {
    }

    public static Problem check(ByteBuffer buf, long seed, long offset, long generation) {
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN).clear();
        int len = b.capacity();
        String at = String.format(Locale.ROOT, "offset %d", offset);
        if (b.getLong(0) != MAGIC) {
            return new Problem(at + " header", "magic " + MemoryStressor.hex(MAGIC), MemoryStressor.hex(b.getLong(0)));
        }
        if (b.getLong(8) != offset) {
            return new Problem(at + " header", "block of offset " + offset, "block of offset " + b.getLong(8) + " (misdirected)");
        }
        if (b.getLong(16) != generation || b.getLong(24) != seed) {
            return new Problem(at + " header", "generation " + generation, "generation " + b.getLong(16) + " (stale or lost write)");
        }
        int stored = b.getInt(CRC_AT);
        int computed = crc(b, len);
        if (stored == computed) {
            return null;
        }
        for (int i = HEADER; i + 8 <= len; i += 8) {
            long want = payload(seed, offset, generation, i);
            long got = b.getLong(i);
            if (got != want) {
                return new Problem(String.format(Locale.ROOT, "offset %d (block %d + %d)", offset + i, offset, i),
                        MemoryStressor.hex(want), MemoryStressor.hex(got));
            }
        }
        return new Problem(at + " crc", Integer.toHexString(stored), Integer.toHexString(computed));
    }
}
