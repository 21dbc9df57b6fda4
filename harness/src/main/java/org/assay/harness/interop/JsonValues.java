package org.assay.harness.interop;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading the numbers other tools write: JMH writes a missing value as the string {@code "NaN"},
 * fio and iperf3 write option values as strings ({@code "iodepth" : "32"}). A missing or
 * unreadable value is NaN here and null in the bundle, never 0.
 */
final class JsonValues {

    private JsonValues() {
    }

    /** The number at {@code node}: a JSON number, or a string holding one ("NaN" included); NaN otherwise. */
    static double number(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.textValue().trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** The text at {@code node}, or null when it is absent, null or blank. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        String t = node.isTextual() ? node.textValue() : node.toString();
        return t.isBlank() ? null : t;
    }

    /** NaN and infinities as null, for the bundle. */
    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * A parameter value as the bundle keeps it: numbers as numbers (Integer, Long, Double, as a
     * reader using Jackson gets them), {@code true}/{@code false} as booleans, anything else as text.
     */
    static Object typed(String value) {
        String v = value.trim();
        if (v.matches("-?\\d{1,18}")) {
            long l = Long.parseLong(v);
            return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) (int) l : (Object) l;
        }
        if (v.matches("-?\\d+\\.\\d+([eE][-+]?\\d+)?")) {
            return Double.parseDouble(v);
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        return value;
    }
}
