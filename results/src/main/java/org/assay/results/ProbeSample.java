package org.assay.results;

/**
 * One row of {@code probes.csv}. {@code scope} names the CPU or zone ("cpu0", "package0"), or is
 * "" for a system-wide reading. {@code value} is NaN when the reading could not be taken; it is
 * then written as an empty cell, never as 0.
 */
public record ProbeSample(String timestamp, String probe, String scope, double value, String unit) {
}
