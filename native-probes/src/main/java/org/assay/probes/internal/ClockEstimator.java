package org.assay.probes.internal;

/**
 * Estimates the running clock of the calling thread's core from the time of a dependent chain of
 * integer adds: {@code a += b; b += a} can only retire one add per cycle, because each add needs
 * the previous one's result, so 2·n adds take 2·n cycles at any issue width. Used where neither
 * APERF/MPERF nor cpufreq is readable (cloud VMs), where {@code /proc/cpuinfo}'s "cpu MHz" is
 * the TSC rate, not the clock (2.6 GHz on the EPYC KVM guest used in development, whose cores
 * run at 3.6 GHz by this chain and by the same chain in C with inline assembly).
 *
 * <p>Pitfalls avoided: the chain's result is published to a volatile field, so the JIT cannot
 * drop it; the loop is compiled before it is timed (interpreted, it reads as ~200 MHz); the shortest of several short runs is kept, because preemption and interrupts only
 * ever make a run longer. The answer is labelled "estimated": it assumes 1-cycle integer add
 * latency, true of current x86-64 cores.
 */
public final class ClockEstimator {

    private static final int ADDS_PER_ITERATION = 16;
    private static volatile long sink;
    private static volatile boolean warm;

    private ClockEstimator() {
    }

    /** MHz of the core this thread runs on; about 0.1 ms of CPU after the first call (which warms up for 50-300 ms). */
    public static double estimateMHz() {
        warmUp();
        final int n = 5_000;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            sink = chain(n, sink | 1, 3);
            long t = System.nanoTime() - t0;
            best = Math.min(best, t);
        }
        return best <= 0 ? Double.NaN : ADDS_PER_ITERATION * n * 1000.0 / best;
    }

    /**
     * Runs the chain until compiled code is in use (interpreted, it reads as ~200 MHz). Any JIT
     * tier will do (see {@link #chain}), but compilation happens in the background and can sit in
     * a queue behind a busy start-up: keep going until the best time has stopped improving for
     * 30 ms, at most 300 ms, once per JVM.
     */
    private static synchronized void warmUp() {
        if (warm) {
            return;
        }
        long start = System.nanoTime();
        long best = Long.MAX_VALUE;
        long lastImprovement = start;
        for (int i = 0; ; i++) {
            long t0 = System.nanoTime();
            sink = chain(5_000, sink | 1, i);
            long t1 = System.nanoTime();
            if (t1 - t0 < best * 0.98) {
                best = t1 - t0;
                lastImprovement = t1;
            }
            if (t1 - start > 300_000_000L || (t1 - start > 20_000_000L && t1 - lastImprovement > 30_000_000L)) {
                break;
            }
        }
        warm = true;
    }

    /**
     * 16 dependent adds per trip: C1's tier-3 code bumps a profiling counter in memory on every
     * back edge (a ~5-cycle store-to-load chain of its own), which would bound a 2-add loop at
     * 5 cycles per trip; with 16 adds per trip the add chain is the longer one in every tier.
     */
    static long chain(int n, long a, long b) {
        for (int i = 0; i < n; i++) {
            a += b; b += a; a += b; b += a; a += b; b += a; a += b; b += a;
            a += b; b += a; a += b; b += a; a += b; b += a; a += b; b += a;
        }
        return a ^ b;
    }
}
