package org.assay.harness.storage;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;
import org.assay.results.SecondaryMetric;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The forks' per-job latency logs of one invocation, merged into the bundle's HdrHistogram log and
 * summed into the percentiles the result reports.
 *
 * <p>Each fork's job wrote one interval histogram (ns) per measurement iteration, tagged
 * {@code jobN}; the merged log keeps every interval with its times and tags it
 * {@code pid<fork pid>.jobN}, so HdrHistogram's own {@code HistogramLogProcessor} can read one
 * job, one fork (by tag) or all. The percentiles are over every recorded operation of every job
 * and fork, as fio's {@code group_reporting}.
 */
public final class LatencyHistograms {

    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    private LatencyHistograms() {
    }

    /**
     * Merges the logs in {@code forkLogs} into {@code bundleLog}; returns the sum of every interval,
     * or null when no fork wrote one (then no file is written).
     */
    public static Histogram merge(Path forkLogs, Path bundleLog) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(forkLogs)) {
            try (Stream<Path> s = Files.list(forkLogs)) {
                s.filter(p -> p.toString().endsWith(".hlog")).sorted().forEach(files::add);
            }
        }
        List<Histogram> intervals = new ArrayList<>();
        for (Path f : files) {
            String pid = f.getFileName().toString().replaceAll("-.*", "");
            HistogramLogReader r = new HistogramLogReader(f.toFile());
            for (EncodableHistogram h; (h = r.nextIntervalHistogram()) != null; ) {
                Histogram hist = (Histogram) h;
                hist.setTag("pid" + pid + "." + (hist.getTag() == null ? "job0" : hist.getTag()));
                intervals.add(hist);
            }
            r.close();
        }
        if (intervals.isEmpty()) {
            return null;
        }
        Histogram total = new Histogram(3);
        long start = intervals.stream().mapToLong(Histogram::getStartTimeStamp).min().orElse(0);
        try (PrintStream out = new PrintStream(Files.newOutputStream(bundleLog), false, "UTF-8")) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.outputComment("assay storage latencies, ns; one interval per measurement iteration, tagged pid<fork>.job<n>");
            w.outputLogFormatVersion();
            w.outputStartTime(start);
            w.setBaseTime(start);
            w.outputLegend();
            for (Histogram h : intervals) {
                w.outputIntervalHistogram(h);
                total.add(h);
            }
        }
        return total;
    }

    /** p50 ... p99.99, max and mean in µs, and the count, as secondary results. */
    public static Map<String, SecondaryMetric> percentiles(Histogram ns) {
        Map<String, SecondaryMetric> m = new LinkedHashMap<>();
        for (double p : PERCENTILES) {
            String name = "storage.latency.p" + (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p));
            m.put(name, new SecondaryMetric(ns.getValueAtPercentile(p) / 1e3, "µs"));
        }
        m.put("storage.latency.max", new SecondaryMetric(ns.getMaxValue() / 1e3, "µs"));
        m.put("storage.latency.mean", new SecondaryMetric(ns.getMean() / 1e3, "µs"));
        m.put("storage.latency.count", new SecondaryMetric((double) ns.getTotalCount(), "ops"));
        return m;
    }
}
