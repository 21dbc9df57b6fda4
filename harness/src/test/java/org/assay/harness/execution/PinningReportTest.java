package org.assay.harness.execution;

import org.assay.harness.command.SummaryPrinter;
import org.assay.probes.topology.CacheLevel;
import org.assay.probes.topology.CpuTopology;
import org.assay.probes.topology.LogicalCpu;
import org.assay.results.InvocationResult;
import org.assay.results.Status;
import org.assay.results.WorkerPlacement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading the fork's pinning report (the lines {@code WorkerPinning} writes) into one placement per
 * worker, located in the run's topology, and the summary naming a worker that ran elsewhere.
 */
class PinningReportTest {

    @TempDir
    Path tmp;

    /** Two sockets, one node and one L3 each; cores (0,2) on socket 0 and (1,3) on socket 1. */
    private static final CpuTopology TWO_SOCKETS = new CpuTopology(List.of(0, 1, 2, 3),
            List.of(new LogicalCpu(0, 0, 0, 0, List.of(0, 2)), new LogicalCpu(1, 1, 0, 1, List.of(1, 3)),
                    new LogicalCpu(2, 0, 0, 0, List.of(0, 2)), new LogicalCpu(3, 1, 0, 1, List.of(1, 3))),
            List.of(new CacheLevel(3, "Unified", 32 << 20, 64, 16, 2, List.of(List.of(0, 2), List.of(1, 3)))),
            Map.of(0, List.of(0, 2), 1, List.of(1, 3)), List.of());

    private Path report(String... lines) throws IOException {
        Path f = tmp.resolve("report");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    @Test
    void aWorkerTheOsMovedIsMisplacedAndItsNeighbourIsNot() throws IOException {
        Path f = report("0,0,0,setup,", "1,1,1,setup,", "0,0,0,teardown,", "1,1,3,teardown,");

        PinningReport pins = PinningReport.read(f, List.of(0, 1), TWO_SOCKETS);

        assertEquals(List.of(0, 1), pins.observedCpus());
        WorkerPlacement first = pins.workers().get(0);
        assertEquals(WorkerPlacement.AS_PLANNED, first.verdict());
        assertEquals("0,2", first.coreCpus());
        assertEquals("0,2", first.llcCpus());
        assertEquals(0, first.numaNode());
        assertEquals(0, first.socket());
        assertNull(first.problem());
        WorkerPlacement moved = pins.workers().get(1);
        assertEquals(WorkerPlacement.MISPLACED, moved.verdict());
        assertEquals(1, moved.plannedCpu());
        assertEquals(1, moved.setupCpu());
        assertEquals(3, moved.teardownCpu());
        assertEquals(1, moved.numaNode());
        assertEquals(1, moved.socket());
        assertEquals("worker 1 planned on CPU 1 ran on CPU 3 (teardown)", moved.problem());
        assertEquals(List.of("worker 1 planned on CPU 1 ran on CPU 3 (teardown)"), pins.problems());
    }

    @Test
    void aWorkerThatNeverReportedIsUnknownNotPlaced() throws IOException {
        PinningReport pins = PinningReport.read(report("0,0,0,setup,", "0,0,0,teardown,"), List.of(0, 1), TWO_SOCKETS);

        assertEquals(WorkerPlacement.AS_PLANNED, pins.workers().get(0).verdict());
        assertEquals(WorkerPlacement.UNKNOWN, pins.workers().get(1).verdict());
        assertTrue(pins.problems().contains("1 of 2 workers reported their CPU"), pins.problems().toString());
    }

    @Test
    void noReportAtAllLeavesEveryWorkerUnknown() throws IOException {
        PinningReport pins = PinningReport.read(tmp.resolve("absent"), List.of(2), TWO_SOCKETS);

        assertEquals(List.of(), pins.observedCpus());
        assertEquals(WorkerPlacement.UNKNOWN, pins.workers().get(0).verdict());
        assertEquals("0,2", pins.workers().get(0).coreCpus(), "the plan is still located");
        assertEquals(List.of("no worker reported its CPU: placement unknown"), pins.problems());
    }

    @Test
    void aFailedPinningIsMisplacedWithTheForksReason() throws IOException {
        PinningReport pins = PinningReport.read(report("0,1,0,setup,setAffinity failed: no permission",
                "0,1,0,teardown,"), List.of(1), TWO_SOCKETS);

        WorkerPlacement w = pins.workers().get(0);
        assertEquals(WorkerPlacement.MISPLACED, w.verdict());
        assertEquals(List.of(), w.measuredCpus());
        assertEquals("worker 0 planned on CPU 1 ran on CPU 0 (setup)", w.problem());
        assertTrue(pins.problems().contains("setAffinity failed: no permission"));
    }

    /** A NUMA-style sweep: point 0 on CPU 0, point 1 on CPU 1, where the worker is seen on CPU 3 after the iteration. */
    private Path movingSweep() throws IOException {
        return report("0,0,0,setup,", "0,0,0,point 0,", "0,0,0,point 0,", "0,1,1,point 1,", "0,1,3,point 1,",
                "0,0,0,point 0,", "0,0,0,point 0,", "0,1,1,point 1,", "0,1,1,point 1,", "0,0,0,teardown,");
    }

    private static InvocationResult point(int j, String id) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("sweep", "memory.numa.latency[cpuNodes=0,1,...]");
        settings.put("sweepPoint", j);
        settings.put("sweepPoints", 2);
        return InvocationResult.builder().invocationId(id).workload("memory.numa.latency").metric("memory.numa.latency")
                .params(Map.of("cpuNode", j, "memNode", 0)).threads(1).requestedCpus(List.of(0)).cpus(List.of(0))
                .unit("ns").score(100.0).samples(List.of(100.0)).status(Status.ok).settings(settings).build();
    }

