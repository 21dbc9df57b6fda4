package org.assay.harness.execution;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forks take exactly the parent pom's list of JVM flags, grouped as the pom groups them. */
class ForkFlagsTest {

    @Test
    void jdk17ForksGetEveryGroupButTheJdk24One() throws IOException {
        List<String> expected = new ArrayList<>(pomGroup("assay.jvmFlags"));
        expected.addAll(pomGroup("assay.jvmFlags.forks"));
        assertEquals(expected, ForkFlags.forFeature(17));
        assertFalse(ForkFlags.forFeature(17).contains("--sun-misc-unsafe-memory-access=allow"),
                "JDK 17 refuses to start with it");
    }

    @Test
    void jdk24ForksAlsoGetTheUnsafeFlag() throws IOException {
        List<String> expected = new ArrayList<>(pomGroup("assay.jvmFlags"));
        expected.addAll(pomGroup("assay.jvmFlags.forks"));
        expected.addAll(pomGroup("assay.jvmFlags.jdk24"));
        assertEquals(expected, ForkFlags.forFeature(25));
        assertTrue(ForkFlags.forFeature(24).contains("--sun-misc-unsafe-memory-access=allow"));
    }

    @Test
    void forksGetTheVectorModule() {
        // the kernels of cpu.dgemm and cpu.fft cannot load without it
        assertTrue(ForkFlags.forFeature(17).contains("--add-modules=jdk.incubator.vector"));
    }

    @Test
    void heapIsFixedAndDirectMemoryFollowsThePlan() {
        assertEquals(List.of("-Xms1g", "-Xmx1g", "-XX:MaxDirectMemorySize=4096m"), ForkFlags.memory(4L << 30, 1L << 30));
        assertEquals("-XX:MaxDirectMemorySize=256m", ForkFlags.memory(1L << 20, 1L << 30).get(2), "never below 256 MiB");
        // a heap grown for an invocation's arrays, in MiB when it is not whole GiB
        assertEquals(List.of("-Xms2304m", "-Xmx2304m"), ForkFlags.memory(4L << 30, 2304L << 20).subList(0, 2));
    }

    /** A group's flags as the parent pom lists them (the module's tests run in harness/). */
    private static List<String> pomGroup(String property) throws IOException {
        String pom = Files.readString(Path.of("..", "pom.xml"));
        Matcher m = Pattern.compile("<" + Pattern.quote(property) + ">([^<]*)</" + Pattern.quote(property) + ">").matcher(pom);
        assertTrue(m.find(), property + " in the parent pom");
        String v = m.group(1).strip();
        return v.isEmpty() ? List.of() : Arrays.asList(v.split("\\s+"));
    }
}
