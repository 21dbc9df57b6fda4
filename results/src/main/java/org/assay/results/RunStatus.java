package org.assay.results;

/**
 * How a run stands, as {@code run.json} says in {@code status}. Like {@link Status}, the
 * constants are lower-case because their names are written as-is: they are the file's words.
 */
public enum RunStatus {
    /** Started and not finished; a bundle left at this was never closed (the process died). */
    running,
    /** Every planned invocation ran and none failed. */
    complete,
    /** Some invocations failed or did not run; {@code statusReason} says how many or why. */
    partial,
    /** Nothing usable came out of the run; {@code statusReason} says why. */
    failed
}
