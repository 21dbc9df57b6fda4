package org.assay.harness.interop;

/** A file that cannot be imported: the message is one line saying what is wrong and what would be right. */
public final class ImportException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImportException(String message) {
        super(message, null, false, false);
    }
}
