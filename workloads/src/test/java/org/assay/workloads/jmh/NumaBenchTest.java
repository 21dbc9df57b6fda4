package org.assay.workloads.jmh;

import org.assay.probes.topology.AllowedCpus;
import org.assay.probes.topology.CpuTopology;
import org.assay.workloads.fork.WorkerPinning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link NumaBench} in a plain in-process JMH run on the live machine, one cell at a test size:
 * the worker thread pins itself, builds its buffer there (first touch by the worker, so the
 * pages sit on its CPU's node, checked by the bench itself with get_mempolicy), and reports the
 * CPU it measured on for the cell next to each iteration, not only at set-up.
 */
class NumaBenchTest {

    @TempDir
    Path tmp;

    @AfterEach
    void clearProperties() {
        System.clearProperty(WorkerPinning.CPUS_PROPERTY);
        System.clearProperty(WorkerPinning.REPORT_PROPERTY);
    }

    @Test
    void theWorkerBuildsItsCellOnItsOwnNodeAndReportsTheCpuOfEachIteration() throws Exception {
        int cpu = AllowedCpus.read(Path.of("/")).cpus().get(0);
        int node = CpuTopology.read(Path.of("/")).cpu(cpu).map(c -> Math.max(0, c.numaNode())).orElse(0);
        Path report = tmp.resolve("pinning");
        System.setProperty(WorkerPinning.CPUS_PROPERTY, String.valueOf(cpu));
        System.setProperty(WorkerPinning.REPORT_PROPERTY, report.toString());

        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(NumaBench.class.getName() + ".latency")
                .param("cpuNodes", String.valueOf(node)).param("rowCpus", "-1")
                .param("memNodes", String.valueOf(node)).param("nodes", "1") // no binding: first touch decides
                .param("workingSetBytes", String.valueOf(1 << 20))
                .forks(0).threads(1)
                .warmupIterations(1).warmupTime(TimeValue.milliseconds(20))
                .measurementIterations(2).measurementTime(TimeValue.milliseconds(20))
                .shouldFailOnError(true).build()).run();

        RunResult r = results.iterator().next();
        // per iteration: JMH sums an event counter over the iterations in its run-level result,
        // which is why the harness takes each sweep point's mean of its own iterations instead
        for (IterationResult it : r.getBenchmarkResults().iterator().next().getIterationResults()) {
            Result<?> pages = it.getSecondaryResults().get("pagesOnMemNodePercent");
            assumeTrue(pages != null && !Double.isNaN(pages.getScore()),
                    "get_mempolicy(MPOL_F_NODE|MPOL_F_ADDR) answered nothing on this machine");
            assertEquals(100.0, pages.getScore(), 1e-9, "the buffer's pages on node " + node + " of CPU " + cpu);
        }

        List<String> lines = Files.readAllLines(report);
        assertEquals("0," + cpu + "," + cpu + ",setup,", lines.get(0));
        assertEquals("0," + cpu + "," + cpu + ",teardown,", lines.get(lines.size() - 1));
        long measured = lines.stream().filter(l -> l.equals("0," + cpu + "," + cpu + ",point 0,")).count();
        assertEquals(2 * 3, measured, "before and after each of the 1 + 2 iterations: " + lines);
    }
}
