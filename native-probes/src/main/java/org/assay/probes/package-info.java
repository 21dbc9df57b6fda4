/**
 * The probes watched while a run measures: {@link org.assay.probes.Probe}, the eight
 * implementations (msr, cpuid, rapl.energy, thermal, frequency, throttle, perf.counters,
 * host.procstat), {@link org.assay.probes.ProbeSet} that opens every probe once against a root
 * ({@code /} or a fixture tree), {@link org.assay.probes.Reading} and
 * {@link org.assay.probes.Availability}, and {@link org.assay.probes.IterationMeter}, the
 * readings around one measured iteration, attributed to the workers' CPUs, packages and threads
 * (found by {@code WorkerThreads}; {@link org.assay.probes.CpuRunner} is how the caller lets the
 * clock estimate run on a worker's CPU).
 *
 * <p>A probe never throws and never writes to the machine: it is available with readings, or
 * unavailable with a reason and a fix. This package is the module's API for probing; it uses
 * {@code org.assay.probes.topology} for the CPU layout, {@code org.assay.probes.internal} for
 * every native read and file parse, and {@code org.assay.results} only for
 * {@link org.assay.results.ProbeStatus}, the form a probe's availability takes in
 * {@code run.json}. Each probe is described in {@code docs/probes.md}.
 */
package org.assay.probes;
