package org.assay.analysis.openmetrics;

import java.util.Map;

/**
 * An Assay unit ({@code ns}, {@code GB/s}, {@code MHz}, {@code °C}, {@code ops/s}) as Prometheus
 * names it: a base-unit suffix for the family name and the factor that turns a value into it.
 * Prometheus wants base units (seconds, not ns; bytes, not GB; a ratio, not a percentage) so that
 * one query can divide or compare figures from different sources without a hidden 1e9.
 *
 * <p>Decimal prefixes are decimal ({@code GB/s} is 10^9 bytes per second, as STREAM reports it),
 * binary ones binary ({@code MiB/s}). A unit it does not know keeps its own words, snake cased,
 * with factor 1 ({@code transactions/s} becomes {@code transactions_per_second}): nothing is
 * rescaled on a guess.
 *
 * @param suffix the family-name suffix and OpenMetrics unit, empty for a unitless figure
 * @param factor multiply an Assay value by this to get the value in {@code suffix}
 */
public record PrometheusUnit(String suffix, double factor) {

    private record Base(String name, double factor) {
    }

    private static final Map<String, Base> BASES = Map.ofEntries(
            Map.entry("s", new Base("seconds", 1)),
            Map.entry("ms", new Base("seconds", 1e-3)),
            Map.entry("us", new Base("seconds", 1e-6)),
            Map.entry("µs", new Base("seconds", 1e-6)),
            Map.entry("ns", new Base("seconds", 1e-9)),
            Map.entry("B", new Base("bytes", 1)),
            Map.entry("bytes", new Base("bytes", 1)),
            Map.entry("kB", new Base("bytes", 1e3)),
            Map.entry("KB", new Base("bytes", 1e3)),
            Map.entry("MB", new Base("bytes", 1e6)),
            Map.entry("GB", new Base("bytes", 1e9)),
            Map.entry("TB", new Base("bytes", 1e12)),
            Map.entry("KiB", new Base("bytes", 1024.0)),
            Map.entry("MiB", new Base("bytes", 1024.0 * 1024)),
            Map.entry("GiB", new Base("bytes", 1024.0 * 1024 * 1024)),
            Map.entry("bit", new Base("bits", 1)),
            Map.entry("Mbit", new Base("bits", 1e6)),
            Map.entry("Gbit", new Base("bits", 1e9)),
            Map.entry("FLOP", new Base("flop", 1)),
            Map.entry("GFLOP", new Base("flop", 1e9)),
            Map.entry("Hz", new Base("hertz", 1)),
            Map.entry("kHz", new Base("hertz", 1e3)),
            Map.entry("MHz", new Base("hertz", 1e6)),
            Map.entry("GHz", new Base("hertz", 1e9)),
            Map.entry("W", new Base("watts", 1)),
            Map.entry("J", new Base("joules", 1)),
            Map.entry("°C", new Base("celsius", 1)),
            Map.entry("%", new Base("ratio", 0.01)),
            Map.entry("IOPS", new Base("operations_per_second", 1)),
            Map.entry("CPU-s", new Base("cpu_seconds", 1)));

    /** The Prometheus form of {@code assayUnit}; null or blank is unitless. */
    public static PrometheusUnit of(String assayUnit) {
        if (assayUnit == null || assayUnit.isBlank()) {
            return new PrometheusUnit("", 1);
        }
        String u = assayUnit.strip();
        int slash = u.indexOf('/');
        if (slash < 0) {
            Base b = base(u);
            return new PrometheusUnit(b.name(), b.factor());
        }
        Base num = base(u.substring(0, slash));
        Base den = base(u.substring(slash + 1));
        // "bytes per second", not "per seconds"
        String denName = den.name().endsWith("seconds") ? den.name().substring(0, den.name().length() - 1) : den.name();
        return new PrometheusUnit(num.name() + "_per_" + denName, num.factor() / den.factor());
    }

    private static Base base(String part) {
        Base known = BASES.get(part.strip());
        return known != null ? known : new Base(PrometheusNames.snake(part), 1);
    }

    /** {@code value} in this unit. */
    public double convert(double value) {
        return value * factor;
    }

    /** {@code family} with this unit's suffix, unless it already ends with it. */
    public String appendTo(String family) {
        return suffix.isEmpty() || family.endsWith("_" + suffix) ? family : family + "_" + suffix;
    }
}
