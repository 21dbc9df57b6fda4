package org.assay.harness.execution;

import org.assay.workloads.ForkHeap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * JVM flags every JMH fork gets. The list itself is the parent pom's ({@code assay.jvmFlags*}),
 * which the build writes into {@code jvm-flags.properties} beside this class; the ./assay
 * launcher and the tests take the same list. Which groups apply depends on the feature version of
 * the JVM that runs the fork: JDK 17 refuses to start with {@code --sun-misc-unsafe-memory-access},
 * and JDK 24+ warns on every Unsafe use without it. {@code -XX:+IgnoreUnrecognizedVMOptions} would
 * also work but hides typos, so it is not used.
 */
public final class ForkFlags {
    static final String RESOURCE = "jvm-flags.properties";

    private ForkFlags() {
    }

    /**
     * Every group the fork's JVM may take. The forks group (the Vector API module) is given here
     * and only here: the runner's jvmArgs replace any {@code @Fork(jvmArgsAppend)}.
     */
    public static List<String> forFeature(int feature) {
        Properties groups = groups();
        List<String> f = new ArrayList<>(split(groups, "all"));
        f.addAll(split(groups, "forks"));
        if (feature >= 24) {
            f.addAll(split(groups, "jdk24"));
        }
        return f;
    }

    /**
     * Heap and direct-memory limits of a fork: the invocation's heap ({@link ForkHeap}, grown by
     * the workload when its arrays need more), and direct memory
     * up to what the plan checked was available, because the default cap (= Xmx) would refuse the
     * off-heap arrays of large working sets.
     */
    static List<String> memory(long directMemoryBytes, long heapBytes) {
        long directMiB = Math.max(256, directMemoryBytes >> 20);
        List<String> f = new ArrayList<>(ForkHeap.flags(heapBytes));
        f.add("-XX:MaxDirectMemorySize=" + directMiB + "m");
        return f;
    }

    /** The groups as the build wrote them; a jar without them is a broken build, not a machine fact. */
    static Properties groups() {
        Properties p = new Properties();
        try (InputStream in = ForkFlags.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the harness jar: rebuild it");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE, e);
        }
        for (String key : List.of("all", "forks", "jdk24")) {
            String v = p.getProperty(key);
            if (v == null || v.contains("${")) {
                throw new IllegalStateException(RESOURCE + ": group '" + key + "' was not filled in by the build: " + v);
            }
        }
        return p;
    }

    private static List<String> split(Properties groups, String key) {
        String v = groups.getProperty(key).strip();
        return v.isEmpty() ? List.of() : Arrays.asList(v.split("\\s+"));
    }
}
