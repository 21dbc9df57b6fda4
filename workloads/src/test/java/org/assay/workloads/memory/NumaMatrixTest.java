package org.assay.workloads.memory;

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
    void twoNodesGiveAFourCellMatrixWithACpuOnEachRowsNode() throws IOException {
        NumaMatrix m = NumaMatrix.of(CpuTopology.read(twoNodes()), List.of(0, 1, 2, 3));
        assertEquals(2, m.nodes());
        assertEquals(List.of(new NumaMatrix.Cell(0, 0, 0), new NumaMatrix.Cell(0, 1, 0),
                new NumaMatrix.Cell(1, 0, 2), new NumaMatrix.Cell(1, 1, 2)), m.cells());
    }

    @Test
    void aNodeWithoutUsableCpusHasNoRowButStillAColumn() throws IOException {
        NumaMatrix m = NumaMatrix.of(CpuTopology.read(twoNodes()), List.of(2, 3));
        assertEquals(List.of(new NumaMatrix.Cell(1, 0, 2), new NumaMatrix.Cell(1, 1, 2)), m.cells());
    }

    @Test
    void workloadPlansOneInvocationPerCellWithNodeParams() throws IOException {
        Path tree = twoNodes();
        Workload w = new NumaWorkload(true);
        List<Map<String, Object>> sets = w.paramSets(Suite.quick, new SizingContext(32L << 20, 16L << 30, 2,
                CpuTopology.read(tree), AllowedCpus.read(tree).cpus()));
        assertEquals(4, sets.size());
        assertEquals(1, sets.get(1).get("memNode"));
        assertEquals(2, sets.get(1).get("nodes"));
        assertTrue(((Number) sets.get(0).get("workingSetBytes")).longValue() >= 128L << 20);
    }

    @Test
    void sizesOnlyContextPlansTheOneCellEveryMachineHasNotTheLiveLayout() {
        // the layout comes from the run's reading of the machine (under --root), never from "/"
        List<Map<String, Object>> sets = new NumaWorkload(false).paramSets(Suite.quick, new SizingContext(32L << 20, 16L << 30, 2));
        assertEquals(1, sets.size());
        assertEquals(1, sets.get(0).get("nodes"));
        assertEquals(-1, sets.get(0).get("cpu"));
    }

    @Test
    void singleNodeMachineIsTheOneByOneMatrix() throws IOException {
        file("sys/devices/system/cpu/online", "0-1");
        file("sys/devices/system/node/node0/cpulist", "0-1");
        NumaMatrix m = NumaMatrix.of(CpuTopology.read(root), List.of(0, 1));
        assertTrue(m.singleNode());
        assertEquals(List.of(new NumaMatrix.Cell(0, 0, 0)), m.cells());
    }
}
