package org.assay.analysis.judging;

import org.assay.profiles.MetricKey;

/**
 * One acceptance rule applied to one measurement.
 *
 * @param rule        the rule as written ("min 90% of expected, max 110% of expected")
 * @param measured    null when the run has no measurement for the rule
 * @param threshold   the bound that decided (the violated one, else the undecided one, else the
 *                    nearer one), resolved to the metric's unit; null when none resolved
 * @param bound       "min" or "max": which side {@code threshold} is
 * @param margin      (measured - threshold) / threshold for a minimum, (threshold - measured) /
 *                    threshold for a maximum: positive inside the bound, negative outside
 * @param more        for an inconclusive verdict, about how many more {@code moreUnit} would make
 *                    the interval narrow enough to decide; null when no count would
 */
public record RuleVerdict(MetricKey key, String category, String rule, Measurement measured, Double expected,
                          Double threshold, String bound, Double margin, Verdict verdict, String message,
                          Integer more, String moreUnit) {
}
