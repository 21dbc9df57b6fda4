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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code assay profile create}, {@code score} and {@code accept} on hand-made bundles: exit codes, output files, refusals. */
class AcceptCliTest {

    @TempDir
    Path tmp;

    private Path run(String name, double dgemm, double chase) throws Exception {
        return JudgeBundles.write(tmp.resolve(name), JudgeBundles.results(dgemm, chase));
    }

    private Path golden() throws Exception {
        Path a = run("g1", 44, 2.0);
        Path b = run("g2", 46, 2.0);
        Path out = tmp.resolve("golden.yaml");
        CliCapture c = CliCapture.run("profile", "create", "--from", a.toString(), "--from", b.toString(),
                "--id", "lab-golden", "--out", out.toString());
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().contains("profile lab-golden from 2 run(s), 3 expected results"), c.out());
        return out;
    }

    private static void assertRefused(CliCapture c, String fragment) {
        assertEquals(2, c.exitCode(), c.out() + c.err());
        String[] lines = c.err().strip().split("\n");
        assertEquals(1, lines.length, c.err());
        assertTrue(lines[0].contains(fragment), lines[0]);
    }

    @Test
    void aSourceRunOfAGoldenProfilePassesAndWritesJunitAndOcptv() throws Exception {
        Path profile = golden();
        assertEquals(0, CliCapture.run("profile", "show", profile.toString()).exitCode());
        Path junit = tmp.resolve("accept.xml");
        Path ocptv = tmp.resolve("accept.jsonl");
        CliCapture c = CliCapture.run("accept", tmp.resolve("g1").toString(), "--profile", profile.toString(),
                "--junit", junit.toString(), "--ocptv", ocptv.toString());
        assertEquals(0, c.exitCode(), c.out() + c.err());
        assertTrue(c.out().contains("Verdict: PASS"), c.out());
        assertTrue(Files.readString(junit).contains("<testsuite"), "junit written");
        List<String> lines = Files.readAllLines(ocptv);
        assertTrue(lines.get(lines.size() - 1).contains("\"result\":\"PASS\""), lines.get(lines.size() - 1));
    }

    @Test
    void aCopyWithOneMetricFortyPercentWorseFailsOnExactlyThatMetric() throws Exception {
        Path profile = golden();
        Path worse = run("worse", 45, 2.0);
        // the chase takes 40% longer: 2.0 ns -> 2.8 ns (and its interval with it)
        JudgeBundles.edit(worse, "\"score\":2.0,\"scoreError\":0.01,\"ci\":[1.99,2.01]",
                "\"score\":2.8,\"scoreError\":0.014,\"ci\":[2.786,2.814]", true);
        assertEquals(0, CliCapture.run("verify", worse.toString()).exitCode());
        CliCapture c = CliCapture.run("accept", worse.toString(), "--profile", profile.toString(), "--json");
        assertEquals(1, c.exitCode(), c.out() + c.err());
        JsonNode n = BundleFormat.mapper().readTree(c.out());
        assertEquals("fail", n.get("verdict").asText());
        List<String> failed = new ArrayList<>();
        for (JsonNode r : n.path("report").path("rules")) {
            if (r.path("verdict").asText().equals("FAIL")) {
                failed.add(r.path("key").path("metric").asText());
            }
        }
        assertEquals(List.of("memory.latency.chase"), failed, c.out());
        for (JsonNode i : n.path("report").path("inventory")) {
            assertFalse(i.path("verdict").asText().equals("FAIL"), i.toString());
        }
    }

    @Test
    void aMuchBiggerMachinesProfileFailsOnTheInventory() throws Exception {
        Path a = run("a", 44, 2.0);
        CliCapture c = CliCapture.run("accept", a.toString(), "--profile", "amd-epyc-9654-2p");
        assertEquals(1, c.exitCode(), c.out() + c.err());
        assertTrue(c.out().matches("(?s).*FAIL +physical cores +192 +4\n.*"), c.out());
        assertTrue(c.out().matches("(?s).*FAIL +sockets +2 +1\n.*"), c.out());
        assertTrue(c.out().matches("(?s).*FAIL +L3 per socket +384 MiB +16 MiB\n.*"), c.out());
        assertTrue(c.out().contains("Verdict: FAIL"), c.out());
    }

    @Test
    void scoreAgainstASpecOnlyProfileShowsSharesOfItsLimits() throws Exception {
        Path a = run("a", 44, 2.0);
        CliCapture c = CliCapture.run("score", a.toString(), "--profile", "amd-epyc-9654");
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().contains("has no expected results (spec only)"), c.out());
        // one thread against one core of the 9654: 3.7 GHz x 16 = 59.2 GFLOP/s; 44 / 59.2 = 74%
        assertTrue(c.out().contains("44 GFLOP/s = 74% of fp64-peak-one-core 59.2 GFLOP/s"), c.out());
    }

    @Test
    void scoreAgainstTheGoldenProfileIsAboutAThousand() throws Exception {
        Path profile = golden();
        CliCapture c = CliCapture.run("score", tmp.resolve("g2").toString(), "--profile", profile.toString(), "--json");
        assertEquals(0, c.exitCode(), c.err());
        JsonNode n = BundleFormat.mapper().readTree(c.out());
        // b's dgemm is 46 against the median 45; chase and triad equal: cpu 1000 x 46/45, memory 1000.
        assertEquals(1000 * 46 / 45.0, n.path("categories").get(0).path("score").asDouble(), 1e-6);
        assertEquals(1000, n.path("categories").get(1).path("score").asDouble(), 1e-6);
        assertEquals(1000 * Math.sqrt(46 / 45.0), n.path("overall").path("score").asDouble(), 1e-6);
    }

    @Test
    void anUndecidedRuleExitsThree() throws Exception {
        Path a = run("a", 44, 2.0);
        Path profile = tmp.resolve("tight.yaml");
        // min 44 GFLOP/s: the measured 44 +- 0.22 straddles it
        Files.writeString(profile, """
                id: tight
                kind: golden-machine
                acceptance:
                  rules:
                    - metric: cpu.dgemm
                      min: { value: 44.1, unit: GFLOP/s }
                """);
        CliCapture c = CliCapture.run("accept", a.toString(), "--profile", profile.toString());
        assertEquals(3, c.exitCode(), c.out() + c.err());
        assertTrue(c.out().contains("INCONCLUSIVE"), c.out());
        assertTrue(c.out().contains("more iterations would decide it"), c.out());
    }

    @Test
    void badInputIsOneLineExitTwoAndWritesNothing() throws Exception {
        Path a = run("a", 44, 2.0);
        Path junit = tmp.resolve("j.xml");
        Path ocptv = tmp.resolve("o.jsonl");
        String[] outputs = {"--junit", junit.toString(), "--ocptv", ocptv.toString()};

        Path missing = tmp.resolve("nope.yaml");
        assertRefused(accept(a, missing.toString(), outputs), "no such profile file");

        Path malformed = tmp.resolve("bad.yaml");
        Files.writeString(malformed, "id: bad\nkind: golden-machine\nexpected: [\n");
        assertRefused(accept(a, malformed.toString(), outputs), "bad.yaml:4:1");

        Path self = tmp.resolve("loop.yaml");
        Files.writeString(self, "id: loop\nkind: golden-machine\nextends: loop\n");
        assertRefused(accept(a, self.toString(), outputs), "extends cycle: loop -> loop");

        Path tampered = run("tampered", 44, 2.0);
        JudgeBundles.edit(tampered, "\"score\":44.0", "\"score\":54.0", false);
        assertRefused(accept(tampered, "amd-epyc-9654", outputs), "fails verify");

        Path otherUnit = run("mflops", 44, 2.0);
        JudgeBundles.edit(otherUnit, "\"unit\":\"GFLOP/s\"", "\"unit\":\"MFLOP/s\"", true);
        Path profile = golden();
        assertRefused(accept(otherUnit, profile.toString(), outputs), "expects cpu.dgemm{n=512,threads=1} in GFLOP/s but the run measured it in MFLOP/s");

        Path networkOnly = tmp.resolve("net.yaml");
        Files.writeString(networkOnly, "id: net\nkind: instance-type\nspec:\n  network: { bandwidth-gbps: 10 }\n");
        assertRefused(accept(a, networkOnly.toString(), outputs), "has nothing to judge this run by");

        assertFalse(Files.exists(junit), "no --junit file after bad input");
        assertFalse(Files.exists(ocptv), "no --ocptv file after bad input");
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void profileCreateRefusesRunsOfDifferentMachinesAndWritesNothing() throws Exception {
        Path a = run("a", 44, 2.0);
        Path b = run("b", 44, 2.0);
        Files.writeString(b.resolve("run.json"), Files.readString(b.resolve("run.json")).replace("\"logicalCpus\" : 8", "\"logicalCpus\" : 4"));
        Path out = tmp.resolve("g.yaml");
        CliCapture c = CliCapture.run("profile", "create", "--from", a.toString(), "--from", b.toString(), "--id", "g", "--out", out.toString());
        assertRefused(c, "fails verify");
        assertFalse(Files.exists(out));
    }

    private static CliCapture accept(Path run, String profile, String... more) {
        List<String> args = new ArrayList<>(List.of("accept", run.toString(), "--profile", profile));
        args.addAll(List.of(more));
        return CliCapture.run(args.toArray(String[]::new));
    }
}
