package org.assay.harness.derived;

import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FLOP per cycle per worker for a result in GFLOP/s whose workers' clock is known: GFLOP/s over
 * (workers x GHz). GFLOP/s alone mixes the core's width with its clock; FLOP per cycle is what
 * vector units are rated in (an AVX-512 core with two full FMA pipes does 32 FP64 FLOP per cycle,
 * Zen 4's 16), so a measured {@code cpu.peak} of 16 on a part rated 32 says half-rate FMAs, while
 * a GFLOP/s below the derived peak at the full 32 says the clock dropped. Each worker is one core
 * unless {@code --smt} placed workers on siblings.
 *
 * <p>The measured clock ({@code probe.clock}: APERF/MPERF, cpufreq) gives {@code flopPerCycle};
 * an estimated one ({@code probe.clock.estimated}) gives {@code flopPerCycle.estimated}, never
 * the plain name. A clock of other CPUs than the workers' has another name and gives nothing.
 */
public final class FlopsPerCycle {

    public static final String UNIT = "GFLOP/s";
    public static final String MEASURED = "flopPerCycle";
    public static final String ESTIMATED = "flopPerCycle.estimated";

    private FlopsPerCycle() {
    }

    /** The result with {@link #MEASURED} or {@link #ESTIMATED} added, or the same result when no clock applies. */
    public static InvocationResult derive(InvocationResult r) {
        if (!UNIT.equals(r.unit()) || r.score() == null || !(r.score() > 0) || r.threads() < 1 || r.secondary() == null) {
            return r;
        }
        SecondaryMetric measured = r.secondary().get("probe.clock");
        SecondaryMetric estimated = r.secondary().get("probe.clock.estimated");
        boolean exact = measured != null && measured.score() != null && measured.score() > 0;
        SecondaryMetric clock = exact ? measured : estimated;
        if (clock == null || clock.score() == null || !(clock.score() > 0)) {
            return r;
        }
        double flopPerCycle = r.score() * 1000.0 / (r.threads() * clock.score());   // GFLOP/s x 1000 / MHz
        Map<String, SecondaryMetric> s = new LinkedHashMap<>(r.secondary());
        s.put(exact ? MEASURED : ESTIMATED, new SecondaryMetric(flopPerCycle, "FLOP/cycle"));
        return r.withSecondary(s);
    }
}
