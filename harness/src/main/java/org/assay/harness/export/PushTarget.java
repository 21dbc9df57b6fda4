package org.assay.harness.export;

import org.assay.analysis.export.ExportFormat;
import org.assay.analysis.export.OpenMetricsExport;

import org.assay.harness.UsageException;
import org.assay.analysis.openmetrics.OpenMetricsText;
import org.assay.results.Bundle;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where {@code assay export --push URL} sends a bundle, and how: the format picks the server.
 *
 * <ul>
 * <li>{@code openmetrics}: a Prometheus Pushgateway. {@code http://HOST:9091} becomes the group
 * {@code /metrics/job/assay/instance/<host>}; a URL that already names a group
 * ({@code /metrics/job/NAME[/LABEL/VALUE...]}) is used as it is. The body is the text format
 * 0.0.4, which every Pushgateway 1.x accepts, without timestamps (a Pushgateway refuses pushed
 * timestamps); PUT replaces the group, so the group holds the latest run of that host.</li>
 * <li>{@code influx}: an InfluxDB 1.x {@code /write?db=NAME} endpoint; {@code precision=ns} is
 * added when absent (the lines carry nanoseconds), and any other precision is refused. POST.</li>
 * </ul>
 *
 * Any other URL or format is bad input, refused before the bundle is read.
 */
public record PushTarget(String kind, URI uri, String method, String contentType, boolean openMetrics) {

    private static final Pattern PLAIN_SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    /** The target for {@code url} and {@code format}; {@code host} names the Pushgateway group. */
    public static PushTarget of(String url, ExportFormat format, String host) {
        URI uri = parse(url);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        switch (format.name()) {
            case "openmetrics" -> {
                if (uri.getRawQuery() != null) {
                    throw bad(url, "a Pushgateway URL has no query; give http://HOST:9091 or http://HOST:9091/metrics/job/NAME");
                }
                if (path.isEmpty() || path.equals("/")) {
                    path = "/metrics/job/assay/" + groupLabel("instance", host);
                } else if (!path.matches("/metrics/job/[^/]+(/[^/]+/[^/]*)*")) {
                    throw bad(url, "not a Pushgateway group; give http://HOST:9091 or "
                            + "http://HOST:9091/metrics/job/NAME[/LABEL/VALUE...]");
                } else {
                    String[] parts = path.split("/");
                    for (int i = 4; i < parts.length; i += 2) {
                        String label = parts[i].replaceFirst("@base64$", "");
                        if (OpenMetricsExport.setsLabel(label)) {
                            // the Pushgateway would accept it and overwrite that label on every sample
                            throw bad(url, "group label '" + label + "' would replace the label of that name on every "
                                    + "figure; name the group with other labels (e.g. /metrics/job/NAME/site/VALUE)");
                        }
                    }
                }
                return new PushTarget("Pushgateway", withPathAndQuery(uri, path, null), "PUT",
                        OpenMetricsText.PROMETHEUS_TEXT_CONTENT_TYPE, true);
            }
            case "influx" -> {
                String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
                if (!path.equals("/write") || !(("&" + query).contains("&db="))) {
                    throw bad(url, "not an InfluxDB 1.x write endpoint; give http://HOST:8086/write?db=NAME");
                }
                String precision = null;
                for (String kv : query.split("&")) {
                    if (kv.startsWith("precision=")) {
                        precision = kv.substring("precision=".length());
                    }
                }
                if (precision == null) {
                    query = query + "&precision=ns";
                } else if (!precision.equals("ns")) {
                    throw bad(url, "precision=" + precision + ": the lines carry nanoseconds; use precision=ns or leave it out");
                }
                return new PushTarget("InfluxDB", withPathAndQuery(uri, path, query), "POST",
                        "text/plain; charset=utf-8", false);
            }
            default -> throw new UsageException("--push: --format " + format.name() + " cannot be pushed; push "
                    + "--format openmetrics to a Pushgateway or --format influx to an InfluxDB /write endpoint");
        }
    }

    /** The body to send: for a Pushgateway the text format without timestamps, else the format's own text. */
    public String body(Bundle bundle, ExportFormat format) {
        if (openMetrics) {
            return OpenMetricsText.prometheusText(OpenMetricsExport.samples(bundle, false));
        }
        return format.render(bundle);
    }

    private static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw bad(url, "not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw bad(url, "not an http:// or https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw bad(url, "names no host; e.g. http://127.0.0.1:9091");
        }
        if (uri.getRawFragment() != null) {
            throw bad(url, "a push URL has no #fragment");
        }
        return uri;
    }

    /**
     * {@code name/value} as a Pushgateway path segment pair; a value that is not plain
     * (a slash, a space, empty) goes as {@code name@base64/...}, the Pushgateway's own encoding.
     */
    static String groupLabel(String name, String value) {
        if (PLAIN_SEGMENT.matcher(value).matches()) {
            return name + "/" + value;
        }
        String b64 = Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        return name + "@base64/" + (b64.isEmpty() ? "=" : b64);
    }

    private static URI withPathAndQuery(URI uri, String rawPath, String rawQuery) {
        String s = uri.getScheme() + "://" + uri.getRawAuthority() + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
        return URI.create(s);
    }

    private static UsageException bad(String url, String why) {
        return new UsageException("--push " + url + ": " + why);
    }
}
