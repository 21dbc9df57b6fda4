package org.assay.analysis.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.profiles.SpecLimit;
import org.assay.profiles.SpecLimits;
import org.assay.results.InvocationResult;

import java.util.Locale;
import java.util.Optional;

/**
 * A result's share of the spec limit it can be held against, matched by unit: GFLOP/s against
 * the FP64 peak (one core's for one thread), GB/s against the DRAM bandwidth, MB/s against the
 * storage bandwidth, Gbit/s against the network's. Without a profile, a GFLOP/s result is held
 * against the inventory's estimated FP64 peak, and says so.
 */
final class SpecShare {

    private SpecShare() {
    }

    /** "76% of fp64-peak 115.2 GFLOP/s", or empty when no limit applies. */
    static Optional<String> of(InvocationResult r, SpecLimits limits, JsonNode inventory) {
        if (r.score() == null || r.unit() == null) {
            return Optional.empty();
        }
        if (limits != null) {
            String id = switch (r.unit()) {
                case "GFLOP/s" -> r.threads() == 1 ? SpecLimits.FP64_PEAK_ONE_CORE : SpecLimits.FP64_PEAK;
                case "GB/s" -> SpecLimits.DRAM_BANDWIDTH;
                case "MB/s" -> SpecLimits.STORAGE_BANDWIDTH;
                case "Gbit/s" -> SpecLimits.NETWORK_BANDWIDTH;
                default -> null;
            };
            if (id != null) {
                Optional<SpecLimit> l = limits.get(id);
                if (l.isPresent() && l.get().unit().equals(r.unit())) {
                    return Optional.of(String.format(Locale.ROOT, "%.0f%% of %s %s %s", 100 * l.get().share(r.score()),
                            id, number(l.get().value()), l.get().unit()));
                }
            }
        }
        if ("GFLOP/s".equals(r.unit()) && inventory != null && inventory.path("peak").path("gflopsFp64").isNumber()) {
            JsonNode peak = inventory.get("peak");
            double all = peak.get("gflopsFp64").asDouble();
            int cores = peak.path("physicalCores").asInt(0);
            double limit = r.threads() == 1 && cores > 0 ? all / cores : all;
            return Optional.of(String.format(Locale.ROOT, "%.0f%% of the estimated FP64 peak %s GFLOP/s%s",
                    100 * r.score() / limit, number(limit), r.threads() == 1 ? " (one core)" : ""));
        }
        return Optional.empty();
    }

    private static String number(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
