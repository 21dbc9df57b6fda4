package org.assay.harness;

import org.assay.analysis.openmetrics.OpenMetricsParser;
import org.assay.analysis.openmetrics.PrometheusNames;
import org.assay.analysis.openmetrics.PrometheusUnit;
import org.assay.results.Bundle;
import org.assay.results.BundleReader;
import org.assay.results.InvocationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code assay run --metrics-port}: scraped while a real (smoke) run measures, and its refusals. */
class LiveMetricsRunTest {

    @TempDir
    Path tmp;

    @Test
    void aRealRunIsScrapedWhileItMeasures() throws Exception {
        Path out = tmp.resolve("bundle");
        StringWriter console = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.commandLine()
                .setOut(new PrintWriter(console, true)).setErr(new PrintWriter(err, true))
                .execute("run", "--smoke", "--only", "cpu.primes.*", "--threads", "1",
                        "--progress", "plain", "--probe-rate", "5", "--metrics-port", "0", "--out", out.toString()));
        Pattern url = Pattern.compile("assay: live metrics at (http://127\\.0\\.0\\.1:\\d+/metrics)");
        HttpClient http = HttpClient.newHttpClient();
        String seenUrl = null;
        OpenMetricsParser.Parsed afterFirst = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!run.isDone() && System.nanoTime() < deadline && afterFirst == null) {
            Matcher m = url.matcher(console.toString());
            if (m.find()) {
                seenUrl = m.group(1);
                try {
                    String body = http.send(HttpRequest.newBuilder(URI.create(seenUrl)).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    OpenMetricsParser.Parsed p = OpenMetricsParser.parse(body);
                    if (!p.samples("assay_run_invocations_done_total").isEmpty()
                            && p.sample("assay_run_invocations_done_total", Map.of()).value() == 1
                            && !p.samples("assay_run_invocation_running").isEmpty()) {
                        afterFirst = p;
                    }
                } catch (java.io.IOException closedMeanwhile) {
                    // the run ended between two polls
                }
            }
            Thread.sleep(50);
        }
        int status = run.get(120, TimeUnit.SECONDS);
        assertEquals(0, status, console + "\n" + err);
        assertTrue(seenUrl != null, "the bound address was printed: " + console);
        assertTrue(afterFirst != null, "scraped between the two invocations: " + console);

        Bundle b = BundleReader.read(out);
        InvocationResult first = b.results().get(0);
        String host = b.manifest().host();
        assertEquals(2, afterFirst.sample("assay_run_invocations_planned", Map.of("host", host)).value());
        assertEquals("2", afterFirst.sample("assay_run_invocation_running", Map.of()).labels().get("index"),
                "the second invocation was running");
        assertEquals(2, b.manifest().plan().size(), "two invocations: " + b.manifest().plan());
        String family = PrometheusNames.family("assay_run_last", first.metric(), PrometheusUnit.of(first.unit()));
        OpenMetricsParser.Sample last = afterFirst.sample(family, Map.of("host", host));
        assertEquals(first.invocationId(), last.labels().get("invocation"));
        assertEquals(PrometheusUnit.of(first.unit()).convert(first.score()), last.value(),
                Math.abs(last.value()) * 1e-12, "the score the bundle recorded");
        assertFalse(afterFirst.samples().stream().noneMatch(s -> s.name().startsWith("assay_probe_")),
                "probe readings are published: " + afterFirst.samples());
        try (ServerSocket probe = new ServerSocket()) {
            int port = URI.create(seenUrl).getPort();
            probe.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertTrue(probe.isBound(), "the endpoint closed with the run: its port is free again");
        }
    }

    @Test
    void aPortInUseOrOutOfRangeIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path out = tmp.resolve("b");
        CliCapture range = CliCapture.run("run", "--only", "cpu.primes.sieve", "--metrics-port", "65536", "--out", out.toString());
        assertEquals(2, range.exitCode(), range.err());
        assertEquals("assay run: --metrics-port 65536: must be 0 (any free port) to 65535", range.err().strip());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliCapture busy = CliCapture.run("run", "--smoke", "--only", "cpu.primes.sieve", "--metrics-port",
                    Integer.toString(taken.getLocalPort()), "--out", out.toString());
            assertEquals(2, busy.exitCode(), busy.err());
            assertEquals(1, busy.err().strip().split("\n").length, busy.err());
            assertTrue(busy.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), busy.err());
        }
        assertFalse(Files.exists(out), "no bundle started");
    }
}
