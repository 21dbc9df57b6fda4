package org.assay.harness.derived;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SocketFiguresTest {

    /** Two forks' logs appended to one file, as the forks write it: a header each, intervals after. */
    private static byte[] log(List<long[]> intervals) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        long t = 1_700_000_000_000L;
        for (int fork = 0; fork < 2; fork++) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.outputStartTime(t);
            w.setBaseTime(t);
            w.outputLegend();
            for (int k = fork; k < intervals.size(); k += 2) {
                Histogram h = new Histogram(3);
                h.setStartTimeStamp(t + k * 1000L);
                for (long v : intervals.get(k)) {
                    h.recordValue(v);
                }
                h.setEndTimeStamp(t + k * 1000L + 500);
                h.setTag("iteration" + k);
                w.outputIntervalHistogram(h);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void percentilesAreOverEveryRoundTripOfEveryIntervalAndFork() {
        // 990 fast round trips of 20 us in three intervals, and 10 slow ones of 5 ms in the last
        long[] fast = new long[330];
        java.util.Arrays.fill(fast, 20_000);
        long[] slow = new long[10];
        java.util.Arrays.fill(slow, 5_000_000);
        Map<String, SecondaryMetric> p = LatencyHistograms.percentiles(log(List.of(fast, fast, fast, slow)));
        assertEquals(1000.0, p.get("latency.count").score());
        assertEquals(20.0, p.get("latency.p50").score(), 0.02);
        assertEquals(20.0, p.get("latency.p99").score(), 0.02);   // the 990th of 1000 is still fast
        assertEquals(5000.0, p.get("latency.p99.9").score(), 5.0); // the 999th is one of the slow ten
        assertEquals(5000.0, p.get("latency.max").score(), 5.0);
        assertEquals("us", p.get("latency.p90").unit());
        // an average of per-interval p99.9s would have said (20 + 20 + 20 + 5000) / 4: not what happened
        assertEquals(0.99 * 20 + 0.01 * 5000, p.get("latency.mean").score(), 1.0);
    }

    @Test
    void aLogWithoutIntervalsGivesNoPercentiles() {
        assertTrue(LatencyHistograms.percentiles(log(List.of())).isEmpty());
        assertTrue(LatencyHistograms.percentiles(new byte[0]).isEmpty());
    }

    private static InvocationResult result(Map<String, SecondaryMetric> secondary) {
        return InvocationResult.builder().invocationId("network.tcp.stream[messageBytes=1024,threads=2]")
                .workload("network.tcp.stream").definitionVersion(1).metric("network.tcp.stream")
                .params(Map.of("messageBytes", 1024L)).threads(2).requestedCpus(List.of(0, 1)).cpus(List.of(0, 1))
                .unit("Gbit/s").higherIsBetter(true).score(10.0).scoreError(0.1).samples(List.of(10.0))
                .status(Status.ok).secondary(secondary).start("s").end("e").build();
    }

    @Test
    void bytesPerCpuSecondOfEachSideFromTheCountersTheForkKept() {
        Map<String, SecondaryMetric> s = new LinkedHashMap<>();
        s.put("sentBytes", new SecondaryMetric(4e9, "#"));
        s.put("senderCpuNanos", new SecondaryMetric(2e9, "#"));      // 4 GB in 2 CPU-seconds
        s.put("receivedBytes", new SecondaryMetric(4e9, "#"));
        s.put("receiverCpuNanos", new SecondaryMetric(-1.0, "#"));  // not measurable on that side
        s.put("retransmits", new SecondaryMetric(-2.0, "#"));       // TCP_INFO unreadable on both streams
        Map<String, SecondaryMetric> out = SocketFigures.withCpuEfficiency(result(s)).secondary();
        assertEquals(new SecondaryMetric(2.0, "GB/CPU-s"), out.get("sender.bytesPerCpuSecond"));
        assertEquals(new SecondaryMetric(null, "GB/CPU-s"), out.get("receiver.bytesPerCpuSecond"));
        assertNull(out.get("retransmits").score(), "not measured, never a negative count");
        assertEquals(new SecondaryMetric(4e9, "bytes"), out.get("sentBytes"));
        assertEquals(new SecondaryMetric(null, "ns"), out.get("receiverCpuNanos"));
    }

    @Test
    void udpLossesAreCountedInRequests() {
        Map<String, SecondaryMetric> out = SocketFigures.withCpuEfficiency(
                result(Map.of("lostRequests", new SecondaryMetric(3.0, "#")))).secondary();
        assertEquals(new SecondaryMetric(3.0, "requests"), out.get("lostRequests"));
    }

    @Test
    void aResultWithoutStreamCountersIsLeftAlone() {
        InvocationResult r = result(Map.of("host.steal", new SecondaryMetric(0.0, "%")));
        assertSame(r, SocketFigures.withCpuEfficiency(r));
    }
}
