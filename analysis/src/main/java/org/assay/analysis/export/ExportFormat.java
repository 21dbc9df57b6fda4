package org.assay.analysis.export;

import org.assay.results.Bundle;

/**
 * One output format of {@code assay export}. A new format is one class implementing this,
 * listed once in {@link ExportFormats}; the command, {@code --output} and the error handling are
 * shared.
 */
public interface ExportFormat {

    /** The {@code --format} value, lower case, e.g. {@code openmetrics}. */
    String name();

    /** The HTTP content type of {@link #render}'s text. */
    String contentType();

    /** The bundle's results in this format, whole. */
    String render(Bundle bundle);
}
