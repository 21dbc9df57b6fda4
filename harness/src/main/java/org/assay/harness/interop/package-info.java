/**
 * Interop with the tools users already ran: {@code assay import} turns a JMH result file
 * ({@code -rf json}), fio's {@code --output-format=json} or iperf3's {@code -J} output into a real
 * bundle ({@link org.assay.harness.interop.ToolFormat} recognises the file,
 * {@link org.assay.harness.interop.FioImport}, {@link org.assay.harness.interop.Iperf3Import} and
 * {@link org.assay.harness.interop.JmhImport} map its figures to Assay's metric names, units and
 * parameters, {@link org.assay.harness.interop.ImportedBundle} writes it); and the way back,
 * {@link org.assay.harness.interop.JmhJson} (JMH's result-file schema, read and written) with
 * {@link org.assay.harness.interop.JmhExport}, an {@link org.assay.harness.interop.ExportFormat}.
 *
 * <p>Uses {@code org.assay.results} (the bundle), {@code org.assay.analysis} (the fork-aware
 * interval), the workload descriptors of {@code org.assay.workloads} (to map a JMH benchmark that
 * is an Assay benchmark, and the definition versions imported figures are compared under),
 * {@code org.assay.probes.inventory} (only for {@code --this-machine}), Jackson and JMH's
 * {@code ListStatistics} (JMH's own percentiles for the export). Mapping is pure: no file is read
 * or written except by {@code ImportedBundle} and the export's caller. The docs are in
 * {@code docs/interop.md}.
 */
package org.assay.harness.interop;
