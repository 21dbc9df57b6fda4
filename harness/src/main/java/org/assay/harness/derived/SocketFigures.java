package org.assay.harness.derived;

import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a TCP stream's counters mean, added to its result: bytes moved per CPU-second of each
 * side ({@code sender.bytesPerCpuSecond}, {@code receiver.bytesPerCpuSecond}, GB per CPU-second)
 * from the bytes and thread CPU time the fork counted over the measurement iterations; and the
 * retransmit count set to null (not measured) where the fork could not read TCP_INFO, which it
 * says with a negative count; a UDP exchange's {@code lostRequests} labelled as requests. A
 * result without those counters is returned unchanged.
 */
public final class SocketFigures {

    private SocketFigures() {
    }

    public static InvocationResult withCpuEfficiency(InvocationResult r) {
        Map<String, SecondaryMetric> s = r.secondary();
        if (s != null && s.containsKey("lostRequests")) { // UDP: datagrams given up for lost
            Map<String, SecondaryMetric> out = new LinkedHashMap<>(s);
            relabel(out, "lostRequests", "requests");
            return r.withSecondary(out);
        }
        if (s == null || !s.containsKey("sentBytes")) {
            return r;
        }
        Map<String, SecondaryMetric> out = new LinkedHashMap<>(s);
        // JMH labels every auxiliary counter "#"; these are bytes and nanoseconds
        relabel(out, "sentBytes", "bytes");
        relabel(out, "receivedBytes", "bytes");
        relabel(out, "senderCpuNanos", "ns");
        relabel(out, "receiverCpuNanos", "ns");
        out.put("sender.bytesPerCpuSecond", perCpuSecond(s.get("sentBytes"), s.get("senderCpuNanos")));
        out.put("receiver.bytesPerCpuSecond", perCpuSecond(s.get("receivedBytes"), s.get("receiverCpuNanos")));
        SecondaryMetric retrans = s.get("retransmits");
        if (retrans != null) {
            out.put("retransmits", new SecondaryMetric(
                    retrans.score() == null || retrans.score() < 0 ? null : retrans.score(), "segments"));
        }
        return r.withSecondary(out);
    }

    private static void relabel(Map<String, SecondaryMetric> s, String name, String unit) {
        SecondaryMetric m = s.get(name);
        if (m != null) {
            s.put(name, new SecondaryMetric(m.score() == null || m.score() < 0 ? null : m.score(), unit));
        }
    }

    /** GB (10^9 bytes) per CPU-second; null where either count is missing or CPU time was not measurable. */
    static SecondaryMetric perCpuSecond(SecondaryMetric bytes, SecondaryMetric cpuNanos) {
        if (bytes == null || cpuNanos == null || bytes.score() == null || cpuNanos.score() == null
                || cpuNanos.score() <= 0 || bytes.score() < 0) {
            return new SecondaryMetric(null, "GB/CPU-s");
        }
        return new SecondaryMetric(bytes.score() / (cpuNanos.score() / 1e9) / 1e9, "GB/CPU-s");
    }
}
