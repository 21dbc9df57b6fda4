package org.assay.workloads.kernel;

import java.nio.ByteBuffer;

/**
 * The receiver's check of a TCP stream: every message must be the next in sequence with its
 * check words intact ({@link StreamMessage}). A mismatch is remembered, not thrown at once, so the
 * benchmark fails at the end of the iteration with the first bad message named, as the other
 * kernels' {@code verify()} do.
 */
public final class StreamVerifier {

    private long expected;
    private long bad;
    private String firstProblem;

    /** Checks one whole message and moves on to the next sequence number. */
    public void accept(ByteBuffer message) {
        String problem = StreamMessage.check(message, expected);
        if (problem != null) {
            bad++;
            if (firstProblem == null) {
                firstProblem = problem;
            }
        }
        expected++;
    }

    /** Messages checked so far. */
    public long messages() {
        return expected;
    }

    /** @throws IllegalStateException when any message so far was wrong */
    public void verify() {
        if (firstProblem != null) {
            throw new IllegalStateException("TCP stream: " + bad + " of " + expected
                    + " messages were wrong; first: " + firstProblem);
        }
    }
}
