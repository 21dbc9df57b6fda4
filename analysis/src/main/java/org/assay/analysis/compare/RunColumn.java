package org.assay.analysis.compare;

import org.assay.results.Bundle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One column of a comparison: a single run, or every run of one {@link MachineClass}.
 *
 * @param name the run's directory name when alone, the machine class's name for a group
 */
public record RunColumn(String name, MachineClass machineClass, List<Bundle> runs) {

    public RunColumn {
        runs = List.copyOf(runs);
    }

    public boolean isGroup() {
        return runs.size() > 1;
    }

    public boolean contains(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        return runs.stream().anyMatch(b -> b.dir().toAbsolutePath().normalize().equals(d));
    }

    /** Whether {@code name} names this column: its own name, a member run's directory name, or its machine. */
    public boolean answersTo(String n) {
        if (name.equals(n) || machineClass.name().equals(n)) {
            return true;
        }
        return runs.stream().anyMatch(b -> dirName(b).equals(n));
    }

    static String dirName(Bundle b) {
        Path f = b.dir().toAbsolutePath().normalize().getFileName();
        return f == null ? b.dir().toString() : f.toString();
    }

    /**
     * The columns for {@code bundles} in first-seen order: with {@code group}, runs of one machine
     * class share a column; without, each run is its own column.
     */
    public static List<RunColumn> of(List<Bundle> bundles, boolean group) {
        Map<String, List<Bundle>> byKey = new LinkedHashMap<>();
        Map<String, MachineClass> classes = new LinkedHashMap<>();
        for (Bundle b : bundles) {
            MachineClass c = MachineClass.of(b);
            String key = group ? c.key() : b.dir().toAbsolutePath().normalize().toString();
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(b);
            classes.putIfAbsent(key, c);
        }
        List<RunColumn> columns = new ArrayList<>();
        for (Map.Entry<String, List<Bundle>> e : byKey.entrySet()) {
            List<Bundle> runs = e.getValue();
            MachineClass c = classes.get(e.getKey());
            String name = runs.size() == 1 ? dirName(runs.get(0)) : c.name() + " (" + runs.size() + " runs)";
            columns.add(new RunColumn(name, c, runs));
        }
        return columns;
    }
}
