package org.assay.workloads.kernel;

import net.openhft.affinity.Affinity;
import org.assay.probes.topology.AllowedCpus;
import org.assay.probes.topology.CpuTopology;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On the live machine: the memory kernels' pages land on the NUMA node of the thread that built
 * them, which is what the benchmarks rely on when a pinned worker allocates in its own
 * {@code Scope.Thread} set-up. The kernel's answer comes from {@code get_mempolicy(MPOL_F_NODE |
 * MPOL_F_ADDR)}; where the call is not available (another architecture, no NUMA in the kernel,
 * a seccomp filter) the test is skipped with that reason. On a machine with several nodes the
 * builder runs on a CPU of the last node, so a page left on node 0 by someone else's touch fails.
 */
class FirstTouchTest {

    /** A region to check: its address and length. */
    private record Region(long address, long bytes) {
    }

    @Test
    void eachMemoryKernelsPagesAreOnTheNodeOfTheThreadThatBuiltIt() throws Exception {
        CpuTopology topology = CpuTopology.read(Path.of("/"));
        List<Integer> allowed = AllowedCpus.read(Path.of("/")).cpus();
        int cpu = -1;
        int node = -1;
        for (Map.Entry<Integer, List<Integer>> n : topology.numaNodes().entrySet()) {
            for (int c : n.getValue()) {
                if (allowed.contains(c)) {
                    cpu = c;
                    node = n.getKey(); // the last node with an allowed CPU wins
                    break;
                }
            }
        }
        assumeTrue(cpu >= 0, "no allowed CPU with a NUMA node in the live topology");

        List<Supplier<Region>> kernels = new ArrayList<>();
        kernels.add(() -> {
            StreamTriad t = new StreamTriad(1 << 18);
            return new Region(t.arrayAddress(), t.arrayBytes());
        });
        kernels.add(() -> {
            StreamKernel k = new StreamKernel(StreamKernel.Kind.READ, 1 << 18);
            return new Region(k.arrayAddress(), k.arrayBytes());
        });
        kernels.add(() -> {
            PointerChase c = PointerChase.random(2L << 20, 1);
            return new Region(c.address(), c.workingSetBytes()); // left open: the test JVM frees it
        });

        for (Supplier<Region> kernel : kernels) {
            int pinned = cpu;
            int expected = node;
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread worker = new Thread(() -> {
                try {
                    BitSet mask = new BitSet();
                    mask.set(pinned);
                    Affinity.setAffinity(mask);
                    Region r = kernel.get();
                    outcome.set(new int[] {MemoryAdvice.pagesOnNode(r.address(), r.bytes(), expected, 32),
                            (int) Math.min(32, r.bytes() / 4096), Affinity.getCpu()});
                } catch (Throwable t) {
                    outcome.set(t);
                }
            }, "first-touch-worker");
            worker.start();
            worker.join();
            if (outcome.get() instanceof Throwable t) {
                throw new AssertionError(t);
            }
            int[] got = (int[]) outcome.get();
            assumeTrue(got[0] >= 0, "get_mempolicy(MPOL_F_NODE|MPOL_F_ADDR) is not available here"
                    + (MemoryAdvice.unavailableReason() == null ? "" : ": " + MemoryAdvice.unavailableReason()));
            assumeTrue(got[2] == cpu, "the worker could not be pinned to CPU " + cpu + " (it ran on " + got[2] + ")");
            assertEquals(got[1], got[0], "pages on node " + node + " (of CPU " + cpu + ")");
        }
    }
}
