package org.assay.profiles;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The theoretical limits a spec implies, each with its formula:
 * <ul>
 *   <li>{@code fp64-peak}: sockets x cores per socket x base clock x FP64 FLOP per cycle per
 *       core, in GFLOP/s. The base clock is the one the vendor guarantees with every core busy;
 *       {@code fp64-peak-all-core-boost} uses the all-core boost clock where one is stated, and
 *       {@code fp64-peak-one-core} one core at the maximum boost clock (what a single-threaded
 *       kernel can reach). FLOP per cycle is the stated value, or vector bits / 64 x 2 x FMA
 *       units: an FMA counts as two operations.</li>
 *   <li>{@code dram-bandwidth}: sockets x channels per socket x MT/s x 8 bytes (a DDR channel
 *       is 64 bits wide), in GB/s (10^9 bytes).</li>
 *   <li>{@code storage-bandwidth}: a rated link in Mbit/s / 8, in MB/s; else the stated
 *       sequential read rate.</li>
 *   <li>{@code network-bandwidth}: the rated peak in Gbit/s; {@code network-baseline} the
 *       sustained rate where the provider states one.</li>
 * </ul>
 * A limit whose inputs are missing is not derived; {@link #missing()} says which input was
 * missing, so a report can say why a share is not shown.
 */
public final class SpecLimits {

    public static final String FP64_PEAK = "fp64-peak";
    public static final String FP64_PEAK_ALL_CORE_BOOST = "fp64-peak-all-core-boost";
    public static final String FP64_PEAK_ONE_CORE = "fp64-peak-one-core";
    public static final String DRAM_BANDWIDTH = "dram-bandwidth";
    public static final String STORAGE_BANDWIDTH = "storage-bandwidth";
    public static final String NETWORK_BANDWIDTH = "network-bandwidth";
    public static final String NETWORK_BASELINE = "network-baseline";

    /** Every limit id, in the order {@link #all()} lists them. */
    public static final List<String> IDS = List.of(FP64_PEAK, FP64_PEAK_ALL_CORE_BOOST, FP64_PEAK_ONE_CORE,
            DRAM_BANDWIDTH, STORAGE_BANDWIDTH, NETWORK_BANDWIDTH, NETWORK_BASELINE);

    private final Map<String, SpecLimit> limits;
    private final Map<String, String> missing;

    private SpecLimits(Map<String, SpecLimit> limits, Map<String, String> missing) {
        this.limits = limits;
        this.missing = missing;
    }

    public static SpecLimits of(VendorSpec spec) {
        Map<String, SpecLimit> limits = new LinkedHashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        VendorSpec s = spec == null ? VendorSpec.EMPTY : spec;
        fp64(s.cpu(), limits, missing);
        dram(s.cpu(), s.memory(), limits, missing);
        storage(s.storage(), limits, missing);
        network(s.network(), limits, missing);
        return new SpecLimits(limits, missing);
    }

    public List<SpecLimit> all() {
        return new ArrayList<>(limits.values());
    }

    public Optional<SpecLimit> get(String id) {
        return Optional.ofNullable(limits.get(id));
    }

    /** Limit id to the reason it could not be derived ("no base-ghz"). */
    public Map<String, String> missing() {
        return java.util.Collections.unmodifiableMap(missing);
    }

    private static void fp64(VendorSpec.Cpu cpu, Map<String, SpecLimit> limits, Map<String, String> missing) {
        if (cpu == null) {
            for (String id : List.of(FP64_PEAK, FP64_PEAK_ALL_CORE_BOOST, FP64_PEAK_ONE_CORE)) {
                missing.put(id, "no spec.cpu");
            }
            return;
        }
        String perCycleText;
        Double perCycle;
        if (cpu.fp64FlopsPerCycle() != null) {
            perCycle = cpu.fp64FlopsPerCycle();
            perCycleText = number(perCycle);
        } else if (cpu.vectorBits() != null && cpu.fmaUnits() != null) {
            perCycle = cpu.vectorBits() / 64.0 * 2 * cpu.fmaUnits();
            perCycleText = "(" + cpu.vectorBits() + "/64 x 2 x " + cpu.fmaUnits() + ")";
        } else {
            perCycle = null;
            perCycleText = null;
        }
        String noPerCycle = "no fp64-flops-per-cycle (nor vector-bits and fma-units)";
        if (cpu.sockets() == null || cpu.coresPerSocket() == null || perCycle == null) {
            String why = cpu.sockets() == null ? "no sockets" : cpu.coresPerSocket() == null ? "no cores-per-socket" : noPerCycle;
            missing.put(FP64_PEAK, why);
            missing.put(FP64_PEAK_ALL_CORE_BOOST, why);
        } else {
            allCores(FP64_PEAK, "base clock", cpu.baseGhz(), "base-ghz", cpu, perCycle, perCycleText, limits, missing);
            allCores(FP64_PEAK_ALL_CORE_BOOST, "all-core boost clock", cpu.allCoreBoostGhz(), "all-core-boost-ghz",
                    cpu, perCycle, perCycleText, limits, missing);
        }
        if (perCycle == null) {
            missing.put(FP64_PEAK_ONE_CORE, noPerCycle);
        } else if (cpu.maxBoostGhz() == null) {
            missing.put(FP64_PEAK_ONE_CORE, "no max-boost-ghz");
        } else {
            double v = cpu.maxBoostGhz() * perCycle;
            limits.put(FP64_PEAK_ONE_CORE, new SpecLimit(FP64_PEAK_ONE_CORE,
                    "FP64 peak of one core at the maximum boost clock", round(v), "GFLOP/s",
                    number(cpu.maxBoostGhz()) + " GHz x " + perCycleText));
        }
    }

    private static void allCores(String id, String clockName, Double ghz, String field, VendorSpec.Cpu cpu,
                                 double perCycle, String perCycleText, Map<String, SpecLimit> limits,
                                 Map<String, String> missing) {
        if (ghz == null) {
            missing.put(id, "no " + field);
            return;
        }
        double v = cpu.sockets() * cpu.coresPerSocket() * ghz * perCycle;
        limits.put(id, new SpecLimit(id, "FP64 peak, every core at the " + clockName, round(v), "GFLOP/s",
                cpu.sockets() + " x " + cpu.coresPerSocket() + " x " + number(ghz) + " GHz x " + perCycleText));
    }

    private static void dram(VendorSpec.Cpu cpu, VendorSpec.Memory memory, Map<String, SpecLimit> limits,
                             Map<String, String> missing) {
        if (memory == null || memory.channelsPerSocket() == null || memory.mtS() == null) {
            missing.put(DRAM_BANDWIDTH, memory == null ? "no spec.memory"
                    : memory.channelsPerSocket() == null ? "no channels-per-socket" : "no mt-s");
            return;
        }
        if (cpu == null || cpu.sockets() == null) {
            missing.put(DRAM_BANDWIDTH, "no sockets");
            return;
        }
        double v = cpu.sockets() * memory.channelsPerSocket() * (double) memory.mtS() * 8 / 1000.0;
        limits.put(DRAM_BANDWIDTH, new SpecLimit(DRAM_BANDWIDTH, "DRAM bandwidth, every channel at its transfer rate",
                round(v), "GB/s", cpu.sockets() + " x " + memory.channelsPerSocket() + " x " + memory.mtS()
                + " MT/s x 8 B"));
    }

    private static void storage(VendorSpec.Storage storage, Map<String, SpecLimit> limits, Map<String, String> missing) {
        if (storage != null && storage.bandwidthMbps() != null) {
            limits.put(STORAGE_BANDWIDTH, new SpecLimit(STORAGE_BANDWIDTH, "storage link rate", round(storage.bandwidthMbps() / 8),
                    "MB/s", number(storage.bandwidthMbps()) + " Mbit/s / 8"));
        } else if (storage != null && storage.readMbS() != null) {
            limits.put(STORAGE_BANDWIDTH, new SpecLimit(STORAGE_BANDWIDTH, "rated sequential read", round(storage.readMbS()),
                    "MB/s", "rated read " + number(storage.readMbS()) + " MB/s"));
        } else {
            missing.put(STORAGE_BANDWIDTH, storage == null ? "no spec.storage" : "no bandwidth-mbps or read-mb-s");
        }
    }

    private static void network(VendorSpec.Network network, Map<String, SpecLimit> limits, Map<String, String> missing) {
        if (network == null || network.bandwidthGbps() == null) {
            missing.put(NETWORK_BANDWIDTH, network == null ? "no spec.network" : "no bandwidth-gbps");
        } else {
            limits.put(NETWORK_BANDWIDTH, new SpecLimit(NETWORK_BANDWIDTH, "network line rate (peak)",
                    network.bandwidthGbps(), "Gbit/s", "rated " + number(network.bandwidthGbps()) + " Gbit/s"));
        }
        if (network != null && network.baselineGbps() != null) {
            limits.put(NETWORK_BASELINE, new SpecLimit(NETWORK_BASELINE, "network sustained baseline",
                    network.baselineGbps(), "Gbit/s", "rated baseline " + number(network.baselineGbps()) + " Gbit/s"));
        }
    }

    /** Rounded to 6 significant digits, so 2 x 96 x 2.4 x 16 prints as 7372.8, not 7372.799999999999. */
    private static double round(double v) {
        return new BigDecimal(v).round(new java.math.MathContext(6)).doubleValue();
    }

    /** A number without a trailing ".0": 2.4, 96, 7372.8. */
    static String number(double v) {
        double r = round(v);
        return r == Math.rint(r) && Math.abs(r) < 1e15 ? String.valueOf((long) r) : BigDecimal.valueOf(r).stripTrailingZeros().toPlainString();
    }
}
