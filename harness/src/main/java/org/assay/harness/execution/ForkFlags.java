package org.assay.harness.execution;

import java.util.ArrayList;
import java.util.List;

/**
 * JVM flags every JMH fork gets. Built from the feature version of the JVM that runs the fork:
 * JDK 17 refuses to start with {@code --sun-misc-unsafe-memory-access}, and JDK 24+ warns on every
 * Unsafe use without it. {@code -XX:+IgnoreUnrecognizedVMOptions} would
 * also work but hides typos, so it is not used.
 */
public final class ForkFlags {
    private ForkFlags() {
    }

    public static List<String> forFeature(int feature) {
        List<String> f = new ArrayList<>(List.of(
                // chronicle-bytes: MappedBytes and ByteBuffer-backed stores
                "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
                // JNA (affinity, probes): silences the restricted-method warning on 22+
                "--enable-native-access=ALL-UNNAMED",
                // Vector API (cpu.dgemm, cpu.fft). Here and only here: the runner's jvmArgs
                // replace any @Fork(jvmArgsAppend) instead of adding to it. Each fork then
                // prints "WARNING: Using incubator modules" to stderr.
                "--add-modules=jdk.incubator.vector"));
        if (feature >= 24) {
            f.add("--sun-misc-unsafe-memory-access=allow");
        }
        return f;
    }

    /**
     * Heap and direct-memory limits of a fork. A fixed heap (Xms = Xmx) keeps heap resizing out of
     * the measurement; direct memory is allowed up to what the plan checked was available,
     * because the default cap (= Xmx) would refuse the off-heap arrays of large working sets.
     */
    static List<String> memory(long directMemoryBytes) {
        long directMiB = Math.max(256, directMemoryBytes >> 20);
        return List.of("-Xms1g", "-Xmx1g", "-XX:MaxDirectMemorySize=" + directMiB + "m");
    }
}
