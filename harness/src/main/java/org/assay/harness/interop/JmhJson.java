package org.assay.harness.interop;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JMH's result file ({@code -rf json}), read and written: one array of {@link Entry}, each a
 * benchmark with its mode, threads, forks, JVM, iteration settings, {@code params} (strings, as
 * JMH writes them, absent when the benchmark has none), {@code primaryMetric} and
 * {@code secondaryMetrics}, each a {@link Metric} (score, scoreError, scoreConfidence,
 * scorePercentiles, scoreUnit, rawData: per fork, the iterations' scores).
 *
 * <p>JMH writes a number it does not have (the error of one sample) as the string {@code "NaN"};
 * so does {@link #write}, since tools that read JMH's files expect it, and {@link #read} accepts it.
 * The bundle's own files say null instead.
 */
public final class JmhJson {

    /** JMH's percentile keys, in its order. */
    public static final List<Double> PERCENTILES = List.of(0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @param scoreConfidence {@code [low, high]}; NaN where unknown
     * @param rawData         per fork, the measured iterations' scores
     */
    public record Metric(double score, double scoreError, List<Double> scoreConfidence,
                         Map<String, Double> scorePercentiles, String scoreUnit, List<List<Double>> rawData) {
        public Metric {
            scoreConfidence = List.copyOf(scoreConfidence);
            scorePercentiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scorePercentiles));
            rawData = rawData.stream().map(List::copyOf).toList();
        }
    }

    /** One benchmark run: its settings as JMH records them, and its metrics. */
    public record Entry(String jmhVersion, String benchmark, String mode, int threads, int forks, String jvm,
                        List<String> jvmArgs, String jdkVersion, String vmName, String vmVersion,
                        int warmupIterations, String warmupTime, int warmupBatchSize,
                        int measurementIterations, String measurementTime, int measurementBatchSize,
                        Map<String, String> params, Metric primaryMetric, Map<String, Metric> secondaryMetrics) {
        public Entry {
            jvmArgs = jvmArgs == null ? List.of() : List.copyOf(jvmArgs);
            params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
            secondaryMetrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(secondaryMetrics));
        }
    }

    private JmhJson() {
    }

    /**
     * The entries of a JMH result array.
     *
     * @throws ImportException when an entry lacks what every JMH entry has (benchmark, mode,
     *                         primaryMetric with a score and a unit)
     */
    public static List<Entry> read(JsonNode array, String file) throws ImportException {
        List<Entry> out = new ArrayList<>();
        int i = 0;
        for (JsonNode e : array) {
            String benchmark = JsonValues.text(e.get("benchmark"));
            JsonNode primary = e.path("primaryMetric");
            if (benchmark == null || JsonValues.text(e.get("mode")) == null || !primary.isObject()
                    || JsonValues.text(primary.get("scoreUnit")) == null || !primary.has("score")) {
                throw new ImportException(file + ": JMH entry " + i + " lacks benchmark, mode or primaryMetric"
                        + " {score, scoreUnit}: give the file JMH wrote with -rf json");
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = e.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                params.put(p.getKey(), p.getValue().asText());
            }
            Map<String, Metric> secondary = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = e.path("secondaryMetrics").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> s = it.next();
                secondary.put(s.getKey(), metric(s.getValue()));
            }
            List<String> jvmArgs = new ArrayList<>();
            e.path("jvmArgs").forEach(a -> jvmArgs.add(a.asText()));
            out.add(new Entry(JsonValues.text(e.get("jmhVersion")), benchmark, e.get("mode").asText(),
                    e.path("threads").asInt(1), e.path("forks").asInt(0), JsonValues.text(e.get("jvm")), jvmArgs,
                    JsonValues.text(e.get("jdkVersion")), JsonValues.text(e.get("vmName")),
                    JsonValues.text(e.get("vmVersion")), e.path("warmupIterations").asInt(0),
                    JsonValues.text(e.get("warmupTime")), e.path("warmupBatchSize").asInt(1),
                    e.path("measurementIterations").asInt(0), JsonValues.text(e.get("measurementTime")),
                    e.path("measurementBatchSize").asInt(1), params, metric(primary), secondary));
            i++;
        }
        return out;
    }

    private static Metric metric(JsonNode m) {
        List<Double> ci = new ArrayList<>();
        m.path("scoreConfidence").forEach(c -> ci.add(JsonValues.number(c)));
        while (ci.size() < 2) {
            ci.add(Double.NaN);
        }
        Map<String, Double> pct = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = m.path("scorePercentiles").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            pct.put(p.getKey(), JsonValues.number(p.getValue()));
        }
        List<List<Double>> raw = new ArrayList<>();
        for (JsonNode fork : m.path("rawData")) {
            List<Double> f = new ArrayList<>();
            fork.forEach(x -> f.add(JsonValues.number(x)));
            raw.add(f);
        }
        return new Metric(JsonValues.number(m.get("score")), JsonValues.number(m.get("scoreError")), ci.subList(0, 2),
                pct, JsonValues.text(m.get("scoreUnit")), raw);
    }

    /** The entries as JMH writes its result file: pretty-printed with four spaces, NaN as "NaN". */
    public static byte[] write(List<Entry> entries) throws IOException {
        ArrayNode array = MAPPER.createArrayNode();
        for (Entry e : entries) {
            ObjectNode o = array.addObject();
            o.put("jmhVersion", e.jmhVersion());
            o.put("benchmark", e.benchmark());
            o.put("mode", e.mode());
            o.put("threads", e.threads());
            o.put("forks", e.forks());
            o.put("jvm", e.jvm());
            ArrayNode args = o.putArray("jvmArgs");
            e.jvmArgs().forEach(args::add);
            o.put("jdkVersion", e.jdkVersion());
            o.put("vmName", e.vmName());
            o.put("vmVersion", e.vmVersion());
            o.put("warmupIterations", e.warmupIterations());
            o.put("warmupTime", e.warmupTime());
            o.put("warmupBatchSize", e.warmupBatchSize());
            o.put("measurementIterations", e.measurementIterations());
            o.put("measurementTime", e.measurementTime());
            o.put("measurementBatchSize", e.measurementBatchSize());
            if (!e.params().isEmpty()) {
                ObjectNode p = o.putObject("params");
                e.params().forEach(p::put);
            }
            o.set("primaryMetric", metricNode(e.primaryMetric()));
            ObjectNode sec = o.putObject("secondaryMetrics");
            e.secondaryMetrics().forEach((k, v) -> sec.set(k, metricNode(v)));
        }
        DefaultIndenter four = new DefaultIndenter("    ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withArrayIndenter(four).withObjectIndenter(four);
        String text = MAPPER.writer(printer).writeValueAsString(array) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode metricNode(Metric m) {
        ObjectNode o = MAPPER.createObjectNode();
        number(o, "score", m.score());
        number(o, "scoreError", m.scoreError());
        ArrayNode ci = o.putArray("scoreConfidence");
        m.scoreConfidence().forEach(c -> number(ci, c));
        ObjectNode pct = o.putObject("scorePercentiles");
        m.scorePercentiles().forEach((k, v) -> number(pct, k, v));
        o.put("scoreUnit", m.scoreUnit());
        ArrayNode raw = o.putArray("rawData");
        for (List<Double> fork : m.rawData()) {
            ArrayNode f = raw.addArray();
            fork.forEach(x -> number(f, x));
        }
        return o;
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.put(key, "NaN");
        }
    }

    private static void number(ArrayNode a, Double v) {
        if (v != null && Double.isFinite(v)) {
            a.add(v);
        } else {
            a.add("NaN");
        }
    }
}
