/**
 * Reports for people: {@link org.assay.analysis.report.HtmlReport} writes one self-contained HTML
 * page (styles, Apache ECharts, the chart data and the drawing script inside; no network) and
 * {@link org.assay.analysis.report.MarkdownReport} the same without charts, also used for each
 * bundle's {@code summary.md}. {@code ChartData} turns results and {@code probes.csv} into the
 * charts' data, {@code RunFacts} states the machine, the command and the checksum, {@code SpecShare}
 * holds a figure against its spec limit, {@link org.assay.analysis.report.Html} escapes every
 * string that came from a machine, a profile or a user. See docs/comparing.md, "Reports".
 */
package org.assay.analysis.report;
