package org.assay.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assay.results.BundleFormat;
import org.assay.results.BundleWriter;
import org.assay.results.InvocationResult;
import org.assay.results.RunManifest;
import org.assay.results.RunStatus;
import org.assay.results.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code assay compare} end to end on small finished bundles: formats and refusals. */
class CompareCliTest {

    @TempDir
    Path tmp;

    private Path bundle(String name, String host, String metric, List<Double> samples) throws IOException {
        Path dir = tmp.resolve(name);
        ObjectNode inv = BundleFormat.mapper().createObjectNode();
        inv.putObject("os").put("hostname", host);
        inv.putObject("cpu").put("name", "Test CPU");
        RunManifest m = RunManifest.builder().assayVersion("test").host(host).suite("quick").inventory(inv)
                .start("2026-01-01T00:00:00Z").command(List.of("assay", "run")).build();
        try (BundleWriter w = BundleWriter.create(dir, m)) {
            w.append(InvocationResult.builder().invocationId(metric + "[threads=1]").workload(metric)
                    .definitionVersion(1).metric(metric).params(Map.of()).threads(1).unit("ops/s")
                    .higherIsBetter(true).score(samples.stream().mapToDouble(d -> d).average().orElseThrow())
                    .samples(samples).status(Status.ok).build());
            w.finish(m.withEnd("2026-01-01T00:01:00Z", RunStatus.complete, null, null));
        }
        return dir;
    }

    private Path slow() throws IOException {
        return bundle("slow", "h1", "cpu.x", List.of(100.0, 102.0, 98.0, 101.0, 99.0));
    }

    private Path fast() throws IOException {
        return bundle("fast", "h2", "cpu.x", List.of(120.0, 122.0, 118.0, 121.0, 119.0));
    }

    @Test
    void textNamesTheVerdictTheWinnerAndTheMethod() throws IOException {
        CliCapture c = CliCapture.run("compare", slow().toString(), fast().toString(), "--price", "fast=2",
                "--price", "slow=1.0/h");
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().startsWith("Baseline: slow   columns: slow, fast"), c.out());
        // t(4) sqrt(2.5 / 5) = 1.963; 120 / 2 USD/h = 60 with half-width 1.963 / 2
        assertTrue(c.out().contains("fast    5  120.0  1.963  ops/s  1.200  [1.175, 1.226]   <0.0001  better   60.00 ± 0.9816  *"),
                c.out());
        assertTrue(c.out().contains("all: fast 1.200"), c.out());
        assertTrue(c.out().contains("Holm-adjusted"), c.out());
    }

    @Test
    void aProfileGivesThePrice() throws IOException {
        // aws-c7a.2xlarge states 0.41056 USD/h: 120 / 0.41056 per USD/h
        CliCapture c = CliCapture.run("compare", slow().toString(), fast().toString(), "--price", "fast=aws-c7a.2xlarge",
                "--csv");
        assertEquals(0, c.exitCode(), c.err());
        String fastRow = c.out().split("\n")[2];
        double perDollar = Double.parseDouble(fastRow.split(",")[18]);
        assertEquals(120 / 0.41056, perDollar, 1e-9);
    }

    @Test
    void baselineOptionChoosesTheReference() throws IOException {
        Path s = slow();
        CliCapture c = CliCapture.run("compare", s.toString(), fast().toString(), "--baseline", tmp.resolve("fast").toString(),
                "--markdown");
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().startsWith("## Comparison with fast"), c.out());
        assertTrue(c.out().contains("| 0.833 |"), c.out());
        assertTrue(c.out().contains("| worse |"), c.out());
    }

    @Test
    void csvAndJsonCarryTheNumbers() throws IOException {
        Path s = slow();
        Path f = fast();
        CliCapture csv = CliCapture.run("compare", s.toString(), f.toString(), "--csv");
        assertEquals(0, csv.exitCode(), csv.err());
        String[] lines = csv.out().split("\n");
        assertTrue(lines[0].startsWith("metric,params,threads,unit,better,column,level,n,mean,halfWidth95"), lines[0]);
        assertEquals(3, lines.length);
        assertTrue(lines[2].contains(",fast,iterations,5,120.0,"), lines[2]);

        CliCapture json = CliCapture.run("compare", s.toString(), f.toString(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode root = BundleFormat.mapper().readTree(json.out());
        JsonNode versus = root.get("metrics").get(0).get("versus").get(0);
        assertEquals(1.2, versus.get("ratio").asDouble(), 1e-12);
        assertEquals("better", versus.get("verdict").asText());
        assertEquals("fast", root.get("metrics").get(0).get("winner").asText());
    }

    @Test
    void refusalsAreOneLineAndExitTwo() throws IOException {
        Path s = slow();
        Path f = fast();
        Path other = bundle("other", "h3", "cpu.y", List.of(1.0, 2.0, 3.0));

        CliCapture price = CliCapture.run("compare", s.toString(), f.toString(), "--price", "m7i.large=0.1");
        assertEquals(2, price.exitCode());
        assertEquals(1, price.err().strip().split("\n").length, price.err());
        assertTrue(price.err().contains("m7i.large is not among the runs"), price.err());

        CliCapture badPrice = CliCapture.run("compare", s.toString(), f.toString(), "--price", "fast=cheap");
        assertEquals(2, badPrice.exitCode());
        assertTrue(badPrice.err().contains("cheap is neither a price"), badPrice.err());

        CliCapture none = CliCapture.run("compare", s.toString(), other.toString());
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("share no metric with the baseline slow"), none.err());

        CliCapture noise = CliCapture.run("compare", s.toString(), f.toString(), "--noise", "lots");
        assertEquals(2, noise.exitCode());
        assertTrue(noise.err().contains("--noise lots"), noise.err());

        Files.writeString(f.resolve("results.jsonl"), "\n", StandardOpenOption.APPEND);
        CliCapture tampered = CliCapture.run("compare", s.toString(), f.toString());
        assertEquals(2, tampered.exitCode());
        assertEquals(1, tampered.err().strip().split("\n").length, tampered.err());
        assertTrue(tampered.err().contains("fails verification (MISMATCH results.jsonl)"), tampered.err());
        assertEquals("", tampered.out());
    }
}
