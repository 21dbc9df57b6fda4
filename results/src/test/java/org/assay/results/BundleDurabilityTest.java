package org.assay.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file SHA256SUMS vouches for was forced to disk, with the very bytes it lists, before
 * SHA256SUMS itself was written; and so was every directory holding one. Files the writer never
 * wrote itself (the harness's jmh.log and summary.md, a copied histogram) are the ones a missing
 * fsync would leave in the page cache.
 */
class BundleDurabilityTest {

    @TempDir
    Path tmp;

    /** Records each force: the file's hash at that moment, and whether SHA256SUMS existed yet. */
    private static final class Recording implements Durability {
        final Map<Path, String> forcedHash = new HashMap<>();
        final List<Path> forcedDirs = new ArrayList<>();
        final List<String> forcedAfterSums = new ArrayList<>();
        Path bundle;

        @Override
        public void forceFile(Path file) throws IOException {
            Durability.DISK.forceFile(file);
            forcedHash.put(file, Sha256Sums.sha256(file));
            if (bundle != null && Files.exists(bundle.resolve(BundleFormat.SHA256SUMS))) {
                forcedAfterSums.add(bundle.relativize(file).toString());
            }
        }

        @Override
        public void forceDirectory(Path dir) {
            Durability.DISK.forceDirectory(dir);
            forcedDirs.add(dir);
        }
    }

    @Test
    void everyListedFileIsForcedWithItsListedBytesBeforeTheSumsAreWritten() throws IOException {
        Path dir = tmp.resolve("run");
        Recording rec = new Recording();
        rec.bundle = dir;
        try (BundleWriter w = BundleWriter.create(dir, Fixtures.manifest(), rec)) {
            w.append(Fixtures.result("a"));
            w.appendProbeSamples(List.of(new ProbeSample("2026-11-22T10:15:04Z", "rapl.energy", "package0", 1.5, "J")));
            Files.writeString(w.histogramPath("a"), "#[StartTime: 1 (seconds since epoch)]\n");
            // written beside the writer, as the run session writes JMH's log and the summary
            Files.writeString(dir.resolve("jmh.log"), "# Run progress\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("summary.md"), "# run\n", StandardCharsets.UTF_8);
            w.finish(Fixtures.finished());
        }

        List<String> lines = Files.readAllLines(dir.resolve(BundleFormat.SHA256SUMS));
        assertEquals(6, lines.size(), lines.toString());
        for (String line : lines) {
            Sha256Sums.Entry e = Sha256Sums.parse(line);
            assertEquals(e.sha256(), rec.forcedHash.get(dir.resolve(e.path())),
                    e.path() + " was not forced with the bytes SHA256SUMS lists");
        }
        assertEquals(List.of(), rec.forcedAfterSums.stream().filter(p -> !p.startsWith(".SHA256SUMS")).toList(),
                "forced only after SHA256SUMS existed");
        assertTrue(rec.forcedDirs.contains(dir.resolve(BundleFormat.HISTOGRAMS_DIR)), rec.forcedDirs.toString());
        assertTrue(rec.forcedDirs.contains(dir), rec.forcedDirs.toString());
        assertTrue(rec.forcedHash.containsKey(dir.resolve("." + BundleFormat.SHA256SUMS + ".tmp")),
                "SHA256SUMS itself is written atomically, forced before its rename");
        assertTrue(BundleVerifier.verify(dir).ok(), BundleVerifier.verify(dir).problems().toString());
    }

    @Test
    void aFileThatCannotBeForcedStopsTheFinishWithNoSumsWritten() throws IOException {
        Path dir = tmp.resolve("run");
        Durability failing = new Durability() {
            @Override
            public void forceFile(Path file) throws IOException {
                if (file.getFileName().toString().equals("jmh.log")) {
                    throw new IOException("Input/output error");
                }
                Durability.DISK.forceFile(file);
            }

            @Override
            public void forceDirectory(Path d) {
                Durability.DISK.forceDirectory(d);
            }
        };
        BundleWriter w = BundleWriter.create(dir, Fixtures.manifest(), failing);
        Files.writeString(dir.resolve("jmh.log"), "x");
        BundleException e = org.junit.jupiter.api.Assertions.assertThrows(BundleException.class,
                () -> w.finish(Fixtures.finished()));
        assertEquals("cannot write to " + dir.resolve("jmh.log") + ": Input/output error", e.getMessage());
        assertFalse(Files.exists(dir.resolve(BundleFormat.SHA256SUMS)), "no sums over a file that may not be on disk");
        w.close();
    }
}
