package org.assay.workloads.network;

import org.assay.workloads.DescribedWorkload;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;

import java.util.List;
import java.util.Map;

/**
 * {@code network.tcp.crr}: loopback TCP connections per second, each set up, used for one byte
 * each way and torn down (netperf's TCP_CRR); the whole transaction's time goes into the latency
 * histogram. A client and its server on two planned cores. No parameters: the exchange is one
 * byte, as netperf's default TCP_CRR.
 */
final class TcpConnectWorkload extends DescribedWorkload {

    TcpConnectWorkload() {
        super("network.tcp.crr", 1, "org.assay.workloads.jmh.TcpRequestResponseBench.connect", "connections/s", true,
                "loopback TCP connect, 1-byte request/response and close (as netperf TCP_CRR), connections/s (threads = 2)");
    }

    /** Standard and thorough only: the quick suite keeps to one stream and one round-trip figure. */
    @Override
    public List<Map<String, Object>> paramSets(Suite suite, SizingContext sizing) {
        return suite == Suite.quick || sizing.maxThreads() < 2 ? List.of() : List.of(Map.of());
    }

    @Override
    public Map<String, Object> testParams() {
        return Map.of();
    }

    @Override
    public List<Integer> threadCounts(Suite suite, SizingContext sizing) {
        return sizing.maxThreads() < 2 ? List.of() : List.of(2);
    }

    @Override
    public void validate(Map<String, Object> params, int threads, SizingContext sizing) {
        if (threads != 2) {
            throw new IllegalArgumentException("the connection rate runs one client and its server: use --threads 2, not "
                    + threads);
        }
    }

    /** JMH's group score counts every connection twice (client and server): half of it. */
    @Override
    public double scorePerOp(Map<String, Object> params, int threads) {
        return 0.5;
    }
}
