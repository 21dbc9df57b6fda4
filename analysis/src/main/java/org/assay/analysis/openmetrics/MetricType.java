package org.assay.analysis.openmetrics;

/**
 * The two metric types Assay publishes. A gauge is a reading that may go up or down (a score, a
 * temperature); a counter is a running total that only grows (invocations done), written with
 * the {@code _total} suffix a scraper expects of one.
 */
public enum MetricType {
    gauge, counter
}
