package org.assay.workloads.fork;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.PrintStream;

/**
 * Appends a benchmark's latency histograms, one per measurement iteration, to the HdrHistogram
 * log the harness named in {@code assay.histogram.log} (values in ns; the harness copies the file
 * into the bundle's {@code histograms/}). Appending: each fork of an invocation adds its own
 * intervals, with its own start-time comment, to the one file. Without the property (JMH run by
 * hand) nothing is written.
 */
public final class HistogramLog implements AutoCloseable {

    public static final String PROPERTY = "assay.histogram.log";

    private final PrintStream out;
    private final HistogramLogWriter writer;

    private HistogramLog(PrintStream out) {
        this.out = out;
        this.writer = out == null ? null : new HistogramLogWriter(out);
    }

    /** The log of this fork, or one that discards everything when the harness named none. */
    public static HistogramLog open() {
        String file = System.getProperty(PROPERTY, "").trim();
        if (file.isEmpty()) {
            return new HistogramLog(null);
        }
        try {
            PrintStream out = new PrintStream(new FileOutputStream(file, true), false, "UTF-8");
            HistogramLog log = new HistogramLog(out);
            long now = System.currentTimeMillis();
            log.writer.outputComment("assay round-trip latency, ns; one interval per measurement iteration");
            log.writer.outputStartTime(now);
            log.writer.setBaseTime(now);
            log.writer.outputLegend();
            return log;
        } catch (FileNotFoundException | java.io.UnsupportedEncodingException e) {
            // the harness notices the missing log and records the percentiles as not measured
            System.err.println("assay: cannot write histogram log " + file + ": " + e.getMessage());
            return new HistogramLog(null);
        }
    }

    /** One measurement iteration's histogram; its start and end time stamps must be set. */
    public synchronized void write(Histogram h, String tag) {
        if (writer == null) {
            return;
        }
        h.setTag(tag);
        writer.outputIntervalHistogram(h);
        out.flush();
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            out.close();
        }
    }
}
