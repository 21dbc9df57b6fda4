package org.assay.harness.live;

import org.assay.harness.UsageException;
import org.assay.analysis.openmetrics.OpenMetricsParser;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsServerTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void scrapesWhileTheFiguresChangeReadBackAsValidOpenMetrics() throws Exception {
        LiveMetrics m = new LiveMetrics();
        m.gauge("assay_run_invocations_planned", "Planned.", "", Map.of("host", "h\"1"), 7);
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                m.counter("assay_run_invocations_done", "Done.", "", Map.of("host", "h\"1"), i);
                m.replace("assay_run_invocation_running", "Now.", "", Map.of("invocation", "w[n=" + i + "]"), 1);
                m.gauge("assay_probe_temp_celsius", "Temp.", "celsius", Map.of("scope", "cpu" + (i % 2)), 40 + i % 7);
                Thread.onSpinWait();
            }
        });
        writer.start();
        try (MetricsServer server = MetricsServer.startOnLoopback(0, m)) {
            assertTrue(server.port() > 0);
            assertEquals("http://127.0.0.1:" + server.port() + "/metrics", server.url());
            double lastDone = -1;
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> r = get(server.url());
                assertEquals(200, r.statusCode());
                assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8",
                        r.headers().firstValue("Content-Type").orElseThrow());
                OpenMetricsParser.Parsed p = OpenMetricsParser.parse(r.body());
                assertEquals(7, p.sample("assay_run_invocations_planned", Map.of("host", "h\"1")).value());
                assertEquals("counter", p.families().get("assay_run_invocations_done").type());
                assertEquals("celsius", p.families().get("assay_probe_temp_celsius").unit());
                assertEquals(1, p.samples("assay_run_invocation_running").size(), r.body());
                double done = p.sample("assay_run_invocations_done_total", Map.of()).value();
                assertTrue(done >= lastDone, "the counter never goes down between scrapes");
                lastDone = done;
            }
            assertTrue(lastDone > 0, "the figures changed while being scraped");
        } finally {
            stop.set(true);
            writer.join();
        }
    }

    @Test
    void onlyGetAndHeadOfMetricsAreServedAndAClosedServerIsGone() throws Exception {
        LiveMetrics m = new LiveMetrics();
        MetricsServer server = MetricsServer.startOnLoopback(0, m);
        String base = "http://127.0.0.1:" + server.port();
        assertEquals("# EOF\n", get(base + "/metrics").body(), "an empty registry is still valid OpenMetrics");
        assertEquals(404, get(base + "/other").statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        server.close();
        assertThrows(ConnectException.class, () -> get(base + "/metrics"));
    }

    /** A holder for the mixin, as a command declares it. */
    @CommandLine.Command(name = "x")
    static final class Holder {
        @CommandLine.Mixin
        MetricsOptions options;
    }

    private static MetricsOptions parse(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.options;
    }

    @Test
    void listensOnLoopbackUnlessAnAddressIsGiven() throws Exception {
        assertEquals(null, parse().start(new LiveMetrics()), "off without --metrics-port");
        try (MetricsServer s = parse("--metrics-port", "0").start(new LiveMetrics())) {
            assertTrue(s.address().getAddress().isLoopbackAddress(), s.address().toString());
            assertTrue(s.port() > 0, "port 0 became a real one");
        }
        try (MetricsServer s = parse("--metrics-port", "0", "--metrics-address", "0.0.0.0").start(new LiveMetrics())) {
            assertTrue(s.address().getAddress().isAnyLocalAddress(), s.address().toString());
        }
    }

    @Test
    void badPortsAndAddressesAreRefusedOnOneLine() throws IOException {
        UsageException range = assertThrows(UsageException.class, () -> parse("--metrics-port", "70000").bindAddress());
        assertEquals("--metrics-port 70000: must be 0 (any free port) to 65535", range.getMessage());
        UsageException alone = assertThrows(UsageException.class,
                () -> parse("--metrics-address", "127.0.0.1").bindAddress());
        assertTrue(alone.getMessage().contains("needs --metrics-port"), alone.getMessage());
        UsageException unknown = assertThrows(UsageException.class,
                () -> parse("--metrics-port", "0", "--metrics-address", "no-such-host.invalid").bindAddress());
        assertTrue(unknown.getMessage().startsWith("--metrics-address no-such-host.invalid: "), unknown.getMessage());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            UsageException busy = assertThrows(UsageException.class,
                    () -> parse("--metrics-port", Integer.toString(port)).start(new LiveMetrics()));
            assertTrue(busy.getMessage().startsWith("--metrics-port " + port + ": cannot listen on 127.0.0.1:" + port),
                    busy.getMessage());
        }
        assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9), parse("--metrics-port", "9").bindAddress());
    }
}
