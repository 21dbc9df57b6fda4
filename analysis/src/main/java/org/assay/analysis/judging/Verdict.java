package org.assay.analysis.judging;

/**
 * The outcome of one check. {@link #NOT_CHECKED} is a check the inputs cannot make (a limit the
 * spec does not give, a fact the inventory does not record): it is reported and decides nothing.
 */
public enum Verdict {
    PASS, FAIL, INCONCLUSIVE, NOT_CHECKED;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
