/**
 * The harness's side of the storage workloads: {@link org.assay.harness.storage.StorageRun} (the
 * directory under test, the checks before anything is written, the I/O mode, the test files'
 * removal) and {@link org.assay.harness.storage.LatencyHistograms} (the forks' latency logs merged
 * into the bundle's {@code histograms/} and summed into percentiles).
 *
 * <p>Uses {@code plan} (the entries), {@code probes.storage} (what is under the directory),
 * {@code workloads.storage} and {@code workloads.fork.StorageFiles} (names and properties shared
 * with the forks), {@code workloads.kernel.DirectFile} (the one probe of direct I/O), results and
 * HdrHistogram.
 */
package org.assay.harness.storage;
