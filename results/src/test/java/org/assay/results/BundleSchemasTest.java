package org.assay.results;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schemas describe the records they are written from: each object in them has exactly the
 * record's components as properties (so a field added to a record without its schema fails
 * here), and the writer's own output conforms.
 */
class BundleSchemasTest {

    @TempDir
    Path tmp;

    private static JsonNode schema(String name) throws IOException {
        try (InputStream in = BundleSchemas.open(BundleFormat.SCHEMA_VERSION, name)) {
            assertNotNull(in, name);
            return BundleFormat.mapper().readTree(in);
        }
    }

    private static Set<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> properties(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.get("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> required(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.get("required").forEach(n -> names.add(n.asText()));
        return names;
    }

    @Test
    void runSchemaHasEveryComponentOfTheManifestAndItsParts() throws IOException {
        JsonNode run = schema(BundleSchemas.RUN);
        assertEquals(components(RunManifest.class), properties(run));
        // importedFrom is written only by assay import (absent, not null, in a measured run's run.json)
        Set<String> written = new TreeSet<>(components(RunManifest.class));
        written.remove("importedFrom");
        assertEquals(written, required(run), "every other field is written, null when unknown");
        JsonNode p = run.get("properties");
        assertEquals(components(EnvironmentCheck.class), properties(p.get("environment").get("items")));
        assertEquals(components(ProbeStatus.class), properties(p.get("probes").get("items")));
        assertEquals(components(PlannedInvocation.class), properties(p.get("plan").get("items")));
        assertEquals(Arrays.stream(RunStatus.values()).map(Enum::name).toList(),
                BundleFormat.mapper().convertValue(p.get("status").get("enum"), List.class));
    }

    @Test
    void resultSchemaHasEveryComponentOfTheResultAndItsParts() throws IOException {
        JsonNode result = schema(BundleSchemas.RESULT);
        assertEquals(components(InvocationResult.class), properties(result));
        Set<String> alwaysWritten = components(InvocationResult.class);
        alwaysWritten.removeAll(Set.of("interval", "disturbed"));   // @JsonInclude(NON_NULL)
        assertEquals(alwaysWritten, required(result));
        JsonNode p = result.get("properties");
        assertEquals(components(SecondaryMetric.class), properties(p.get("secondary").get("additionalProperties")));
        assertEquals(components(WorkerPlacement.class), properties(p.get("placement").get("items")));
        assertEquals(Arrays.stream(Status.values()).map(Enum::name).toList(),
                BundleFormat.mapper().convertValue(p.get("status").get("enum"), List.class));
        assertEquals(List.of(WorkerPlacement.AS_PLANNED, WorkerPlacement.MISPLACED, WorkerPlacement.UNKNOWN),
                BundleFormat.mapper().convertValue(p.get("placement").get("items").get("properties").get("verdict")
                        .get("enum"), List.class));
    }

    @Test
    void theWritersOutputConformsIncludingRunningAndFailedAndSkippedResults() throws IOException {
        Path dir = GoldenBundle.write(tmp.resolve("run"));
        assertEquals(List.of(), BundleSchemas.checkRun(BundleFormat.mapper().readTree(
                dir.resolve(BundleFormat.RUN_JSON).toFile()), BundleFormat.SCHEMA_VERSION));
        for (String line : Files.readAllLines(dir.resolve(BundleFormat.RESULTS_JSONL))) {
            assertEquals(List.of(), BundleSchemas.checkResult(BundleFormat.mapper().readTree(line),
                    BundleFormat.SCHEMA_VERSION), line);
        }
        // a run.json of a run still going: no end, no termination
        JsonNode running = BundleFormat.mapper().valueToTree(Fixtures.manifest());
        assertEquals(List.of(), BundleSchemas.checkRun(running, BundleFormat.SCHEMA_VERSION));
    }

    @Test
    void aFinishedRunWithoutAnEndIsInvalid() {
        JsonNode finished = BundleFormat.mapper().valueToTree(Fixtures.manifest().withStatus(RunStatus.complete, null));
        List<String> problems = BundleSchemas.checkRun(finished, BundleFormat.SCHEMA_VERSION);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("end: null: "), problems.get(0));
    }

    @Test
    void everySchemaVersionUpToTheCurrentShipsBothSchemas() throws IOException {
        for (int v = 1; v <= BundleFormat.SCHEMA_VERSION; v++) {
            for (String name : List.of(BundleSchemas.RUN, BundleSchemas.RESULT)) {
                try (InputStream in = BundleSchemas.open(v, name)) {
                    assertNotNull(in, BundleSchemas.resource(v, name));
                }
            }
        }
    }
}
