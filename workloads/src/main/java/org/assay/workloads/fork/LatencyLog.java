package org.assay.workloads.fork;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One job's latency histograms, one interval per measurement iteration, as an HdrHistogram log
 * ({@link HistogramLogWriter}) in the directory the harness names in {@link #DIR_PROPERTY}. Each
 * fork's job writes its own file ({@code <pid>-job<n>.hlog}), so no two threads share a writer and
 * forks never collide; the harness merges them into the bundle. Without the property nothing is
 * written.
 */
public final class LatencyLog implements Closeable {

    public static final String DIR_PROPERTY = "assay.histogram.dir";

    private final HistogramLogWriter writer;
    private final String tag;

    private LatencyLog(HistogramLogWriter writer, String tag) {
        this.writer = writer;
        this.tag = tag;
    }

    /** The log of job {@code job} of this fork, or null when the harness asked for none. */
    public static LatencyLog open(int job) {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            return null;
        }
        try {
            Path d = Files.createDirectories(Path.of(dir));
            Path f = d.resolve(ProcessHandle.current().pid() + "-job" + job + ".hlog");
            HistogramLogWriter w = new HistogramLogWriter(f.toFile());
            w.outputLogFormatVersion();
            long now = System.currentTimeMillis();
            w.outputStartTime(now);
            w.setBaseTime(now);
            w.outputLegend();
            return new LatencyLog(w, "job" + job);
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("cannot write the latency log under " + dir + ": " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes one iteration's histogram (ns), with its start and end time, and resets it. */
    public void interval(Histogram h, long startMillis, long endMillis) {
        Histogram copy = h.copy();
        copy.setStartTimeStamp(startMillis);
        copy.setEndTimeStamp(endMillis);
        copy.setTag(tag);
        writer.outputIntervalHistogram(copy);
        h.reset();
    }

    @Override
    public void close() {
        writer.close();
    }
}
