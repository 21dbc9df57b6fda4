package org.assay.harness.burnin;

import net.openhft.chronicle.core.UnsafeMemory;

/**
 * A region of native memory addressed as 64-bit words, outside the Java heap: a burn-in tests
 * gigabytes, which the heap would have to be sized for and the garbage collector would move and
 * scan. Freed at once by {@link #close()}, never left to a cleaner.
 */
public final class OffHeapWords implements AutoCloseable {

    private static final UnsafeMemory MEMORY = UnsafeMemory.MEMORY;

    private final long base;
    private final long words;
    /** Byte offset of word 0 within the whole tested memory, for error locations. */
    private final long offset;
    private boolean closed;

    public OffHeapWords(long words, long offset) {
        if (words < 1) {
            throw new IllegalArgumentException("a region needs at least one word, got " + words);
        }
        this.words = words;
        this.offset = offset;
        this.base = MEMORY.allocate(words * Long.BYTES);
    }

    public long words() {
        return words;
    }

    public long read(long i) {
        return MEMORY.readLong(base + (i << 3));
    }

    public void write(long i, long v) {
        MEMORY.writeLong(base + (i << 3), v);
    }

    /** The byte offset of word {@code i} in the whole tested memory. */
    public long byteOffset(long i) {
        return offset + (i << 3);
    }

    /** The native address of word {@code i}, for a location that a hardware error log (EDAC) would name. */
    public long address(long i) {
        return base + (i << 3);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            MEMORY.freeMemory(base, words * Long.BYTES);
        }
    }
}
