package org.assay.harness.plan;

import org.assay.harness.UsageException;
import org.assay.workloads.Workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --param NAME=V1,V2}: replaces a parameter's suite values by the user's, the way JMH's
 * {@code -p} does, so that one can measure {@code cpu.dgemm} at n=1536 or the chase at one
 * working set without a new suite. Every selected workload that has the parameter gets each
 * value (a cartesian product over several {@code --param}s); the planner then validates every
 * resulting invocation, so a size a kernel cannot take (an FFT size that is not a power of two,
 * a matrix larger than memory) is refused before anything runs.
 *
 * <p>A parameter whose suite value is itself a comma-separated list (the chase's
 * {@code workingSets}, a one-fork sweep) takes the whole list as one value: the sweep is then
 * over the user's sets.
 */
public final class ParamOverrides {

    static final ParamOverrides NONE = new ParamOverrides(Map.of());

    /** Raw values as typed, per parameter name, in command-line order. */
    private final Map<String, String> raw;

    private ParamOverrides(Map<String, String> raw) {
        this.raw = raw;
    }

    /** Parses {@code NAME=VALUE[,VALUE...]} options; null or empty gives {@link #NONE}. */
    public static ParamOverrides parse(List<String> options) {
        if (options == null || options.isEmpty()) {
            return NONE;
        }
        Map<String, String> raw = new LinkedHashMap<>();
        for (String o : options) {
            int eq = o.indexOf('=');
            String name = eq < 0 ? "" : o.substring(0, eq).strip();
            String values = eq < 0 ? "" : o.substring(eq + 1).strip();
            if (name.isEmpty() || values.isEmpty() || !name.matches("[A-Za-z][A-Za-z0-9]*")) {
                throw new UsageException("--param '" + o + "': expected NAME=VALUE[,VALUE...], e.g. --param n=256,1024");
            }
            for (String v : values.split(",", -1)) {
                if (v.isBlank()) {
                    throw new UsageException("--param '" + o + "': empty value in the list; expected e.g. --param n=256,1024");
                }
            }
            if (raw.put(name, values) != null) {
                throw new UsageException("--param " + name + " given twice: list the values once, e.g. --param "
                        + name + "=A,B");
            }
        }
        return new ParamOverrides(raw);
    }

    public boolean isEmpty() {
        return raw.isEmpty();
    }

    /**
     * Refuses a parameter that none of the selected workloads has, naming the ones they do have:
     * a typo must not silently run the suite's sizes.
     */
    void checkKnown(List<Workload> workloads, Map<Workload, List<Map<String, Object>>> suiteSets) {
        Set<String> known = new TreeSet<>();
        for (Workload w : workloads) {
            for (Map<String, Object> set : suiteSets.get(w)) {
                known.addAll(set.keySet());
            }
            known.removeAll(w.derivedParams());
        }
        for (String name : raw.keySet()) {
            for (Workload w : workloads) {
                if (w.derivedParams().contains(name)) {
                    throw new UsageException("--param " + name + ": " + w.id() + " derives " + name
                            + " from the machine or its own identity; it cannot be set (choose workloads with --only, CPUs with --cpus)");
                }
            }
            if (!known.contains(name)) {
                throw new UsageException("--param " + name + ": no selected workload has that parameter; theirs are: "
                        + String.join(", ", known));
            }
        }
    }

    /** True when {@code --param} sets one of these parameter sets' values: the user chose the size. */
    boolean setsAnyOf(List<Map<String, Object>> suiteSets) {
        return suiteSets.stream().anyMatch(set -> raw.keySet().stream().anyMatch(set::containsKey));
    }

    /** The workload's parameter sets with the overridden values, duplicates removed, order kept. */
    List<Map<String, Object>> apply(Workload w, List<Map<String, Object>> suiteSets) {
        if (raw.isEmpty()) {
            return suiteSets;
        }
        Set<Map<String, Object>> out = new LinkedHashSet<>();
        for (Map<String, Object> set : suiteSets) {
            List<Map<String, Object>> expanded = List.of(set);
            for (Map.Entry<String, String> o : raw.entrySet()) {
                if (!set.containsKey(o.getKey())) {
                    continue;
                }
                Object original = set.get(o.getKey());
                List<Object> values = values(w, o.getKey(), o.getValue(), original);
                List<Map<String, Object>> next = new ArrayList<>();
                for (Map<String, Object> partial : expanded) {
                    for (Object v : values) {
                        Map<String, Object> copy = new LinkedHashMap<>(partial);
                        copy.put(o.getKey(), v);
                        next.add(copy);
                    }
                }
                expanded = next;
            }
            out.addAll(expanded);
        }
        return List.copyOf(out);
    }

    /** Typed like the suite's value, so results.jsonl keeps numbers as numbers. */
    private static List<Object> values(Workload w, String name, String values, Object original) {
        if (original instanceof String s && s.contains(",")) {
            return List.of(values);
        }
        List<Object> out = new ArrayList<>();
        for (String v : values.split(",")) {
            String t = v.strip();
            if (original instanceof Number) {
                long parsed;
                try {
                    parsed = Long.parseLong(t.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new UsageException("--param " + name + "=" + values + ": " + w.id() + "'s " + name
                            + " is a whole number, got '" + t + "'");
                }
                boolean fitsInt = parsed >= Integer.MIN_VALUE && parsed <= Integer.MAX_VALUE;
                out.add(original instanceof Integer && fitsInt ? (Object) (int) parsed : (Object) parsed);
            } else {
                out.add(t);
            }
        }
        return out;
    }
}
