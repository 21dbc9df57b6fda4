package org.assay.probes;

/**
 * One value of a probe: {@code name} is the series ("rapl.package.power"), {@code scope} the
 * CPU, core, package or zone it belongs to ("package0", "cpu3", "" for system-wide). A value that
 * could not be taken is NaN, never 0.
 */
public record Reading(String name, String scope, double value, String unit) {
}
