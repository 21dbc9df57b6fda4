package org.assay.results;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The builders and the status enums are a way of writing the same records, not a new format: a
 * built record serialises exactly as the positional one did, and the enums read and write the
 * words run.json has always held.
 */
class RecordBuildersTest {

    @TempDir
    Path tmp;

    @Test
    void builtResultSerialisesExactlyAsThePositionalOne() throws IOException {
        InvocationResult built = Fixtures.result("memory.bandwidth.triad[threads=2]");
        InvocationResult positional = new InvocationResult("memory.bandwidth.triad[threads=2]",
                "memory.bandwidth.triad", 2, "memory.bandwidth.triad", Fixtures.params(), 2, List.of(0, 2),
                List.of(0, 3), "GB/s", true, 18.25, 0.5, List.of(17.75, 18.75),
                List.of(18.0, 18.5, 18.25, 18.1, 18.4), Status.ok, null, built.secondary(),
                "2026-11-22T10:15:03Z", "2026-11-22T10:15:21.5Z", Fixtures.settings(), null, null, built.placement());

        assertEquals(positional, built);
        assertEquals(json(positional), json(built));
    }

    @Test
    void unsetBuilderFieldsAreEmptyCollectionsAndNullsAsThePositionalCallsPassedThem() throws IOException {
        InvocationResult built = InvocationResult.builder().invocationId("x").status(Status.skipped)
                .reason("not supported here").build();
        InvocationResult positional = new InvocationResult("x", null, 0, null, Map.of(), 0, List.of(), List.of(),
                null, false, null, null, null, List.of(), Status.skipped, "not supported here", Map.of(), null,
                null, Map.of(), null, null, List.of());

        assertEquals(json(positional), json(built));
        assertEquals("{\"invocationId\":\"x\",\"workload\":null,\"definitionVersion\":0,\"metric\":null,"
                + "\"params\":{},\"threads\":0,\"requestedCpus\":[],\"cpus\":[],\"unit\":null,"
                + "\"higherIsBetter\":false,\"score\":null,\"scoreError\":null,\"ci\":null,\"samples\":[],"
                + "\"status\":\"skipped\",\"reason\":\"not supported here\",\"secondary\":{},\"start\":null,"
                + "\"end\":null,\"settings\":{},\"placement\":[]}", json(built));
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        InvocationResult r = Fixtures.result("x");

        assertEquals(r, r.toBuilder().build());
        InvocationResult moved = r.toBuilder().cpus(List.of(5, 7)).build();
        assertEquals(List.of(5, 7), moved.cpus());
        assertEquals(r, moved.toBuilder().cpus(r.cpus()).build());
    }

    @Test
    void intervalAndDisturbedAreWrittenWhenSetAndReadBack() throws IOException {
        InvocationResult r = Fixtures.result("x").toBuilder()
                .interval(Map.of("method", "within-fork", "forks", 1))
                .disturbed(Map.of("count", 0)).build();
        String line = json(r);
        assertTrue(line.contains("\"interval\":{"), line);
        InvocationResult back = BundleFormat.bundleMapper().readValue(line, InvocationResult.class);
        assertEquals("within-fork", back.interval().get("method"));
        assertEquals(0, back.disturbed().get("count"));
        assertEquals(r, r.toBuilder().build());
        // unset, they are not written at all: a result without them reads as before
        assertTrue(!json(Fixtures.result("x")).contains("interval"));
    }

    @Test
    void builderAppliesTheRecordsChecks() {
        InvocationResult.Builder noReason = InvocationResult.builder().invocationId("x").status(Status.failed);
        assertEquals("x is failed but gives no reason",
                assertThrows(IllegalArgumentException.class, noReason::build).getMessage());

        InvocationResult.Builder badCi = Fixtures.result("y").toBuilder().ci(List.of(1.0));
        assertThrows(IllegalArgumentException.class, badCi::build);

        InvocationResult nan = Fixtures.result("z").toBuilder().score(Double.NaN).build();
        assertNull(nan.score(), "NaN is stored as null whichever way the record is made");
    }

