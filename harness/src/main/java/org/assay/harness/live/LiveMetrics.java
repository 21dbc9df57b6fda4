package org.assay.harness.live;

import org.assay.analysis.openmetrics.MetricSample;
import org.assay.analysis.openmetrics.MetricType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures a running Assay publishes while it runs: the latest value of each gauge and counter,
 * keyed by family and labels. Writers (the run's progress, the probe sampler, a burn-in loop) and
 * readers (the {@code /metrics} handler) are on different threads; every method is atomic, and a
 * {@link #snapshot()} is one consistent instant, never half of an update.
 *
 * <p>A family keeps the type, unit and help it was first given: a family that is a gauge in one
 * call and a counter in another, or seconds here and bytes there, is a bug in the caller and is
 * refused, because a scraper would otherwise see a different metric under the same name.
 */
public final class LiveMetrics {

    private record Key(String family, Map<String, String> labels) {
    }

    private final Map<Key, MetricSample> samples = new LinkedHashMap<>();

    /**
     * Sets a gauge. {@code family} is the name without the unit suffix or with it
     * ({@code assay_run_elapsed} or {@code assay_run_elapsed_seconds} for unit {@code seconds});
     * {@code unit} is an OpenMetrics unit or empty.
     */
    public void gauge(String family, String help, String unit, Map<String, String> labels, double value) {
        put(sample(family, MetricType.gauge, help, unit, labels, value), false);
    }

    /**
     * Sets a counter to its running {@code total}. {@code family} is given without {@code _total}.
     * A total below the one already published is refused: a counter never goes down while the
     * process lives (Prometheus would read the drop as a restart).
     */
    public void counter(String family, String help, String unit, Map<String, String> labels, double total) {
        if (!(total >= 0)) {
            throw new IllegalArgumentException("counter " + family + ": total must be a number >= 0, got " + total);
        }
        put(sample(family, MetricType.counter, help, unit, labels, total), false);
    }

    /**
     * Sets a gauge that is the only sample of its family, removing the family's others in the same
     * step: "the invocation running now" changes its labels, and a scrape must never see two
     * invocations running, or none between them.
     */
    public void replace(String family, String help, String unit, Map<String, String> labels, double value) {
        put(sample(family, MetricType.gauge, help, unit, labels, value), true);
    }

    /** Removes every sample of {@code family} (as named with its unit suffix). */
    public synchronized void remove(String family) {
        samples.keySet().removeIf(k -> k.family().equals(family));
    }

    /** Every sample now, grouped by family in the order families first appeared. */
    public synchronized List<MetricSample> snapshot() {
        Map<String, List<MetricSample>> byFamily = new LinkedHashMap<>();
        for (MetricSample s : samples.values()) {
            byFamily.computeIfAbsent(s.family(), k -> new ArrayList<>()).add(s);
        }
        List<MetricSample> all = new ArrayList<>();
        byFamily.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    private static MetricSample sample(String family, MetricType type, String help, String unit,
                                       Map<String, String> labels, double value) {
        String u = unit == null ? "" : unit;
        String name = u.isEmpty() || family.endsWith("_" + u) ? family : family + "_" + u;
        return new MetricSample(name, type, help, u, labels, value, null);
    }

    private synchronized void put(MetricSample s, boolean only) {
        for (MetricSample other : samples.values()) {
            if (other.family().equals(s.family())) {
                if (other.type() != s.type() || !other.unit().equals(s.unit())) {
                    throw new IllegalArgumentException("metric family " + s.family() + " is a " + other.type()
                            + " in '" + other.unit() + "'; refused as a " + s.type() + " in '" + s.unit() + "'");
                }
                break;
            }
        }
        Key key = new Key(s.family(), s.labels());
        MetricSample old = samples.get(key);
        if (old != null && s.type() == MetricType.counter && s.value() < old.value()) {
            throw new IllegalArgumentException("counter " + s.family() + s.labels() + " went down from "
                    + old.value() + " to " + s.value());
        }
        if (only) {
            samples.keySet().removeIf(k -> k.family().equals(s.family()) && !k.equals(key));
        }
        // keep the help first given, so the family's metadata cannot flicker between scrapes
        MetricSample first = samples.values().stream().filter(o -> o.family().equals(s.family())).findFirst().orElse(null);
        MetricSample stored = first == null || first.help().equals(s.help()) ? s
                : new MetricSample(s.family(), s.type(), first.help(), s.unit(), s.labels(), s.value(), null);
        samples.put(key, stored);
    }
}
