package org.assay.workloads.storage;

import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import org.assay.workloads.Workloads;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageWorkloadsTest {

    private static final SizingContext SERVER = new SizingContext(32L << 20, 256L << 30, 64);
    private static final SizingContext SMALL = new SizingContext(8L << 20, 4L << 30, 2);

    private static Workload w(String id) {
        return Workloads.byId(id).orElseThrow();
    }

    @Test
    void everyStorageWorkloadIsRegisteredUnderItsMetricName() {
        assertEquals(List.of("storage.randread", "storage.randwrite", "storage.seqread", "storage.seqwrite",
                        "storage.randrw", "storage.fsync"),
                Workloads.all().stream().map(Workload::id).filter(i -> i.startsWith("storage.")).toList());
    }

    @Test
    void quickMeasuresFourPatternsAtOneJobOnHalfAGib() {
        assertEquals(List.of(4096), blocks("storage.randread", Suite.quick));
        assertEquals(List.of(4096), blocks("storage.randwrite", Suite.quick));
        assertEquals(List.of(1 << 20), blocks("storage.seqread", Suite.quick));
        assertEquals(List.of(1 << 20), blocks("storage.seqwrite", Suite.quick));
        assertEquals(List.of(), blocks("storage.randrw", Suite.quick));
        assertEquals(List.of(), blocks("storage.fsync", Suite.quick));
        for (Workload x : StorageWorkloads.all()) {
            assertEquals(List.of(1), x.threadCounts(Suite.quick, SERVER));
            for (Map<String, Object> p : x.paramSets(Suite.quick, SERVER)) {
                assertEquals(512L << 20, Workload.longParam(p, "fileBytes"));
            }
        }
    }

    @Test
    void thoroughAddsLargerRandomBlocksAndADeepQueue() {
        assertEquals(List.of(4096, 4096, 16384, 65536), blocks("storage.randread", Suite.thorough));
        assertEquals(List.of(1L, 32L), w("storage.randread").paramSets(Suite.standard, SERVER).stream()
                .map(p -> Workload.longParam(p, "queueDepth")).toList(), "psync and a queue of 32");
        assertEquals(List.of(1L), w("storage.randwrite").paramSets(Suite.standard, SERVER).stream()
                .map(p -> Workload.longParam(p, "queueDepth")).toList(), "the deep write queue is thorough's");
        assertEquals(List.of(1L, 32L, 1L, 1L), w("storage.randwrite").paramSets(Suite.thorough, SERVER).stream()
                .map(p -> Workload.longParam(p, "queueDepth")).toList());
        assertEquals(List.of(1 << 20), blocks("storage.seqwrite", Suite.standard));
        assertEquals(List.of(131072, 1 << 20), blocks("storage.seqwrite", Suite.thorough));
        // many jobs only where they show a ceiling: 4 KiB random and 1 MiB sequential at queue depth 1
        for (Map<String, Object> p : w("storage.randread").paramSets(Suite.standard, SERVER)) {
            assertEquals(Workload.longParam(p, "queueDepth") == 1 ? List.of(1, 32) : List.of(1),
                    org.assay.workloads.ScalingLadder.counts(w("storage.randread").threadSteps(Suite.standard, SERVER, p)));
        }
        Map<String, Object> mix = w("storage.randrw").paramSets(Suite.standard, SERVER).get(0);
        assertEquals(List.of(1), org.assay.workloads.ScalingLadder.counts(w("storage.randrw").threadSteps(Suite.standard, SERVER, mix)));
        assertEquals(List.of(1, 32), w("storage.randread").threadCounts(Suite.standard, SERVER));
        assertEquals(List.of(1, 2), w("storage.randread").threadCounts(Suite.standard, SMALL));
        assertEquals(List.of(1), w("storage.fsync").threadCounts(Suite.thorough, SERVER), "fdatasync latency: one job");
        assertEquals(2L, Workload.longParam(w("storage.randwrite").paramSets(Suite.thorough, SERVER).get(0), "preconditionPasses"));
        assertTrue(w("storage.randread").paramSets(Suite.thorough, SERVER).stream().allMatch(p -> p.get("preconditionPasses").equals(0)));
        assertTrue(w("storage.seqwrite").paramSets(Suite.thorough, SERVER).stream().allMatch(p -> p.get("preconditionPasses").equals(0)));
        assertEquals(70L, Workload.longParam(w("storage.randrw").paramSets(Suite.standard, SERVER).get(0), "readPercent"));
        for (Workload x : StorageWorkloads.all()) {
            for (Suite s : Suite.values()) {
                for (Map<String, Object> p : x.paramSets(s, SERVER)) {
                    for (int t : x.threadCounts(s, SERVER)) {
                        x.validate(p, t, SERVER);
                    }
                }
            }
            x.validate(x.testParams(), 2, SMALL);
        }
    }

    private static List<Integer> blocks(String id, Suite s) {
        return w(id).paramSets(s, SERVER).stream().map(p -> (int) Workload.longParam(p, "blockSize")).toList();
    }

    @Test
    void refusesBadBlocksFilesAndMixes() {
        Workload rw = w("storage.randrw");
        Map<String, Object> p = new HashMap<>(rw.testParams());
        p.put("blockSize", 1000);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rw.validate(p, 1, SMALL)).getMessage()
                .contains("multiple of 512"));
        p.put("blockSize", 4096);
        p.put("fileBytes", 4096 * 3 + 1);
        assertThrows(IllegalArgumentException.class, () -> rw.validate(p, 1, SMALL));
        p.put("fileBytes", 4096);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rw.validate(p, 2, SMALL)).getMessage()
                .contains("one block per job"));
        p.put("fileBytes", 1 << 20);
        p.put("readPercent", 101);
        assertThrows(IllegalArgumentException.class, () -> rw.validate(p, 1, SMALL));
        p.put("readPercent", 0);
        rw.validate(p, 1, SMALL);
        p.put("queueDepth", 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rw.validate(p, 1, SMALL)).getMessage()
                .contains("queueDepth 0 must be between 1 and 1024"));
        p.put("queueDepth", 257);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rw.validate(p, 1, SMALL)).getMessage()
                .contains("exceeds the 256 blocks"));
        p.put("queueDepth", 1);
        Workload sync = w("storage.fsync");
        Map<String, Object> s = new HashMap<>(sync.testParams());
        s.put("queueDepth", 4);
        assertThrows(IllegalArgumentException.class, () -> sync.validate(s, 1, SMALL));
        p.put("pattern", "SEQ_READ");
        assertThrows(IllegalArgumentException.class, () -> rw.validate(p, 1, SMALL));
    }

    @Test
    void sequentialScoresMegabytesAndRandomScoresIops() {
        Workload seq = w("storage.seqread");
        assertEquals("MB/s", seq.unit());
        assertEquals(1.048576, seq.scorePerOp(Map.of("blockSize", 1 << 20), 1), 1e-12);
        assertEquals("IOPS", w("storage.randwrite").unit());
        assertEquals(1.0, w("storage.randwrite").scorePerOp(Map.of("blockSize", 4096), 4));
        assertEquals("IOPS", w("storage.fsync").unit());
        assertEquals(java.util.Set.of("pattern"), seq.derivedParams());
    }
}
