package org.assay.workloads;

import java.util.List;

/**
 * The heap of a JMH fork: 1 GiB unless the invocation's arrays need more, in which case the heap
 * grows to hold them (see {@link #forNeeds}). The harness turns the workload's figure
 * ({@link Workload#forkHeapBytes}) into the fork's flags, and the workload checks it against the
 * machine's memory when it validates, so a plan the machine cannot hold is refused with the
 * number it would need, before the run starts, rather than dying in the fork with an
 * OutOfMemoryError. A fixed heap would refuse a DGEMM that nine workers share on a 64 GiB box.
 */
public final class ForkHeap {
    private ForkHeap() {
    }

    /** The default and smallest heap, 1 GiB. Xms = Xmx keeps heap resizing out of the measurement. */
    public static final long BYTES = 1L << 30;

    /** The share of the heap a workload's live arrays may fill: the rest is JMH's and the GC's room. */
    public static final double LIVE_SHARE = 0.8;

    /** Heaps beyond the default grow in these steps, so nearby sizes share one flag. */
    private static final long STEP = 256L << 20;

    /** What the fork's JVM needs besides its heap (metaspace, code cache, JMH): for off-heap sizing. */
    public static final long JVM_OVERHEAD_BYTES = 512L << 20;

    /** The heap that holds {@code liveBytes} of arrays at {@link #LIVE_SHARE}: at least {@link #BYTES}. */
    public static long forNeeds(long liveBytes) {
        long needed = (long) Math.ceil(liveBytes / LIVE_SHARE);
        return needed <= BYTES ? BYTES : (needed + STEP - 1) / STEP * STEP;
    }

    /** {@code -Xms} and {@code -Xmx} for {@link #BYTES}. */
    public static List<String> flags() {
        return flags(BYTES);
    }

    /** {@code -Xms} and {@code -Xmx} for a heap of {@code heapBytes}. */
    public static List<String> flags(long heapBytes) {
        String size = heapBytes % (1L << 30) == 0 ? (heapBytes >> 30) + "g" : (heapBytes >> 20) + "m";
        return List.of("-Xms" + size, "-Xmx" + size);
    }
}
