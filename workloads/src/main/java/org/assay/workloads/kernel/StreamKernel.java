package org.assay.workloads.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.util.Locale;

/**
 * The other STREAM-style bandwidth kernels beside {@link StreamTriad}: STREAM's copy, scale and
 * add, and a read-only and a write-only kernel, over off-heap arrays of doubles.
 *
 * <p>Bytes per element are counted as STREAM counts them ({@link Kind#bytesPerElement}): what
 * the kernel reads and writes, not the write-allocate read of each destination line, so copy
 * and scale report 16, add 24, read and write 8. The same caveats as {@link StreamTriad} apply:
 * STREAM-<em>style</em> (JMH iterations, not STREAM's best-of-N), each worker owns its arrays,
 * the arrays must be at least 4x the last-level cache.
 *
 * <p>Pitfalls avoided: destinations are poisoned with NaN before an iteration and checked after
 * it, so a pass the JIT dropped fails; the read kernel sums the raw 64-bit patterns (an integer
 * sum: the JIT may vectorise it, as a C compiler does; a double sum is a serial chain of
 * 4-cycle adds and would measure the adder, not memory) and returns the sum, checked against
 * the sum computed once at construction.
 */
public final class StreamKernel {

    /** The kernels, STREAM's names first. */
    public enum Kind {
        COPY(16), SCALE(16), ADD(24), READ(8), WRITE(8);

        private final int bytesPerElement;

        Kind(int bytesPerElement) {
            this.bytesPerElement = bytesPerElement;
        }

        public int bytesPerElement() {
            return bytesPerElement;
        }

        public String metricName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    private static final int PAGE = 4096;

    private final Kind kind;
    private final int length;
    private final DoubleBuffer a;
    private final DoubleBuffer b;
    private final DoubleBuffer c;
    private final LongBuffer aBits;
    private final long expectedReadSum;
    private double q = StreamTriad.DEFAULT_SCALAR;
    private long lastSum;

    public StreamKernel(Kind kind, int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("array length must be greater than 0, got " + length);
        }
        this.kind = kind;
        this.length = length;
        ByteBuffer raw = allocate(length);
        this.a = raw.asDoubleBuffer();
        this.aBits = raw.asLongBuffer();
        this.b = allocate(length).asDoubleBuffer();
        this.c = allocate(length).asDoubleBuffer();
        long sum = 0;
        for (int i = 0; i < length; i++) {
            a.put(i, 1.0 + (i & 1023) * 0x1p-10);
            b.put(i, 2.0 + (i & 511) * 0x1p-9);
            c.put(i, 0.5 + (i & 255) * 0x1p-8);
            sum += Double.doubleToRawLongBits(a.get(i));
        }
        this.expectedReadSum = sum;
    }

    private static ByteBuffer allocate(int length) {
        long bytes = ((long) length * Double.BYTES + PAGE - 1) / PAGE * PAGE;
        if (bytes + PAGE > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("array of " + length
                    + " doubles exceeds one direct buffer; use more workers or a smaller array");
        }
        // allocateDirect zeroes the memory: the first touch, paid here, outside the timing
        return ByteBuffer.allocateDirect((int) bytes + PAGE).alignedSlice(PAGE).order(ByteOrder.nativeOrder());
    }

    /** One pass of the kernel over the whole array; returns a value so the caller has a use for it. */
    public double pass() {
        return switch (kind) {
            case COPY -> copy();
            case SCALE -> scale();
            case ADD -> add();
            case READ -> read();
            case WRITE -> write();
        };
    }

    private double copy() {
        final DoubleBuffer a = this.a, c = this.c;
        final int n = length;
        for (int i = 0; i < n; i++) {
            c.put(i, a.get(i));
        }
        return c.get(n - 1);
    }

    private double scale() {
        final DoubleBuffer b = this.b, c = this.c;
        final double q = this.q;
        final int n = length;
        for (int i = 0; i < n; i++) {
            b.put(i, q * c.get(i));
        }
        return b.get(n - 1);
    }

    private double add() {
        final DoubleBuffer a = this.a, b = this.b, c = this.c;
        final int n = length;
        for (int i = 0; i < n; i++) {
            c.put(i, a.get(i) + b.get(i));
        }
        return c.get(n - 1);
    }

    private double read() {
        final LongBuffer bits = this.aBits;
        final int n = length;
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += bits.get(i);
        }
        lastSum = s;
        return s;
    }

    private double write() {
        final DoubleBuffer a = this.a;
        final double q = this.q;
        final int n = length;
        for (int i = 0; i < n; i++) {
            a.put(i, q);
        }
        return a.get(n - 1);
    }

    /** Fills the destination with NaN (the read kernel forgets its sum) so {@link #verify()} proves a pass ran. */
    public void poison() {
        switch (kind) {
            case COPY, ADD -> fill(c, Double.NaN);
            case SCALE -> fill(b, Double.NaN);
            case WRITE -> fill(a, Double.NaN);
            case READ -> lastSum = expectedReadSum + 1;
        }
    }

    private void fill(DoubleBuffer d, double v) {
        for (int i = 0; i < length; i++) {
            d.put(i, v);
        }
    }

    /** @throws IllegalStateException "expected X but got Y" at the first wrong element */
    public void verify() {
        if (kind == Kind.READ) {
            if (lastSum != expectedReadSum) {
                throw new IllegalStateException("read verification failed: expected sum " + expectedReadSum
                        + " but got " + lastSum);
            }
            return;
        }
        for (int i = 0; i < length; i++) {
            double expected = switch (kind) {
                case COPY -> a.get(i);
                case SCALE -> q * c.get(i);
                case ADD -> a.get(i) + b.get(i);
                case WRITE -> q;
                default -> throw new AssertionError(kind);
            };
            DoubleBuffer dst = kind == Kind.COPY || kind == Kind.ADD ? c : kind == Kind.SCALE ? b : a;
            double actual = dst.get(i);
            if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual)) {
                throw new IllegalStateException(kind.metricName() + " verification failed at element " + i
                        + ": expected " + expected + " but got " + actual);
            }
        }
    }

    /** Test hook for sabotage tests: corrupts one destination element (or the read sum). */
    void corrupt(int index) {
        switch (kind) {
            case COPY, ADD -> c.put(index, c.get(index) + 1);
            case SCALE -> b.put(index, b.get(index) + 1);
            case WRITE -> a.put(index, a.get(index) + 1);
            case READ -> lastSum++;
        }
    }

    public long bytesPerPass() {
        return (long) kind.bytesPerElement() * length;
    }

    /** The address of array {@code a} (the one every kind reads or writes), for a page-node check. */
    public long arrayAddress() {
        return MemoryAdvice.addressOf(a);
    }

    /** Bytes of array {@code a}. */
    public long arrayBytes() {
        return (long) length * Double.BYTES;
    }
}
