package org.assay.harness.interop;

import org.assay.results.Bundle;

import java.io.IOException;

/**
 * One format {@code assay export RUN --format NAME} writes a verified bundle in. The command reads
 * and verifies the bundle, picks the format by {@link #name()} and writes {@link #render}'s bytes
 * whole to its output.
 */
public interface ExportFormat {

    /** The {@code --format} value, e.g. {@code jmh}. */
    String name();

    /** The file's usual extension, without the dot. */
    String extension();

    /** The bundle in this format. */
    byte[] render(Bundle bundle) throws IOException;
}
