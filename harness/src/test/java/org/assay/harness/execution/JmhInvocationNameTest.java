package org.assay.harness.execution;

import org.assay.harness.plan.PlanEntry;
import org.assay.harness.plan.RunPlanner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

class JmhInvocationNameTest {

    /** The standard suite's chase: 35 working sets in one id, 330+ characters. */
    private static final String STANDARD_CHASE = "memory.latency.chase[pattern=random,workingSets=1024,1536,2048,3072,4096,"
            + "6144,8192,12288,16384,24576,32768,49152,65536,98304,131072,196608,262144,393216,524288,786432,1048576,"
            + "1572864,2097152,3145728,4194304,6291456,8388608,12582912,16777216,25165824,33554432,50331648,67108864,"
            + "100663296,134217728,threads=1]";

    @Test
    void aSweepWithManyPointsStillGetsAFileNameTheFileSystemTakes(@TempDir Path dir) throws IOException {
        String name = JmhInvocation.scratchName(STANDARD_CHASE);
        assertTrue(name.length() + ".pinning".length() < 255, name);
        Files.writeString(dir.resolve(name + ".pinning"), "x"); // threw "File name too long" before
        assertTrue(name.startsWith("memory.latency.chase_pattern=random_workingSets=1024_1536"), name);
    }

    @Test
    void everyInvocationOfEverySuiteHasAShortEnoughScratchName() {
        SizingContext vm = new SizingContext(32L << 20, 23L << 30, 2);
        for (Suite suite : Suite.values()) {
            for (PlanEntry e : RunPlanner.plan(Workloads.all(), suite, vm, null,
                    n -> IntStream.range(0, n).boxed().toList(), false)) {
                String name = JmhInvocation.scratchName(e.invocationId());
                assertTrue(name.length() <= 120, suite + ": " + name);
            }
        }
    }

    @Test
    void longIdsThatShareTheirStartStayApart() {
        String other = STANDARD_CHASE.replace("threads=1", "threads=2");
        assertNotEquals(JmhInvocation.scratchName(STANDARD_CHASE), JmhInvocation.scratchName(other));
    }

    @Test
    void shortIdsAreOnlyMadeSafe() {
        assertEquals("cpu.fft_n=4096_threads=1_", JmhInvocation.scratchName("cpu.fft[n=4096,threads=1]"));
    }
}
