package org.assay.analysis.judging;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.profiles.AcceptanceRule;
import org.assay.profiles.Bound;
import org.assay.profiles.ExpectedResult;
import org.assay.profiles.MetricKey;
import org.assay.profiles.Profile;
import org.assay.profiles.SpecLimits;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a profile's acceptance rules to a run. For a minimum t and a measurement m with 99.9%
 * interval [lo, hi]: pass when lo >= t, fail when hi < t, inconclusive when t lies inside the
 * interval; a maximum the other way round. A result without an interval is judged on its value.
 * An inconclusive verdict says how many more iterations (or forks) would decide it: the
 * half-width h shrinks as 1/sqrt(n), so it falls below the distance d = |m - t| after about
 * n (h/d)^2 of them.
 */
public final class Acceptance {

    private Acceptance() {
    }

    public static AcceptanceReport judge(String run, RunMeasurements measured, JsonNode inventory, Profile profile) {
        List<RuleVerdict> verdicts = new ArrayList<>();
        SpecLimits limits = profile.limits();
        Set<AcceptanceRule> usedRules = new HashSet<>();
        Set<MetricKey> judged = new HashSet<>();
        for (Measurement m : measured.all()) {
            Optional<AcceptanceRule> rule = profile.acceptance().ruleFor(m.key());
            if (rule.isEmpty()) {
                continue;
            }
            usedRules.add(rule.get());
            judged.add(m.key());
            Optional<ExpectedResult> expected = expectedFor(profile, m.key());
            verdicts.add(apply(rule.get(), m, limits, expected));
        }
        for (AcceptanceRule r : profile.acceptance().rules()) {
            if (!usedRules.contains(r) && measured.matching(r.key()).isEmpty()) {
                verdicts.add(notMeasured(r.key(), describe(r), expectedFor(profile, r.key()), measured));
            }
        }
        for (ExpectedResult e : profile.expected()) {
            Optional<AcceptanceRule> rule = profile.acceptance().ruleFor(e.key());
            boolean covered = verdicts.stream().anyMatch(v -> e.key().matches(v.key()) || v.key().matches(e.key()));
            if (rule.isPresent() && !covered && measured.matching(e.key()).isEmpty()) {
                verdicts.add(notMeasured(e.key(), describe(rule.get()), Optional.of(e), measured));
            }
        }
        return new AcceptanceReport(profile.id(), run, verdicts, InventoryChecks.check(inventory, profile.spec()));
    }

    /** The expected result for a measured key: the exact one, else the most specific whose key matches. */
    static Optional<ExpectedResult> expectedFor(Profile profile, MetricKey key) {
        Optional<ExpectedResult> exact = profile.expected(key);
        if (exact.isPresent()) {
            return exact;
        }
        return profile.expected().stream().filter(e -> e.key().matches(key))
                .max(java.util.Comparator.comparingInt(e -> e.key().params().size()));
    }

    private static RuleVerdict notMeasured(MetricKey key, String rule, Optional<ExpectedResult> expected, RunMeasurements run) {
        return new RuleVerdict(key, key.category(), rule, null, expected.map(ExpectedResult::value).orElse(null), null, null,
                null, Verdict.INCONCLUSIVE, "not measured: " + run.whyMissing(key) + " (run " + key.metric() + " to decide)",
                null, null);
    }

    static String describe(AcceptanceRule r) {
        String min = r.min() == null ? null : "min " + r.min();
        String max = r.max() == null ? null : "max " + r.max();
        return min == null ? max : max == null ? min : min + ", " + max;
    }

    /** One side of a rule judged: its verdict, threshold and margin. */
    private record Side(String bound, Double threshold, Verdict verdict, double margin, String why) {
    }

