package org.assay.workloads.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * STREAM-style triad, {@code a[i] = b[i] + q * c[i]}, over three off-heap arrays of doubles.
 *
 * <p>What it measures: sustained memory bandwidth of the calling thread. Bytes are counted as
 * STREAM counts them: two reads and one write of 8 bytes per element, {@link #bytesPerPass()} =
 * 24 * length. The write-allocate read of {@code a} that most caches perform is real traffic but
 * is <em>not</em> counted, so the figure is comparable with STREAM's, and (like STREAM's) an
 * under-estimate of the bus traffic. This is a STREAM-<em>style</em> kernel, not STREAM: it is
 * timed by JMH iterations rather than STREAM's best-of-N, and each worker owns its arrays.
 *
 * <p>Sizing rule (STREAM's): each array must be at least 4x the last-level cache, otherwise the
 * figure is a cache bandwidth. The sizing is the caller's job; the harness derives it from the
 * inventory.
 *
 * <p>Pitfalls avoided:
 * <ul>
 *   <li>Off-heap memory (direct buffers, page aligned): no GC moves the arrays during a pass and
 *       no object header sits between cache lines.</li>
 *   <li>First touch: the constructor writes every page, so the page faults are paid here, not
 *       in the timed pass; and it runs on the thread that will use the memory (after pinning),
 *       so on a NUMA machine the pages land on that thread's node.</li>
 *   <li>Dead code: the pass stores to memory the JIT cannot prove unobserved, and
 *       {@link #verify()} replays the arithmetic over every element. {@link #poison()} fills
 *       {@code a} with NaN before a measurement so that a kernel that stopped writing fails
 *       verification instead of posting a fast number.</li>
 * </ul>
 */
public final class StreamTriad {

    /** STREAM's scalar. Non-final field reads in {@link #pass()} keep the JIT from folding it. */
    public static final double DEFAULT_SCALAR = 3.0;
    private static final int PAGE = 4096;

    private final DoubleBuffer a;
    private final DoubleBuffer b;
    private final DoubleBuffer c;
    private final int length;
    private double q = DEFAULT_SCALAR;

    public StreamTriad(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("triad length must be greater than 0, got " + length);
        }
        this.length = length;
        this.a = allocate(length);
        this.b = allocate(length);
        this.c = allocate(length);
        // STREAM's initial values (a=1, b=2, c=0) make c useless; vary b and c by index so a
        // kernel that reads the wrong element fails verify().
        for (int i = 0; i < length; i++) {
            a.put(i, 1.0);
            b.put(i, 2.0 + (i & 1023) * 0x1p-10);
            c.put(i, 0.5 + (i & 511) * 0x1p-9);
        }
    }

    private static DoubleBuffer allocate(int length) {
        // alignedSlice rounds both ends to the page, so ask for whole pages plus one
        long bytes = ((long) length * Double.BYTES + PAGE - 1) / PAGE * PAGE;
        if (bytes + PAGE > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("triad array of " + length
                    + " doubles exceeds one direct buffer; use more workers or a smaller array");
        }
        // allocateDirect zeroes the memory: that is the first touch, paid outside the timing.
        return ByteBuffer.allocateDirect((int) bytes + PAGE).alignedSlice(PAGE)
                .order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    /** One triad pass over the whole array. Returns one element so the caller has a use for it. */
    public double pass() {
        final DoubleBuffer a = this.a, b = this.b, c = this.c;
        final double q = this.q;
        final int n = length;
        for (int i = 0; i < n; i++) {
            a.put(i, b.get(i) + q * c.get(i));
        }
        return a.get(n - 1);
    }

    /** Fills {@code a} with NaN so that {@link #verify()} proves a pass ran since. */
    public void poison() {
        for (int i = 0; i < length; i++) {
            a.put(i, Double.NaN);
        }
    }

    /**
     * Replays the arithmetic for every element. The result is exact (same operations, same
     * order, IEEE doubles), so the comparison is exact too.
     *
     * @throws IllegalStateException "expected X but got Y" at the first wrong element
     */
    public void verify() {
        for (int i = 0; i < length; i++) {
            double expected = b.get(i) + q * c.get(i);
            double actual = a.get(i);
            if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual)) {
                throw new IllegalStateException("triad verification failed at element " + i
                        + ": expected " + expected + " but got " + actual);
            }
        }
    }

    /** Test hook for sabotage tests: corrupts one element of the result array. */
    void corrupt(int index) {
        a.put(index, a.get(index) + 1.0);
    }

    public int length() {
        return length;
    }

    /** Bytes moved by one pass, counted as STREAM does (2 reads + 1 write of 8 bytes). */
    public long bytesPerPass() {
        return 3L * Double.BYTES * length;
    }

    /** The address of the destination array {@code a}, for a check of which node its pages sit on. */
    public long arrayAddress() {
        return MemoryAdvice.addressOf(a);
    }

    /** Bytes of one array. */
    public long arrayBytes() {
        return (long) length * Double.BYTES;
    }
}
