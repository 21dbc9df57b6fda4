package org.assay.analysis.compare;

/** Input a comparison or report cannot use; the message is the one line a user sees. */
public final class CompareInputException extends Exception {

    public CompareInputException(String message) {
        super(message);
    }
}