    static RuleVerdict apply(AcceptanceRule rule, Measurement m, SpecLimits limits, Optional<ExpectedResult> expected) {
        List<Side> sides = new ArrayList<>();
        if (rule.min() != null) {
            sides.add(side("min", rule.min(), m, limits, expected));
        }
        if (rule.max() != null) {
            sides.add(side("max", rule.max(), m, limits, expected));
        }
        Side decisive = sides.stream().filter(s -> s.verdict() == Verdict.FAIL).findFirst()
                .or(() -> sides.stream().filter(s -> s.verdict() == Verdict.INCONCLUSIVE).findFirst())
                .or(() -> sides.stream().filter(s -> s.verdict() == Verdict.PASS)
                        .min(java.util.Comparator.comparingDouble(Side::margin)))
                .orElse(sides.get(0));
        Integer more = null;
        String moreUnit = null;
        String message = decisive.why() + sides.stream().filter(x -> x != decisive && x.verdict() == Verdict.NOT_CHECKED)
                .map(x -> "; " + x.why()).collect(java.util.stream.Collectors.joining());
        if (decisive.verdict() == Verdict.INCONCLUSIVE && m.halfWidth() != null) {
            double d = Math.abs(m.value() - decisive.threshold());
            if (d > 0) {
                long needed = (long) Math.ceil(m.n() * Math.pow(m.halfWidth() / d, 2));
                more = (int) Math.min(Integer.MAX_VALUE, Math.max(1, needed - m.n()));
                moreUnit = m.nUnit();
                message += String.format(Locale.ROOT, "; about %d more %s would decide it (half-width %s shrinks as 1/sqrt(n) "
                        + "below the distance %s after about %d)", more, moreUnit, num(m.halfWidth()), num(d), needed);
            } else {
                message += "; the value sits on the threshold: more iterations cannot decide it";
            }
        }
        return new RuleVerdict(m.key(), m.key().category(), describe(rule), m, expected.map(ExpectedResult::value).orElse(null),
                decisive.threshold(), decisive.bound(), decisive.threshold() == null ? null : decisive.margin(),
                decisive.verdict(), message, more, moreUnit);
    }

    private static Side side(String bound, Bound b, Measurement m, SpecLimits limits, Optional<ExpectedResult> expected) {
        Optional<Double> t = b.resolve(limits, expected);
        if (t.isEmpty()) {
            String why = b.kind() == Bound.Kind.SHARE_OF_LIMIT
                    ? b.limit() + " is not derived from this spec (" + limits.missing().getOrDefault(b.limit(), "unknown limit") + ")"
                    : "the profile has no expected result for " + m.key();
            return new Side(bound, null, Verdict.NOT_CHECKED, Double.MAX_VALUE, bound + " " + b + ": " + why);
        }
        double threshold = t.get();
        double lo = m.interval().get(0);
        double hi = m.interval().get(1);
        boolean isMin = bound.equals("min");
        double margin = isMin ? (m.value() - threshold) / threshold : (threshold - m.value()) / threshold;
        Verdict v;
        if (isMin) {
            v = lo >= threshold ? Verdict.PASS : hi < threshold ? Verdict.FAIL : Verdict.INCONCLUSIVE;
        } else {
            v = hi <= threshold ? Verdict.PASS : lo > threshold ? Verdict.FAIL : Verdict.INCONCLUSIVE;
        }
        String interval = m.halfWidth() == null ? " (no interval)" : " +- " + num(m.halfWidth());
        String relation = switch (v) {
            case PASS -> isMin ? "at least" : "at most";
            case FAIL -> isMin ? "below" : "above";
            default -> "interval contains";
        };
        String why = num(m.value()) + interval + " " + m.unit() + " " + relation + " " + bound + " " + num(threshold) + " "
                + m.unit() + " (" + b + ")" + String.format(Locale.ROOT, ", margin %+.1f%%", margin * 100);
        return new Side(bound, threshold, v, margin, why);
    }

    /** "88.1 +- 1.2 GFLOP/s", or the value alone when it has no interval. */
    public static String describeValue(Measurement m) {
        return num(m.value()) + (m.halfWidth() == null ? "" : " +- " + num(m.halfWidth())) + " " + m.unit();
    }

    /** Four significant digits, no exponent for everyday magnitudes. */
    public static String num(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return String.valueOf(v);
        }
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(4));
        return d.stripTrailingZeros().abs().compareTo(java.math.BigDecimal.valueOf(1e9)) >= 0 ? d.toString()
                : d.stripTrailingZeros().toPlainString();
    }
}
