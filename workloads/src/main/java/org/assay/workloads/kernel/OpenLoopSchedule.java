package org.assay.workloads.kernel;

import java.util.concurrent.locks.LockSupport;

/**
 * The intended send times of an open-loop load at a fixed rate (as wrk2 does): request k is due
 * at {@code start + k / rate}, whatever happened to request k-1. A client that measures from the
 * moment it actually sends stops sending while a slow response holds it up, so the requests that
 * should have gone out meanwhile are never timed and a stall shows up as one slow sample instead
 * of many: that is coordinated omission. Timing each round trip from its due time counts the
 * wait in the queue too, so a stall of one second at 10,000 requests/s shows as 10,000 late
 * requests, as a real client at that rate would see them.
 */
public final class OpenLoopSchedule {

    /** Below this the wait spins: parking is less precise than the gap it would sleep through. */
    static final long SPIN_NANOS = 50_000;

    private final double intervalNanos;
    private long start;
    private long next;

    /** @param ratePerSecond requests per second, above 0 */
    public OpenLoopSchedule(double ratePerSecond) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("request rate must be above 0 per second, got " + ratePerSecond);
        }
        this.intervalNanos = 1e9 / ratePerSecond;
    }

    /** Starts the schedule now: the first request is due at once. */
    public void restart() {
        start = System.nanoTime();
        next = 0;
    }

    /** The due time of the next request (System.nanoTime), waiting until it is reached. */
    public long awaitNext() {
        long due = dueTime(next++);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            if (wait > 2 * SPIN_NANOS) {
                LockSupport.parkNanos(wait - SPIN_NANOS);
            } else {
                Thread.onSpinWait();
            }
        }
        return due;
    }

    /** The due time of request {@code k} since the last restart. */
    long dueTime(long k) {
        return start + Math.round(k * intervalNanos);
    }
}
