/**
 * A bundle's results in the formats other tools read, for {@code assay export}.
 * {@link org.assay.analysis.export.ExportFormat} is one format, one class each
 * ({@link org.assay.analysis.export.OpenMetricsExport} for Prometheus,
 * {@link org.assay.analysis.export.InfluxLineExport} for InfluxDB,
 * {@link org.assay.analysis.export.CsvExport} for a spreadsheet), listed once in
 * {@link org.assay.analysis.export.ExportFormats}. Each is a pure function of the bundle: no file,
 * no network (the command writes the text, {@code org.assay.harness.export} pushes it).
 *
 * <p>Uses {@code org.assay.results} (the bundle, and its CSV cell rules) and
 * {@code org.assay.analysis.openmetrics} (the Prometheus text, names and units, shared with the
 * live {@code /metrics} endpoint).
 */
package org.assay.analysis.export;
