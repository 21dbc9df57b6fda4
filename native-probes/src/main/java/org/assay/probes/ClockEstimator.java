package org.assay.probes;

/**
 * Estimates the running clock of the calling thread's core from the time of a dependent chain of
 * integer adds: {@code a += b; b += a} can only retire one add per cycle, because each add needs
 * the previous one's result, so 2·n adds take 2·n cycles at any issue width. Used where neither
 * APERF/MPERF nor cpufreq is readable (cloud VMs), where {@code /proc/cpuinfo}'s "cpu MHz" is
 * the TSC rate, not the clock (2.6 GHz on the EPYC KVM guest used in development, whose cores
 * run at 3.6 GHz by this chain and by the same chain in C with inline assembly).
 *
 * <p>Pitfalls avoided: the chain's result is published to a volatile field, so the JIT cannot
 * drop it; the loop is compiled before it is timed (interpreted adds would read as a 100 MHz
 * clock); the shortest of several short runs is kept, because preemption and interrupts only
 * ever make a run longer. The answer is labelled "estimated": it assumes 1-cycle integer add
 * latency, true of current x86-64 cores.
 */
final class ClockEstimator {

    private static final int ADDS_PER_ITERATION = 2;
    private static volatile long sink;
    private static volatile boolean warm;

    private ClockEstimator() {
    }

    /** MHz of the core this thread runs on; about 0.3 ms of CPU after the first call. */
    static double estimateMHz() {
        warmUp();
        final int n = 40_000;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            sink = chain(n, sink | 1, 3);
            long t = System.nanoTime() - t0;
            best = Math.min(best, t);
        }
        return best <= 0 ? Double.NaN : ADDS_PER_ITERATION * n * 1000.0 / best;
    }

    private static void warmUp() {
        if (!warm) {
            for (int i = 0; i < 400; i++) {
                sink = chain(20_000, sink | 1, i);
            }
            warm = true;
        }
    }

    static long chain(int n, long a, long b) {
        for (int i = 0; i < n; i++) {
            a += b;
            b += a;
        }
        return a ^ b;
    }
}
