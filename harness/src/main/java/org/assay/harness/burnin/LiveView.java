package org.assay.harness.burnin;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * The console's view of a running burn-in: one line redrawn in place on a terminal (carriage
 * return, padded to erase the previous one), or a plain line every {@code plainEverySeconds}
 * otherwise, so a log file gets a readable record rather than a screenful of redraws.
 */
public final class LiveView implements LiveStatus.Sink {

    private final PrintWriter out;
    private final boolean inPlace;
    private final double plainEvery;
    private double lastPlain = Double.NEGATIVE_INFINITY;
    private int lastLength;

    public LiveView(PrintWriter out, boolean inPlace, double plainEverySeconds) {
        this.out = out;
        this.inPlace = inPlace;
        this.plainEvery = plainEverySeconds;
    }

    @Override
    public synchronized void update(LiveStatus s) {
        String line = line(s);
        if (inPlace) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            out.flush();
        } else if (s.elapsed() - lastPlain >= plainEvery) {
            lastPlain = s.elapsed();
            out.println(line);
            out.flush();
        }
    }

    @Override
    public synchronized void finish() {
        if (inPlace && lastLength > 0) {
            out.println();
            out.flush();
        }
    }

    /** One status line: time, per component throughput and errors, then the machine. */
    static String line(LiveStatus s) {
        StringBuilder b = new StringBuilder();
        b.append(clock(s.elapsed())).append('/').append(clock(s.total())).append(" [").append(s.phase()).append(']');
        for (Map.Entry<Component, Double> e : s.throughput().entrySet()) {
            Component c = e.getKey();
            b.append("  ").append(c.id()).append(' ').append(num(e.getValue())).append(' ').append(c.unit());
        }
        long errors = s.errors().values().stream().mapToLong(Long::longValue).sum();
        b.append("  errors ").append(errors);
        if (errors > 0) {
            b.append(" (");
            s.errors().forEach((c, n) -> {
                if (n > 0) {
                    b.append(c.id()).append(' ').append(n).append(' ');
                }
            });
            b.setLength(b.length() - 1);
            b.append(')');
        }
        if (Double.isFinite(s.maxTemperature())) {
            b.append(String.format(Locale.ROOT, "  max %.0f°C", s.maxTemperature()));
        }
        if (Double.isFinite(s.clockMHz())) {
            b.append(String.format(Locale.ROOT, "  %.0f MHz", s.clockMHz()));
        }
        if (Double.isFinite(s.powerWatts())) {
            b.append(String.format(Locale.ROOT, "  %.0f W", s.powerWatts()));
        }
        return b.toString();
    }

    static String num(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.3g", v);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
