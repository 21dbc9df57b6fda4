package org.assay.results;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundleRoundTripTest {

    @TempDir
    Path tmp;

    @Test
    void roundTripPreservesEveryStableField() throws IOException {
        Path dir = tmp.resolve("run");
        InvocationResult written = Fixtures.result("memory.bandwidth.triad[threads=2]");
        try (BundleWriter w = BundleWriter.create(dir, Fixtures.manifest())) {
            w.append(written);
            w.finish(Fixtures.finished());
        }

        Bundle bundle = BundleReader.read(dir);

        assertEquals(List.of(written), bundle.results(), "every field, not only the stable ones");
        InvocationResult read = bundle.results().get(0);
        assertEquals("memory.bandwidth.triad", read.metric());
        assertEquals(Fixtures.params(), read.params());
        assertEquals(List.copyOf(Fixtures.params().keySet()), List.copyOf(read.params().keySet()), "params order");
        assertEquals(2, read.threads());
        assertEquals(List.of(0, 3), read.cpus());
        assertEquals("GB/s", read.unit());
        assertTrue(read.higherIsBetter());
        assertEquals(18.25, read.score());
        assertEquals(0.5, read.scoreError());
        assertEquals(List.of(17.75, 18.75), read.ci());
        assertEquals(List.of(18.0, 18.5, 18.25, 18.1, 18.4), read.samples());
        assertEquals(Status.ok, read.status());
        assertNull(read.reason());
        assertEquals(new SecondaryMetric(71.0, "°C"), read.secondary().get("temperature.max"));
        assertEquals(Fixtures.finished(), bundle.manifest());
        assertTrue(bundle.warnings().isEmpty(), bundle.warnings().toString());
    }

    @Test
    void stableFieldsHaveTheirDocumentedNamesAndTypes() throws IOException {
        JsonNode line = BundleFormat.mapper().readTree(
                BundleFormat.mapper().writeValueAsString(Fixtures.result("x")));

        for (String field : List.of("metric", "params", "threads", "cpus", "unit", "higherIsBetter", "score",
                "scoreError", "ci", "samples", "status", "reason", "secondary")) {
            assertTrue(line.has(field), field);
        }
        assertTrue(line.get("params").get("workingSetBytes").isIntegralNumber(), "numbers stay numbers");
        assertEquals("ok", line.get("status").asText(), "status is lower-case");
        assertTrue(line.get("reason").isNull(), "nulls are written, not omitted");
        assertEquals("J/op", line.get("secondary").get("energy.package").get("unit").asText());
    }

    @Test
    void nanScoreIsWrittenAsNull() throws IOException {
        Path dir = tmp.resolve("run");
        InvocationResult r = InvocationResult.builder().invocationId("x").workload("cpu.dgemm").definitionVersion(1)
                .metric("cpu.dgemm").threads(1).requestedCpus(List.of(0)).unit("GFLOP/s").higherIsBetter(true)
                .score(Double.NaN).scoreError(Double.NaN).ci(Arrays.asList(Double.NaN, Double.NaN))
                .samples(Arrays.asList(1.0, Double.NaN, Double.POSITIVE_INFINITY)).status(Status.ok)
                .secondary(Map.of("ipc", new SecondaryMetric(Double.NaN, "insn/cycle"))).start("a").end("b")
                .build();
        try (BundleWriter w = BundleWriter.create(dir, Fixtures.manifest())) {
            w.append(r);
        }

        String text = Files.readString(dir.resolve(BundleFormat.RESULTS_JSONL));
        assertFalse(text.contains("NaN"), text);
        assertFalse(text.contains("Infinity"), text);
        assertTrue(text.contains("\"score\":null"), text);
        assertTrue(text.contains("\"scoreError\":null"), text);
        assertTrue(text.contains("\"ci\":[null,null]"), text);
        assertTrue(text.contains("\"samples\":[1.0,null,null]"), text);
        assertTrue(text.contains("{\"score\":null,\"unit\":\"insn/cycle\"}"), text);
        assertNull(BundleReader.readResults(dir).get(0).score());
    }

    @Test
    void resultsHoldOneCompactLinePerInvocationAndRunJsonIsPretty() throws IOException {
        Path dir = tmp.resolve("run");
        InvocationResult multiLineReason = Fixtures.result("b").asFailed("fork died:\nexit 137");
        try (BundleWriter w = BundleWriter.create(dir, Fixtures.manifest())) {
            w.append(Fixtures.result("a"));
            w.append(multiLineReason);
        }

        List<String> lines = Files.readAllLines(dir.resolve(BundleFormat.RESULTS_JSONL), StandardCharsets.UTF_8);
        assertEquals(2, lines.size(), "a line break inside a string must be escaped");
        assertTrue(lines.get(0).startsWith("{\"invocationId\":\"a\",\"workload\":"),
                "fields in declaration order: " + lines.get(0));
        assertEquals("fork died:\nexit 137", BundleReader.readResults(dir).get(1).reason());
        String runJson = Files.readString(dir.resolve(BundleFormat.RUN_JSON));
        assertTrue(runJson.startsWith("{\n  \"schemaVersion\" : 1,\n"), runJson);
        assertFalse(runJson.contains("\r"), "line ends must not depend on the platform");
    }

    @Test
    void readerIgnoresFieldsAddedByLaterMinorChanges() throws IOException {
        String line = BundleFormat.mapper().writeValueAsString(Fixtures.result("x"))
                .replaceFirst("\\{", "{\"addedLater\":{\"a\":1},");

        InvocationResult r = BundleFormat.mapper().readValue(line, InvocationResult.class);

        assertEquals(Fixtures.result("x"), r);
    }

    @Test
    void failedInvocationWithoutReasonIsRefused() {
        PlannedInvocation p = Fixtures.planned("x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InvocationResult.failed(p, 1, "GB/s", true, " ", "a", "b", Map.of()));
        assertEquals("x is failed but gives no reason", e.getMessage());
    }

    @Test
    void asFailedDropsTheScoreButKeepsTheSamples() {
        InvocationResult failed = Fixtures.result("x").asFailed("triad verification: expected 3.0 but got 2.5");

        assertEquals(Status.failed, failed.status());
        assertNull(failed.score());
        assertNull(failed.scoreError());
        assertNull(failed.ci());
        assertEquals(Fixtures.result("x").samples(), failed.samples());
    }
}
