/**
 * Results computed from JMH's output after an invocation or after the run, never measured
 * directly: {@link org.assay.harness.derived.SweepResults} (one result per point of a sweep),
 * {@link org.assay.harness.derived.IterationFlags} (iterations the probe profiler saw throttled
 * or slowed), {@link org.assay.harness.derived.LevelResults} ({@code memory.latency.level}
 * from the chase curve) and {@link org.assay.harness.derived.FlopsPerCycle} (FLOP per cycle of
 * a GFLOP/s result, from its workers' clock).
 *
 * <p>Pure functions of results: uses {@code org.assay.results}, JMH's result types,
 * {@code org.assay.analysis} (the cache-level detector) and {@code org.assay.probes.topology}
 * (the cache sizes the OS reports); no I/O, no other harness package.
 */
package org.assay.harness.derived;
