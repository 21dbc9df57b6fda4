/**
 * Baseline profiles: what a machine should deliver, read from YAML. A profile names a CPU, an
 * instance type or a golden machine, carries its vendor spec (with the source of each number),
 * the results expected from it and the rules that accept or refuse a measured box.
 * {@link org.assay.profiles.ProfileLibrary} reads and resolves profiles (inheritance through
 * {@code extends}), {@link org.assay.profiles.ProfileReader} reads one file safely and validates
 * it against the shipped JSON Schema, locating every problem by line and column, and
 * {@link org.assay.profiles.SpecLimits} derives the theoretical limits (FP64 peak, DRAM
 * bandwidth, line rates) with the formula each came from. Uses {@code results} only for nothing
 * yet, snakeyaml-engine, Jackson and the JSON Schema validator: no harness, probe or workload code,
 * so the metric names a profile may use come in through {@link org.assay.profiles.MetricCatalog}.
 */
package org.assay.profiles;
