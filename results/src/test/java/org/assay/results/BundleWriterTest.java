package org.assay.results;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BundleWriterTest {

    @TempDir
    Path tmp;

    @Test
    void createMakesParentsAndWritesRunJsonAtOnce() throws IOException {
        Path dir = tmp.resolve("runs/2026-11-22T10-15-03Z_bench-01_quick");

        try (BundleWriter w = BundleWriter.create(dir, Fixtures.manifest())) {
            assertEquals(Fixtures.manifest(), BundleReader.readManifest(dir));
            assertEquals(0, Files.size(dir.resolve(BundleFormat.RESULTS_JSONL)));
            assertEquals(dir, w.dir());
        }
    }

    @Test
    void createRefusesNonEmptyDirectory() throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "earlier run");

        BundleException e = assertThrows(BundleException.class, () -> BundleWriter.create(tmp, Fixtures.manifest()));

        assertEquals(tmp + " is not empty: refusing to write a bundle into it; choose a new directory", e.getMessage());
        assertEquals("earlier run", Files.readString(tmp.resolve("notes.txt")), "nothing touched");
    }

    @Test
    void createAcceptsAnEmptyExistingDirectory() throws IOException {
        try (BundleWriter w = BundleWriter.create(tmp, Fixtures.manifest())) {
            assertTrue(Files.exists(w.dir().resolve(BundleFormat.RUN_JSON)));
        }
    }

    @Test
    void createRefusesAFileInPlaceOfTheDirectory() throws IOException {
        Path file = Files.writeString(tmp.resolve("run"), "x");

        BundleException e = assertThrows(BundleException.class, () -> BundleWriter.create(file, Fixtures.manifest()));

        assertEquals("cannot write to " + file + ": it exists and is not a directory", e.getMessage());
    }

    @Test
    void createRefusesUnwritableParentWithOneLineReason() throws IOException {
        assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path parent = Files.createDirectory(tmp.resolve("locked"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(parent), "running as root: permissions are not enforced");
            Path dir = parent.resolve("run");

            BundleException e = assertThrows(BundleException.class,
                    () -> BundleWriter.create(dir, Fixtures.manifest()));

            assertTrue(e.getMessage().startsWith("cannot write to "), e.getMessage());
            assertTrue(e.getMessage().endsWith(": permission denied"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void appendLeavesNoTemporaryFileBehind() throws IOException {
        Path dir = tmp.resolve("run");
        try (BundleWriter w = BundleWriter.create(dir, Fixtures.manifest())) {
            w.append(Fixtures.result("a"));
            w.appendJmhEntries(BundleFormat.mapper().readTree("[{\"benchmark\":\"a\"}]"));
            w.updateManifest(Fixtures.manifest().withStatus(RunStatus.running, null));
        }

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("jmh.json", "results.jsonl", "run.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void appendRefusesDuplicateInvocationId() throws IOException {
        Path dir = tmp.resolve("run");
        try (BundleWriter w = BundleWriter.create(dir, Fixtures.manifest())) {
            w.append(Fixtures.result("a"));

            assertThrows(IllegalArgumentException.class, () -> w.append(Fixtures.result("a")));
        }
        assertEquals(1, BundleReader.readResults(dir).size());
    }

    @Test
    void closeWithoutFinishLeavesAValidUnfinishedBundle() throws IOException {
        Path dir = tmp.resolve("run");
        BundleWriter w = BundleWriter.create(dir, Fixtures.manifest());
        w.append(Fixtures.result("a"));
        w.append(Fixtures.result("b"));
        w.close();
        w.close();

        assertFalse(Files.exists(dir.resolve(BundleFormat.SHA256SUMS)));
        assertEquals(2, BundleReader.readResults(dir).size());
        assertEquals(RunStatus.running, BundleReader.readManifest(dir).status());
        assertThrows(IllegalStateException.class, () -> w.append(Fixtures.result("c")));
    }

    @Test
    void finishClosesTheWriter() throws IOException {
        BundleWriter w = BundleWriter.create(tmp.resolve("run"), Fixtures.manifest());
        w.finish(Fixtures.finished());
        w.close();

        assertThrows(IllegalStateException.class, () -> w.updateManifest(Fixtures.finished()));
        assertEquals(Fixtures.finished(), w.manifest());
    }

    @Test
    void jmhJsonHoldsOneArrayOfEveryInvocationsEntries() throws IOException {
        Path dir = tmp.resolve("run");
        try (BundleWriter w = BundleWriter.create(dir, Fixtures.manifest())) {
            w.appendJmhEntries(BundleFormat.mapper().readTree("[{\"benchmark\":\"a\"},{\"benchmark\":\"b\"}]"));
            w.appendJmhEntries(BundleFormat.mapper().readTree("[{\"benchmark\":\"c\",\"scoreError\":\"NaN\"}]"));
        }

        JsonNode jmh = BundleFormat.mapper().readTree(dir.resolve(BundleFormat.JMH_JSON).toFile());
        assertEquals(3, jmh.size());
        assertEquals("c", jmh.get(2).get("benchmark").asText());
        assertEquals("NaN", jmh.get(2).get("scoreError").asText(), "JMH's own JSON is kept as JMH wrote it");
    }

    @Test
    void histogramPathIsSanitizedAndInsideTheBundle() throws IOException {
        Path dir = tmp.resolve("run");
        try (BundleWriter w = BundleWriter.create(dir, Fixtures.manifest())) {
            Path p = w.histogramPath("memory.latency.chase[ws=1 GiB]/../x");

            assertEquals(dir.resolve("histograms/memory.latency.chase_ws_1_GiB__.._x.hlog"), p);
            assertTrue(Files.isDirectory(p.getParent()));
            assertEquals(dir.resolve("histograms/_hidden.hlog"), w.histogramPath(".hidden"));
            assertEquals(dir.resolve("histograms/net.rr.hlog"), w.histogramPath("net.rr.hlog"));
            assertEquals(p, w.histogramPath("memory.latency.chase[ws=1 GiB]/../x"), "same name, same file");
        }
    }

    @Test
    void histogramNamesThatBecomeTheSameFileAreRefused() throws IOException {
        try (BundleWriter w = BundleWriter.create(tmp.resolve("run"), Fixtures.manifest())) {
            w.histogramPath("chase[a]");

            assertThrows(IllegalArgumentException.class, () -> w.histogramPath("chase(a)"));
        }
    }
}
