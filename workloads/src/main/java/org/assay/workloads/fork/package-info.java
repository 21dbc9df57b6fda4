/**
 * Code that runs inside a JMH fork beside the benchmarks:
 * {@link org.assay.workloads.fork.WorkerPinning} pins each worker thread to the CPU the harness
 * planned and reports where it ran, and {@link org.assay.workloads.fork.ProbeProfiler} is a JMH
 * profiler that attributes energy, temperature, clock, throttling and IPC to each iteration;
 * {@link org.assay.workloads.fork.StorageFiles} names and removes the storage test files and
 * {@link org.assay.workloads.fork.LatencyLog} writes each storage job's latency histograms.
 *
 * <p>The harness talks to this code only through the fork's system properties (the planned
 * CPUs, where to write the placement report), the profiler's option string ({@code root=DIR})
 * and the secondary results JMH hands back. It uses {@code org.assay.probes} (the probes and {@code IterationMeter}), OpenHFT
 * affinity and JMH; it must not depend on the harness.
 */
package org.assay.workloads.fork;
