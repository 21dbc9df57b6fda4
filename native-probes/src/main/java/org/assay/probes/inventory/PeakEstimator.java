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
        Integer flop = null;
        String isa = null;
        if (f == null) {
            notes.add("no CPUID (" + ctx.cpuidProblem + "): vector ISA unknown");
        } else {
            List<String> ft = f.features();
            if (ft.contains("avx512f")) {
                flop = avx512FlopPerCycle(f.amd(), f.family());
                isa = !f.amd() ? "AVX-512, 2 FMA units assumed"
                        : flop == 16 ? "AVX-512 on Zen 4 (one 512-bit FMA per cycle on two 256-bit pipes)"
                        : "AVX-512 on Zen 5 (two full 512-bit FMA pipes)";
                if (!f.amd()) {
                    notes.add("some Xeon SKUs have one AVX-512 FMA unit (16 FLOP/cycle)");
                } else if (flop == 32) {
                    notes.add("Zen 5 mobile parts split 512-bit FMAs into two 256-bit halves (16 FLOP/cycle)");
                }
            } else if (ft.contains("avx2") && ft.contains("fma")) {
                flop = 16;
                isa = "AVX2 + FMA";
            } else if (ft.contains("avx")) {
                flop = 8;
                isa = "AVX";
            } else if (ft.contains("sse2")) {
                flop = 4;
                isa = "SSE2";
            }
        }
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
        return new Inventory.Peak(gflops, cores, mhz, source, flop, isa, List.copyOf(notes));
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
