package org.assay.harness.export;

import org.assay.analysis.export.OpenMetricsExport;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retry rules against a scripted local server (the real servers are in the integration tests). */
class HttpPusherTest {

    private HttpServer server;
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

    private PushTarget serve(int... statuses) throws IOException {
        AtomicInteger call = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            bodies.add(ex.getRequestMethod() + " " + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = statuses[Math.min(call.getAndIncrement(), statuses.length - 1)];
            byte[] reply = ("text format parsing error in line 3:\nunexpected end of input stream " + status)
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, status == 200 ? -1 : reply.length);
            if (status != 200) {
                ex.getResponseBody().write(reply);
            }
            ex.close();
        });
        server.start();
        return PushTarget.of("http://127.0.0.1:" + server.getAddress().getPort(), new OpenMetricsExport(), "h");
    }

    private static HttpPusher fast() {
        return new HttpPusher(HttpClient.newHttpClient(), 3, Duration.ofMillis(10));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aServerErrorIsRetriedUntilItPasses() throws Exception {
        PushTarget t = serve(503, 500, 200);
        assertEquals(200, fast().push(t, "x 1\n"));
        assertEquals(List.of("PUT x 1\n", "PUT x 1\n", "PUT x 1\n"), bodies);
    }

    @Test
    void aRefusalIsNotRetriedAndSaysWhatTheServerSaid() throws Exception {
        PushTarget t = serve(400);
        PushException e = assertThrows(PushException.class, () -> fast().push(t, "x 1\n"));
        assertEquals("push to Pushgateway " + t.uri() + " refused: HTTP 400: text format parsing error in line 3: "
                + "unexpected end of input stream 400", e.getMessage());
        assertEquals(1, bodies.size(), "a 4xx is final");
    }

    @Test
    void retriesAreBoundedAndTheLastProblemIsNamed() throws Exception {
        PushTarget t = serve(502);
        PushException e = assertThrows(PushException.class, () -> fast().push(t, "x 1\n"));
        assertTrue(e.getMessage().endsWith("failed after 3 attempts: HTTP 502: text format parsing error in line 3: "
                + "unexpected end of input stream 502"), e.getMessage());
        assertEquals(3, bodies.size());
    }

    @Test
    void noServerIsConnectionRefusedAfterTheAttempts() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PushTarget t = PushTarget.of("http://127.0.0.1:" + port, new OpenMetricsExport(), "h");
        PushException e = assertThrows(PushException.class, () -> fast().push(t, "x 1\n"));
        assertTrue(e.getMessage().contains("failed after 3 attempts: connection refused"), e.getMessage());
    }

    @Test
    void aLongAnswerIsCutToOneShortLine() {
        String excerpt = HttpPusher.excerpt("a\nb " + "x".repeat(500));
        assertTrue(excerpt.startsWith(": a b xxx") && excerpt.endsWith("...") && excerpt.length() < 210, excerpt);
        assertEquals("", HttpPusher.excerpt(" \n"));
    }
}
