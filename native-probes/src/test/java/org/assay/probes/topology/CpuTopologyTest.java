package org.assay.probes.topology;

import org.assay.probes.fixtures.Fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuTopologyTest {

    @TempDir
    Path root;

    @Test
    void amdGuestHasTwoCoresNoSmtAndAnL3SharedByBoth() {
        CpuTopology t = CpuTopology.read(Fixture.amdEpycKvm(root).root);
        assertEquals(List.of(0, 1), t.online());
        assertEquals(1, t.sockets());
        assertEquals(2, t.physicalCores());
        assertFalse(t.smt());
        assertEquals(Map.of(0, List.of(0, 1)), t.numaNodes());
        assertEquals(List.of("L1d", "L1i", "L2", "L3"), t.caches().stream().map(CacheLevel::label).toList());

        CacheLevel l1d = t.caches().get(0);
        assertEquals(32 * 1024, l1d.sizeBytes());
        assertEquals(2, l1d.instances());
        assertEquals(List.of(List.of(0), List.of(1)), l1d.sharedCpuSets());
        assertEquals(64, l1d.lineSize());
        assertEquals(8, l1d.ways());

        CacheLevel l3 = t.caches().get(3);
        assertEquals(32L << 20, l3.sizeBytes());
        assertEquals(1, l3.instances());
        assertEquals(List.of(List.of(0, 1)), l3.sharedCpuSets());
        assertEquals(16, l3.ways());
    }

    @Test
    void intelSmtPartPairsEachCoreWithItsSiblingFourAbove() {
        CpuTopology t = CpuTopology.read(Fixture.intel4c8t(root).root);
        assertEquals(8, t.cpus().size());
        assertEquals(4, t.physicalCores());
        assertTrue(t.smt());
        assertEquals(List.of(0, 4), t.cpu(0).orElseThrow().siblings());
        assertEquals(List.of(3, 7), t.cpu(7).orElseThrow().siblings());
        assertEquals(List.of(List.of(0, 4), List.of(1, 5), List.of(2, 6), List.of(3, 7)), t.cores());
        CacheLevel l2 = t.caches().stream().filter(c -> c.label().equals("L2")).findFirst().orElseThrow();
        assertEquals(4, l2.instances());
        assertEquals(1280 * 1024, l2.sizeBytes());
    }

    @Test
    void twoSocketsCountCoresBySiblingSetsNotByRepeatingCoreIds() {
        CpuTopology t = CpuTopology.read(Fixture.twoSocket(root).root);
        assertEquals(2, t.sockets());
        assertEquals(4, t.physicalCores(), "core ids 0,1 repeat in both sockets");
        assertEquals(Map.of(0, List.of(0, 1, 4, 5), 1, List.of(2, 3, 6, 7)), t.numaNodes());
        assertEquals(1, t.cpu(6).orElseThrow().numaNode());
        assertEquals(1, t.cpu(6).orElseThrow().packageId());
        CacheLevel l3 = t.caches().stream().filter(c -> c.level() == 3).findFirst().orElseThrow();
        assertEquals(2, l3.instances());
        assertEquals(List.of(List.of(0, 1, 4, 5), List.of(2, 3, 6, 7)), l3.sharedCpuSets());
    }

    @Test
    void olderKernelWithOnlyThreadSiblingsListStillFindsSiblings() {
        Fixture f = new Fixture(root).file("/sys/devices/system/cpu/online", "0-1");
        for (int c = 0; c < 2; c++) {
            String t = "/sys/devices/system/cpu/cpu" + c + "/topology/";
            f.file(t + "physical_package_id", "0").file(t + "core_id", "0").file(t + "thread_siblings_list", "0-1");
        }
        CpuTopology t = CpuTopology.read(root);
        assertEquals(1, t.physicalCores());
        assertTrue(t.smt());
    }

    @Test
    void offlineSiblingIsLeftOutOfTheSiblingList() {
        new Fixture(root).file("/sys/devices/system/cpu/online", "0-3").cpu(0, 0, 0, "0,4").cpu(1, 0, 1, "1,5")
                .cpu(2, 0, 2, "2,6").cpu(3, 0, 3, "3,7");
        CpuTopology t = CpuTopology.read(root);
        assertEquals(List.of(0), t.cpu(0).orElseThrow().siblings());
        assertFalse(t.smt());
    }

    @Test
    void missingNodeDirectoryMeansOneNodeWithANote() {
        new Fixture(root).file("/sys/devices/system/cpu/online", "0-1").cpu(0, 0, 0, "0").cpu(1, 0, 1, "1");
        CpuTopology t = CpuTopology.read(root);
        assertEquals(Map.of(0, List.of(0, 1)), t.numaNodes());
        assertTrue(t.notes().stream().anyMatch(n -> n.contains("NUMA")), t.notes().toString());
    }

    @Test
    void missingTopologyFilesGiveMinusOneAndANoteNotAnException() {
        new Fixture(root).file("/sys/devices/system/cpu/online", "0").file("/sys/devices/system/cpu/cpu0/uevent", "");
        CpuTopology t = CpuTopology.read(root);
        assertEquals(-1, t.cpu(0).orElseThrow().packageId());
        assertEquals(List.of(0), t.cpu(0).orElseThrow().siblings());
        assertTrue(t.caches().isEmpty());
        assertFalse(t.notes().isEmpty());
    }

    @Test
    void emptyRootGivesAnEmptyTopology() {
        CpuTopology t = CpuTopology.read(root);
        assertTrue(t.cpus().isEmpty());
        assertEquals(0, t.physicalCores());
    }

    @Test
    void cacheSizeSuffixesParse() {
        assertEquals(32L * 1024, CacheReader.parseSize("32K").orElseThrow());
        assertEquals(32L << 20, CacheReader.parseSize("32768K\n").orElseThrow());
        assertEquals(2L << 20, CacheReader.parseSize("2M").orElseThrow());
        assertEquals(512L, CacheReader.parseSize("512").orElseThrow());
        assertTrue(CacheReader.parseSize("K").isEmpty());
    }
}
