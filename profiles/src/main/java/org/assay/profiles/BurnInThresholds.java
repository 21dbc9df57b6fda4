package org.assay.profiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The limits {@code assay burn-in} judges a machine's stability against, as a profile's
 * {@code burnIn} section or a plan's {@code thresholds}/{@code criteria} give them. Every field is
 * optional (null: not set here); {@link #over} layers one set on another, so a phase's criteria
 * override the plan's, the command line overrides both, and the harness fills what is left with
 * its defaults. The meaning of each is in {@code docs/burn-in.md}.
 *
 * @param maxDrop            largest first-to-last-quarter throughput drop, a fraction
 * @param maxCv              largest coefficient of variation before the trend is too noisy to judge
 * @param maxTemp            highest sensor temperature, degrees Celsius
 * @param maxThrottleEvents  thermal-throttle events allowed
 * @param maxSteal           mean steal (percent) above which the trend is not judged
 * @param maxCorrectedErrors corrected memory errors (EDAC) allowed
 */
public record BurnInThresholds(Double maxDrop, Double maxCv, Double maxTemp, Long maxThrottleEvents, Double maxSteal,
                               Long maxCorrectedErrors) {

    public static final BurnInThresholds NONE = new BurnInThresholds(null, null, null, null, null, null);

    /** These values where set, {@code base}'s elsewhere. */
    public BurnInThresholds over(BurnInThresholds base) {
        if (base == null) {
            return this;
        }
        return new BurnInThresholds(or(maxDrop, base.maxDrop), or(maxCv, base.maxCv), or(maxTemp, base.maxTemp),
                or(maxThrottleEvents, base.maxThrottleEvents), or(maxSteal, base.maxSteal),
                or(maxCorrectedErrors, base.maxCorrectedErrors));
    }

    private static <T> T or(T mine, T theirs) {
        return mine != null ? mine : theirs;
    }

    /** A schema-valid {@code burnIn} object; a missing node gives {@link #NONE}. */
    static BurnInThresholds of(JsonNode node) {
        if (node == null || !node.isObject()) {
            return NONE;
        }
        return new BurnInThresholds(dbl(node, "maxDrop"), dbl(node, "maxCv"), dbl(node, "maxTemp"),
                lng(node, "maxThrottleEvents"), dbl(node, "maxSteal"), lng(node, "maxCorrectedErrors"));
    }

    private static Double dbl(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    private static Long lng(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.asLong();
    }
}
