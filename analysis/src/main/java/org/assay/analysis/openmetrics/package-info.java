/**
 * The Prometheus exposition formats, written once for everything that publishes metrics: the
 * live {@code /metrics} endpoint of a run (in the harness) and {@code assay export}.
 * {@link org.assay.analysis.openmetrics.MetricSample} is one sample,
 * {@link org.assay.analysis.openmetrics.OpenMetricsText} writes OpenMetrics 1.0 and text 0.0.4,
 * {@link org.assay.analysis.openmetrics.PrometheusNames} makes names and labels legal and snake
 * cased, {@link org.assay.analysis.openmetrics.PrometheusUnit} turns an Assay unit into a base-unit
 * suffix and factor.
 *
 * <p>Uses only the JDK: it knows nothing of bundles or runs.
 */
package org.assay.analysis.openmetrics;
