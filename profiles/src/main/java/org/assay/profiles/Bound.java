package org.assay.profiles;

import java.util.Optional;

/**
 * One side of an acceptance rule. Three kinds: an absolute value in a unit, a fraction of a
 * spec-derived limit (by the limit's id in {@link SpecLimits}), or a fraction of the expected
 * result for the same metric and parameters.
 */
public record Bound(Kind kind, double value, String unit, String limit) {

    public enum Kind { ABSOLUTE, SHARE_OF_LIMIT, SHARE_OF_EXPECTED }

    public static final String EXPECTED = "expected";

    public static Bound absolute(double value, String unit) {
        return new Bound(Kind.ABSOLUTE, value, unit, null);
    }

    public static Bound shareOfLimit(String limitId, double fraction) {
        return new Bound(Kind.SHARE_OF_LIMIT, fraction, null, limitId);
    }

    public static Bound shareOfExpected(double fraction) {
        return new Bound(Kind.SHARE_OF_EXPECTED, fraction, null, null);
    }

    /**
     * The bound as a number in the metric's unit, given the limits and the expected result;
     * empty when what it refers to is not known (no such limit for this spec, no expected
     * result). Units are not converted: an absolute bound is compared as written.
     */
    public Optional<Double> resolve(SpecLimits limits, Optional<ExpectedResult> expected) {
        return switch (kind) {
            case ABSOLUTE -> Optional.of(value);
            case SHARE_OF_LIMIT -> limits.get(limit).map(l -> l.value() * value);
            case SHARE_OF_EXPECTED -> expected.map(e -> e.value() * value);
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ABSOLUTE -> format(value) + " " + unit;
            case SHARE_OF_LIMIT -> format(value * 100) + "% of " + limit;
            case SHARE_OF_EXPECTED -> format(value * 100) + "% of expected";
        };
    }

    /** Rounded to 6 significant digits, so a fraction of 0.906 prints as 90.6%, not 90.60000000000001%. */
    private static String format(double v) {
        return SpecLimits.number(v);
    }
}
