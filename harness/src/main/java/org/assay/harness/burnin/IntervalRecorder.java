package org.assay.harness.burnin;

import org.assay.probes.topology.CpuTimes;
import org.assay.probes.topology.ProcStat;
import org.assay.results.BundleWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the meters' running totals into one rate per meter per interval, appended to
 * {@value #FILE} in the bundle as it goes (a crash loses at most the interval in flight) with the
 * steal of the CPUs the burn-in uses over the same interval, and keeps each component's main
 * series for the trend test.
 */
public final class IntervalRecorder {

    public static final String FILE = "burnin.csv";
    public static final String HEADER = "time,elapsed_s,phase,component,meter,unit,value,errors,steal_pct\n";

    private final BundleWriter writer;
    private final String phase;
    private final List<Meter> meters;
    private final Map<Component, Meter> main = new EnumMap<>(Component.class);
    private final Map<Component, List<Double>> series = new EnumMap<>(Component.class);
    private final Map<Meter, Long> last = new LinkedHashMap<>();
    private final ErrorLog errors;
    private final Path root;
    private final List<Integer> cpus;
    private final long phaseStart;
    private final double runOffset;
    private final List<Double> steal = new ArrayList<>();
    private Map<Component, Double> latest = new EnumMap<>(Component.class);
    private long lastNanos;
    private Optional<ProcStat> lastStat;
    private boolean writeFailed;

    /**
     * @param stressors the phase's loads; each one's first meter is its main series
     * @param runOffset seconds from the start of the burn-in to the start of this phase
     */
    public IntervalRecorder(BundleWriter writer, String phase, List<Stressor> stressors, ErrorLog errors, Path root,
                            List<Integer> cpus, double runOffset) {
        this.writer = writer;
        this.phase = phase;
        this.errors = errors;
        this.root = root;
        this.cpus = cpus;
        this.runOffset = runOffset;
        this.meters = new ArrayList<>();
        for (Stressor s : stressors) {
            main.put(s.component(), s.meters().get(0));
            series.put(s.component(), new ArrayList<>());
            meters.addAll(s.meters());
        }
        this.phaseStart = System.nanoTime();
        this.lastNanos = phaseStart;
        meters.forEach(m -> last.put(m, m.sum()));
        this.lastStat = ProcStat.read(root);
    }

    /** Closes the interval that ends now: one row per meter. */
    public synchronized void sample() {
        long now = System.nanoTime();
        double seconds = (now - lastNanos) / 1e9;
        Optional<ProcStat> stat = ProcStat.read(root);
        double stealPct = Double.NaN;
        if (lastStat.isPresent() && stat.isPresent()) {
            CpuTimes.Delta d = CpuTimes.delta(lastStat.get().sum(cpus), stat.get().sum(cpus));
            if (d.ticks() > 0) {
                stealPct = d.stealPercent();
            }
        }
        if (Double.isFinite(stealPct)) {
            steal.add(stealPct);
        }
        StringBuilder rows = new StringBuilder();
        String time = Instant.now().toString();
        double elapsed = runOffset + (now - phaseStart) / 1e9;
        Map<Component, Double> rates = new EnumMap<>(Component.class);
        for (Meter m : meters) {
            long total = m.sum();
            double rate = m.rate(last.get(m), total, seconds);
            last.put(m, total);
            if (main.get(m.component()) == m) {
                series.get(m.component()).add(rate);
                rates.put(m.component(), rate);
            }
            rows.append(String.format(Locale.ROOT, "%s,%.3f,%s,%s,%s,%s,%.6g,%d,%s%n", time, elapsed, csv(phase),
                    m.component().id(), m.name(), m.unit(), rate, errors.count(m.component()),
                    Double.isFinite(stealPct) ? String.format(Locale.ROOT, "%.2f", stealPct) : ""));
        }
        latest = rates;
        lastNanos = now;
        lastStat = stat;
        append(rows.toString());
    }

    private void append(String rows) {
        if (writeFailed) {
            return;
        }
        try {
            writer.appendText(FILE, HEADER, rows);
        } catch (IOException | RuntimeException e) {
            writeFailed = true;     // the bundle was closed (Ctrl-C) or the disk is full: keep stressing, stop writing
        }
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Each component's main rate per interval so far. */
    public synchronized double[] series(Component c) {
        return series.getOrDefault(c, List.of()).stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The last interval's main rate per component. */
    public synchronized Map<Component, Double> latest() {
        return new EnumMap<>(latest);
    }

    /** Mean steal over the intervals recorded; NaN when /proc/stat could not be read. */
    public synchronized double meanSteal() {
        return steal.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
