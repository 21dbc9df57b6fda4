package org.assay.workloads;

import java.util.List;

/**
 * The heap every JMH fork gets: one number, which the harness turns into the fork's flags and
 * the workloads size their working sets against (a size whose arrays would not fit is refused
 * before the run starts, rather than dying in the fork with an OutOfMemoryError).
 */
public final class ForkHeap {
    private ForkHeap() {
    }

    /** 1 GiB, fixed: Xms = Xmx keeps heap resizing out of the measurement. */
    public static final long BYTES = 1L << 30;

    /** What the fork's JVM needs besides its heap (metaspace, code cache, JMH): for off-heap sizing. */
    public static final long JVM_OVERHEAD_BYTES = 512L << 20;

    /** {@code -Xms} and {@code -Xmx} for {@link #BYTES}. */
    public static List<String> flags() {
        String size = BYTES % (1L << 30) == 0 ? (BYTES >> 30) + "g" : (BYTES >> 20) + "m";
        return List.of("-Xms" + size, "-Xmx" + size);
    }
}
