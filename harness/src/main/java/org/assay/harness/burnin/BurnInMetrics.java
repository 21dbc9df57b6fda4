package org.assay.harness.burnin;

import org.assay.harness.live.LiveMetrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A burn-in's live status as {@link LiveMetrics} for {@code --metrics-port}, every sample
 * labelled with the host: per component the last interval's throughput
 * ({@code assay_burnin_throughput}, labels component and unit) and the running error count
 * ({@code assay_burnin_errors_total}), the phase running ({@code assay_burnin_phase}), elapsed
 * and planned seconds, and the hottest sensor, mean clock and package power where readable.
 * {@code deploy/grafana/assay-burn-in.json} charts these names. A figure that is not known (NaN)
 * is left out rather than published as 0.
 */
public final class BurnInMetrics implements LiveStatus.Sink {

    static final String THROUGHPUT = "assay_burnin_throughput";
    static final String ERRORS = "assay_burnin_errors";
    static final String PHASE = "assay_burnin_phase";

    private final LiveMetrics metrics;
    private final Map<String, String> host;

    public BurnInMetrics(LiveMetrics metrics, String hostName) {
        this.metrics = metrics;
        this.host = Map.of("host", hostName);
    }

    @Override
    public void update(LiveStatus s) {
        metrics.replace(PHASE, "The burn-in phase running now (1).", "", labels("phase", s.phase()), 1);
        metrics.gauge("assay_burnin_elapsed", "Seconds since the burn-in started.", "seconds", host, s.elapsed());
        metrics.gauge("assay_burnin_duration", "Seconds the burn-in is planned to take.", "seconds", host, s.total());
        s.throughput().forEach((c, v) -> {
            if (Double.isFinite(v)) {
                Map<String, String> l = labels("component", c.id());
                l.put("unit", c.unit());
                metrics.gauge(THROUGHPUT, "Verified work per second of each component over the last interval.", "", l, v);
            }
        });
        s.errors().forEach((c, n) -> metrics.counter(ERRORS, "Wrong results found, per component.", "",
                labels("component", c.id()), n));
        gauge("assay_burnin_temperature", "The hottest temperature sensor now.", "celsius", s.temperature());
        gauge("assay_burnin_max_temperature", "The hottest temperature any sensor reached in this burn-in.", "celsius",
                s.maxTemperature());
        gauge("assay_burnin_clock_mhz", "Mean clock of the CPUs, MHz.", "", s.clockMHz());
        gauge("assay_burnin_power", "Package power (RAPL).", "watts", s.powerWatts());
    }

    private void gauge(String family, String help, String unit, double v) {
        if (Double.isFinite(v)) {
            metrics.gauge(family, help, unit, host, v);
        }
    }

    private Map<String, String> labels(String k, String v) {
        Map<String, String> l = new LinkedHashMap<>(host);
        l.put(k, v);
        return l;
    }
}
