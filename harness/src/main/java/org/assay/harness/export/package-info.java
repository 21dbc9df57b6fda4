/**
 * {@code assay export --push}: {@link org.assay.harness.export.PushTarget} checks a push URL and
 * picks the server's protocol (a Pushgateway group, an InfluxDB 1.x {@code /write}),
 * {@link org.assay.harness.export.HttpPusher} sends the body with {@code java.net.http} and
 * bounded retries, {@link org.assay.harness.export.PushException} is a refusal on one line.
 *
 * <p>Uses the formats of {@code org.assay.analysis.export} and {@code UsageException} for a bad
 * URL. The formats themselves, and the reading of the bundle, are not here.
 */
package org.assay.harness.export;
