/**
 * The result bundle: one directory per run that explains itself.
 *
 * <h2>Layout</h2>
 * <pre>
 * run.json          the {@link org.assay.results.RunManifest}: versions, command, host, checks, probes, plan, status
 * results.jsonl     one {@link org.assay.results.InvocationResult} per line, appended as each invocation ends
 * probes.csv        timestamp,probe,scope,value,unit
 * jmh.json          JMH's own JSON entries, concatenated into one array
 * jmh.log           JMH's console output (written by the harness's run session, not by this package)
 * SHA256SUMS        written last, in sha256sum's format
 * </pre>
 *
 * <p>{@link org.assay.results.BundleWriter#histogramPath(String)} gives
 * {@code histograms/<name>.hlog} for HdrHistogram logs (the harness writes one per invocation
 * that records latencies one by one, named by its invocation id) and the verifier checks such
 * files; bundles without such invocations have no {@code histograms/}.
 *
 * <p>This module depends on nothing else of Assay (only Jackson, HdrHistogram and the JSON Schema
 * validator); every other module uses it.
 *
 * <h2>Writing</h2>
 * {@link org.assay.results.BundleWriter#create} refuses a non-empty directory, writes run.json at
 * once and rewrites each JSON file atomically after every change, so a crash leaves a bundle that
 * is valid up to the last recorded invocation. {@code finish} writes SHA256SUMS; a bundle without
 * it was not finished, and {@link org.assay.results.BundleVerifier} says so. Before it, every
 * file and directory of the bundle is forced to disk.
 *
 * <h2>Checking</h2>
 * {@link org.assay.results.BundleVerifier} checks every file against SHA256SUMS, refuses symbolic
 * links, and checks run.json and results.jsonl against the JSON Schemas of the bundle's schema
 * version ({@link org.assay.results.BundleSchemas}, {@code schema/v<N>/} beside these classes);
 * {@link org.assay.results.SshSignatures} checks a detached signature of SHA256SUMS with
 * {@code ssh-keygen -Y verify}: no cryptography is written here.
 *
 * <h2>Numbers</h2>
 * A number that could not be measured is {@code null} in JSON and an empty cell in CSV, never 0
 * and never the string "NaN". All numbers are written independently of the default locale.
 *
 * <p>The full field reference and schema history are in {@code docs/result-format.md}.
 */
package org.assay.results;
