package org.assay.harness.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.assay.analysis.openmetrics.OpenMetricsText;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a {@link LiveMetrics} as OpenMetrics text at {@code /metrics}, for Prometheus to scrape
 * while a run is going. The JDK's HTTP server is enough for one scraper every few seconds, and
 * adds no dependency to the shaded jar.
 *
 * <p>It listens where it is told; {@link #startOnLoopback} is the default, because a run's
 * figures (host name, CPU model, workloads) are nobody else's business unless the user names an
 * address. Requests are served on one daemon thread, so a forgotten server never keeps the JVM
 * alive, and a scrape never competes with the workers for more than one CPU.
 */
public final class MetricsServer implements AutoCloseable {

    /** The path Prometheus scrapes by default. */
    public static final String PATH = "/metrics";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listens on {@code bind} (port 0: any free port) and serves {@code metrics} at {@link #PATH}. */
    public static MetricsServer start(InetSocketAddress bind, LiveMetrics metrics) throws IOException {
        HttpServer server = HttpServer.create(bind, 0);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "assay-metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, metrics));
        server.start();
        return new MetricsServer(server, executor);
    }

    /** Listens on the loopback address, port {@code port} (0: any free port). */
    public static MetricsServer startOnLoopback(int port, LiveMetrics metrics) throws IOException {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), metrics);
    }

    private static void handle(HttpExchange exchange, LiveMetrics metrics) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!PATH.equals(path) && !(PATH + "/").equals(path)) {
                reply(exchange, 404, "text/plain; charset=utf-8", "not found: the metrics are at " + PATH + "\n", true);
                return;
            }
            String method = exchange.getRequestMethod();
            boolean head = "HEAD".equals(method);
            if (!head && !"GET".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(exchange, 405, "text/plain; charset=utf-8", method + " not allowed: use GET\n", true);
                return;
            }
            reply(exchange, 200, OpenMetricsText.CONTENT_TYPE, OpenMetricsText.openMetrics(metrics.snapshot()), !head);
        }
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body, boolean withBody)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, withBody ? bytes.length : -1);
        if (withBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The address and port it listens on (the real port when started with 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The URL a scraper uses, e.g. {@code http://127.0.0.1:9464/metrics}. */
    public String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + a.getPort() + PATH;
    }

    /** Stops listening at once; a scrape in progress is cut off. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
