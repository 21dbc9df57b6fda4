package org.assay.workloads.cpu;

import org.assay.probes.topology.FmaWidths;
import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.ScalingLadder;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.kernel.FmaPeak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cpu.peak}: the measured FP64 peak at one FMA width (FmaPeak), GFLOP/s by two FLOPs per
 * FMA per lane, beside the peak the inventory derives from the vector ISA and the clock. Each
 * width the CPU executes ({@link SizingContext#fmaWidths()}) is a parameter value, so a part that
 * runs 512-bit FMAs at half rate, or drops its clock for them, shows it as a 512-bit figure no
 * higher than the 256-bit one. Reads only the kernel's compile-time constants, never the kernel
 * class, which needs the Vector API.
 */
final class PeakWorkload extends CpuWorkload {

    static final String ID = "cpu.peak";
    static final String WIDTH = "width";

    /**
     * Quick: one 500 ms warm-up and three 300 ms iterations, 1.4 s timed. The loop touches no
     * memory and C2 compiles it in its first call (one call is 2^16 loop trips), so there is no
     * cache, page or JIT state to settle; the spread is the clock's.
     */
    static final MeasurementSettings QUICK = new MeasurementSettings(1, 1, 500, 3, 300);
    /** Standard: two forks of 2 x 500 ms warm-up and 5 x 500 ms, for the same reasons. */
    static final MeasurementSettings STANDARD = new MeasurementSettings(2, 2, 500, 5, 500);
    /**
     * Thorough: the suite's three forks and ten 1 s iterations (the suite's are 2 s), after three
     * 1 s warm-ups: with every width at every step of the scaling ladder, the suite's own
     * settings would spend an hour on a 96-core socket measuring a figure that settles in a second.
     */
    static final MeasurementSettings THOROUGH = new MeasurementSettings(3, 3, 1000, 10, 1000);

    PeakWorkload() {
        super(ID, 1, "org.assay.workloads.jmh.FmaPeakBench.chains", "GFLOP/s",
                "independent FMA chains at one vector width (scalar, 128, 256, 512 bits): the measured FP64 peak, GFLOP/s");
    }

    /**
     * Quick: the widest width and scalar (their ratio says whether the vector unit runs at full
     * width); standard and thorough: every width the CPU has. None on a CPU without FMA or whose
     * flags are not known.
     */
    @Override
    public List<Map<String, Object>> paramSets(Suite suite, SizingContext sizing) {
        List<Integer> bits = sizing.fmaWidths().bits();
        if (bits.isEmpty()) {
            return List.of();
        }
        List<Integer> chosen = suite == Suite.quick
                ? (bits.size() > 1 ? List.of(bits.get(bits.size() - 1), FmaPeak.SCALAR_BITS) : List.of(bits.get(0)))
                : bits;
        List<Map<String, Object>> out = new ArrayList<>();
        for (int b : chosen) {
            out.add(widthParams(b));
        }
        return out;
    }

    static Map<String, Object> widthParams(int bits) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(WIDTH, name(bits));
        return p;
    }

    /**
     * In thorough the widest width the CPU has climbs the ladder; otherwise the widest runs at 1
     * worker and all cores and the narrower ones at 1 worker, which is where a licence clock or a
     * narrow FMA unit shows: the loop
     * touches no shared cache or memory, so the steps between say little that DGEMM's ladder
     * does not, and on a 2-socket server they would cost minutes of a standard run.
     */
    @Override
    public List<ScalingLadder.Step> threadSteps(Suite suite, SizingContext sizing, Map<String, Object> params) {
        if (suite == Suite.thorough) {
            return super.threadSteps(suite, sizing, params);
        }
        // the narrower widths at one worker outside thorough: the per-core rate is what tells a
        // half-rate unit; the widest at all cores too, where a licence clock shows
        List<ScalingLadder.Step> ends = ScalingLadder.ends(sizing);
        return isHeadline(params, sizing) ? ends : ends.subList(0, 1);
    }

    /** The widest width the CPU has: the one thorough's ladder measures. */
    @Override
    boolean isHeadline(Map<String, Object> params, SizingContext sizing) {
        List<Integer> bits = sizing.fmaWidths().bits();
        try {
            return !bits.isEmpty() && bits(params) == bits.get(bits.size() - 1);
        } catch (IllegalArgumentException e) {
            return false;       // not a width at all: validate() refuses it with its reason
        }
    }

    /** Scalar: there on every CPU with an FMA. */
    @Override public Map<String, Object> testParams() { return widthParams(FmaPeak.SCALAR_BITS); }

    @Override
    public void validate(Map<String, Object> params, int threads, SizingContext sizing) {
        int bits = bits(params);
        FmaWidths widths = sizing.fmaWidths();
        if (widths.equals(FmaWidths.UNKNOWN)) {
            return;         // nothing known to refuse by: the fork refuses a width its JVM lacks
        }
        if (widths.bits().isEmpty()) {
            throw new IllegalArgumentException("width=" + name(bits) + ": this CPU has no FMA a JVM uses ("
                    + widths.basis() + "), so there is no FMA peak to measure");
        }
        if (!widths.has(bits)) {
            throw new IllegalArgumentException("width=" + name(bits) + ": this CPU has no " + name(bits) + "-bit FMA ("
                    + widths.basis() + "); choose one of: " + widths.describe());
        }
    }

    /** The width in bits, 64 for scalar; refuses a name that is none of scalar, 128, 256, 512. */
    static int bits(Map<String, Object> params) {
        Object v = params.get(WIDTH);
        String s = v == null ? null : String.valueOf(v).strip();
        if (s == null) {
            throw new IllegalArgumentException("missing parameter " + WIDTH + " (scalar, 128, 256 or 512)");
        }
        return switch (s) {
            case "scalar" -> FmaPeak.SCALAR_BITS;
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            default -> throw new IllegalArgumentException("width=" + s + ": expected scalar, 128, 256 or 512");
        };
    }

    static String name(int bits) {
        return bits == FmaPeak.SCALAR_BITS ? "scalar" : String.valueOf(bits);
    }

    /** Two FLOPs per FMA, per lane, per chain, per step: FmaPeak.flopsPerOperation, without loading the kernel. */
    @Override
    public double scorePerOp(Map<String, Object> params, int threads) {
        int lanes = bits(params) / FmaPeak.SCALAR_BITS;
        return 2.0 * FmaPeak.CHAINS * FmaPeak.STEPS * lanes / 1e9;
    }

    @Override
    public MeasurementSettings settings(MeasurementSettings base, Map<String, Object> params) {
        for (Suite suite : Suite.values()) {
            if (base.equals(MeasurementSettings.forSuite(suite))) {
                return switch (suite) {
                    case quick -> QUICK;
                    case standard -> STANDARD;
                    case thorough -> THOROUGH;
                };
            }
        }
        return base;      // --smoke
    }
}
