package org.assay.workloads.network;

import org.assay.workloads.Workload;

import java.util.List;

/** The network workloads (metrics {@code network.*}), in the order suites run them. */
public final class NetworkWorkloads {

    /** The largest message any network workload takes: a typo of a few orders of magnitude is refused. */
    public static final long MAX_MESSAGE_BYTES = 64L << 20;

    private NetworkWorkloads() {
    }

    public static List<Workload> all() {
        return List.of(new TcpStreamWorkload(false), new TcpStreamWorkload(true),
                new RequestResponseWorkload(false), new RequestResponseWorkload(true),
                new TcpConnectWorkload(), RequestResponseWorkload.udp());
    }

    /** Refuses a message size outside {@code min..64 MiB}; {@code what} says why the minimum. */
    static long messageBytes(java.util.Map<String, Object> params, long min, String what) {
        long bytes = Workload.longParam(params, "messageBytes");
        if (bytes < min || bytes > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("messageBytes must be " + what + " to 64 MiB (67108864), got " + bytes);
        }
        return bytes;
    }
}
