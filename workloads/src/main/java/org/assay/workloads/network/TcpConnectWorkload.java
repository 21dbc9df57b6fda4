package org.assay.workloads.network;

import org.assay.workloads.DescribedWorkload;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;

import java.util.List;
import java.util.Map;

/**
 * {@code network.tcp.crr}: loopback TCP connections per second, each set up, used for one byte
 * each way and torn down (netperf's TCP_CRR); the whole transaction's time goes into the latency
 * histogram. A client and its server on two planned cores. Its one parameter records the exchange:
 * {@code messageBytes} = 1, one byte each way as netperf's TCP_CRR by default, and no other size.
 */
final class TcpConnectWorkload extends DescribedWorkload {

    TcpConnectWorkload() {
        super("network.tcp.crr", 1, "org.assay.workloads.jmh.TcpRequestResponseBench.connect", "connections/s", true,
                "loopback TCP connect, 1-byte request/response and close (as netperf TCP_CRR), connections/s (threads = 2)");
    }

    /** Standard and thorough only: the quick suite keeps to one stream and one round-trip figure. */
    @Override
    public List<Map<String, Object>> paramSets(Suite suite, SizingContext sizing) {
        return suite == Suite.quick || sizing.maxThreads() < 2 ? List.of() : List.of(testParams());
    }

    @Override
    public Map<String, Object> testParams() {
        return Map.of("messageBytes", 1L);
    }

    @Override
    public org.assay.workloads.MeasurementSettings settings(org.assay.workloads.MeasurementSettings base,
                                                            Map<String, Object> params) {
        return org.assay.workloads.MeasurementSettings.shortIterations(base);
    }

    @Override
    public List<Integer> threadCounts(Suite suite, SizingContext sizing) {
        return sizing.maxThreads() < 2 ? List.of() : List.of(2);
    }

    @Override
    public void validate(Map<String, Object> params, int threads, SizingContext sizing) {
        long bytes = NetworkWorkloads.messageBytes(params, 1, "1 byte");
        if (bytes != 1) {
            throw new IllegalArgumentException("the connection rate exchanges one byte each way (as netperf's TCP_CRR): "
                    + "messageBytes must be 1, got " + bytes + "; network.tcp.rr measures other sizes");
        }
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