    @Test
    void builtManifestSerialisesExactlyAsThePositionalOne() throws IOException {
        RunManifest built = Fixtures.finished();
        RunManifest positional = new RunManifest(BundleFormat.SCHEMA_VERSION, "0.1.0",
                "528cccf0123456789abcdef0123456789abcdef0", Boolean.FALSE,
                List.of("assay", "run", "--suite", "quick", "--cpus", "0,2"), "/home/perf", "bench-01", "quick",
                "2026-11-22T10:15:03Z", "2026-11-22T10:20:00Z", RunStatus.complete, null, Termination.normal,
                built.inventory(), built.environment(), built.probes(), built.plan(), null);

        assertEquals(positional, built);
        assertEquals(BundleFormat.runJsonWriter().writeValueAsString(positional),
                BundleFormat.runJsonWriter().writeValueAsString(built));
    }

    @Test
    void newManifestIsRunningAtTheCurrentSchemaWithEmptyLists() throws IOException {
        RunManifest m = RunManifest.builder().host("h").build();

        assertEquals(BundleFormat.SCHEMA_VERSION, m.schemaVersion());
        assertEquals(RunStatus.running, m.status());
        JsonNode json = BundleFormat.mapper().readTree(BundleFormat.mapper().writeValueAsString(m));
        assertEquals("running", json.get("status").textValue());
        assertTrue(json.get("termination").isNull(), "no termination while running, written as null");
        assertTrue(json.get("end").isNull());
        assertEquals(0, json.get("plan").size());
        assertEquals(0, json.get("command").size());
    }

    @Test
    void runStatusAndTerminationAreWrittenAsTheirLowerCaseWords() throws IOException {
        // The words of run.json since schema 1; an enum constant renamed would change every bundle.
        assertEquals(List.of("running", "complete", "partial", "failed"),
                Arrays.stream(RunStatus.values()).map(RunStatus::toString).toList());
        assertEquals(List.of("normal", "interrupted", "error"),
                Arrays.stream(Termination.values()).map(Termination::toString).toList());
        for (RunStatus s : RunStatus.values()) {
            for (Termination t : Termination.values()) {
                RunManifest m = Fixtures.manifest().withEnd("e", s, "why", t);
                JsonNode json = BundleFormat.mapper().readTree(BundleFormat.runJsonWriter().writeValueAsString(m));
                assertEquals(s.toString(), json.get("status").textValue());
                assertEquals(t.toString(), json.get("termination").textValue());
            }
        }
    }

    @Test
    void readerReadsEveryStatusAndTerminationBack() throws IOException {
        for (RunStatus s : RunStatus.values()) {
            for (Termination t : Termination.values()) {
                Path dir = tmp.resolve(s + "-" + t);
                RunManifest m = Fixtures.manifest().withEnd("e", s, "why", t);
                try (BundleWriter w = BundleWriter.create(dir, Fixtures.manifest())) {
                    w.finish(m);
                }
                assertEquals(m, BundleReader.readManifest(dir));
            }
        }
    }

    @Test
    void keptBundleReadsIntoTheEnums() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/bundles/v1/run.json").toURI()).getParent();

        Bundle b = BundleReader.read(dir);

        assertEquals(RunStatus.partial, b.manifest().status());
        assertEquals(Termination.normal, b.manifest().termination());
        assertEquals(List.of(Status.ok, Status.failed, Status.skipped),
                b.results().stream().map(InvocationResult::status).toList());
    }

    @Test
    void unknownRunStatusIsRefusedNotGuessed() throws IOException {
        Path dir = tmp.resolve("run");
        try (BundleWriter w = BundleWriter.create(dir, Fixtures.manifest())) {
            w.finish(Fixtures.finished());
        }
        Path runJson = dir.resolve(BundleFormat.RUN_JSON);
        Files.writeString(runJson, Files.readString(runJson).replace("\"complete\"", "\"Complete\""));

        BundleException e = assertThrows(BundleException.class, () -> BundleReader.readManifest(dir));

        assertTrue(e.getMessage().startsWith(runJson + " is not a valid run manifest: "), e.getMessage());
        assertTrue(e.getMessage().contains("Complete"), e.getMessage());
    }

    private static String json(InvocationResult r) throws IOException {
        return BundleFormat.mapper().writeValueAsString(r);
    }
}
