package org.assay.analysis.openmetrics;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Metric and label names as Prometheus accepts and recommends them: {@code [a-zA-Z_:][a-zA-Z0-9_:]*}
 * for a family, {@code [a-zA-Z_][a-zA-Z0-9_]*} for a label, snake case by convention. Assay's
 * own names ({@code memory.pressure.firstTouch}, {@code workingSetBytes}) become
 * {@code memory_pressure_first_touch} and {@code working_set_bytes}.
 */
public final class PrometheusNames {

    private static final Pattern FAMILY = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private PrometheusNames() {
    }

    /**
     * {@code name} in snake case with every character outside {@code [a-z0-9_]} replaced by an
     * underscore, runs of underscores collapsed, none at either end; a leading digit gets one.
     */
    public static String snake(String name) {
        String s = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]+", "_").replaceAll("_+", "_").replaceAll("^_|_$", "");
        if (s.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' has nothing a metric name can use");
        }
        return Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    /**
     * The family of an Assay figure: {@code prefix}, the figure's name snake cased, and the
     * unit's suffix ({@code assay}, {@code memory.bandwidth.triad}, GB/s:
     * {@code assay_memory_bandwidth_triad_bytes_per_second}).
     */
    public static String family(String prefix, String assayName, PrometheusUnit unit) {
        return unit.appendTo(prefix + "_" + snake(assayName));
    }

    static void checkFamily(String family) {
        if (family == null || !FAMILY.matcher(family).matches()) {
            throw new IllegalArgumentException("not a metric name: '" + family + "' (letters, digits, _ and :, "
                    + "not starting with a digit)");
        }
    }

    static void checkLabel(String label) {
        // names starting with __ are Prometheus's own (__name__)
        if (label == null || !LABEL.matcher(label).matches() || label.startsWith("__")) {
            throw new IllegalArgumentException("not a label name: '" + label + "' (letters, digits and _, not "
                    + "starting with a digit or __)");
        }
    }
}
