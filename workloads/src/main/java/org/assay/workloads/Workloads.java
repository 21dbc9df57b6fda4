package org.assay.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The registry of every workload Assay can run, in the order suites run them. */
public final class Workloads {

    private static final List<Workload> ALL = List.of(new TriadWorkload(), new SieveWorkload());

    private Workloads() {
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
        for (Workload w : ALL) {
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
