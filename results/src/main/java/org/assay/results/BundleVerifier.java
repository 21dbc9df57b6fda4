package org.assay.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a bundle against its {@code SHA256SUMS}: the engine of {@code assay verify}. It reports
 * every problem rather than stopping at the first, so one run of the command shows all that was
 * changed, lost or added since the bundle was finished.
 */
public final class BundleVerifier {

    private BundleVerifier() {
    }

    /**
     * @throws BundleException if {@code dir} is not a directory holding {@code run.json}
     */
    public static VerificationReport verify(Path dir) throws IOException {
        BundleReader.requireBundle(dir);
        Path sumsFile = dir.resolve(BundleFormat.SHA256SUMS);
        if (!Files.isRegularFile(sumsFile)) {
            return new VerificationReport(dir,
                    List.of("MISSING " + BundleFormat.SHA256SUMS + " (bundle not finished)"));
        }
        List<String> problems = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        String[] lines = new String(Files.readAllBytes(sumsFile), StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Sha256Sums.Entry entry = Sha256Sums.parse(lines[i]);
            if (entry == null) {
                problems.add("MALFORMED " + BundleFormat.SHA256SUMS + " line " + (i + 1));
                continue;
            }
            if (leavesBundle(entry.path())) {
                problems.add("MALFORMED " + BundleFormat.SHA256SUMS + " line " + (i + 1) + ": "
                        + entry.path() + " is outside the bundle");
                continue;
            }
            listed.add(entry.path());
            Path file = dir.resolve(entry.path());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                problems.add("MISSING " + entry.path());
            } else if (!Sha256Sums.sha256(file).equals(entry.sha256())) {
                problems.add("MISMATCH " + entry.path());
            }
        }
        for (String rel : Sha256Sums.filesToList(dir)) {
            if (!listed.contains(rel)) {
                problems.add("UNLISTED " + rel);
            }
        }
        return new VerificationReport(dir, problems);
    }

    private static boolean leavesBundle(String path) {
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String part : path.split("[/\\\\]")) {
            if (part.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
