/**
 * Live figures of a running command, for Prometheus to scrape: {@link org.assay.harness.live.LiveMetrics}
 * (the thread-safe registry of gauges and counters), {@link org.assay.harness.live.MetricsServer}
 * ({@code /metrics} over the JDK's HTTP server, loopback unless told otherwise),
 * {@link org.assay.harness.live.MetricsOptions} (the {@code --metrics-port} and
 * {@code --metrics-address} options a command mixes in) and
 * {@link org.assay.harness.live.RunMetrics} (what {@code assay run} publishes: progress, the
 * invocation running, last scores, probe readings).
 *
 * <p>Uses {@code org.assay.analysis.openmetrics} (the text format and names),
 * {@code org.assay.harness.execution.RunObserver} (how a run reports itself),
 * {@code org.assay.harness.plan} and {@code org.assay.results} (what an invocation and a result
 * are) and {@code UsageException} for bad options. Nothing in a run depends on it: without a
 * port, no server starts and no figure is kept.
 */
package org.assay.harness.live;
