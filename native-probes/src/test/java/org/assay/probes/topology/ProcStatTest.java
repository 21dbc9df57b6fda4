package org.assay.probes.topology;

import org.assay.probes.fixtures.Fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatTest {

    @TempDir
    Path root;

    @Test
    void readsTotalAndPerCpuLinesByNumber() {
        new Fixture(root).procStat("cpu  10 1 20 100 5 2 3 9 7 0", "cpu0 5 1 10 50 5 1 2 4 0 0",
                "cpu3 5 0 10 50 0 1 1 5 0 0");   // cpu1, cpu2 offline: no lines
        ProcStat s = ProcStat.read(root).orElseThrow();
        assertEquals(new CpuTimes(10, 1, 20, 100, 5, 2, 3, 9), s.total());
        assertEquals(List.of(0, 3), List.copyOf(s.perCpu().keySet()));
        assertEquals(5, s.perCpu().get(3).steal());
        assertEquals(150, s.total().total(), "guest columns are not added again");
    }

    @Test
    void stealDeltaIsStolenTicksOverAllTicks() {
        CpuTimes before = new CpuTimes(100, 0, 50, 1000, 10, 0, 0, 20);
        CpuTimes after = new CpuTimes(160, 0, 70, 1100, 10, 0, 0, 40);   // +60 +20 +100 +20 = 200 ticks
        CpuTimes.Delta d = CpuTimes.delta(before, after);
        assertEquals(200, d.ticks());
        assertEquals(10.0, d.stealPercent(), 1e-9);
        assertEquals(50.0, d.busyPercent(), 1e-9);
        assertEquals(0.0, d.iowaitPercent(), 1e-9);
    }

    @Test
    void noElapsedTicksIsNaNNotZero() {
        CpuTimes t = new CpuTimes(1, 2, 3, 4, 5, 6, 7, 8);
        CpuTimes.Delta d = CpuTimes.delta(t, t);
        assertTrue(Double.isNaN(d.stealPercent()));
        assertTrue(Double.isNaN(d.busyPercent()));
    }

    @Test
    void iowaitGoingBackwardsIsClampedAtZero() {
        CpuTimes before = new CpuTimes(0, 0, 0, 100, 50, 0, 0, 0);
        CpuTimes after = new CpuTimes(0, 0, 0, 200, 40, 0, 0, 0);
        CpuTimes.Delta d = CpuTimes.delta(before, after);
        assertEquals(100, d.ticks());
        assertEquals(0.0, d.iowaitPercent());
    }

    @Test
    void sumOfChosenCpusGivesStealWhereTheWorkloadRan() {
        new Fixture(root).procStat("cpu  0 0 0 0 0 0 0 0", "cpu0 10 0 0 80 0 0 0 10", "cpu1 0 0 0 100 0 0 0 0");
        ProcStat s = ProcStat.read(root).orElseThrow();
        assertEquals(10.0, s.sum(List.of(0)).sinceBoot().stealPercent(), 1e-9);
        assertEquals(5.0, s.sum(List.of(0, 1)).sinceBoot().stealPercent(), 1e-9);
    }

    @Test
    void missingFileIsEmpty() {
        assertTrue(ProcStat.read(root).isEmpty());
    }

    @Test
    void liveProcStatIsPlausibleWhereItExists() {
        ProcStat s = ProcStat.read(Path.of("/")).orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(s != null, "no /proc/stat on this machine");
        assertTrue(s.total().total() > 0);
        assertTrue(!s.perCpu().isEmpty());
    }

    @Test
    void theSamplersByteParserAgreesWithTheLineParser() {
        new Fixture(root).procStat("cpu  10 1 20 100 5 2 3 9 7 0", "cpu0 5 1 10 50 5 1 2 4 0 0",
                "cpu12 5 0 10 50 0 1 1 5 0 0", "intr 12345 0 1 2", "ctxt 999", "cpu7 1 2 3");
        ProcStat slow = ProcStat.read(root).orElseThrow();
        ProcStat fast = ProcStat.readInto(root.resolve("proc/stat"), new byte[4096]).orElseThrow();
        assertEquals(slow.total(), fast.total());
        assertEquals(slow.perCpu(), fast.perCpu());
        assertEquals(new CpuTimes(1, 2, 3, 0, 0, 0, 0, 0), fast.perCpu().get(7), "short line: missing columns are 0");
    }
}
