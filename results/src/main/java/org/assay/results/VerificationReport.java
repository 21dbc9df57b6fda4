package org.assay.results;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@link BundleVerifier#verify(Path)}: one line per problem, each naming the file,
 * e.g. "MISMATCH results.jsonl", "MISSING histograms/x.hlog", "UNLISTED extra.txt",
 * "MISSING SHA256SUMS (bundle not finished)". No problems means every file is as written.
 */
public record VerificationReport(Path dir, List<String> problems) {

    public VerificationReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
