package org.assay.results;

import java.io.IOException;

/**
 * A problem with a bundle that the user can act on: the directory is not empty, not writable, not
 * a bundle, or written by a newer Assay. The message is one line, fit to print as-is; line breaks
 * in it (Jackson's messages carry some) are folded into spaces.
 */
public final class BundleException extends IOException {

    private static final long serialVersionUID = 1L;

    public BundleException(String message) {
        super(oneLine(message));
    }

    public BundleException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        return message == null ? null : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
