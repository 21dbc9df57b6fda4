package org.assay.profiles;

import java.util.Locale;

/**
 * A theoretical limit derived from a spec: its id (what acceptance rules refer to), what it is,
 * the value in {@code unit}, and the formula with the spec's numbers in it, so a report can
 * show where the number came from.
 */
public record SpecLimit(String id, String description, double value, String unit, String formula) {

    /** {@code measured} as a fraction of this limit. */
    public double share(double measured) {
        return measured / value;
    }

    /**
     * "88 GFLOP/s = 76% of fp64-peak 115.2 GFLOP/s (2 x 96 x 2.4 GHz x 16)": a measured value
     * (in this limit's unit) against the limit, with the formula.
     */
    public String describe(double measured) {
        return SpecLimits.number(measured) + " " + unit + " = "
                + String.format(Locale.ROOT, "%.0f", share(measured) * 100) + "% of " + id + " "
                + SpecLimits.number(value) + " " + unit + " (" + formula + ")";
    }

    @Override
    public String toString() {
        return id + " = " + SpecLimits.number(value) + " " + unit + " (" + formula + ")";
    }
}
