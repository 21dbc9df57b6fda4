package org.assay.results;

/**
 * How a run ended, as {@code run.json} says in {@code termination} (null while it runs). Like
 * {@link Status}, the constants are lower-case because their names are written as-is.
 */
public enum Termination {
    /** The harness went through the whole plan. */
    normal,
    /** Ctrl-C or a signal: the shutdown hook closed the bundle. */
    interrupted,
    /** The harness itself failed (an I/O error such as a full disk, or a bug); statusReason says what. */
    error
}
