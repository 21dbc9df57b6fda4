package org.assay.harness.burnin;

import java.util.concurrent.atomic.LongAdder;

/**
 * Work done by a component's workers, counted as it is verified (only checked work counts: a
 * round whose result is wrong still counts as work, and as an error). Workers add; the interval
 * recorder reads the running total and turns differences into rates.
 *
 * @param name    what is counted, e.g. {@code cpu.rounds}, {@code cpu.dgemm}, {@code memory.bytes}
 * @param unit    the unit of {@link #rate}
 * @param scale   rate unit per counted unit per second (1e-6 for bytes counted and MB/s reported)
 */
public record Meter(Component component, String name, String unit, double scale, LongAdder total) {

    public Meter(Component component, String name, String unit, double scale) {
        this(component, name, unit, scale, new LongAdder());
    }

    public void add(long n) {
        total.add(n);
    }

    public long sum() {
        return total.sum();
    }

    /** The rate between two readings of {@link #sum} {@code seconds} apart. */
    public double rate(long before, long after, double seconds) {
        return seconds > 0 ? (after - before) * scale / seconds : Double.NaN;
    }
}
