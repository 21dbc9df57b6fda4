package org.assay.workloads.network;

import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import org.assay.workloads.Workloads;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkWorkloadsTest {

    private static final SizingContext ONE_CORE = new SizingContext(8L << 20, 2L << 30, 1);
    private static final SizingContext TWO = new SizingContext(32L << 20, 8L << 30, 2);
    private static final SizingContext BIG = new SizingContext(256L << 20, 256L << 30, 64);

    private static Workload byId(String id) {
        return Workloads.byId(id).orElseThrow();
    }

    @Test
    void theFamilyIsRegisteredUnderItsMetricNames() {
        assertEquals(List.of("network.tcp.stream", "network.tcp.stream.samecore", "network.tcp.rr", "network.tcp.rr.open",
                        "network.tcp.crr", "network.udp.rr"),
                Workloads.matching("network.*").stream().map(Workload::id).toList());
    }

    @Test
    void quickIsOneStreamOf128KiBAndOneByteRoundTrips() {
        assertEquals(List.of(Map.of("messageBytes", 131072L, "sameCore", false)),
                byId("network.tcp.stream").paramSets(Suite.quick, BIG));
        assertEquals(List.of(2), byId("network.tcp.stream").threadCounts(Suite.quick, BIG));
        assertEquals(List.of(Map.of("messageBytes", 1L)), byId("network.tcp.rr").paramSets(Suite.quick, BIG));
        assertTrue(byId("network.tcp.stream.samecore").paramSets(Suite.quick, BIG).isEmpty());
        assertTrue(byId("network.tcp.rr.open").paramSets(Suite.quick, BIG).isEmpty());
    }

    @Test
    void standardSweepsSizesFrom1KiBTo1MiBAndStreamsAsTheCoresAllow() {
        Workload stream = byId("network.tcp.stream");
        assertEquals(List.of(1024L, 131072L, 1048576L),
                stream.paramSets(Suite.standard, BIG).stream().map(p -> p.get("messageBytes")).toList());
        assertEquals(List.of(2, 4, 8, 16), stream.threadCounts(Suite.standard, BIG));
        // the streams ladder for the headline 128 KiB only; the other sizes at one stream
        for (Map<String, Object> p : stream.paramSets(Suite.standard, BIG)) {
            assertEquals(p.get("messageBytes").equals(131072L) ? List.of(2, 4, 8, 16) : List.of(2),
                    org.assay.workloads.ScalingLadder.counts(stream.threadSteps(Suite.standard, BIG, p)));
        }
        assertEquals(List.of(2), stream.threadCounts(Suite.standard, TWO));
        assertEquals(List.of(1L, 64L, 1024L),
                byId("network.tcp.rr").paramSets(Suite.standard, BIG).stream().map(p -> p.get("messageBytes")).toList());
        for (Map<String, Object> p : byId("network.tcp.rr.open").paramSets(Suite.standard, BIG)) {
            assertEquals(10_000L, p.get("rate"));
        }
    }

    @Test
    void aMachineOfOneCorePlansNoNetworkWorkloadAtAll() {
        for (Workload w : Workloads.matching("network.*")) {
            for (Suite s : Suite.values()) {
                assertTrue(w.paramSets(s, ONE_CORE).isEmpty(), w.id());
                assertTrue(w.threadCounts(s, ONE_CORE).isEmpty(), w.id());
            }
        }
    }

    @Test
    void everySuiteAndTestSizeValidates() {
        for (Workload w : Workloads.matching("network.*")) {
            for (Suite s : Suite.values()) {
                for (Map<String, Object> p : w.paramSets(s, BIG)) {
                    for (int t : w.threadCounts(s, BIG)) {
                        assertDoesNotThrow(() -> w.validate(p, t, BIG), w.id() + " " + p + " x" + t);
                    }
                }
            }
            assertDoesNotThrow(() -> w.validate(w.testParams(), 2, TWO), w.id());
        }
    }

    @Test
    void refusals() {
        Workload stream = byId("network.tcp.stream");
        Map<String, Object> p = new HashMap<>(stream.testParams());
        p.put("messageBytes", 0L);
        assertTrue(refusal(stream, p, 2).contains("messageBytes must be 24 bytes"));
        p.put("messageBytes", (64L << 20) + 1);
        assertTrue(refusal(stream, p, 2).contains("got 67108865"));
        p.put("messageBytes", 64L << 20);
        assertDoesNotThrow(() -> stream.validate(p, 2, BIG)); // 64 MiB itself is allowed
        assertTrue(refusal(stream, p, 8).contains("MiB of socket buffers"));
        p.put("messageBytes", 1024L);
        assertTrue(refusal(stream, p, 3).contains("2 per stream"));
        p.put("sameCore", true);
        assertTrue(refusal(stream, p, 2).contains("network.tcp.stream.samecore"));

        Workload same = byId("network.tcp.stream.samecore");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> same.validate(same.testParams(), 4, BIG))
                .getMessage().contains("use --threads 2, not 4"));

        Workload open = byId("network.tcp.rr.open");
        Map<String, Object> q = new HashMap<>(open.testParams());
        q.put("rate", 0L);
        assertTrue(refusal(open, q, 2).contains("rate must be above 0"));
        q.put("rate", -1.5);
        assertTrue(refusal(open, q, 2).contains("rate must be above 0"));
        q.put("rate", "2e7");
        assertTrue(refusal(open, q, 2).contains("at most 1000000"));
        q.put("rate", 500L);
        assertTrue(refusal(open, q, 1).contains("--threads 2"));
    }

    private static String refusal(Workload w, Map<String, Object> p, int threads) {
        return assertThrows(IllegalArgumentException.class, () -> w.validate(p, threads, BIG)).getMessage();
    }

    @Test
    void scoresAreGigabitsAndTransactionsOfHalfTheGroupsOperations() {
        // JMH's group score counts each message (exchange) on both threads
        Map<String, Object> p = Map.of("messageBytes", 131072L, "sameCore", false);
        assertEquals(131072 * 8 / 1e9 / 2, byId("network.tcp.stream").scorePerOp(p, 2), 1e-15);
        assertEquals(0.5, byId("network.tcp.rr").scorePerOp(Map.of("messageBytes", 1L), 2));
        assertEquals("Gbit/s", byId("network.tcp.stream").unit());
        assertEquals("transactions/s", byId("network.tcp.rr").unit());
    }
}
