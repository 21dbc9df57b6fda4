package org.assay.workloads.memory;

import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import org.assay.probes.topology.AllowedCpus;
import org.assay.probes.topology.CpuTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumaMatrixTest {

    @TempDir
    Path root;

    private void file(String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text + "\n");
    }

    /** Two sockets, one node each: CPUs 0-1 on node 0, 2-3 on node 1. */
    private Path twoNodes() throws IOException {
        file("sys/devices/system/cpu/online", "0-3");
        file("sys/devices/system/cpu/possible", "0-3");
        for (int cpu = 0; cpu < 4; cpu++) {
            String t = "sys/devices/system/cpu/cpu" + cpu + "/topology/";
            file(t + "physical_package_id", String.valueOf(cpu / 2));
            file(t + "core_id", String.valueOf(cpu % 2));
            file(t + "core_cpus_list", String.valueOf(cpu));
            file(t + "thread_siblings_list", String.valueOf(cpu));
        }
        file("sys/devices/system/node/node0/cpulist", "0-1");
        file("sys/devices/system/node/node1/cpulist", "2-3");
        file("sys/devices/system/node/online", "0-1");
        return root;
    }

    @Test
    void twoNodesGiveTwoRowsEachOnACpuOfItsNodeAndAColumnPerNode() throws IOException {
        NumaMatrix m = NumaMatrix.of(CpuTopology.read(twoNodes()), List.of(0, 1, 2, 3));
        assertEquals(2, m.nodes());
        assertEquals(List.of(new NumaMatrix.Row(0, 1), new NumaMatrix.Row(1, 2)), m.rows());
        assertEquals(List.of(0, 1), m.memNodes());
    }

    @Test
    void aNodeWithoutUsableCpusHasNoRowButStillAColumn() throws IOException {
        NumaMatrix m = NumaMatrix.of(CpuTopology.read(twoNodes()), List.of(2, 3));
        assertEquals(List.of(new NumaMatrix.Row(1, 2)), m.rows());
        assertEquals(List.of(0, 1), m.memNodes());
    }

    private static SizingContext sizing(CpuTopology topology, List<Integer> cpus) {
        return new SizingContext(32L << 20, 16L << 30, 2, topology, cpus);
    }

    @Test
    void workloadPlansTheWholeMatrixAsOneInvocationWithOneResultPerCell() throws IOException {
        Path tree = twoNodes();
        Workload w = new NumaWorkload(true);
        SizingContext sizing = sizing(CpuTopology.read(tree), AllowedCpus.read(tree).cpus());
        List<Map<String, Object>> sets = w.paramSets(Suite.quick, sizing);
        assertEquals(1, sets.size());
        Map<String, Object> p = sets.get(0);
        assertEquals("0,1", p.get("cpuNodes"));
        assertEquals("1,2", p.get("rowCpus"), "node 0's row off CPU 0");
        assertEquals("0,1", p.get("memNodes"));
        assertEquals(2, p.get("nodes"));
        assertTrue(((Number) p.get("workingSetBytes")).longValue() >= 128L << 20);
        w.validate(p, 1, sizing);

        List<Map<String, Object>> cells = w.sweepPoints(p);
        assertEquals(4, cells.size());
        assertEquals(List.of(0, 0, 1, 1), cells.stream().map(c -> c.get("cpuNode")).toList(), "row by row");
        assertEquals(List.of(0, 1, 0, 1), cells.stream().map(c -> c.get("memNode")).toList());
        assertEquals(List.of(1), w.workerCpus(p, List.of(3), sizing), "the worker starts on the first row's CPU");
    }

    @Test
    void everyCellGetsTheSuitesMeasurementIterationsInShortIterations() throws IOException {
        Path tree = twoNodes();
        Workload w = new NumaWorkload(false);
        Map<String, Object> p = w.paramSets(Suite.quick, sizing(CpuTopology.read(tree), List.of(0, 1, 2, 3))).get(0);
        MeasurementSettings quick = w.settings(MeasurementSettings.forSuite(Suite.quick), p);
        assertEquals(4 * MeasurementSettings.forSuite(Suite.quick).measurementIterations(), quick.measurementIterations());
        assertEquals(2, quick.warmupIterations());
        assertEquals(20, quick.measurementMillis());
    }

    @Test
    void anEightNodeMatrixIsSixtyFourCellsInOneInvocationPerKind() {
        CpuTopology nps4 = org.assay.workloads.Layouts.epyc2s(4);
        SizingContext sizing = new SizingContext(768L << 20, 1536L << 30, 192, nps4,
                java.util.stream.IntStream.range(0, 384).boxed().toList());
        for (boolean latency : new boolean[] {true, false}) {
            Workload w = new NumaWorkload(latency);
            List<Map<String, Object>> sets = w.paramSets(Suite.standard, sizing);
            assertEquals(1, sets.size());
            assertEquals("1,24,48,72,96,120,144,168", sets.get(0).get("rowCpus"));
            assertEquals(64, w.sweepPoints(sets.get(0)).size());
            w.validate(sets.get(0), 1, sizing);
        }
    }

    @Test
    void aRowWithoutItsCpuIsRefused() throws IOException {
        Workload w = new NumaWorkload(true);
        Map<String, Object> p = new java.util.LinkedHashMap<>(w.testParams());
        p.put("cpuNodes", "0,1");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> w.validate(p, 1, new SizingContext(32L << 20, 16L << 30, 2)));
        assertTrue(e.getMessage().startsWith("rowCpus must name one CPU per row"), e.getMessage());
    }

    @Test
    void sizesOnlyContextPlansTheOneCellEveryMachineHasNotTheLiveLayout() {
        // the layout comes from the run's reading of the machine (under --root), never from "/"
        Workload w = new NumaWorkload(false);
        SizingContext sizesOnly = new SizingContext(32L << 20, 16L << 30, 2);
        List<Map<String, Object>> sets = w.paramSets(Suite.quick, sizesOnly);
        assertEquals(1, sets.size());
        assertEquals(1, sets.get(0).get("nodes"));
        assertEquals("-1", sets.get(0).get("rowCpus"));
        assertEquals(List.of(5), w.workerCpus(sets.get(0), List.of(5), sizesOnly), "the planner's CPU stays");
    }

    @Test
    void singleNodeMachineIsTheOneByOneMatrix() throws IOException {
        file("sys/devices/system/cpu/online", "0-1");
        file("sys/devices/system/node/node0/cpulist", "0-1");
        NumaMatrix m = NumaMatrix.of(CpuTopology.read(root), List.of(0, 1));
        assertEquals(1, m.nodes());
        assertEquals(List.of(new NumaMatrix.Row(0, 1)), m.rows(), "off CPU 0 where the node has another CPU");
        assertEquals(List.of(new NumaMatrix.Row(0, 0)), NumaMatrix.of(CpuTopology.read(root), List.of(0)).rows(),
                "CPU 0 when it is the only one allowed");
        Workload w = new NumaWorkload(true);
        Map<String, Object> p = w.paramSets(Suite.quick, sizing(CpuTopology.read(root), List.of(0, 1))).get(0);
        assertEquals(1, w.sweepPoints(p).size());
    }
}
