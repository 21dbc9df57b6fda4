package org.assay.harness.burnin;

import java.util.Locale;

/** The parts of the machine a burn-in loads, each with the unit its throughput is counted in. */
public enum Component {
    /** DGEMM, FFT and sieve rounds, each result checked. */
    CPU("rounds/s"),
    /** Pattern passes over an off-heap region: bytes written and read back, checked. */
    MEMORY("MB/s"),
    /** Checksummed blocks written and read back from files in a directory. */
    STORAGE("MB/s"),
    /** Checksummed messages over loopback TCP. */
    NETWORK("MB/s");

    private final String unit;

    Component(String unit) {
        this.unit = unit;
    }

    /** The unit of {@link Meter#rate} for this component's main meter. */
    public String unit() {
        return unit;
    }

    /** The lower-case name used on the command line, in files and in metric labels. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Component of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
