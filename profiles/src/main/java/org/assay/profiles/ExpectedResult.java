package org.assay.profiles;

/**
 * A result the profile expects: the value (in {@code unit}), its spread (the standard deviation
 * over {@code runs} runs, same unit; null when not known) and how many runs it came from.
 */
public record ExpectedResult(MetricKey key, double value, String unit, Double spread, Integer runs) {
}
