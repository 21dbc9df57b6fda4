package org.assay.harness.burnin;

import java.util.Map;

/**
 * What the burn-in shows while it runs, once a second: where it is, each component's last
 * interval throughput and error count, and the machine's temperature, clock and power (NaN when
 * not readable).
 */
public record LiveStatus(String phase, double elapsed, double total, Map<Component, Double> throughput,
                         Map<Component, Long> errors, double temperature, double maxTemperature, double clockMHz,
                         double powerWatts) {

    /** Where a live status goes: the console line, the metrics endpoint. */
    public interface Sink {
        void update(LiveStatus status);

        /** The run is over: a console line ends its line, an endpoint may stay up until closed. */
        default void finish() {
        }
    }
}
