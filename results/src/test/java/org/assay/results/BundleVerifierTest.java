package org.assay.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BundleVerifierTest {

    @TempDir
    Path tmp;

    @Test
    void finishedBundleVerifies() throws IOException {
        Path dir = GoldenBundle.write(tmp.resolve("run"));

        VerificationReport report = BundleVerifier.verify(dir);

        assertTrue(report.ok(), report.problems().toString());
        assertEquals(dir, report.dir());
    }

    @Test
    void sha256sumsListsEveryFileSortedAndLast() throws IOException {
        Path dir = GoldenBundle.write(tmp.resolve("run"));

        List<String> paths = Files.readAllLines(dir.resolve(BundleFormat.SHA256SUMS)).stream()
                .map(l -> l.substring(66)).toList();

        assertEquals(List.of("histograms/memory.latency.chase_ws_32KiB_.hlog", "jmh.json", "probes.csv",
                "results.jsonl", "run.json"), paths);
    }

    @Test
    void verifyNamesFlippedByteFile() throws IOException {
        Path dir = GoldenBundle.write(tmp.resolve("run"));
        Path results = dir.resolve(BundleFormat.RESULTS_JSONL);
        byte[] bytes = Files.readAllBytes(results);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(results, bytes);

        assertEquals(List.of("MISMATCH results.jsonl"), BundleVerifier.verify(dir).problems());
    }

    @Test
    void verifyNamesMissingFile() throws IOException {
        Path dir = GoldenBundle.write(tmp.resolve("run"));
        Files.delete(dir.resolve("histograms/memory.latency.chase_ws_32KiB_.hlog"));

        assertEquals(List.of("MISSING histograms/memory.latency.chase_ws_32KiB_.hlog"),
                BundleVerifier.verify(dir).problems());
    }

    @Test
    void verifyNamesUnlistedFile() throws IOException {
        Path dir = GoldenBundle.write(tmp.resolve("run"));
        Files.writeString(dir.resolve("extra.txt"), "added after the run");
        Files.writeString(dir.resolve("histograms/late.hlog"), "");

        assertEquals(List.of("UNLISTED extra.txt", "UNLISTED histograms/late.hlog"),
                BundleVerifier.verify(dir).problems());
    }

    @Test
    void verifyReportsEveryProblemNotOnlyTheFirst() throws IOException {
        Path dir = GoldenBundle.write(tmp.resolve("run"));
        Files.writeString(dir.resolve(BundleFormat.PROBES_CSV), "edited");
        Files.delete(dir.resolve(BundleFormat.JMH_JSON));
        Files.writeString(dir.resolve("extra.txt"), "");

        assertEquals(List.of("MISSING jmh.json", "MISMATCH probes.csv", "UNLISTED extra.txt"),
                BundleVerifier.verify(dir).problems());
    }

    @Test
    void verifyOnUnfinishedBundleSaysNotFinished() throws IOException {
        Path dir = tmp.resolve("run");
        try (BundleWriter w = BundleWriter.create(dir, Fixtures.manifest())) {
            w.append(Fixtures.result("a"));
        }

        VerificationReport report = BundleVerifier.verify(dir);

        assertFalse(report.ok());
        assertEquals(List.of("MISSING SHA256SUMS (bundle not finished)"), report.problems());
    }

    @Test
    void verifyOnNonBundleSaysSo() throws IOException {
        BundleException e = assertThrows(BundleException.class, () -> BundleVerifier.verify(tmp));
        assertEquals(tmp + " is not an Assay bundle: no run.json", e.getMessage());

        Path missing = tmp.resolve("nowhere");
        e = assertThrows(BundleException.class, () -> BundleVerifier.verify(missing));
        assertEquals(missing + " is not an Assay bundle: not a directory", e.getMessage());
    }

    @Test
    void verifyRefusesPathsThatLeaveTheBundle() throws IOException {
        Path dir = GoldenBundle.write(tmp.resolve("run"));
        String sums = Files.readString(dir.resolve(BundleFormat.SHA256SUMS));
        Files.writeString(dir.resolve(BundleFormat.SHA256SUMS),
                sums + "0".repeat(64) + "  ../outside.txt\nnot a sum line\n");

        assertEquals(List.of("MALFORMED SHA256SUMS line 6: ../outside.txt is outside the bundle",
                "MALFORMED SHA256SUMS line 7"), BundleVerifier.verify(dir).problems());
    }

    @Test
    void sha256sumsMatchesCoreutilsFormat() throws Exception {
        Path dir = GoldenBundle.write(tmp.resolve("run"));
        String line = Files.readAllLines(dir.resolve(BundleFormat.SHA256SUMS)).get(0);
        assertTrue(line.matches("[0-9a-f]{64}  [^ ].*"), line);

        assumeTrue(onPath("sha256sum"), "sha256sum is not on PATH");
        Process p = new ProcessBuilder("sha256sum", "-c", "--strict", BundleFormat.SHA256SUMS)
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "sha256sum did not finish");
        assertEquals(0, p.exitValue(), output);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
