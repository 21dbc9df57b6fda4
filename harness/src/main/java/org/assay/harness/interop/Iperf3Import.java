package org.assay.harness.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assay.results.BundleFormat;
import org.assay.results.InvocationId;
import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;
import org.assay.workloads.Workload;
import org.assay.workloads.Workloads;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * iperf3's {@code -J} output as one result. A TCP test is {@code network.tcp.stream} in Gbit/s
 * (10^9 bits/s, iperf3's own unit) with Assay's parameters: {@code messageBytes} = iperf3's
 * {@code blksize} (the size of one write, 128 KiB by default, Assay's quick size too),
 * {@code sameCore} false, threads = 2 per stream, and, when the peer is not on loopback,
 * {@code peer} (so a test across the network never lines up with Assay's loopback figure). The
 * score is what arrived ({@code end.sum_received}); the samples are the per-interval figures
 * ({@code intervals[].sum}, omitted ones left out) and the interval is Student's t over them.
 * A UDP test is {@code network.udp.stream} (no Assay workload measures it), with jitter and loss.
 *
 * <p>What iperf3 does not record: where the two ends ran ({@code -A} is not in the output, and
 * without it the OS schedules them, possibly on one core), and any machine fact but the client's
 * {@code uname} ({@code system_info}), which gives the host name, kernel and architecture.
 */
public final class Iperf3Import {

    static final String TCP = "network.tcp.stream";
    static final String UDP = "network.udp.stream";

    private Iperf3Import() {
    }

    public static ToolImport read(JsonNode root, String file) throws ImportException {
        String error = JsonValues.text(root.get("error"));
        if (error != null) {
            throw new ImportException(file + ": iperf3 reported an error and measured nothing: " + error.strip()
                    + " (give the -J output of a test that ran)");
        }
        JsonNode start = root.path("start");
        JsonNode test = start.path("test_start");
        JsonNode end = root.path("end");
        String protocol = JsonValues.text(test.get("protocol"));
        if (protocol == null || !end.isObject() || end.isEmpty()) {
            throw new ImportException(file + ": iperf3 output without test_start.protocol or an end summary"
                    + " (cut short?): give the whole file iperf3 -J wrote after the test finished");
        }
        if (test.path("bidir").asInt(0) != 0) {
            throw new ImportException(file + ": an iperf3 --bidir test measures both directions at once, which no"
                    + " Assay metric does: import a one-way test");
        }
        boolean tcp = protocol.equalsIgnoreCase("TCP");
        if (!tcp && !protocol.equalsIgnoreCase("UDP")) {
            throw new ImportException(file + ": iperf3 protocol " + protocol + " is not imported (TCP or UDP)");
        }
        int streams = Math.max(1, test.path("num_streams").asInt(1));
        long blksize = test.path("blksize").asLong(0);
        String peer = peer(start);
        boolean loopback = peer != null && isLoopback(peer);

        Map<String, Object> params = new LinkedHashMap<>();
        params.put("messageBytes", blksize);
        params.put("sameCore", false);
        if (!loopback) {
            params.put("peer", peer == null ? "unknown" : peer);
        }
        String metric = tcp ? TCP : UDP;
        int threads = 2 * streams;

        List<Double> samples = new ArrayList<>();
        for (JsonNode i : root.path("intervals")) {
            JsonNode sum = i.path("sum");
            if (!sum.path("omitted").asBoolean(false)) {
                samples.add(JsonValues.number(sum.get("bits_per_second")) / 1e9);
            }
        }
        JsonNode received = tcp ? end.path("sum_received") : end.path("sum");
        JsonNode sent = tcp ? end.path("sum_sent") : end.path("sum");
        double score = JsonValues.number(received.get("bits_per_second")) / 1e9;
        ToolIntervals.Interval iv = ToolIntervals.fromSamples(score, samples,
                "t over iperf3's per-interval throughput (intervals[].sum, --interval 1 s by default), centred on end.sum_received");

        Map<String, SecondaryMetric> secondary = new LinkedHashMap<>();
        secondary.put("sentBytes", new SecondaryMetric(JsonValues.finite(JsonValues.number(sent.get("bytes"))), "bytes"));
        secondary.put("receivedBytes", new SecondaryMetric(JsonValues.finite(JsonValues.number(received.get("bytes"))), "bytes"));
        secondary.put("sender.throughput", new SecondaryMetric(
                JsonValues.finite(JsonValues.number(sent.get("bits_per_second")) / 1e9), "Gbit/s"));
        if (tcp) {
            secondary.put("retransmits", new SecondaryMetric(JsonValues.finite(JsonValues.number(sent.get("retransmits"))), "segments"));
        } else {
            secondary.put("jitter", new SecondaryMetric(JsonValues.finite(JsonValues.number(received.get("jitter_ms"))), "ms"));
            secondary.put("lostPercent", new SecondaryMetric(JsonValues.finite(JsonValues.number(received.get("lost_percent"))), "%"));
        }
        JsonNode cpu = end.path("cpu_utilization_percent");
        secondary.put("cpu.local", new SecondaryMetric(JsonValues.finite(JsonValues.number(cpu.get("host_total"))), "%"));
        secondary.put("cpu.remote", new SecondaryMetric(JsonValues.finite(JsonValues.number(cpu.get("remote_total"))), "%"));

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("harness", "iperf3");
        settings.put("protocol", protocol);
        settings.put("streams", streams);
        settings.put("blksize", blksize);
        settings.put("durationSeconds", test.path("duration").isNumber() ? test.path("duration").asInt() : null);
        settings.put("omitSeconds", test.path("omit").isNumber() ? test.path("omit").asInt() : null);
        settings.put("reverse", test.path("reverse").asInt(0) != 0);
        settings.put("peer", peer);
        settings.put("loopback", loopback);
        settings.put("congestion", JsonValues.text(end.get("sender_tcp_congestion")));
        settings.put("placement", "not recorded by iperf3: without -A the OS placed both ends, possibly on one core");

        long t0 = start.path("timestamp").path("timesecs").asLong(0);
        String startTime = t0 > 0 ? Instant.ofEpochSecond(t0).toString() : null;
        double seconds = JsonValues.number(received.get("end"));
        String endTime = t0 > 0 && Double.isFinite(seconds) ? Instant.ofEpochMilli(t0 * 1000 + Math.round(seconds * 1000)).toString() : null;

        Workload w = Workloads.byId(metric).orElse(null);
        InvocationResult r = InvocationResult.builder().invocationId(InvocationId.of(metric, params, threads))
                .workload(metric).definitionVersion(w == null ? 1 : w.definitionVersion()).metric(metric)
                .params(params).threads(threads).unit("Gbit/s").higherIsBetter(true)
                .score(JsonValues.finite(score)).scoreError(iv.halfWidth()).ci(iv.ci()).samples(samples)
                .status(Double.isFinite(score) ? Status.ok : Status.failed)
                .reason(Double.isFinite(score) ? null : "iperf3's end summary has no bits_per_second")
                .secondary(secondary).start(startTime).end(endTime).settings(settings).interval(iv.interval()).build();

        List<String> notes = new ArrayList<>();
        notes.add("iperf3 records the client's uname only: CPU, memory and NICs are unknown");
        notes.add("iperf3 does not record where its two ends ran (-A is not in the output)");
        if (!loopback) {
            notes.add("the peer " + (peer == null ? "is not named" : peer + " is not on loopback")
                    + ": params.peer keeps this apart from Assay's loopback network.tcp.stream");
        }
        JsonNode inventory = inventory(JsonValues.text(start.get("system_info")));
        String host = inventory == null ? null : JsonValues.text(inventory.path("os").get("hostname"));
        return new ToolImport(ToolFormat.iperf3, JsonValues.text(start.get("version")), List.of(r), inventory, host,
                startTime, endTime, notes, null);
    }

    /** The address the client connected to (or the server accepted from). */
    static String peer(JsonNode start) {
        String host = JsonValues.text(start.path("connecting_to").get("host"));
        if (host != null) {
            return host;
        }
        for (JsonNode c : start.path("connected")) {
            String remote = JsonValues.text(c.get("remote_host"));
            if (remote != null) {
                return remote;
            }
        }
        return JsonValues.text(start.path("accepted_connection").get("host"));
    }

    static boolean isLoopback(String host) {
        String h = host.trim().toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.startsWith("::ffff:127.");
    }

    /**
     * {@code uname -a} as iperf3 writes it: system, host name, kernel release, the kernel's build
     * line (which has spaces) and the architecture last.
     */
    static JsonNode inventory(String systemInfo) {
        if (systemInfo == null) {
            return null;
        }
        String[] parts = systemInfo.trim().split("\\s+");
        if (parts.length < 3) {
            return null;
        }
        ObjectNode inv = BundleFormat.mapper().createObjectNode();
        ObjectNode os = inv.putObject("os");
        os.put("name", parts[0]);
        os.put("kernel", parts[2]);
        os.put("arch", parts.length > 3 ? parts[parts.length - 1] : null);
        os.put("hostname", parts[1]);
        inv.putArray("notes").add("from iperf3's system_info (the client's uname): " + systemInfo.trim());
        return inv;
    }
}
