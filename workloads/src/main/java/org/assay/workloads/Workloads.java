package org.assay.workloads;

import org.assay.workloads.cpu.CpuWorkloads;
import org.assay.workloads.memory.MemoryWorkloads;
import org.assay.workloads.storage.StorageWorkloads;
import org.assay.workloads.network.NetworkWorkloads;
import org.assay.workloads.sabotage.SabotageWorkload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The registry of every workload Assay can run, in the order suites run them. */
public final class Workloads {

    /** Each family keeps its own list, so adding a workload touches only its family's file. */
    private static final List<Workload> ALL = concat(MemoryWorkloads.all(), CpuWorkloads.all(), StorageWorkloads.all(),
            NetworkWorkloads.all());

    /**
     * Workloads that fail on purpose, for testing the harness. Selectable with {@code --only}
     * only when the JVM runs with {@code -Dassay.testWorkloads=true}; never part of a suite.
     */
    private static final List<Workload> TEST_ONLY = List.of(
            new SabotageWorkload("verify"), new SabotageWorkload("crash"),
            new SabotageWorkload("harness"));
    public static final String TEST_WORKLOADS_PROPERTY = "assay.testWorkloads";

    private Workloads() {
    }

    @SafeVarargs
    private static List<Workload> concat(List<Workload>... families) {
        List<Workload> all = new ArrayList<>();
        for (List<Workload> f : families) {
            all.addAll(f);
        }
        return List.copyOf(all);
    }

    public static List<Workload> all() {
        return ALL;
    }

    public static Optional<Workload> byId(String id) {
        return ALL.stream().filter(w -> w.id().equals(id)).findFirst();
    }

    /**
     * Workloads whose id matches any of the comma-separated glob patterns ({@code *} matches any
     * run of characters, so {@code memory.*} and {@code *.triad} both work).
     */
    public static List<Workload> matching(String patterns) {
        List<Pattern> globs = new ArrayList<>();
        for (String p : patterns.split(",")) {
            String t = p.trim();
            if (!t.isEmpty()) {
                globs.add(glob(t));
            }
        }
        List<Workload> out = new ArrayList<>();
        List<Workload> candidates = new ArrayList<>(ALL);
        if (Boolean.getBoolean(TEST_WORKLOADS_PROPERTY)) {
            candidates.addAll(TEST_ONLY);
        }
        for (Workload w : candidates) {
            if (globs.stream().anyMatch(g -> g.matcher(w.id()).matches())) {
                out.add(w);
            }
        }
        return out;
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
