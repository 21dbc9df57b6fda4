package org.assay.harness.export;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real server (Prometheus, a Pushgateway, InfluxDB) started by a test in its own temporary
 * directory on a free loopback port, and stopped by it. When the binary is missing or the
 * server does not come up, the test is skipped with the reason printed (and the server's log
 * tail), never passed: CI machines without the packages skip, this machine runs them.
 */
public final class LocalServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public final String name;
    public final int port;
    private final Process process;
    private final Path log;

    private LocalServer(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** A loopback port nobody listens on now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The binary at the first of {@code candidates} that exists, or skips the test saying so. */
    public static String binary(String name, String... candidates) {
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        String reason = name + " not installed (looked for " + String.join(", ", candidates)
                + "); .ci/setup.d/20-metrics-servers.sh installs it";
        System.err.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
        return null;
    }

    /**
     * Starts {@code command} in {@code dir} and waits until {@code readyPath} on {@code port}
     * answers {@code readyStatus}.
     */
    public static LocalServer start(String name, List<String> command, Path dir, int port, String readyPath, int readyStatus)
            throws IOException, InterruptedException {
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        LocalServer server = new LocalServer(name, port, p, log);
        URI ready = URI.create("http://127.0.0.1:" + port + readyPath);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                server.skip("exited with status " + p.exitValue());
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == readyStatus) {
                    return server;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        server.skip("not ready at " + ready + " within 20 s");
        return null;
    }

    private void skip(String why) {
        close();
        String tail;
        try {
            List<String> lines = Files.readAllLines(log);
            tail = String.join("\n  ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            tail = "(no log: " + e.getMessage() + ")";
        }
        String reason = name + " could not be started: " + why;
        System.err.println("SKIPPED: " + reason + "\n  " + tail);
        Assumptions.abort(reason);
    }

    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port + pathAndQuery;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
