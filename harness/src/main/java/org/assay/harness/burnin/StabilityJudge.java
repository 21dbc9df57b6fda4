package org.assay.harness.burnin;

import org.assay.analysis.judging.Verdict;
import org.assay.probes.snapshot.MemoryErrorCounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns what a phase measured into checks. The order of the trend decision matters: a host with
 * steal above the limit is not judged (INCONCLUSIVE: the neighbours, not the machine, set the
 * pace); then the drop's interval decides: wholly above the limit is FAIL, wholly below is a
 * pass of the trend, straddling it is INCONCLUSIVE (the spread is too wide to tell); a
 * coefficient of variation above its limit makes an otherwise passing trend INCONCLUSIVE. Errors
 * are never inconclusive: one wrong result fails the component.
 */
public final class StabilityJudge {

    private StabilityJudge() {
    }

    /** Errors, trend and steadiness of one component in one phase. */
    public static List<BurnInCheck> component(String phase, Component c, double[] series, double intervalSeconds,
                                              long errors, String firstError, double meanSteal, Thresholds t) {
        List<BurnInCheck> out = new ArrayList<>();
        String cat = c.id();
        out.add(new BurnInCheck(cat + ".errors", cat, phase, errors == 0 ? Verdict.PASS : Verdict.FAIL, "max 0",
                (double) errors, "errors", 0.0, "max", errors == 0 ? "every result verified"
                        : errors + " wrong result(s); first: " + firstError));
        out.addAll(trend(phase, cat, series, TrendTest.warmupIntervals(series.length, intervalSeconds), meanSteal, t));
        return out;
    }

    static List<BurnInCheck> trend(String phase, String cat, double[] series, int warmup, double meanSteal, Thresholds t) {
        List<BurnInCheck> out = new ArrayList<>();
        TrendTest trend = TrendTest.of(series, warmup);
        String dropRule = "drop at most " + pct(t.maxDrop());
        if (trend == null) {
            out.add(new BurnInCheck(cat + ".trend", cat, phase, Verdict.NOT_CHECKED, dropRule, null, "%", t.maxDrop() * 100,
                    "max", "only " + Math.max(0, series.length - warmup) + " interval(s) after " + warmup
                    + " of warm-up; the trend needs " + TrendTest.MIN_INTERVALS
                    + " (a longer --duration or a shorter --interval)"));
            return out;
        }
        String figures = String.format(Locale.ROOT, "first quarter %.4g, last quarter %.4g: drop %s (%.0f%% interval %s to %s) over %d intervals",
                trend.firstMean(), trend.lastMean(), pct(trend.drop()), TrendTest.CONFIDENCE * 100, pct(trend.dropLow()),
                pct(trend.dropHigh()), trend.intervals());
        Verdict v;
        String why;
        if (Double.isFinite(meanSteal) && meanSteal > t.maxSteal()) {
            v = Verdict.INCONCLUSIVE;
            why = String.format(Locale.ROOT, "steal %.1f%% is above %.1f%%: the host is too noisy to judge; ", meanSteal, t.maxSteal());
        } else if (!(trend.firstMean() > 0)) {
            v = Verdict.INCONCLUSIVE;
            why = "no verified work in the first quarter (starved of CPU, or still warming up); ";
        } else if (trend.dropLow() > t.maxDrop()) {
            v = Verdict.FAIL;
            why = "slower by more than " + pct(t.maxDrop()) + ", beyond noise; ";
        } else if (trend.dropHigh() > t.maxDrop()) {
            v = Verdict.INCONCLUSIVE;
            why = "the interval straddles " + pct(t.maxDrop()) + ": too much spread to tell; ";
        } else {
            v = Verdict.PASS;
            why = "";
        }
        out.add(new BurnInCheck(cat + ".trend", cat, phase, v, dropRule, trend.drop() * 100, "%", t.maxDrop() * 100, "max",
                why + figures));
        Verdict cv = trend.cv() > t.maxCv() ? Verdict.INCONCLUSIVE : Verdict.PASS;
        out.add(new BurnInCheck(cat + ".steadiness", cat, phase, cv, "coefficient of variation at most " + pct(t.maxCv()),
                trend.cv() * 100, "%", t.maxCv() * 100, "max", String.format(Locale.ROOT,
                "per-interval throughput varies by %s of its mean%s", pct(trend.cv()),
                cv == Verdict.PASS ? "" : ": too unsteady to call it stable or not")));
        return out;
    }

