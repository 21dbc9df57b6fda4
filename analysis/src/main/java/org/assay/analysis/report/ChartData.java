package org.assay.analysis.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assay.results.Bundle;
import org.assay.results.BundleFormat;
import org.assay.results.InvocationResult;
import org.assay.results.ProbeSample;
import org.assay.results.ProbeStatus;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data of one run's charts, as the JSON the page's script draws from: the latency staircase
 * (chase points, detected levels, the OS's cache sizes), bandwidth against threads, CPU scaling
 * (speed-up over one thread and efficiency), the latency percentiles of the storage and network
 * workloads, storage IOPS and MB/s, and the probes over time with the workloads' spans.
 * A chart without data is left out, with the reason where the probes give one.
 */
final class ChartData {

    static final String CHASE = "memory.latency.chase";
    static final String LEVEL = "memory.latency.level";

    private ChartData() {
    }

    static ObjectNode of(Bundle b, List<ProbeSample> samples) {
        ObjectNode charts = BundleFormat.mapper().createObjectNode();
        latency(b, charts);
        bandwidth(b, charts);
        scaling(b, charts);
        percentiles(b, charts);
        storage(b, charts);
        timeline(b, samples, charts);
        return charts;
    }

    private static boolean ok(InvocationResult r) {
        return r.status() == Status.ok && r.score() != null;
    }

    private static void latency(Bundle b, ObjectNode charts) {
        Map<String, ArrayNode> series = new TreeMap<>();
        for (InvocationResult r : b.results()) {
            if (CHASE.equals(r.metric()) && ok(r) && r.params().get("workingSetBytes") instanceof Number n) {
                Map<String, Object> rest = new TreeMap<>(r.params());
                rest.remove("workingSetBytes");
                rest.remove("workingSets");
                String name = rest.isEmpty() ? "chase" : rest.toString().replaceAll("[{}]", "");
                ArrayNode pts = series.computeIfAbsent(name, k -> BundleFormat.mapper().createArrayNode());
                pts.addArray().add(n.doubleValue()).add(r.score());
            }
        }
        if (series.isEmpty()) {
            return;
        }
        ObjectNode lat = charts.putObject("latency");
        ArrayNode s = lat.putArray("series");
        series.forEach((name, pts) -> {
            ObjectNode o = s.addObject();
            o.put("name", name);
            o.set("points", pts);
        });
        ArrayNode levels = lat.putArray("levels");
        for (InvocationResult r : b.results()) {
            if (LEVEL.equals(r.metric()) && ok(r) && r.params().get("detectedBytes") instanceof Number n) {
                levels.addObject().put("name", String.valueOf(r.params().get("level"))).put("bytes", n.doubleValue())
                        .put("ns", r.score());
            }
        }
        ArrayNode caches = lat.putArray("caches");
        JsonNode inv = b.manifest().inventory();
        if (inv != null && inv.has("caches")) {
            for (JsonNode c : inv.get("caches")) {
                if (!"Instruction".equals(c.path("type").asText()) && c.path("sizeBytes").isNumber()) {
                    caches.addObject().put("label", c.path("label").asText()).put("bytes", c.get("sizeBytes").asDouble());
                }
            }
        }
    }

    private static void bandwidth(Bundle b, ObjectNode charts) {
        Map<String, ArrayNode> series = new TreeMap<>();
        for (InvocationResult r : b.results()) {
            if (r.metric() != null && r.metric().startsWith("memory.bandwidth.") && ok(r)) {
                ArrayNode pts = series.computeIfAbsent(r.metric() + " (" + r.unit() + ")",
                        k -> BundleFormat.mapper().createArrayNode());
                ArrayNode p = pts.addArray().add(r.threads()).add(r.score());
                addCi(p, r);
            }
        }
        if (!series.isEmpty()) {
            ArrayNode s = charts.putObject("bandwidth").putArray("series");
            series.forEach((name, pts) -> s.addObject().put("name", name).set("points", pts));
        }
    }

    private static void addCi(ArrayNode p, InvocationResult r) {
        if (r.ci() != null && r.ci().get(0) != null && r.ci().get(1) != null) {
            p.add(r.ci().get(0)).add(r.ci().get(1));
        } else {
            p.addNull().addNull();
        }
    }

    private static void scaling(Bundle b, ObjectNode charts) {
        Map<String, Map<Integer, Double>> byMetric = new TreeMap<>();
        for (InvocationResult r : b.results()) {
            if (r.metric() != null && r.metric().startsWith("cpu.") && r.higherIsBetter() && ok(r)) {
                String key = r.metric() + (r.params().isEmpty() ? "" : " " + new TreeMap<>(r.params()).toString()
                        .replaceAll("[{}]", ""));
                byMetric.computeIfAbsent(key, k -> new TreeMap<>()).put(r.threads(), r.score());
            }
        }
        ArrayNode s = BundleFormat.mapper().createArrayNode();
        int maxThreads = 1;
        for (Map.Entry<String, Map<Integer, Double>> e : byMetric.entrySet()) {
            Double one = e.getValue().get(1);
            if (one == null || one <= 0 || e.getValue().size() < 2) {
                continue;
            }
            ObjectNode o = s.addObject();
            o.put("name", e.getKey());
            ArrayNode pts = o.putArray("points");
            for (Map.Entry<Integer, Double> p : e.getValue().entrySet()) {
                double speedup = p.getValue() / one;
                pts.addArray().add(p.getKey()).add(speedup).add(speedup / p.getKey());
                maxThreads = Math.max(maxThreads, p.getKey());
            }
        }
        if (!s.isEmpty()) {
            ObjectNode sc = charts.putObject("scaling");
            sc.set("series", s);
            sc.put("maxThreads", maxThreads);
        }
    }

    /** The percentiles a latency histogram's summary records, in the order a tail curve is drawn. */
    static final List<String> PERCENTILES = List.of("p50", "p90", "p99", "p99.9", "p99.99", "max");

    /**
     * One curve per storage or network result whose latency summary the bundle holds
     * ({@code storage.latency.p99}, {@code latency.p99}, ...), in µs: the tail is what a mean or
     * an IOPS figure hides, and on a log axis p50 and p99.99 fit on one chart.
     */
    private static void percentiles(Bundle b, ObjectNode charts) {
        ArrayNode series = BundleFormat.mapper().createArrayNode();
        for (InvocationResult r : b.results()) {
            if (!ok(r) || r.metric() == null || r.secondary() == null) {
                continue;
            }
            String prefix = r.metric().startsWith("storage.") ? "storage.latency."
                    : r.metric().startsWith("network.") ? "latency." : null;
            if (prefix == null) {
                continue;
            }
            ArrayNode pts = BundleFormat.mapper().createArrayNode();
            for (String p : PERCENTILES) {
                SecondaryMetric m = r.secondary().get(prefix + p);
                double us = m == null || m.score() == null ? Double.NaN : micros(m.score(), m.unit());
                if (Double.isFinite(us) && us > 0) {
                    pts.addArray().add(p).add(us);
                }
            }
            if (pts.size() >= 2) {
                series.addObject().put("name", shortName(r)).set("points", pts);
            }
        }
        if (!series.isEmpty()) {
            charts.putObject("percentiles").set("series", series);
        }
    }

    /** IOPS and MB/s (10^6 bytes) of every storage result, side by side. */
    private static void storage(Bundle b, ObjectNode charts) {
        ArrayNode names = BundleFormat.mapper().createArrayNode();
        ArrayNode iops = BundleFormat.mapper().createArrayNode();
        ArrayNode mbps = BundleFormat.mapper().createArrayNode();
        for (InvocationResult r : b.results()) {
            if (!ok(r) || r.metric() == null || !r.metric().startsWith("storage.") || r.secondary() == null) {
                continue;
            }
            SecondaryMetric i = r.secondary().get("storage.iops");
            SecondaryMetric m = r.secondary().get("storage.bandwidth");
            if (i == null || m == null || i.score() == null || m.score() == null) {
                continue;
            }
            names.add(shortName(r));
            iops.add(i.score());
            mbps.add(m.score());
        }
        if (!names.isEmpty()) {
            ObjectNode o = charts.putObject("storage");
            o.set("names", names);
            o.set("iops", iops);
            o.set("mbps", mbps);
        }
    }

    /** A latency in µs from a value in ns, µs (also spelled us) or ms; NaN for another unit. */
    static double micros(double v, String unit) {
        return switch (unit == null ? "" : unit) {
            case "ns" -> v / 1e3;
            case "µs", "us" -> v;
            case "ms" -> v * 1e3;
            default -> Double.NaN;
        };
    }

    /** {@code storage.randread 4 KiB QD1 t1}: the metric and what tells its results apart. */
    private static String shortName(InvocationResult r) {
        StringBuilder n = new StringBuilder(r.metric());
        if (r.params().get("blockSize") instanceof Number bs) {
            long v = bs.longValue();
            n.append(' ').append(v % (1 << 20) == 0 ? v / (1 << 20) + " MiB" : v % 1024 == 0 ? v / 1024 + " KiB" : v + " B");
        }
        if (r.params().get("queueDepth") instanceof Number qd) {
            n.append(" QD").append(qd.intValue());
        }
        if (r.params().get("messageBytes") instanceof Number mb) {
            n.append(' ').append(mb.longValue()).append(" B");
        }
        return n.append(" t").append(r.threads()).toString();
    }

    /** Probe groups drawn over time: the series prefix, the probe that supplies it, the unit. */
    private static final List<String[]> GROUPS = List.of(
            new String[]{"clock", "freq.", "frequency", "MHz"},
            new String[]{"temperature", "temp.", "thermal", "°C"},
            new String[]{"power", "rapl.", "rapl.energy", "W"},
            new String[]{"steal", "cpu.steal", "host.procstat", "%"});

    private static void timeline(Bundle b, List<ProbeSample> samples, ObjectNode charts) {
        if (samples.isEmpty()) {
            return;
        }
        ObjectNode t = BundleFormat.mapper().createObjectNode();
        ArrayNode spans = t.putArray("workloads");
        Map<String, Long> open = new LinkedHashMap<>();
        for (ProbeSample s : samples) {
            Long ms = millis(s.timestamp());
            if (ms == null) {
                continue;
            }
            if ("workload.start".equals(s.probe())) {
                open.put(s.scope(), ms);
            } else if ("workload.end".equals(s.probe()) && open.containsKey(s.scope())) {
                spans.addArray().add(open.remove(s.scope())).add(ms).add(s.scope());
            }
        }
        ArrayNode groups = t.putArray("groups");
        for (String[] g : GROUPS) {
            Map<String, ArrayNode> series = new TreeMap<>();
            for (ProbeSample s : samples) {
                boolean wanted = g[0].equals("power") ? s.probe().startsWith("rapl.") && s.probe().endsWith(".power")
                        : g[0].equals("steal") ? s.probe().equals(g[1]) && s.scope().isEmpty()
                        : s.probe().startsWith(g[1]);
                Long ms = millis(s.timestamp());
                if (!wanted || ms == null || Double.isNaN(s.value())) {
                    continue;
                }
                String name = s.probe() + (s.scope().isEmpty() ? "" : " " + s.scope());
                if (series.size() >= 6 && !series.containsKey(name)) {
                    continue;       // a many-core machine: the first six series tell the story
                }
                series.computeIfAbsent(name, k -> BundleFormat.mapper().createArrayNode()).addArray().add(ms).add(s.value());
            }
            ObjectNode o = groups.addObject();
            o.put("name", g[0]);
            o.put("unit", g[3]);
            if (series.isEmpty()) {
                o.put("missing", reason(b, g[2]));
            } else {
                ArrayNode s = o.putArray("series");
                series.forEach((name, pts) -> s.addObject().put("name", name).set("points", pts));
            }
        }
        charts.set("timeline", t);
    }

    private static String reason(Bundle b, String probeId) {
        for (ProbeStatus p : b.manifest().probes()) {
            if (p.id().equals(probeId)) {
                return p.available() ? "probe " + probeId + " recorded no samples of this kind"
                        : "probe " + probeId + " unavailable: " + p.reason();
            }
        }
        return "probe " + probeId + " not in this run";
    }

    private static Long millis(String ts) {
        try {
            return Instant.parse(ts).toEpochMilli();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static List<String> chartIds(ObjectNode charts) {
        List<String> ids = new ArrayList<>();
        charts.fieldNames().forEachRemaining(ids::add);
        return ids;
    }
}
