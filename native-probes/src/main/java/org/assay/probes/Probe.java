package org.assay.probes;

import java.util.List;

/**
 * One source of machine readings (energy, temperature, clock...). Implementations never throw
 * from {@link #read()}: a sensor that fails mid-run gives no readings (or NaN values), and the
 * run goes on. {@link #availability()} is decided once, when the probe is opened.
 */
public interface Probe extends AutoCloseable {

    /** Stable dotted id, e.g. {@code rapl.energy}; recorded in run.json and probes.csv. */
    String id();

    /** The unit of the probe's main reading ("W", "°C", "MHz"); each {@link Reading} carries its own. */
    String unit();

    /** One line: what the probe measures. */
    String description();

    Availability availability();

    /**
     * The current readings. Counter-based probes (energy, APERF/MPERF, throttle counts) report
     * rates over the interval since their previous read; their first read has only cumulative values.
     */
    List<Reading> read();

    /**
     * Releases what the probe holds open (the perf-counter probe's perf_event descriptors); later
     * reads give no readings. Most probes read files on demand and hold nothing. Never throws.
     */
    @Override
    default void close() {
    }
}
