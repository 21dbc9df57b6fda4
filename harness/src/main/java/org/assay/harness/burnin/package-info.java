/**
 * The burn-in engine behind {@code assay burn-in}: sustained load on every component at once,
 * every operation verified, throughput per interval, and a stability verdict.
 *
 * <ul>
 *   <li>loads ({@link org.assay.harness.burnin.Stressor}): {@link org.assay.harness.burnin.CpuStressor},
 *       {@link org.assay.harness.burnin.MemoryStressor}, {@link org.assay.harness.burnin.StorageStressor},
 *       {@link org.assay.harness.burnin.NetworkStressor}; their verifiers apart from them, pure and
 *       testable alone: the kernels' own {@code verify()}, {@link org.assay.harness.burnin.MemoryPatterns},
 *       {@link org.assay.harness.burnin.StorageBlock}, the message check of the network load;</li>
 *   <li>what was found: {@link org.assay.harness.burnin.BurnInError}, {@link org.assay.harness.burnin.ErrorLog},
 *       {@link org.assay.harness.burnin.Meter}, {@link org.assay.harness.burnin.IntervalRecorder};</li>
 *   <li>judging: {@link org.assay.harness.burnin.TrendTest} (the maths),
 *       {@link org.assay.harness.burnin.StabilityJudge} (the checks), {@link org.assay.harness.burnin.Thresholds},
 *       {@link org.assay.harness.burnin.BurnInReport} (burnin.json and the acceptance-report form);</li>
 *   <li>running: {@link org.assay.harness.burnin.PhasePlanner} (requests to CPUs and bytes, checked against
 *       {@link org.assay.harness.burnin.ResourceLimits}), {@link org.assay.harness.burnin.BurnInRun}, the live
 *       {@link org.assay.harness.burnin.LiveView}, {@link org.assay.harness.burnin.ProbeWatch}, and the test-only
 *       {@link org.assay.harness.burnin.FaultHook}.</li>
 * </ul>
 *
 * <p>Uses the kernels, pinning and storage-file naming of {@code org.assay.workloads}, the
 * machine readers of native-probes, the bundle writer of {@code org.assay.results}, the verdict
 * types of {@code org.assay.analysis.judging}, the thresholds and plan of {@code org.assay.profiles},
 * and {@code UsageException}. The command {@code org.assay.harness.command.BurnInCommand} uses it;
 * nothing here uses the commands. The method is in {@code docs/burn-in.md}.
 */
package org.assay.harness.burnin;
