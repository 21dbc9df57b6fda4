package org.assay.results;

/**
 * How an invocation ended. The constants are lower-case because they are written as-is into
 * {@code results.jsonl}, a stable contract field.
 */
public enum Status {
    /** Measured and verified: the score may be used. */
    ok,
    /** Started but did not produce a verified score; {@code reason} says why. */
    failed,
    /** Not started (unsupported on this machine, excluded by a pre-flight check); {@code reason} says why. */
    skipped
}
