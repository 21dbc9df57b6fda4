package org.assay.harness;

/** Bad input: the message is one line naming the bad value and the good one; exit status 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
