package org.assay.harness.interop;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * The output formats {@code assay import} reads, recognised by content, never by file name: a
 * JMH result file is an array of objects with {@code benchmark} and {@code primaryMetric}; fio's
 * JSON has {@code "fio version"}; iperf3's {@code -J} output has {@code start}, {@code intervals}
 * and {@code end} (an iperf3 that failed writes the same three with an {@code error}).
 */
public enum ToolFormat {
    jmh, fio, iperf3;

    /** The format {@code root} is in; empty when it is none of them. */
    public static Optional<ToolFormat> detect(JsonNode root) {
        if (root == null) {
            return Optional.empty();
        }
        if (root.isArray() && !root.isEmpty()) {
            for (JsonNode e : root) {
                if (!e.isObject() || !e.has("benchmark") || !e.has("primaryMetric")) {
                    return Optional.empty();
                }
            }
            return Optional.of(jmh);
        }
        if (root.isObject() && root.has("fio version")) {
            return Optional.of(fio);
        }
        if (root.isObject() && root.has("start") && root.has("end") && (root.has("intervals") || root.has("error"))) {
            return Optional.of(iperf3);
        }
        return Optional.empty();
    }

    /** What a user runs to produce this format. */
    public String producedBy() {
        return switch (this) {
            case jmh -> "JMH's -rf json";
            case fio -> "fio --output-format=json";
            case iperf3 -> "iperf3 -J";
        };
    }
}