    @Test
    void eachSweepPointIsPlacedOnItsOwnCpuAndOnlyTheMovedOneIsMisplaced() throws IOException {
        PinningReport pins = PinningReport.read(movingSweep(), List.of(0), TWO_SOCKETS);

        InvocationResult local = pins.placePoint(point(0, "a"));
        InvocationResult remote = pins.placePoint(point(1, "b"));

        assertEquals(List.of(0), local.requestedCpus());
        assertFalse(local.misplaced());
        assertEquals(List.of(1), remote.requestedCpus(), "the point's own CPU, not the fork's first");
        assertEquals(List.of(1), remote.cpus());
        assertTrue(remote.misplaced());
        WorkerPlacement w = remote.placement().get(0);
        assertEquals(List.of(1, 3), w.measuredCpus());
        assertEquals(1, w.numaNode());
        assertEquals(0, w.setupCpu(), "the fork's set-up reading");
        InvocationResult plain = point(0, "c").toBuilder().settings(Map.of()).build();
        assertSame(plain, pins.placePoint(plain), "a result that is no sweep point keeps the fork's placement");
    }

    @Test
    void theSummaryNamesTheMisplacedWorkerOnceForAWholeSweep() throws IOException {
        PinningReport pins = PinningReport.read(movingSweep(), List.of(0), TWO_SOCKETS);
        List<InvocationResult> results = List.of(pins.placePoint(point(0, "a")), pins.placePoint(point(1, "b")),
                pins.placePoint(point(1, "b2")));

        StringWriter text = new StringWriter();
        SummaryPrinter.print(new PrintWriter(text), results);
        String out = text.toString();

        String line = "misplaced: memory.numa.latency[cpuNodes=0,1,...] (all 2 points) worker 0 planned on CPU 1 "
                + "(node 1), seen on CPU 1,3: worker 0 planned on CPU 1 ran on CPU 3 (point 1)";
        assertTrue(out.contains(line), out);
        assertEquals(1, out.lines().filter(l -> l.startsWith("misplaced:")).count(), out);
    }
}
