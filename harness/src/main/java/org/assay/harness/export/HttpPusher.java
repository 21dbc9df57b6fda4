package org.assay.harness.export;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends one body to a {@link PushTarget} with {@link HttpClient}, retrying what may pass on a
 * second try (no connection, a timeout, HTTP 5xx or 429) a bounded number of times with
 * doubling waits, and giving up at once on what will not (any other 4xx: the server read the
 * request and refused it). A refusal is reported with the status and the start of the server's
 * answer, which says what it disliked (a Pushgateway names the offending line).
 */
public final class HttpPusher {

    /** Attempts in all, and the wait before the second; each later wait doubles. */
    static final int ATTEMPTS = 4;
    static final Duration FIRST_WAIT = Duration.ofMillis(250);
    private static final int EXCERPT = 200;

    private final HttpClient client;
    private final int attempts;
    private final Duration firstWait;

    public HttpPusher() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), ATTEMPTS, FIRST_WAIT);
    }

    HttpPusher(HttpClient client, int attempts, Duration firstWait) {
        this.client = client;
        this.attempts = attempts;
        this.firstWait = firstWait;
    }

    /** Pushes {@code body}; returns the HTTP status of the accepted push. */
    public int push(PushTarget target, String body) throws PushException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(target.uri())
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", target.contentType())
                .method(target.method(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        String lastProblem = null;
        long wait = firstWait.toMillis();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                Thread.sleep(wait);
                wait *= 2;
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return status;
                }
                lastProblem = "HTTP " + status + excerpt(response.body());
                if (status != 429 && status / 100 != 5) {
                    throw new PushException(prefix(target) + "refused: " + lastProblem);
                }
            } catch (IOException e) {
                lastProblem = describe(e);
            }
        }
        throw new PushException(prefix(target) + "failed after " + attempts + " attempts: " + lastProblem);
    }

    private static String prefix(PushTarget target) {
        return "push to " + target.kind() + " " + target.uri() + " ";
    }

    private static String describe(IOException e) {
        String what = e.getClass().getSimpleName();
        if (e instanceof java.net.ConnectException) {
            what = "connection refused";
        } else if (e instanceof java.net.http.HttpTimeoutException) {
            what = "no answer in time";
        }
        String detail = e.getMessage();
        return detail == null || detail.isBlank() ? what : what + " (" + detail.replaceAll("\\s+", " ").strip() + ")";
    }

    /** ": " and the first characters of {@code body} on one line, or nothing for an empty body. */
    static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return ": " + (oneLine.length() > EXCERPT ? oneLine.substring(0, EXCERPT) + "..." : oneLine);
    }
}
