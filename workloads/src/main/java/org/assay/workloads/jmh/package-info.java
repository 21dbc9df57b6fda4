/**
 * The JMH benchmark classes, one per kernel or kernel family, and nothing else: each holds the
 * {@code @State} a worker owns, pins the worker in its trial set-up, verifies the kernel's output
 * after every iteration outside the timed region, and reports its placement at tear-down.
 *
 * <p>These classes run only inside a JMH fork. They use {@code org.assay.workloads.kernel} (the
 * code measured), {@code org.assay.workloads.fork} (pinning) and, where a benchmark spreads load
 * over the allowed CPUs, {@code org.assay.probes.topology}. A benchmark's {@code @Param} names
 * are the keys of its descriptor's parameter sets. JMH's annotation processor generates the
 * runnable classes from this package.
 */
package org.assay.workloads.jmh;
