package org.assay.harness;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.results.BundleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code assay profile list|show}: the shipped profiles, a file resolved through extends, and the refusals. */
class ProfileCommandTest {

    @TempDir
    Path tmp;

    private static void assertRefused(CliCapture c, String expectedFragment) {
        assertEquals(2, c.exitCode(), c.err());
        String[] lines = c.err().strip().split("\n");
        assertEquals(1, lines.length, "one line expected, got: " + c.err());
        assertTrue(lines[0].contains(expectedFragment), lines[0]);
    }

    private static JsonNode json(CliCapture c) throws Exception {
        assertEquals(0, c.exitCode(), c.err());
        return BundleFormat.mapper().readTree(c.out());
    }

    @Test
    void listShowsEveryShippedProfile() {
        CliCapture c = CliCapture.run("profile", "list");
        assertEquals(0, c.exitCode(), c.err());
        for (String id : List.of("amd-epyc-9654", "intel-xeon-platinum-8480plus", "aws-m7i.2xlarge", "aws-c7a.2xlarge")) {
            assertTrue(c.out().contains(id), c.out());
        }
        assertTrue(c.out().contains("instance-type  intel-xeon-platinum-8488c"), c.out());
    }

    @Test
    void listJsonHasOneEntryPerProfile() throws Exception {
        JsonNode n = json(CliCapture.run("profile", "list", "--json"));
        assertTrue(n.isArray() && n.size() >= 6, n.toString());
        List<String> keys = new ArrayList<>();
        n.get(0).fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("id", "kind", "extendsId", "description", "origin"), keys);
    }

    @Test
    void showResolvesInheritanceAndPrintsTheLimitsWithFormulas() {
        CliCapture c = CliCapture.run("profile", "show", "aws-m7i.2xlarge");
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().contains("inherits from intel-xeon-platinum-8488c"), c.out());
        assertTrue(c.out().contains("spec.cpu.model               Intel Xeon Platinum 8488C"), c.out());
        assertTrue(c.out().contains("fp64-peak-all-core-boost  409.6 GFLOP/s  1 x 4 x 3.2 GHz x (512/64 x 2 x 2)"), c.out());
        assertTrue(c.out().contains("not derived: no base-ghz"), c.out());
    }

    @Test
    void showJsonHasTheResolvedProfileAndItsLimits() throws Exception {
        JsonNode n = json(CliCapture.run("profile", "show", "amd-epyc-9654-2p", "--json"));
        assertEquals("amd-epyc-9654-2p", n.at("/profile/id").asText());
        assertEquals("vendor-spec", n.at("/profile/kind").asText());
        assertEquals(96, n.at("/profile/spec/cpu/coresPerSocket").asInt());
        assertEquals(2, n.at("/profile/spec/cpu/sockets").asInt());
        JsonNode peak = n.get("limits").get(0);
        assertEquals("fp64-peak", peak.get("id").asText());
        assertEquals(7372.8, peak.get("value").asDouble());
        assertEquals("2 x 96 x 2.4 GHz x (256/64 x 2 x 2)", peak.get("formula").asText());
    }

    @Test
    void showAFileThatExtendsAShippedProfile() throws Exception {
        Path file = tmp.resolve("lab-box.yaml");
        Files.writeString(file, """
                id: lab-box
                kind: golden-machine
                extends: intel-xeon-gold-6248
                description: the lab's Xeon Gold 6248, two sockets
                spec:
                  cpu: { sockets: 2 }
                acceptance:
                  rules:
                    - { metric: cpu.dgemm, min: { share-of: fp64-peak, fraction: 0.6 } }
                """);
        CliCapture c = CliCapture.run("profile", "show", file.toString());
        assertEquals(0, c.exitCode(), c.err());
        // 2 x 20 x 2.5 GHz x 32 = 3200; 2 x 6 x 2933 x 8 B = 281.568 GB/s
        assertTrue(c.out().contains("fp64-peak                 3200 GFLOP/s"), c.out());
        assertTrue(c.out().contains("dram-bandwidth            281.568 GB/s"), c.out());
        assertTrue(c.out().contains("cpu.dgemm  min 60% of fp64-peak"), c.out());
    }

    @Test
    void anUnknownIdIsRefusedWithTheNearestOne() {
        assertRefused(CliCapture.run("profile", "show", "amd-epyc-965"),
                "unknown profile 'amd-epyc-965' (did you mean 'amd-epyc-9654'?)");
    }

    @Test
    void aMissingFileIsRefused() {
        assertRefused(CliCapture.run("profile", "show", tmp.resolve("none.yaml").toString()), "no such profile file");
    }

    @Test
    void malformedYamlIsRefusedAtItsLineAndColumn() throws Exception {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, "id: bad\nkind: vendor-spec\nspec: { cpu: [1, 2\n");
        assertRefused(CliCapture.run("profile", "show", file.toString()), file + ":4:1: YAML: ");
    }

    @Test
    void aSchemaErrorIsRefusedAtItsLineAndColumn() throws Exception {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, "id: bad\nkind: vendor-spec\nspec:\n  cpu:\n    sockets: -1\n");
        assertRefused(CliCapture.run("profile", "show", file.toString()), file + ":5:14: spec.cpu.sockets = -1");
    }

    @Test
    void anUnknownMetricIsRefusedWithTheNearestRegisteredOne() throws Exception {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, """
                id: bad
                kind: golden-machine
                expected:
                  - { metric: cpu.dgem, value: 1, unit: GFLOP/s }
                """);
        assertRefused(CliCapture.run("profile", "show", file.toString()),
                file + ":4:15: unknown metric 'cpu.dgem' (did you mean 'cpu.dgemm'?)");
    }

    @Test
    void anExpectedResultInAnotherUnitThanTheWorkloadsIsRefused() throws Exception {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, """
                id: bad
                kind: golden-machine
                expected:
                  - { metric: cpu.dgemm, value: 1, unit: GB/s }
                """);
        assertRefused(CliCapture.run("profile", "show", file.toString()),
                file + ":4:42: unit 'GB/s' but cpu.dgemm is measured in GFLOP/s");
    }

    @Test
    void profileWithoutASubcommandIsRefused() {
        assertRefused(CliCapture.run("profile"), "missing subcommand; expected list, show or create");
    }
}
