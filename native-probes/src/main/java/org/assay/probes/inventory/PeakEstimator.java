package org.assay.probes.inventory;

import org.assay.probes.internal.ClockEstimator;
import org.assay.probes.internal.CpuidFacts;
import org.assay.probes.internal.ProbeContext;
import org.assay.probes.topology.CpuTopology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Computes {@link Inventory.Peak} from CPUID's vector ISA and the best clock this machine tells. */
public final class PeakEstimator {

    private PeakEstimator() {
    }

    public static Inventory.Peak compute(Path root, CpuTopology topo, boolean live) {
        List<String> notes = new ArrayList<>();
        ProbeContext ctx = new ProbeContext(root, topo);
        CpuidFacts f = ctx.facts;
        Isa isa;
        if (f != null) {
            isa = Isa.of(f.features(), f.amd(), f.family());
        } else {
            // No CPUID device (no /dev/cpu/N/cpuid, or a --root tree without it): the kernel's flags
            // in /proc/cpuinfo name the same vector extensions, and family comes from there too.
            List<String> flags = ctx.cpuinfo("flags").map(v -> List.of(v.strip().split("\\s+"))).orElse(List.of());
            boolean amd = ctx.cpuinfo("vendor_id").map(v -> v.strip().equals("AuthenticAMD") || v.strip().equals("HygonGenuine"))
                    .orElse(false);
            int family = ctx.cpuinfo("cpu family").flatMap(PeakEstimator::parseDouble).map(Double::intValue).orElse(0);
            isa = Isa.of(flags, amd, family);
            notes.add(isa.flop() == null ? "no CPUID (" + ctx.cpuidProblem + ") and no vector flags in /proc/cpuinfo: vector ISA unknown"
                    : "vector ISA from /proc/cpuinfo flags: no CPUID (" + ctx.cpuidProblem + ")");
        }
        notes.addAll(isa.notes());
        Integer flop = isa.flop();
        Double mhz = null;
        String source = null;
        String cpu0 = "/sys/devices/system/cpu/cpu" + ctx.firstCpu();
        Optional<Long> maxKhz = ctx.sys.readLong(cpu0 + "/cpufreq/cpuinfo_max_freq");
        if (maxKhz.isPresent() && maxKhz.get() > 0) {
            mhz = maxKhz.get() / 1000.0;
            source = "cpufreq cpuinfo_max_freq (highest clock, boost included)";
        } else if (f != null && f.maxMHz() > 0) {
            mhz = (double) f.maxMHz();
            source = "CPUID 0x16 maximum frequency";
        } else if (live) {
            double est = ClockEstimator.estimateMHz();
            if (Double.isFinite(est)) {
                mhz = (double) Math.round(est);
                source = "an estimate from a dependent add chain (the clock this thread ran at)";
            }
        }
        if (mhz == null) {
            Optional<Double> cpuinfo = ctx.cpuinfo("cpu MHz").flatMap(PeakEstimator::parseDouble);
            if (cpuinfo.isPresent()) {
                mhz = cpuinfo.get();
                source = "/proc/cpuinfo cpu MHz (on a VM the TSC rate, not the clock)";
            }
        }
        int cores = topo.physicalCores();
        Double gflops = mhz != null && flop != null && cores > 0 ? cores * mhz * flop / 1000.0 : null;
        return new Inventory.Peak(gflops, cores, mhz, source, flop, isa.name(), List.copyOf(notes));
    }

    /** FP64 FLOP per cycle per core for the widest vector FMA the flags name, with its caveats. */
    record Isa(Integer flop, String name, List<String> notes) {
        static Isa of(List<String> features, boolean amd, int family) {
            if (features.contains("avx512f")) {
                int flop = avx512FlopPerCycle(amd, family);
                String name = !amd ? "AVX-512, 2 FMA units assumed"
                        : flop == 16 ? "AVX-512 on Zen 4 (one 512-bit FMA per cycle on two 256-bit pipes)"
                        : "AVX-512 on Zen 5 (two full 512-bit FMA pipes)";
                List<String> notes = !amd ? List.of("some Xeon SKUs have one AVX-512 FMA unit (16 FLOP/cycle)")
                        : flop == 32 ? List.of("Zen 5 mobile parts split 512-bit FMAs into two 256-bit halves (16 FLOP/cycle)")
                        : List.of();
                return new Isa(flop, name, notes);
            }
            if (features.contains("avx2") && features.contains("fma")) {
                return new Isa(16, "AVX2 + FMA", List.of());
            }
            if (features.contains("avx")) {
                return new Isa(8, "AVX", List.of());
            }
            if (features.contains("sse2")) {
                return new Isa(4, "SSE2", List.of());
            }
            return new Isa(null, null, List.of());
        }
    }

    /**
     * Double-precision FLOP per cycle per core with AVX-512. Zen 4 (family 19h) executes a 512-bit
     * FMA as two halves on 256-bit pipes, so AVX-512 doubles its work per instruction but not per
     * cycle: 16, measured here with 24 independent zmm FMA chains (57 GFLOP/s at 3.6 GHz, the
     * same as ymm). Zen 5 (family 1Ah) desktop and server cores have full-width pipes: 32.
     */
    static int avx512FlopPerCycle(boolean amd, int family) {
        if (!amd) {
            return 32;
        }
        return family >= 0x1A ? 32 : 16;
    }

    private static Optional<Double> parseDouble(String s) {
        try {
            return Optional.of(Double.parseDouble(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
