package org.assay.results;

import java.nio.file.Path;
import java.util.List;

/**
 * A bundle as read by {@link BundleReader}. {@code warnings} lists what the reader tolerated,
 * one line each (e.g. a truncated last line of {@code results.jsonl}); empty when the bundle
 * read cleanly.
 */
public record Bundle(Path dir, RunManifest manifest, List<InvocationResult> results, List<String> warnings) {

    public Bundle {
        results = Unmodifiable.list(results);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public Bundle(Path dir, RunManifest manifest, List<InvocationResult> results) {
        this(dir, manifest, results, List.of());
    }
}