    /** The whole machine over the run: hottest sensor, throttle events, memory error counters. */
    public static List<BurnInCheck> machine(String phase, double maxTemp, boolean stoppedHot, Long throttleEvents,
                                            String throttleReason, MemoryErrorCounts before, MemoryErrorCounts after,
                                            Thresholds t) {
        List<BurnInCheck> out = new ArrayList<>();
        String tempRule = "max " + t.maxTemp() + " °C";
        if (Double.isFinite(maxTemp)) {
            boolean hot = stoppedHot || maxTemp >= t.maxTemp();
            out.add(new BurnInCheck("machine.temperature", "machine", phase, hot ? Verdict.FAIL : Verdict.PASS, tempRule,
                    maxTemp, "°C", t.maxTemp(), "max", String.format(Locale.ROOT, "hottest sensor %.1f °C%s", maxTemp,
                    stoppedHot ? ": the burn-in stopped early" : "")));
        } else {
            out.add(new BurnInCheck("machine.temperature", "machine", phase, Verdict.NOT_CHECKED, tempRule, null, "°C",
                    t.maxTemp(), "max", "no temperature sensor readable here (typical of VMs)"));
        }
        if (throttleEvents != null) {
            out.add(new BurnInCheck("machine.throttle", "machine", phase,
                    throttleEvents <= t.maxThrottleEvents() ? Verdict.PASS : Verdict.FAIL, "max " + t.maxThrottleEvents(),
                    (double) throttleEvents, "events", (double) t.maxThrottleEvents(), "max",
                    throttleEvents + " thermal-throttle event(s) during the burn-in"));
        } else {
            out.add(new BurnInCheck("machine.throttle", "machine", phase, Verdict.NOT_CHECKED, "max " + t.maxThrottleEvents(),
                    null, "events", (double) t.maxThrottleEvents(), "max", throttleReason));
        }
        if (before.correctedErrors() != null && after.correctedErrors() != null) {
            long ce = after.correctedErrors() - before.correctedErrors();
            long ue = after.uncorrectedErrors() == null || before.uncorrectedErrors() == null ? 0
                    : after.uncorrectedErrors() - before.uncorrectedErrors();
            out.add(new BurnInCheck("memory.edac.uncorrected", "memory", phase, ue == 0 ? Verdict.PASS : Verdict.FAIL,
                    "max 0", (double) ue, "errors", 0.0, "max", ue + " uncorrected memory error(s) (EDAC ue_count)"));
            out.add(new BurnInCheck("memory.edac.corrected", "memory", phase,
                    ce <= t.maxCorrectedErrors() ? Verdict.PASS : Verdict.FAIL, "max " + t.maxCorrectedErrors(), (double) ce,
                    "errors", (double) t.maxCorrectedErrors(), "max", ce + " corrected memory error(s) (EDAC ce_count)"));
        } else {
            out.add(new BurnInCheck("memory.edac", "memory", phase, Verdict.NOT_CHECKED, "max 0 uncorrected, max "
                    + t.maxCorrectedErrors() + " corrected", null, "errors", null, "max", after.edacReason()));
        }
        if (before.machineChecks() != null && after.machineChecks() != null) {
            long mce = after.machineChecks() - before.machineChecks();
            out.add(new BurnInCheck("machine.mce", "machine", phase, mce == 0 ? Verdict.PASS : Verdict.FAIL, "max 0",
                    (double) mce, "events", 0.0, "max", mce + " machine-check exception(s)"));
        } else {
            out.add(new BurnInCheck("machine.mce", "machine", phase, Verdict.NOT_CHECKED, "max 0", null, "events", 0.0,
                    "max", after.mceReason()));
        }
        return out;
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
