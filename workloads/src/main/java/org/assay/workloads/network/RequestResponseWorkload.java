package org.assay.workloads.network;

import org.assay.workloads.DescribedWorkload;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code network.tcp.rr}: loopback TCP request/response with TCP_NODELAY, closed loop, in
 * transactions per second as netperf's TCP_RR reports it; every round trip goes into a latency
 * histogram whose percentiles the harness adds ({@code latency.p50} ... {@code latency.max}, us).
 * {@code network.tcp.rr.open}: the same exchange at a fixed request rate ({@code rate} per second),
 * each round trip timed from its intended send time, so its percentiles are latency under that
 * load free of coordinated omission; its score is the rate achieved. Two workers: client and
 * server, each on its own planned core.
 */
final class RequestResponseWorkload extends DescribedWorkload {

    static final List<Long> STANDARD_SIZES = List.of(1L, 64L, 1024L);
    /** Well below loopback's closed-loop rate on any server (tens of thousands per second). */
    static final long STANDARD_RATE = 10_000;
    static final double MAX_RATE = 1_000_000;
    /** DatagramPair.MAX_PAYLOAD: 65535 less the IPv4 and UDP headers. */
    static final long MAX_UDP_PAYLOAD = 65_507;

    private final boolean openLoop;
    private final boolean udp;

    RequestResponseWorkload(boolean openLoop) {
        super(openLoop ? "network.tcp.rr.open" : "network.tcp.rr", 1,
                "org.assay.workloads.jmh.TcpRequestResponseBench." + (openLoop ? "open" : "closed"),
                "transactions/s", true,
                openLoop ? "loopback TCP request/response at a fixed rate, latency from the intended send time (threads = 2)"
                        : "loopback TCP request/response (as netperf TCP_RR), transactions/s and latency percentiles (threads = 2)");
        this.openLoop = openLoop;
        this.udp = false;
    }

    /**
     * {@code network.udp.rr}: the closed loop over UDP (netperf's UDP_RR), standard and thorough
     * only, messages up to the largest UDP payload.
     */
    private RequestResponseWorkload() {
        super("network.udp.rr", 1, "org.assay.workloads.jmh.UdpRequestResponseBench.udp", "transactions/s", true,
                "loopback UDP request/response (as netperf UDP_RR), transactions/s and latency percentiles (threads = 2)");
        this.openLoop = false;
        this.udp = true;
    }

    static RequestResponseWorkload udp() {
        return new RequestResponseWorkload();
    }

    @Override
    public List<Map<String, Object>> paramSets(Suite suite, SizingContext sizing) {
        if (sizing.maxThreads() < 2) {
            return List.of(); // no two cores for the two ends: nothing to plan (see threadCounts)
        }
        if (suite == Suite.quick) {
            return openLoop || udp ? List.of() : List.of(params(1));
        }
        // the open loop and UDP at one size each: the closed TCP loop's sizes show what size does
        return openLoop ? List.of(params(1)) : udp ? List.of(params(64))
                : STANDARD_SIZES.stream().map(this::params).toList();
    }

    private Map<String, Object> params(long messageBytes) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("messageBytes", messageBytes);
        if (openLoop) {
            p.put("rate", STANDARD_RATE);
        }
        return p;
    }

    @Override
    public Map<String, Object> testParams() {
        Map<String, Object> p = params(64);
        if (openLoop) {
            p.put("rate", 2000L);
        }
        return p;
    }

    @Override
    public org.assay.workloads.MeasurementSettings settings(org.assay.workloads.MeasurementSettings base,
                                                            Map<String, Object> params) {
        return org.assay.workloads.MeasurementSettings.shortIterations(base);
    }

    /** A client and its server; none on a machine of one core. */
    @Override
    public List<Integer> threadCounts(Suite suite, SizingContext sizing) {
        return sizing.maxThreads() < 2 ? List.of() : List.of(2);
    }

    @Override
    public void validate(Map<String, Object> params, int threads, SizingContext sizing) {
        long bytes = NetworkWorkloads.messageBytes(params, 1, "1 byte");
        if (udp && bytes > MAX_UDP_PAYLOAD) {
            throw new IllegalArgumentException("a UDP message must be 1 to " + MAX_UDP_PAYLOAD
                    + " bytes (the largest UDP payload over IPv4), got " + bytes);
        }
        if (threads != 2) {
            throw new IllegalArgumentException("request/response runs one client and its server: use --threads 2, not "
                    + threads);
        }
        if (openLoop) {
            double rate = rate(params);
            if (!(rate > 0) || rate > MAX_RATE) {
                throw new IllegalArgumentException("rate must be above 0 and at most 1000000 requests per second, got "
                        + params.get("rate"));
            }
        }
    }

    static double rate(Map<String, Object> params) {
        Object v = params.get("rate");
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate must be a number of requests per second, got '" + v + "'");
        }
    }

    /** JMH's group score counts every exchange twice (client and server): half of it. */
    @Override
    public double scorePerOp(Map<String, Object> params, int threads) {
        return 0.5;
    }
}
