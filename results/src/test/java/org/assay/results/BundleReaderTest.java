package org.assay.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundleReaderTest {

    @TempDir
    Path tmp;

    @Test
    void readerSkipsTruncatedLastLine() throws IOException {
        Path dir = bundleWith("a", "b");
        String partial = BundleFormat.mapper().writeValueAsString(Fixtures.result("c"));
        // Cut inside "°C" so the tail is not even valid UTF-8, as a real cut can be.
        byte[] bytes = partial.getBytes(StandardCharsets.UTF_8);
        int cut = partial.indexOf("°C") + 1;
        Files.write(dir.resolve(BundleFormat.RESULTS_JSONL), Arrays.copyOf(bytes, cut), StandardOpenOption.APPEND);

        Bundle bundle = BundleReader.read(dir);

        assertEquals(List.of("a", "b"), bundle.results().stream().map(InvocationResult::invocationId).toList());
        assertEquals(1, bundle.warnings().size());
        assertTrue(bundle.warnings().get(0).startsWith("results.jsonl line 3 is truncated"), bundle.warnings().get(0));
        assertEquals(2, BundleReader.readResults(dir).size());
    }

    @Test
    void aResultWrittenBeforePlacementWasRecordedReadsWithPlacementUnknown() throws IOException {
        Path dir = bundleWith("a");
        Path results = dir.resolve(BundleFormat.RESULTS_JSONL);
        String line = Files.readString(results);
        Files.writeString(results, line.substring(0, line.indexOf(",\"placement\":")) + "}\n");

        InvocationResult r = BundleReader.read(dir).results().get(0);

        assertEquals(null, r.placement());
        assertEquals(false, r.misplaced());
        assertEquals(List.of(0, 3), r.cpus());
    }

    @Test
    void placementRoundTripsWithTheMisplacedWorkerMarked() throws IOException {
        InvocationResult r = BundleReader.read(bundleWith("a")).results().get(0);

        assertEquals(2, r.placement().size());
        assertTrue(r.misplaced());
        WorkerPlacement w = r.placement().get(1);
        assertEquals(WorkerPlacement.MISPLACED, w.verdict());
        assertEquals(List.of(2, 3), w.measuredCpus());
        assertEquals("2,10", w.coreCpus());
    }

    @Test
    void readerRefusesACorruptLineThatIsNotTheLast() throws IOException {
        Path dir = bundleWith("a");
        Path results = dir.resolve(BundleFormat.RESULTS_JSONL);
        Files.writeString(results, "{\"invocationId\":\n" + Files.readString(results));

        BundleException e = assertThrows(BundleException.class, () -> BundleReader.read(dir));

        assertTrue(e.getMessage().startsWith(results + " line 1 is not a valid result: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line for the user");
    }

    @Test
    void readerRejectsNewerSchema() throws IOException {
        Path dir = bundleWith("a");
        Path runJson = dir.resolve(BundleFormat.RUN_JSON);
        Files.writeString(runJson, Files.readString(runJson).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"));

        BundleException e = assertThrows(BundleException.class, () -> BundleReader.read(dir));

        assertEquals(dir + " was written with bundle schema version 2; this Assay reads versions up to 1:"
                + " upgrade Assay to read it", e.getMessage());
    }

    @Test
    void readerOnNonBundleSaysSo() throws IOException {
        BundleException e = assertThrows(BundleException.class, () -> BundleReader.read(tmp));
        assertEquals(tmp + " is not an Assay bundle: no run.json", e.getMessage());

        Path file = Files.writeString(tmp.resolve("results.jsonl"), "");
        e = assertThrows(BundleException.class, () -> BundleReader.read(file));
        assertEquals(file + " is not an Assay bundle: not a directory", e.getMessage());
    }

    @Test
    void readerRefusesRunJsonWithoutSchemaVersion() throws IOException {
        Files.writeString(tmp.resolve(BundleFormat.RUN_JSON), "{\"benchmark\": \"jmh\"}");

        BundleException e = assertThrows(BundleException.class, () -> BundleReader.read(tmp));

        assertEquals(tmp.resolve("run.json") + " has no schemaVersion: not an Assay bundle", e.getMessage());
    }

    @Test
    void readerAcceptsEverySchemaVersion() throws IOException, URISyntaxException {
        // Two kept bundles per released schema version: v<N>, written by that version's writer from
        // fixed values, and v<N>-run, a small real run of that version (an inventory, probes and
        // JMH output as a machine gave them). Add both for v2 when it ships (HdrHistogram keeps
        // its V0-V2 logs the same way).
        for (int v = 1; v <= BundleFormat.SCHEMA_VERSION; v++) {
            for (String kept : List.of("v" + v, "v" + v + "-run")) {
                var runJson = getClass().getResource("/bundles/" + kept + "/run.json");
                assertTrue(runJson != null, "no kept bundle " + kept + " under src/test/resources/bundles");
                Path dir = Path.of(runJson.toURI()).getParent();

                Bundle bundle = BundleReader.read(dir);

                assertEquals(v, bundle.manifest().schemaVersion(), kept);
                assertTrue(bundle.warnings().isEmpty(), kept + ": " + bundle.warnings());
                assertFalse(bundle.results().isEmpty(), kept + " has results");
                VerificationReport report = BundleVerifier.verify(dir);
                assertTrue(report.ok(), kept + ": " + report.problems());
            }
        }
    }

    @Test
    void writerOutputMatchesTheKeptV1Bundle() throws IOException, URISyntaxException {
        // If this fails, the on-disk format changed: either undo the change or bump
        // SCHEMA_VERSION, keep the old bundle and add the new one (docs/result-format.md).
        Path golden = Path.of(getClass().getResource("/bundles/v1/run.json").toURI()).getParent();
        Path dir = GoldenBundle.write(tmp.resolve("run"));

        for (String name : List.of(BundleFormat.RUN_JSON, BundleFormat.RESULTS_JSONL, BundleFormat.PROBES_CSV,
                BundleFormat.JMH_JSON, BundleFormat.SHA256SUMS)) {
            assertEquals(Files.readString(golden.resolve(name)), Files.readString(dir.resolve(name)), name);
        }
    }

    private Path bundleWith(String... ids) throws IOException {
        Path dir = tmp.resolve("run");
        try (BundleWriter w = BundleWriter.create(dir, Fixtures.manifest())) {
            for (String id : ids) {
                w.append(Fixtures.result(id));
            }
        }
        return dir;
    }
}
