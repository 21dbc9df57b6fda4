package org.assay.analysis.judging;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.profiles.MetricKey;
import org.assay.results.Bundle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A golden-machine profile made from runs of one machine: per metric (and parameters, threads)
 * the median score across the runs, the spread across runs (their sample standard deviation) and
 * within runs (the median of the runs' standard errors, half-width / t quantile), an acceptance
 * rule of a share of that median whose tolerance comes from the spread, and the machine's
 * inventory as its spec.
 *
 * <p>Tolerance: 3 x max(spread across runs, spread within runs) / median, at least
 * {@link #TOLERANCE_FLOOR} (two quick runs can agree by chance, and a box 4% slower than its
 * reference is within what a reboot or a firmware update moves) and at most
 * {@link #TOLERANCE_CAP}, so that a box 40% down on a metric fails however noisy the reference
 * runs were; a metric noisier than that is no reference, and its comment says so. A noisy run
 * is not failed by the cap: its own wide interval holds the threshold, and the verdict is
 * inconclusive.
 * Higher-is-better metrics get a minimum of (1 - tolerance) x expected, lower-is-better a
 * maximum of (1 + tolerance) x expected.
 */
public final class GoldenProfile {

    public static final double TOLERANCE_FLOOR = 0.05;
    public static final double TOLERANCE_CAP = 0.25;

    private GoldenProfile() {
    }

    /** One metric's figures across the runs. */
    public record Entry(MetricKey key, String unit, boolean higherIsBetter, double median, Double acrossRuns,
                        Double withinRuns, int runs, double tolerance, boolean capped) {
    }

    /** The entries of {@code runs}, in the order the first run measured them. */
    public static List<Entry> entries(List<Bundle> runs) {
        Map<MetricKey, List<Measurement>> byKey = new LinkedHashMap<>();
        for (Bundle b : runs) {
            for (Measurement m : RunMeasurements.of(b).all()) {
                byKey.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m);
            }
        }
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<MetricKey, List<Measurement>> e : byKey.entrySet()) {
            List<Measurement> ms = e.getValue();
            double[] values = ms.stream().mapToDouble(Measurement::value).toArray();
            double median = median(values);
            Double across = values.length >= 2 ? sd(values) : null;
            double[] ses = ms.stream().map(Measurement::standardError).filter(java.util.Objects::nonNull)
                    .mapToDouble(Double::doubleValue).toArray();
            Double within = ses.length == 0 ? null : median(ses);
            double spread = Math.max(across == null ? 0 : across, within == null ? 0 : within);
            double raw = median == 0 ? TOLERANCE_CAP : 3 * spread / Math.abs(median);
            double tolerance = Math.min(TOLERANCE_CAP, Math.max(TOLERANCE_FLOOR, raw));
            out.add(new Entry(e.getKey(), ms.get(0).unit(), ms.get(0).higherIsBetter(), median, across, within,
                    ms.size(), round3(tolerance), raw > TOLERANCE_CAP));
        }
        return out;
    }

    /**
     * The profile as YAML. {@code runNames} name the runs in {@code sources}.
     *
     * @throws IllegalArgumentException when the runs are of different machines (CPU model or counts differ)
     */
    public static String yaml(String id, List<Bundle> runs, List<String> runNames) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs given");
        }
        JsonNode inv = runs.get(0).manifest().inventory();
        for (int i = 1; i < runs.size(); i++) {
            String diff = machineDifference(inv, runs.get(i).manifest().inventory());
            if (diff != null) {
                throw new IllegalArgumentException("runs " + runNames.get(0) + " and " + runNames.get(i)
                        + " are of different machines (" + diff + "): a golden profile describes one");
            }
        }
        List<Entry> entries = entries(runs);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("the runs have no ok result with a score: nothing to make a profile of");
        }
        StringBuilder y = new StringBuilder();
        y.append("# Made by assay profile create from ").append(runs.size()).append(" run(s).\n");
        y.append("# Tolerance per metric: 3 x max(spread across runs, spread within runs) / median, at least ")
                .append(pct(TOLERANCE_FLOOR)).append(", at most ").append(pct(TOLERANCE_CAP)).append(".\n");
        y.append("id: ").append(q(id)).append('\n');
        y.append("kind: golden-machine\n");
        String model = inv == null ? null : inv.path("cpu").path("name").asText(null);
        y.append("description: ").append(q("golden machine" + (model == null ? "" : ": " + model) + ", from "
                + String.join(", ", runNames))).append('\n');
        y.append("sources:\n");
        y.append("  spec: ").append(q("the inventory of run " + runNames.get(0))).append('\n');
        y.append("  expected: ").append(q("assay profile create from " + String.join(", ", runNames))).append('\n');
        y.append("  acceptance: ").append(q("tolerances from the spread of " + String.join(", ", runNames))).append('\n');
        spec(inv, y);
        y.append("expected:\n");
        for (Entry e : entries) {
            y.append("  - metric: ").append(q(e.key().metric())).append('\n');
            params(e.key(), "    ", y);
            y.append("    value: ").append(num(e.median())).append('\n');
            y.append("    unit: ").append(q(e.unit())).append('\n');
            if (e.acrossRuns() != null) {
                y.append("    spread: ").append(num(e.acrossRuns())).append('\n');
            }
            y.append("    runs: ").append(e.runs()).append('\n');
            y.append("    # within runs: standard error ").append(e.withinRuns() == null ? "unknown" : num(e.withinRuns()))
                    .append("; tolerance ").append(pct(e.tolerance())).append(e.capped() ? " (capped: too noisy to be a reference)" : "")
                    .append('\n');
        }
        y.append("acceptance:\n  rules:\n");
        for (Entry e : entries) {
            y.append("    - metric: ").append(q(e.key().metric())).append('\n');
            params(e.key(), "      ", y);
            double fraction = e.higherIsBetter() ? 1 - e.tolerance() : 1 + e.tolerance();
            y.append("      ").append(e.higherIsBetter() ? "min" : "max").append(": { share-of: expected, fraction: ")
                    .append(num(round3(fraction))).append(" }\n");
        }
        return y.toString();
    }

    private static void params(MetricKey key, String indent, StringBuilder y) {
        if (key.params().isEmpty()) {
            return;
        }
        y.append(indent).append("params: {");
        List<String> parts = new ArrayList<>();
        key.params().forEach((k, v) -> parts.add(q(k) + ": " + q(v)));
        y.append(String.join(", ", parts)).append("}\n");
    }

    private static void spec(JsonNode inv, StringBuilder y) {
        if (inv == null) {
            return;
        }
        JsonNode cpu = inv.path("cpu");
        List<String> c = new ArrayList<>();
        text(cpu, "vendor", "vendor", c);
        text(cpu, "name", "model", c);
        text(cpu, "microarchitecture", "microarchitecture", c);
        int sockets = cpu.path("sockets").asInt(0);
        int cores = cpu.path("physicalCores").asInt(0);
        int logical = cpu.path("logicalCpus").asInt(0);
        if (sockets > 0 && cores > 0 && cores % sockets == 0) {
            c.add("sockets: " + sockets);
            c.add("cores-per-socket: " + cores / sockets);
            if (logical > 0 && logical % cores == 0) {
                c.add("threads-per-core: " + logical / cores);
            }
        }
        JsonNode khz = inv.path("frequency").path("cpufreqMaxKhz");
        if (khz.isNumber() && khz.asDouble() > 0) {
            c.add("max-boost-ghz: " + num(round3(khz.asDouble() / 1e6)));
        }
        List<String> caches = new ArrayList<>();
        for (JsonNode cache : inv.path("caches")) {
            if (!cache.path("sizeBytes").isNumber()) {
                continue;
            }
            double bytes = cache.path("sizeBytes").asDouble();
            int level = cache.path("level").asInt();
            String type = cache.path("type").asText();
            if (level == 1 && type.equals("Data")) {
                caches.add("l1d-kib-per-core: " + num(bytes / 1024));
            } else if (level == 1 && type.equals("Instruction")) {
                caches.add("l1i-kib-per-core: " + num(bytes / 1024));
            } else if (level == 2) {
                caches.add("l2-kib-per-core: " + num(bytes / 1024));
            } else if (level == 3 && sockets > 0) {
                int instances = cache.path("instances").asInt(sockets);
                caches.add("l3-mib-per-socket: " + num(round3(bytes * instances / sockets / (1 << 20))));
                if (instances % sockets == 0) {
                    caches.add("l3-domains-per-socket: " + instances / sockets);
                }
            }
        }
        JsonNode total = inv.path("memory").path("totalBytes");
        boolean memory = total.isNumber() && total.asDouble() > 0;
        if (c.isEmpty() && !memory) {
            return;
        }
        y.append("spec:\n");
        if (!c.isEmpty()) {
            y.append("  cpu:\n");
            c.forEach(l -> y.append("    ").append(l).append('\n'));
            if (!caches.isEmpty()) {
                y.append("    caches: { ").append(String.join(", ", caches)).append(" }\n");
            }
        }
        if (memory) {
            y.append("  memory:\n    size-gib: ").append(num(Math.round(total.asDouble() / (1L << 30) * 10) / 10.0))
                    .append("  # the OS's MemTotal\n");
        }
    }

    private static void text(JsonNode node, String field, String yamlName, List<String> out) {
        String v = node.path(field).asText(null);
        if (v != null && !v.isBlank() && !node.path(field).isNull()) {
            out.add(yamlName + ": " + q(v));
        }
    }

    /** Where two inventories say different machines; null when they agree. */
    static String machineDifference(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b ? null : "one run has no inventory";
        }
        for (String f : List.of("name", "sockets", "physicalCores", "logicalCpus")) {
            String x = a.path("cpu").path(f).asText();
            String y = b.path("cpu").path(f).asText();
            if (!x.equals(y)) {
                return "cpu." + f + " " + x + " vs " + y;
            }
        }
        return null;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double sd(double[] values) {
        double mean = Arrays.stream(values).average().orElse(0);
        double ss = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        return Math.sqrt(ss / (values.length - 1));
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Six significant digits, plain. */
    private static String num(double v) {
        if (v == 0) {
            return "0";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String pct(double f) {
        return new java.math.BigDecimal(f * 100).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString() + "%";
    }

    /** A YAML double-quoted scalar: JSON's escaping is valid there. */
    private static String q(String s) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
    }
}
