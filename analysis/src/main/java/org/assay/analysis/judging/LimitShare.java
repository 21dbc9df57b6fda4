package org.assay.analysis.judging;

import org.assay.profiles.AcceptanceRule;
import org.assay.profiles.Bound;
import org.assay.profiles.Profile;
import org.assay.profiles.SpecLimit;
import org.assay.profiles.SpecLimits;
import org.assay.profiles.VendorSpec;

import java.util.Locale;
import java.util.Optional;

/**
 * A measured value as a share of the theoretical limit it runs against ("cpu.dgemm 88 GFLOP/s =
 * 76% of fp64-peak"), with the interval of the share. Which limit: the one the profile's rule for
 * the metric refers to, else by what the metric measures: FLOP/s against {@code fp64-peak-one-core}
 * at one thread and against {@code fp64-peak} scaled to the threads used (a 4-thread DGEMM on a
 * 96-core part is held to 4 cores' peak), bandwidth kernels against {@code dram-bandwidth},
 * storage against {@code storage-bandwidth}, network against {@code network-bandwidth}.
 */
public record LimitShare(Measurement measurement, SpecLimit limit, double share, double shareLow, double shareHigh) {

    /** The share of {@code m} in {@code profile}'s limits; empty when no limit applies or it is not derived. */
    public static Optional<LimitShare> of(Measurement m, Profile profile) {
        return limitFor(m, profile).map(l -> {
            double lo = m.interval().get(0) / l.value();
            double hi = m.interval().get(1) / l.value();
            return new LimitShare(m, l, m.value() / l.value(), lo, hi);
        });
    }

    static Optional<SpecLimit> limitFor(Measurement m, Profile profile) {
        SpecLimits limits = profile.limits();
        return limitId(m, profile).flatMap(limits::get).map(l -> l.id().equals(SpecLimits.FP64_PEAK)
                ? scaled(l, threads(m), profile.spec()) : l);
    }

    /**
     * The id of the limit {@code m} runs against, whether or not this spec derives it: the limit
     * a rule for the metric refers to, else the one for what the metric measures; empty for a
     * metric no limit bounds (a latency, a count of primes).
     */
    public static Optional<String> limitId(Measurement m, Profile profile) {
        SpecLimits limits = profile.limits();
        Optional<AcceptanceRule> rule = profile.acceptance().ruleFor(m.key());
        if (rule.isPresent()) {
            for (Bound b : new Bound[]{rule.get().min(), rule.get().max()}) {
                if (b != null && b.kind() == Bound.Kind.SHARE_OF_LIMIT && limits.get(b.limit()).isPresent()) {
                    return Optional.of(b.limit());
                }
            }
        }
        String metric = m.key().metric();
        if ("GFLOP/s".equals(m.unit())) {
            return Optional.of(threads(m) == 1 ? SpecLimits.FP64_PEAK_ONE_CORE : SpecLimits.FP64_PEAK);
        }
        if ("GB/s".equals(m.unit()) && (metric.startsWith("memory.bandwidth.") || metric.equals("memory.numa.bandwidth"))) {
            return Optional.of(SpecLimits.DRAM_BANDWIDTH);
        }
        if (metric.startsWith("storage.") && "MB/s".equals(m.unit())) {
            return Optional.of(SpecLimits.STORAGE_BANDWIDTH);
        }
        if (metric.startsWith("network.") && "Gbit/s".equals(m.unit())) {
            return Optional.of(SpecLimits.NETWORK_BANDWIDTH);
        }
        return Optional.empty();
    }

    private static int threads(Measurement m) {
        try {
            return Integer.parseInt(m.key().params().getOrDefault("threads", "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The all-core peak cut to {@code threads} cores, when fewer threads than cores ran. */
    private static SpecLimit scaled(SpecLimit peak, int threads, VendorSpec spec) {
        VendorSpec.Cpu cpu = spec.cpu();
        if (cpu == null || cpu.sockets() == null || cpu.coresPerSocket() == null) {
            return peak;
        }
        int cores = cpu.sockets() * cpu.coresPerSocket();
        if (threads >= cores) {
            return peak;
        }
        return new SpecLimit(peak.id(), peak.description() + ", " + threads + " of " + cores + " cores",
                peak.value() * threads / cores, peak.unit(), peak.formula() + " x " + threads + "/" + cores + " cores");
    }

    /** "cpu.dgemm{n=1024,threads=1} 88 GFLOP/s = 76% of fp64-peak-one-core 115.2 GFLOP/s (...)". */
    public String describe() {
        return measurement.key() + " " + limit.describe(measurement.value())
                + String.format(Locale.ROOT, ", interval %.0f-%.0f%%", shareLow * 100, shareHigh * 100);
    }
}
