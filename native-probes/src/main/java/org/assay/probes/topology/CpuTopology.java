package org.assay.probes.topology;

import org.assay.probes.internal.SysFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The machine's CPU layout as sysfs reports it: online CPUs, sockets, cores, SMT siblings,
 * caches and NUMA nodes.
 *
 * <p>A physical core is a distinct SMT sibling set ({@code core_cpus_list}, or the deprecated
 * {@code thread_siblings_list} on older kernels), not a distinct {@code core_id}: core ids are
 * unique only within a package and are sparse on many parts, so counting them undercounts on
 * multi-socket machines.
 *
 * @param online     the online CPUs ({@code devices/system/cpu/online})
 * @param cpus       one entry per online CPU, by id
 * @param caches     cache kinds by level and type, with their instances
 * @param numaNodes  node id to its CPUs; a single node 0 holding every CPU when the kernel has no
 *                   {@code node} directory (NUMA compiled out), which is said in {@code notes}
 * @param notes      what could not be read and what was assumed instead
 */
public record CpuTopology(List<Integer> online, List<LogicalCpu> cpus, List<CacheLevel> caches,
                          Map<Integer, List<Integer>> numaNodes, List<String> notes) {

    private static final String CPU = "/sys/devices/system/cpu";

    public CpuTopology {
        online = List.copyOf(online);
        cpus = List.copyOf(cpus);
        caches = List.copyOf(caches);
        Map<Integer, List<Integer>> nodes = new TreeMap<>();
        numaNodes.forEach((k, v) -> nodes.put(k, List.copyOf(v)));
        numaNodes = java.util.Collections.unmodifiableMap(nodes);
        notes = List.copyOf(notes);
    }

    /** Reads the topology under {@code root} ("/" on a live machine). Never throws for missing files. */
    public static CpuTopology read(Path root) {
        return new TopologyReader(new SysFiles(root)).read();
    }

    /** The number of distinct {@code physical_package_id}s. */
    public int sockets() {
        return (int) cpus.stream().mapToInt(LogicalCpu::packageId).distinct().count();
    }

    /** The number of distinct SMT sibling sets. */
    public int physicalCores() {
        return (int) cpus.stream().map(LogicalCpu::siblings).distinct().count();
    }

    /** True when at least one core has more than one online hardware thread. */
    public boolean smt() {
        return cpus.stream().anyMatch(c -> c.siblings().size() > 1);
    }

    public Optional<LogicalCpu> cpu(int id) {
        return cpus.stream().filter(c -> c.id() == id).findFirst();
    }

    /** The highest-level data or unified cache: the last-level cache (L3 on most servers). */
    public Optional<CacheLevel> lastLevelCache() {
        return caches.stream().filter(c -> !"Instruction".equals(c.type()))
                .max(Comparator.comparingInt(CacheLevel::level));
    }

    /**
     * Last-level cache the given CPUs reach: every instance that holds one of them, counted once
     * (a socket's L3, or several CCX L3s on AMD); 0 without one. An instance whose CPU list the
     * kernel left empty counts, and when none matches the total stands, so a partial sysfs never
     * makes the cache vanish.
     */
    public long lastLevelCacheBytesReachedBy(List<Integer> cpus) {
        Optional<CacheLevel> found = lastLevelCache();
        if (found.isEmpty()) {
            return 0;
        }
        CacheLevel llc = found.get();
        long bytes = 0;
        for (List<Integer> shared : llc.sharedCpuSets()) {
            if (shared.isEmpty() || shared.stream().anyMatch(cpus::contains)) {
                bytes += llc.sizeBytes();
            }
        }
        return bytes > 0 ? bytes : llc.totalBytes();
    }

    /** Physical cores in order of their lowest CPU id, each as its sibling list (online CPUs only). */
    public List<List<Integer>> cores() {
        Set<List<Integer>> seen = new LinkedHashSet<>();
        cpus.stream().sorted(Comparator.comparingInt(LogicalCpu::id)).forEach(c -> seen.add(c.siblings()));
        return new ArrayList<>(seen);
    }

    /** Reads sysfs into a {@link CpuTopology}. */
    public static final class TopologyReader {
        private final SysFiles fs;
        private final List<String> notes = new ArrayList<>();

        TopologyReader(SysFiles fs) {
            this.fs = fs;
        }

        CpuTopology read() {
            List<Integer> online = onlineCpus();
            Map<Integer, List<Integer>> nodes = numaNodes(online);
            Map<Integer, Integer> nodeOf = new TreeMap<>();
            nodes.forEach((node, list) -> list.forEach(c -> nodeOf.put(c, node)));

            List<LogicalCpu> cpus = new ArrayList<>();
            boolean missingTopology = false;
            for (int id : online) {
                String dir = CPU + "/cpu" + id + "/topology/";
                Optional<Integer> pkg = fs.readInt(dir + "physical_package_id");
                Optional<Integer> core = fs.readInt(dir + "core_id");
                missingTopology |= pkg.isEmpty() || core.isEmpty();
                List<Integer> siblings = fs.read(dir + "core_cpus_list")
                        .or(() -> fs.read(dir + "thread_siblings_list"))
                        .map(TopologyReader::parseOrEmpty)
                        .filter(l -> !l.isEmpty())
                        .orElse(List.of(id));
                // Offline siblings are not part of the usable layout.
                List<Integer> onlineSiblings = siblings.stream().filter(online::contains).toList();
                cpus.add(new LogicalCpu(id, pkg.orElse(-1), core.orElse(-1), nodeOf.getOrDefault(id, -1),
                        onlineSiblings.isEmpty() ? List.of(id) : onlineSiblings));
            }
            if (missingTopology) {
                notes.add("topology: physical_package_id or core_id missing for some CPUs (reported as -1)");
            }
            return new CpuTopology(online, cpus, new CacheReader(fs).read(online), nodes, notes);
        }

        private List<Integer> onlineCpus() {
            Optional<List<Integer>> online = fs.read(CPU + "/online").map(TopologyReader::parseOrEmpty)
                    .filter(l -> !l.isEmpty());
            if (online.isPresent()) {
                return online.get();
            }
            List<Integer> dirs = fs.list(CPU, "cpu\\d+").stream().map(SysFiles::suffixNumber).toList();
            notes.add(CPU + "/online unreadable: using the cpuN directories (" + CpuList.format(dirs) + ")");
            return dirs;
        }

        private Map<Integer, List<Integer>> numaNodes(List<Integer> online) {
            Map<Integer, List<Integer>> nodes = new LinkedHashMap<>();
            for (String name : fs.list("/sys/devices/system/node", "node\\d+")) {
                fs.read("/sys/devices/system/node/" + name + "/cpulist").map(TopologyReader::parseOrEmpty)
                        .ifPresent(l -> nodes.put(SysFiles.suffixNumber(name),
                                l.stream().filter(online::contains).toList()));
            }
            if (nodes.isEmpty()) {
                notes.add("no /sys/devices/system/node: NUMA compiled out or hidden; treated as one node 0");
                nodes.put(0, online);
            }
            return nodes;
        }

        public static List<Integer> parseOrEmpty(String s) {
            try {
                return CpuList.parse(s);
            } catch (IllegalArgumentException e) {
                return List.of();
            }
        }
    }
}
