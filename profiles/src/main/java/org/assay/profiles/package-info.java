/**
 * Baseline profiles: what a machine should deliver, read from YAML. A profile names a CPU, an
 * instance type or a golden machine, carries its vendor spec (with the source of each number),
 * the results expected from it and the rules that accept or refuse a measured box.
 * {@link org.assay.profiles.ProfileLibrary} reads and resolves profiles (inheritance through
 * {@code extends}); each file is read safely and validated against the shipped JSON Schema, every
 * problem located by line and column ({@link org.assay.profiles.ProfileProblem}); and
 * {@link org.assay.profiles.SpecLimits} derives the theoretical limits (FP64 peak, DRAM
 * bandwidth, line rates) with the formula each came from.
 *
 * <p>May use snakeyaml-engine, Jackson and the JSON Schema validator, and {@code results}; no
 * probe, workload or harness code. The metric names a profile may use therefore come in from the
 * caller, through {@link org.assay.profiles.MetricCatalog}.
 */
package org.assay.profiles;
