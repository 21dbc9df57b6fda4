package org.assay.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What verify catches beyond a changed byte: links, files that are not files, and values edited
 * by someone who also recomputed SHA256SUMS (so every checksum matches and only the schema can
 * tell).
 */
class BundleIntegrityTest {

    @TempDir
    Path tmp;

    /** Rewrites SHA256SUMS over the current files, as a careful forger would. */
    static void resum(Path dir) throws IOException {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String rel : Sha256Sums.filesToList(dir)) {
            sums.put(rel, Sha256Sums.sha256(dir.resolve(rel)));
        }
        Files.writeString(dir.resolve(BundleFormat.SHA256SUMS), Sha256Sums.render(sums));
    }

    private List<String> problems(Path dir) throws IOException {
        return BundleVerifier.verify(dir).problems();
    }

    @Test
    void anAddedSymlinkIsNamedAndNotFollowed() throws IOException {
        Path dir = GoldenBundle.write(tmp.resolve("run"));
        Path outside = Files.writeString(tmp.resolve("secret.txt"), "not the bundle's");
        Files.createSymbolicLink(dir.resolve("extra"), outside);

        assertEquals(List.of("SYMLINK extra -> " + outside + " (not followed: a bundle holds its own files)"), problems(dir));
    }

    @Test
    void aListedFileReplacedByALinkToAnIdenticalCopyStillFails() throws IOException {
        // the checksum of what the link points at matches; the link must still not pass
        Path dir = GoldenBundle.write(tmp.resolve("run"));
        Path copy = tmp.resolve("probes-copy.csv");
        Files.move(dir.resolve(BundleFormat.PROBES_CSV), copy);
        Files.createSymbolicLink(dir.resolve(BundleFormat.PROBES_CSV), copy);

        assertEquals(List.of("SYMLINK probes.csv -> " + copy + " (not followed: a bundle holds its own files)"), problems(dir));
    }

    @Test
    void aDirectoryLinkedOutOfTheBundleIsNotEntered() throws IOException {
        Path dir = GoldenBundle.write(tmp.resolve("run"));
        Path elsewhere = tmp.resolve("elsewhere");
        Files.move(dir.resolve(BundleFormat.HISTOGRAMS_DIR), elsewhere);
        Files.writeString(elsewhere.resolve("planted.hlog"), "would be UNLISTED if the walk followed the link");
        Files.createSymbolicLink(dir.resolve(BundleFormat.HISTOGRAMS_DIR), elsewhere);

        assertEquals(List.of("SYMLINK histograms -> " + elsewhere + " (not followed: a bundle holds its own files)"),
                problems(dir));
    }

    @Test
    void aRunJsonThatIsALinkIsRefusedByVerifierAndReader() throws IOException {
        Path dir = GoldenBundle.write(tmp.resolve("run"));
        Path moved = tmp.resolve("run.json");
        Files.move(dir.resolve(BundleFormat.RUN_JSON), moved);
        Files.createSymbolicLink(dir.resolve(BundleFormat.RUN_JSON), moved);
        String expected = dir + " is not a usable Assay bundle: run.json is a symbolic link; a bundle holds its own files,"
                + " and links are not followed";

        assertEquals(expected, assertThrows(BundleException.class, () -> BundleVerifier.verify(dir)).getMessage());
        assertEquals(expected, assertThrows(BundleException.class, () -> BundleReader.read(dir)).getMessage());
    }

    @Test
    void aFifoIsReportedWithoutBeingOpened() throws Exception {
        assumeTrue(onPath("mkfifo"), "mkfifo is not on PATH");
        Path dir = GoldenBundle.write(tmp.resolve("run"));
        Process p = new ProcessBuilder("mkfifo", dir.resolve("pipe").toString()).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");

        // opening the FIFO to hash it would block here forever
        assertEquals(List.of("UNLISTED pipe (not a regular file; not read)"), problems(dir));
    }

    @Test
    void aSignatureBesideTheSumsIsNotAnAddedFile() throws IOException {
        Path dir = GoldenBundle.write(tmp.resolve("run"));
        Files.writeString(dir.resolve("SHA256SUMS.sig"), "-----BEGIN SSH SIGNATURE-----\n");
        Files.writeString(dir.resolve("SHA256SUMS.asc"), "-----BEGIN PGP SIGNATURE-----\n");
        Files.writeString(dir.resolve("histograms/SHA256SUMS.sig"), "only the top-level names are signatures");

        assertEquals(List.of("UNLISTED histograms/SHA256SUMS.sig"), problems(dir));
    }

    @Test
    void aTamperedValueWithRecomputedSumsFailsTheSchema() throws IOException {
        Path dir = GoldenBundle.write(tmp.resolve("run"));
        Path results = dir.resolve(BundleFormat.RESULTS_JSONL);
        Files.writeString(results, Files.readString(results).replaceFirst("\"score\":18.25", "\"score\":\"18.25 GB/s\"")
                .replaceFirst("\"status\":\"failed\"", "\"status\":\"great\""));
        Path run = dir.resolve(BundleFormat.RUN_JSON);
        Files.writeString(run, Files.readString(run).replace("\"threads\" : 2,", "\"threads\" : -2,"));
        resum(dir);

        assertEquals(List.of(
                "INVALID run.json: plan[0].threads: -2: must have a minimum value of 0",
                "INVALID results.jsonl line 1: score: \"18.25 GB/s\": string found, [number, null] expected",
                "INVALID results.jsonl line 2: status: \"great\": does not have a value in the enumeration "
                        + "[\"ok\", \"failed\", \"skipped\"]"), problems(dir));
    }

    @Test
    void aTruncatedOrRemovedOrRepeatedLineWithRecomputedSumsIsInvalid() throws IOException {
        Path dir = GoldenBundle.write(tmp.resolve("run"));
        Path results = dir.resolve(BundleFormat.RESULTS_JSONL);
        List<String> lines = Files.readAllLines(results);
        ObjectNode second = (ObjectNode) BundleFormat.mapper().readTree(lines.get(1));
        second.remove("unit");
        Files.writeString(results, lines.get(0) + "\n" + second + "\n" + lines.get(0) + "\n"
                + lines.get(2).substring(0, 40), StandardCharsets.UTF_8);
        resum(dir);

        List<String> p = problems(dir);
        assertEquals(3, p.size(), p.toString());
        assertEquals("INVALID results.jsonl line 2: unit: missing", p.get(0));
        assertEquals("INVALID results.jsonl line 3: invocationId memory.bandwidth.triad[threads=2] repeats line 1", p.get(1));
        assertTrue(p.get(2).startsWith("INVALID results.jsonl line 4: not JSON ("), p.get(2));
    }

    @Test
    void aFailedResultWithoutAReasonIsInvalid() throws IOException {
        Path dir = GoldenBundle.write(tmp.resolve("run"));
        Path results = dir.resolve(BundleFormat.RESULTS_JSONL);
        Files.writeString(results, Files.readString(results)
                .replace("\"reason\":\"fork exited with status 137 (killed: out of memory?)\"", "\"reason\":null"));
        resum(dir);

        assertEquals(List.of("INVALID results.jsonl line 2: reason: null: null found, string expected"), problems(dir));
    }

    @Test
    void aFlippedByteInRunJsonIsAMismatchNotARefusal() throws IOException {
        Path dir = GoldenBundle.write(tmp.resolve("run"));
        Path run = dir.resolve(BundleFormat.RUN_JSON);
        Files.writeString(run, Files.readString(run).replaceFirst("\\{", "["));

        List<String> p = problems(dir);
        assertEquals("MISMATCH run.json", p.get(0));
        assertTrue(p.get(1).startsWith("INVALID run.json: not JSON ("), p.toString());
    }

    @Test
    void aBundleFromAFutureSchemaVersionIsRefusedByVerifyAsByTheReader() throws IOException {
        Path dir = GoldenBundle.write(tmp.resolve("run"));
        Path run = dir.resolve(BundleFormat.RUN_JSON);
        int next = BundleFormat.SCHEMA_VERSION + 1;
        Files.writeString(run, Files.readString(run).replace("\"schemaVersion\" : " + BundleFormat.SCHEMA_VERSION,
                "\"schemaVersion\" : " + next));
        resum(dir);
        String expected = dir + " was written with bundle schema version " + next + "; this Assay reads versions up to "
                + BundleFormat.SCHEMA_VERSION + ": upgrade Assay to read it";

        assertEquals(expected, assertThrows(BundleException.class, () -> BundleVerifier.verify(dir)).getMessage());
        assertEquals(expected, assertThrows(BundleException.class, () -> BundleReader.read(dir)).getMessage());
    }

    @Test
    void manyInvalidLinesAreCappedWithACount() throws IOException {
        Path dir = tmp.resolve("run");
        try (BundleWriter w = BundleWriter.create(dir, Fixtures.manifest())) {
            for (int i = 0; i < 30; i++) {
                w.append(Fixtures.result("r" + i));
            }
            w.finish(Fixtures.finished());
        }
        Path results = dir.resolve(BundleFormat.RESULTS_JSONL);
        Files.writeString(results, Files.readString(results).replace("\"threads\":2", "\"threads\":\"two\""));
        resum(dir);

        List<String> p = problems(dir);
        assertEquals(BundleVerifier.MAX_INVALID_PER_FILE + 1, p.size(), p.toString());
        assertEquals("INVALID results.jsonl: 10 more schema problem(s)", p.get(p.size() - 1));
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
