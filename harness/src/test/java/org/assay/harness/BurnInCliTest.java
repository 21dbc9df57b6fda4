package org.assay.harness;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.harness.burnin.FaultHook;
import org.assay.results.BundleFormat;
import org.assay.results.BundleReader;
import org.assay.results.BundleVerifier;
import org.assay.results.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real short burn-ins, in process: all four components writing a bundle that verifies and passes,
 * the same with the fault hook armed for every component (each verifier catches its flipped bit,
 * FAIL, exit 1), and bad input refused before anything is written.
 */
class BurnInCliTest {

    @TempDir
    Path tmp;

    @AfterEach
    void disarm() {
        System.clearProperty(FaultHook.PROPERTY);
    }

    private List<String> allFour(Path out, String duration) throws Exception {
        Path disk = Files.createDirectories(tmp.resolve("disk"));
        return new ArrayList<>(List.of("burn-in", "--duration", duration, "--interval", "1s", "--cpu", "1", "--memory", "16MiB",
                "--memory-threads", "2", "--storage", disk.toString(), "--storage-size", "4MiB", "--network", "1",
                "--progress", "plain", "--out", out.toString()));
    }

    private static JsonNode burnin(Path out) throws Exception {
        return BundleFormat.mapper().readTree(out.resolve("burnin.json").toFile());
    }

    private void assertNoStorageFilesLeft() throws Exception {
        try (var s = Files.list(tmp.resolve("disk"))) {
            assertEquals(List.of(), s.toList(), "storage files removed");
        }
    }

    @Test
    void allFourComponentsRunVerifiedAndPass() throws Exception {
        Path out = tmp.resolve("bundle");
        List<String> args = allFour(out, "5s");
        args.addAll(List.of("--junit", tmp.resolve("j.xml").toString(), "--ocptv", tmp.resolve("o.jsonl").toString()));
        CliCapture c = CliCapture.run(args.toArray(String[]::new));
        assertEquals(0, c.exitCode(), c.out() + c.err());
        assertTrue(BundleVerifier.verify(out).ok(), BundleVerifier.verify(out).problems().toString());
        assertEquals(RunStatus.complete, BundleReader.read(out).manifest().status());
        JsonNode j = burnin(out);
        assertEquals("PASS", j.path("verdict").asText());
        JsonNode mean = j.path("phases").get(0).path("meanThroughput");
        for (String comp : List.of("cpu", "memory", "storage", "network")) {
            assertTrue(mean.path(comp).path("value").asDouble() > 0, comp + " did verified work: " + mean);
            assertEquals(0, j.path("errorCounts").path(comp).asLong());
        }
        List<String> csv = Files.readAllLines(out.resolve("burnin.csv"));
        assertTrue(csv.get(0).startsWith("time,elapsed_s,phase,component"), csv.get(0));
        assertTrue(csv.stream().anyMatch(l -> l.contains(",memory,memory.bytes,MB/s,")), "per-interval rows");
        assertTrue(Files.exists(out.resolve("probes.csv")), "the probe time series beside it");
        assertTrue(c.out().contains("Verdict: PASS"), c.out());
        assertTrue(Files.readString(tmp.resolve("j.xml")).contains("burnin.cpu.errors"));
        assertTrue(Files.readString(tmp.resolve("o.jsonl")).contains("\"testRunEnd\""));
        assertNoStorageFilesLeft();
    }

    @Test
    void theFaultHookIsCaughtByEveryVerifierAndFails() throws Exception {
        System.setProperty(FaultHook.PROPERTY, "cpu,memory,storage,network");
        Path out = tmp.resolve("bundle");
        CliCapture c = CliCapture.run(allFour(out, "6s").toArray(String[]::new));
        assertEquals(1, c.exitCode(), c.out() + c.err());
        assertTrue(BundleVerifier.verify(out).ok());
        JsonNode j = burnin(out);
        assertEquals("FAIL", j.path("verdict").asText());
        assertEquals(4, j.path("faultInjected").size(), "the bundle says a fault was injected");
        for (String comp : List.of("cpu", "memory", "storage", "network")) {
            assertEquals(1, j.path("errorCounts").path(comp).asLong(), comp + ": one flipped bit, one error: " + j.path("errors"));
            JsonNode e = null;
            for (JsonNode x : j.path("errors")) {
                if (x.path("component").asText().equalsIgnoreCase(comp)) {
                    e = x;
                }
            }
            assertTrue(e != null && !e.path("location").asText().isEmpty() && !e.path("time").asText().isEmpty()
                    && e.path("elapsed").asDouble() >= 0, comp + ": " + e);
            assertFalse(e.path("expected").asText().equals(e.path("actual").asText()), comp + ": " + e);
        }
        assertTrue(c.out().contains("cpu.errors") && c.out().contains("FAIL"), c.out());
        assertNoStorageFilesLeft();
    }

