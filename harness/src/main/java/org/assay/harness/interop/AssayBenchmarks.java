package org.assay.harness.interop;

import org.assay.workloads.SizingContext;
import org.assay.workloads.Workload;
import org.assay.workloads.Workloads;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a JMH result is one of Assay's own benchmarks (run from the benchmarks jar, or by
 * another JMH driver) and, if so, which workload: the benchmark method is the workload's, the
 * parameters are the ones the workload takes (its test parameters' names; JMH's others stay in
 * {@code settings.jmhParams}) and pass its check, the mode is throughput, and the workload is no
 * sweep (a sweep's points share one JMH result and only the harness can split them). Several
 * workloads may share a benchmark method (the storage patterns, the two TCP streams); the
 * parameters tell them apart, as the workload's check does.
 */
final class AssayBenchmarks {

    /** A machine too large to refuse anything: only the parameters' own consistency is checked. */
    private static final SizingContext ANY_MACHINE = new SizingContext(Long.MAX_VALUE / 4, Long.MAX_VALUE / 4, 4096);

    /** @param factor what turns JMH's score in its unit into the workload's unit */
    record Match(Workload workload, Map<String, Object> params, double factor) {
    }

    private AssayBenchmarks() {
    }

    static Optional<Match> match(JmhJson.Entry e) {
        // a file assay export wrote: the benchmark is the metric, already in its unit
        Optional<Workload> byMetric = Workloads.byId(e.benchmark());
        if (byMetric.isPresent() && byMetric.get().unit().equals(e.primaryMetric().scoreUnit())) {
            Map<String, Object> params = new LinkedHashMap<>();
            e.params().forEach((k, v) -> params.put(k, JsonValues.typed(v)));
            return Optional.of(new Match(byMetric.get(), params, 1));
        }
        if (!"thrpt".equals(e.mode())) {
            return Optional.empty();
        }
        double perSecond = perSecond(e.primaryMetric().scoreUnit());
        if (!Double.isFinite(perSecond)) {
            return Optional.empty();
        }
        for (Workload w : Workloads.all()) {
            if (!w.benchmark().equals(e.benchmark())) {
                continue;
            }
            Map<String, Object> params = new LinkedHashMap<>();
            boolean complete = true;
            for (String name : w.testParams().keySet()) {
                String v = e.params().get(name);
                if (v == null) {
                    complete = false;
                    break;
                }
                params.put(name, JsonValues.typed(v));
            }
            if (!complete) {
                continue;
            }
            try {
                if (!w.sweepPoints(params).isEmpty()) {
                    continue;
                }
                w.validate(params, e.threads(), ANY_MACHINE);
                return Optional.of(new Match(w, params, perSecond * w.scorePerOp(params, e.threads())));
            } catch (RuntimeException notThisOne) {
                // another workload on the same method, or parameters this workload refuses
            }
        }
        return Optional.empty();
    }

    /** Operations per second in one of JMH's throughput units ({@code ops/s}, {@code ops/ms}...); NaN for others. */
    static double perSecond(String unit) {
        if (unit == null) {
            return Double.NaN;
        }
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "ops/s" -> 1;
            case "ops/ms" -> 1e3;
            case "ops/us" -> 1e6;
            case "ops/ns" -> 1e9;
            case "ops/min" -> 1 / 60.0;
            default -> Double.NaN;
        };
    }
}
