package org.assay.harness;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code assay report} end to end: a page from a directory of bundles, and the refusals. */
class ReportCliTest {

    @TempDir
    Path tmp;

    private Path bundle(Path dir, String host, double base) throws IOException {
        ObjectNode inv = BundleFormat.mapper().createObjectNode();
        inv.putObject("os").put("hostname", host);
        RunManifest m = RunManifest.builder().assayVersion("test").host(host).suite("quick").inventory(inv)
                .start("2026-01-01T00:00:00Z").command(List.of("assay", "run")).build();
        try (BundleWriter w = BundleWriter.create(dir, m)) {
            for (int t : new int[]{1, 2}) {
                double s = base * t;
                w.append(InvocationResult.builder().invocationId("cpu.x[threads=" + t + "]").workload("cpu.x")
                        .definitionVersion(1).metric("cpu.x").params(Map.of()).threads(t).unit("ops/s")
                        .higherIsBetter(true).score(s).samples(List.of(s * 0.99, s, s * 1.01)).status(Status.ok).build());
            }
            w.finish(m.withEnd("2026-01-01T00:01:00Z", RunStatus.complete, null, null));
        }
        return dir;
    }

    @Test
    void aDirectoryOfBundlesBecomesOnePageWithTheirComparison() throws IOException {
        Path runs = tmp.resolve("runs");
        bundle(runs.resolve("1-a"), "alpha", 100);
        bundle(runs.resolve("2-b"), "beta", 150);
        Path out = tmp.resolve("report.html");
        CliCapture c = CliCapture.run("report", runs.toString(), "--out", out.toString(), "--price", "2-b=0.5");
        assertEquals(0, c.exitCode(), c.err());
        assertEquals("wrote " + out + " (2 run(s), compared with 1-a)", c.out().strip());
        String html = Files.readString(out);
        assertTrue(html.contains("Comparison with 1-a"));
        assertTrue(html.contains("data-chart=\"scaling\""));
        assertTrue(html.contains("<td class=\"better\">better</td>"));

        Path md = tmp.resolve("report.md");
        assertEquals(0, CliCapture.run("report", runs.resolve("1-a").toString(), "--out", md.toString()).exitCode());
        assertTrue(Files.readString(md).startsWith("# Assay report\n\n## alpha — 1-a"));
    }

    @Test
    void refusalsWriteNothing() throws IOException {
        Path a = bundle(tmp.resolve("a"), "alpha", 100);
        Path out = tmp.resolve("r.html");

        CliCapture ext = CliCapture.run("report", a.toString(), "--out", tmp.resolve("r.pdf").toString());
        assertEquals(2, ext.exitCode());
        assertTrue(ext.err().contains("name a .html or .md file"), ext.err());

        CliCapture nowhere = CliCapture.run("report", a.toString(), "--out", tmp.resolve("no/such/dir/r.html").toString());
        assertEquals(2, nowhere.exitCode());
        assertTrue(nowhere.err().contains("is not a writable directory"), nowhere.err());

        CliCapture notBundle = CliCapture.run("report", tmp.resolve("empty").toString(), "--out", out.toString());
        assertEquals(2, notBundle.exitCode());
        assertEquals(1, notBundle.err().strip().split("\n").length, notBundle.err());

        CliCapture profile = CliCapture.run("report", a.toString(), "--out", out.toString(), "--profile", "no-such-profile");
        assertEquals(2, profile.exitCode());
        assertTrue(profile.err().contains("unknown profile"), profile.err());

        Files.writeString(a.resolve("results.jsonl"), "\n", StandardOpenOption.APPEND);
        CliCapture tampered = CliCapture.run("report", a.toString(), "--out", out.toString());
        assertEquals(2, tampered.exitCode());
        assertTrue(tampered.err().contains("fails verification"), tampered.err());
        assertFalse(Files.exists(out), "nothing written");
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary left behind");
        }
    }
}