    @Test
    void tooMuchMemoryIsRefusedAndNothingWritten() {
        Path out = tmp.resolve("bundle");
        CliCapture c = CliCapture.run("burn-in", "--duration", "5s", "--memory", "1000TiB", "--out", out.toString());
        assertEquals(2, c.exitCode(), c.err());
        assertTrue(c.err().contains("more memory than this machine can spare") && c.err().contains("headroom"), c.err());
        assertEquals(1, c.err().strip().split("\n").length, c.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aPlanWithAMistakeIsRefusedWithItsLine() throws Exception {
        Path plan = tmp.resolve("plan.yaml");
        Files.writeString(plan, "phases:\n  - name: soak\n    duration: 5 min\n    components: {cpu: {}}\n");
        Path out = tmp.resolve("bundle");
        CliCapture c = CliCapture.run("burn-in", "--plan", plan.toString(), "--out", out.toString());
        assertEquals(2, c.exitCode(), c.err());
        assertTrue(c.err().contains(plan + ":3:"), c.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void badDurationsAndOptionsWithAPlanAreRefused() throws Exception {
        CliCapture c = CliCapture.run("burn-in", "--duration", "soon", "--out", tmp.resolve("b").toString());
        assertEquals(2, c.exitCode());
        assertTrue(c.err().contains("--duration 'soon' is not a positive duration"), c.err());
        Path plan = tmp.resolve("p.yaml");
        Files.writeString(plan, "phases:\n  - {name: a, duration: 1s, components: {cpu: {}}}\n");
        CliCapture d = CliCapture.run("burn-in", "--plan", plan.toString(), "--cpu", "--out", tmp.resolve("b").toString());
        assertEquals(2, d.exitCode());
        assertTrue(d.err().contains("not with --plan"), d.err());
    }

    @Test
    void aPlanRunsItsPhasesInOrder() throws Exception {
        Path plan = tmp.resolve("plan.yaml");
        Files.writeString(plan, """
                interval: 1s
                phases:
                  - name: warm-up
                    duration: 2s
                    components: {cpu: {threads: 1}}
                  - name: network only
                    duration: 2s
                    components: {network: {connections: 1}}
                """);
        Path out = tmp.resolve("bundle");
        CliCapture c = CliCapture.run("burn-in", "--plan", plan.toString(), "--progress", "none", "--out", out.toString());
        assertEquals(0, c.exitCode(), c.out() + c.err());
        JsonNode phases = burnin(out).path("phases");
        assertEquals(2, phases.size());
        assertEquals("warm-up", phases.get(0).path("name").asText());
        assertTrue(phases.get(0).path("meanThroughput").has("cpu") && !phases.get(0).path("meanThroughput").has("network"));
        assertTrue(phases.get(1).path("meanThroughput").has("network") && !phases.get(1).path("meanThroughput").has("cpu"));
    }

    @Test
    void liveMetricsAreServedWhileItRuns() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path out = tmp.resolve("bundle");
        java.util.concurrent.CompletableFuture<CliCapture> run = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                CliCapture.run("burn-in", "--duration", "6s", "--interval", "1s", "--cpu", "1", "--cpu-kernels", "sieve",
                        "--progress", "none", "--metrics-port", String.valueOf(port), "--out", out.toString()));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String body = "";
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!run.isDone() && System.nanoTime() < deadline && !body.contains("assay_burnin_throughput{")) {
            Thread.sleep(200);
            try {
                body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            } catch (java.io.IOException notYet) {
                // the endpoint starts once the machine is read
            }
        }
        CliCapture c = run.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(0, c.exitCode(), c.out() + c.err());
        assertTrue(body.contains("assay_burnin_throughput{") && body.contains("component=\"cpu\""), body);
        assertTrue(body.contains("assay_burnin_errors_total{"), body);
        assertTrue(c.out().contains("live metrics at http://127.0.0.1:" + port), c.out());
    }
}
