package org.assay.analysis.compare;

/** What a comparison with the baseline concluded for one metric. */
public enum Verdict {
    /** Significant after Holm's correction and beyond the noise threshold, in the better direction. */
    better,
    /** Significant and beyond the noise threshold, in the worse direction. */
    worse,
    /** Significant, but smaller than the noise threshold: not a difference worth acting on. */
    no_meaningful_change,
    /** Not significant after the correction. */
    not_significant,
    /** No test was possible (a side has a single value and no spread). */
    untested;

    public String text() {
        return name().replace('_', ' ');
    }
}
