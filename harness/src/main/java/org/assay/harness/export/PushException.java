package org.assay.harness.export;

/** A push the server refused or never answered; the message is the one line the user sees. */
public final class PushException extends Exception {
    private static final long serialVersionUID = 1L;

    public PushException(String message) {
        super(message, null, false, false);
    }
}
