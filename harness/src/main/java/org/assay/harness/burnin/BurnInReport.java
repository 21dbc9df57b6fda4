package org.assay.harness.burnin;

import org.assay.analysis.judging.AcceptanceReport;
import org.assay.analysis.judging.Measurement;
import org.assay.analysis.judging.RuleVerdict;
import org.assay.profiles.MetricKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A burn-in's outcome in the forms others read: the acceptance report that {@code assay accept}'s
 * JUnit and OCP TV writers take (one rule verdict per check, metric {@code burnin.<check>} with
 * the phase as its parameter), and the {@code burnin.json} document of the bundle.
 */
public final class BurnInReport {

    public static final String FILE = "burnin.json";

    private BurnInReport() {
    }

    /** The checks as an acceptance report of {@code run} judged by {@code thresholdsFrom} (a profile id, a plan file, "defaults"). */
    public static AcceptanceReport acceptance(String run, String thresholdsFrom, BurnInRun.Outcome o) {
        List<RuleVerdict> rules = new ArrayList<>();
        for (BurnInCheck c : o.checks()) {
            MetricKey key = MetricKey.of("burnin." + c.name(), Map.of("phase", c.phase()));
            Measurement m = c.value() == null ? null
                    : new Measurement(key, null, c.unit(), false, c.value(), null, 0, 1, "runs");
            Double margin = c.value() == null || c.threshold() == null || c.threshold() == 0 ? null
                    : ("max".equals(c.bound()) ? (c.threshold() - c.value()) / c.threshold()
                    : (c.value() - c.threshold()) / c.threshold());
            rules.add(new RuleVerdict(key, c.category(), c.rule(), m, null, c.threshold(), c.bound(), margin, c.verdict(),
                    c.message(), null, null));
        }
        return new AcceptanceReport(thresholdsFrom, run, rules, List.of());
    }

    /** {@code burnin.json}: verdict, checks, phases with their settings and mean throughput, errors, counters. */
    public static Map<String, Object> document(BurnInRun.Outcome o, ErrorLog errors, FaultHook faults,
                                               Map<String, Object> settings, List<String> safetyNotes) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("verdict", o.verdict().name());
        d.put("interrupted", o.interrupted());
        d.put("stoppedHot", o.stoppedHot());
        d.put("seconds", o.seconds());
        if (!faults.armed().isEmpty()) {
            d.put("faultInjected", faults.armed().stream().map(Component::id).sorted().toList());
        }
        d.put("settings", settings);
        d.put("safety", safetyNotes);
        d.put("checks", o.checks());
        List<Map<String, Object>> phases = new ArrayList<>();
        for (BurnInRun.PhaseResult p : o.phases()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("seconds", p.seconds());
            m.put("components", p.settings());
            Map<String, Object> mean = new LinkedHashMap<>();
            p.mean().forEach((c, v) -> mean.put(c, Map.of("value", v, "unit", Component.of(c).unit())));
            m.put("meanThroughput", mean);
            Map<String, Object> steady = new LinkedHashMap<>();
            p.steady().forEach((c, v) -> steady.put(c, Map.of("value", v, "unit", Component.of(c).unit())));
            m.put("steadyThroughput", steady);
            m.put("intervals", p.series());
            phases.add(m);
        }
        d.put("phases", phases);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Component c : Component.values()) {
            counts.put(c.id(), errors.count(c));
        }
        d.put("errorCounts", counts);
        d.put("errorsKept", errors.keep());
        d.put("errors", errors.first());
        Map<String, Object> hw = new LinkedHashMap<>();
        hw.put("before", o.errorsBefore());
        hw.put("after", o.errorsAfter());
        hw.put("throttleEvents", o.throttleEvents());
        hw.put("throttleReason", o.throttleReason());
        d.put("hardwareCounters", hw);
        return d;
    }
}
