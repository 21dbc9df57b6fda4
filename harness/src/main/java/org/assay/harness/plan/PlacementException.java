package org.assay.harness.plan;

/**
 * A placement that cannot be made: a CPU outside the allowed set, or more workers than CPUs.
 * The message is one line naming the bad value and what is possible, e.g. "4 threads requested
 * but only 2 physical cores in 0-1 (pass --smt to use SMT siblings)".
 */
public final class PlacementException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PlacementException(String message) {
        super(message, null, false, false);
    }
}
