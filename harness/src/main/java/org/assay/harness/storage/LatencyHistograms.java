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
 * {@code jobN}. The merged log has, per iteration of each fork, one untagged interval (the jobs
 * summed: what HdrHistogram's {@code HistogramLogProcessor} reads by default) followed by each
 * job's own, tagged {@code pid<fork pid>.jobN} ({@code -tag} selects one). The percentiles are over every recorded operation of every job
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
        // per fork (pid), per measurement iteration k: the jobs' k-th intervals
        Map<String, List<List<Histogram>>> byFork = new LinkedHashMap<>();
        for (Path f : files) {
            String pid = f.getFileName().toString().replaceAll("-.*", "");
            List<List<Histogram>> iterations = byFork.computeIfAbsent(pid, k -> new ArrayList<>());
            HistogramLogReader r = new HistogramLogReader(f.toFile());
            int k = 0;
            for (EncodableHistogram h; (h = r.nextIntervalHistogram()) != null; k++) {
                Histogram hist = (Histogram) h;
                hist.setTag("pid" + pid + "." + (hist.getTag() == null ? "job0" : hist.getTag()));
                while (iterations.size() <= k) {
                    iterations.add(new ArrayList<>());
                }
                iterations.get(k).add(hist);
            }
            r.close();
        }
        if (byFork.isEmpty()) {
            return null;
        }
        Histogram total = new Histogram(3);
        long start = Long.MAX_VALUE;
        for (List<List<Histogram>> its : byFork.values()) {
            for (List<Histogram> jobs : its) {
                for (Histogram h : jobs) {
                    start = Math.min(start, h.getStartTimeStamp());
                }
            }
        }
        try (PrintStream out = new PrintStream(Files.newOutputStream(bundleLog), false, "UTF-8")) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.outputComment("assay storage latencies, ns. Per measurement iteration of each fork: one untagged"
                    + " interval (all its jobs summed), then one per job tagged pid<fork>.job<n>");
            w.outputLogFormatVersion();
            w.outputStartTime(start);
            w.setBaseTime(start);
            w.outputLegend();
            for (List<List<Histogram>> its : byFork.values()) {
                for (List<Histogram> jobs : its) {
                    Histogram sum = new Histogram(3);
                    long from = Long.MAX_VALUE;
                    long to = 0;
                    for (Histogram h : jobs) {
                        sum.add(h);
                        from = Math.min(from, h.getStartTimeStamp());
                        to = Math.max(to, h.getEndTimeStamp());
                    }
                    sum.setStartTimeStamp(from);
                    sum.setEndTimeStamp(to);
                    w.outputIntervalHistogram(sum);
                    total.add(sum);
                    for (Histogram h : jobs) {
                        w.outputIntervalHistogram(h);
                    }
                }
            }
        }
        return total;
    }

    /** p50 ... p99.99, max and mean in µs, and the count, as secondary results. */
    public static Map<String, SecondaryMetric> percentiles(Histogram ns) {
        return org.assay.harness.derived.LatencyHistograms.summary(ns, "storage.latency.", PERCENTILES, "µs", "ops");
    }
}
