/**
 * Running a plan into a bundle: {@link org.assay.harness.execution.RunSession} (one invocation
 * at a time, each result appended as soon as it is known, Ctrl-C closing the bundle as
 * {@code partial}), {@link org.assay.harness.execution.JmhInvocation} (one planned invocation
 * through JMH's {@code Runner} in forked JVMs, turned into an
 * {@link org.assay.results.InvocationResult}), {@link org.assay.harness.execution.ForkFlags}
 * (every fork's JVM flags), {@link org.assay.harness.execution.PinningReport} (where the workers
 * really ran), {@link org.assay.harness.execution.ProbeSampler} ({@code probes.csv}),
 * {@link org.assay.harness.execution.StealMeter} (steal and utilisation per invocation),
 * {@link org.assay.harness.execution.PrecisionLoop} (further forks towards a
 * {@link org.assay.harness.execution.PrecisionGoal}), {@link org.assay.harness.execution.MeasuredInvocation}
 * (an invocation's runs merged into its results) and
 * {@link org.assay.harness.execution.ProgressReporter}.
 *
 * <p>Uses {@code org.assay.harness.plan} (what to run), {@code org.assay.harness.derived}
 * (sweep splitting, iteration flags, intervals, level results), {@code org.assay.analysis} (the
 * precision target's statistics), {@code org.assay.results} (the writer),
 * the probes and topology of native-probes, and of workloads only the descriptors and
 * {@code org.assay.workloads.fork.ProbeProfiler}, which it hands to JMH by class; the
 * benchmarks themselves are reached by name, in the fork.
 */
package org.assay.harness.execution;
