package org.assay.analysis.openmetrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes samples in the two text formats Prometheus reads: OpenMetrics 1.0 (what
 * {@code /metrics} serves and {@code assay export --format openmetrics} writes) and the older
 * Prometheus text format 0.0.4 (what a Pushgateway of any 1.x version accepts).
 *
 * <p>The formats differ in small ways that each break a parser when mixed up: OpenMetrics names a
 * counter's family without {@code _total} and its sample with it, has {@code # UNIT}, escapes
 * {@code "} in {@code # HELP}, gives timestamps in seconds and must end with {@code # EOF};
 * 0.0.4 names the counter family with {@code _total}, has no unit line, escapes only
 * backslash and newline in help, and gives timestamps in integer milliseconds. Label values are
 * escaped alike in both (backslash, double quote, newline).
 *
 * <p>Samples of one family are written together under one set of metadata lines (both formats
 * forbid a family appearing twice), in the order the families first appear.
 */
public final class OpenMetricsText {

    /** The content type of {@link #openMetrics}. */
    public static final String CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    /** The content type of {@link #prometheusText}. */
    public static final String PROMETHEUS_TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private OpenMetricsText() {
    }

    /** OpenMetrics 1.0 text, ending with {@code # EOF}. */
    public static String openMetrics(List<MetricSample> samples) {
        StringBuilder sb = new StringBuilder();
        for (List<MetricSample> family : byFamily(samples).values()) {
            MetricSample first = family.get(0);
            String name = first.family();
            sb.append("# TYPE ").append(name).append(' ').append(first.type()).append('\n');
            if (!first.unit().isEmpty()) {
                sb.append("# UNIT ").append(name).append(' ').append(first.unit()).append('\n');
            }
            if (!first.help().isEmpty()) {
                sb.append("# HELP ").append(name).append(' ').append(escapeHelpOpenMetrics(first.help())).append('\n');
            }
            for (MetricSample s : family) {
                sample(sb, sampleName(s), s);
                if (s.timestamp() != null) {
                    long ms = s.timestamp().toEpochMilli();
                    sb.append(' ').append(Math.floorDiv(ms, 1000)).append('.')
                            .append(String.format("%03d", Math.floorMod(ms, 1000)));
                }
                sb.append('\n');
            }
        }
        return sb.append("# EOF\n").toString();
    }

    /** Prometheus text format 0.0.4. */
    public static String prometheusText(List<MetricSample> samples) {
        StringBuilder sb = new StringBuilder();
        for (List<MetricSample> family : byFamily(samples).values()) {
            MetricSample first = family.get(0);
            String name = sampleName(first);
            if (!first.help().isEmpty()) {
                sb.append("# HELP ").append(name).append(' ').append(escapeHelpText(first.help())).append('\n');
            }
            sb.append("# TYPE ").append(name).append(' ').append(first.type()).append('\n');
            for (MetricSample s : family) {
                sample(sb, name, s);
                if (s.timestamp() != null) {
                    sb.append(' ').append(s.timestamp().toEpochMilli());
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String sampleName(MetricSample s) {
        return s.type() == MetricType.counter ? s.family() + "_total" : s.family();
    }

    private static void sample(StringBuilder sb, String name, MetricSample s) {
        sb.append(name);
        if (!s.labels().isEmpty()) {
            sb.append('{');
            boolean firstLabel = true;
            for (Map.Entry<String, String> l : s.labels().entrySet()) {
                if (!firstLabel) {
                    sb.append(',');
                }
                firstLabel = false;
                sb.append(l.getKey()).append("=\"").append(escapeLabelValue(l.getValue())).append('"');
            }
            sb.append('}');
        }
        sb.append(' ').append(number(s.value()));
    }

    private static Map<String, List<MetricSample>> byFamily(List<MetricSample> samples) {
        Map<String, List<MetricSample>> families = new LinkedHashMap<>();
        for (MetricSample s : samples) {
            List<MetricSample> family = families.computeIfAbsent(s.family(), k -> new ArrayList<>());
            if (!family.isEmpty()) {
                MetricSample first = family.get(0);
                if (first.type() != s.type() || !first.unit().equals(s.unit())) {
                    throw new IllegalArgumentException("metric family " + s.family() + " is both " + first.type()
                            + " '" + first.unit() + "' and " + s.type() + " '" + s.unit() + "'");
                }
                if (family.stream().anyMatch(f -> f.labels().equals(s.labels()))) {
                    throw new IllegalArgumentException("metric family " + s.family() + " has two samples labelled "
                            + s.labels());
                }
            }
            family.add(s);
        }
        return families;
    }

    /** A value as both formats spell it: integers without a fraction, NaN and infinities by name. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v); // shortest text that reads back as the same double
    }

    static String escapeLabelValue(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelpOpenMetrics(String v) {
        return escapeLabelValue(v);
    }

    private static String escapeHelpText(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
