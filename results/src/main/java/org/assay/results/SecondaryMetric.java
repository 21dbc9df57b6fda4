package org.assay.results;

/**
 * A figure measured beside the primary metric (energy, temperature, clock, IPC...). {@code score}
 * is null when the probe could not take it: a missing reading is never written as zero.
 */
public record SecondaryMetric(Double score, String unit) {
}
