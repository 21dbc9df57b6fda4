package org.assay.probes.topology;

import org.assay.probes.internal.SysFiles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code cpuN/cache/indexM} for every online CPU and folds them into one {@link CacheLevel}
 * per kind. An instance is a distinct {@code shared_cpu_list}: on this EPYC guest each CPU has its
 * own L1d, L1i and L2 (two instances each) and both CPUs share one L3.
 *
 * <p>Kinds are keyed by level, type, size, line size and ways, so a hybrid part whose P-cores and
 * E-cores have different L2 sizes gets two L2 entries rather than one wrong one.
 */
final class CacheReader {
    private final SysFiles fs;

    CacheReader(SysFiles fs) {
        this.fs = fs;
    }

    private record Key(int level, String type, long size, int line, int ways) {
    }

    List<CacheLevel> read(List<Integer> online) {
        Map<Key, Set<List<Integer>>> kinds = new LinkedHashMap<>();
        for (int cpu : online) {
            String base = "/sys/devices/system/cpu/cpu" + cpu + "/cache";
            for (String index : fs.list(base, "index\\d+")) {
                String dir = base + "/" + index + "/";
                Optional<Integer> level = fs.readInt(dir + "level");
                Optional<String> type = fs.read(dir + "type");
                Optional<Long> size = fs.read(dir + "size").flatMap(CacheReader::parseSize);
                if (level.isEmpty() || type.isEmpty() || size.isEmpty()) {
                    continue; // an index without level/type/size describes nothing we can use
                }
                List<Integer> shared = fs.read(dir + "shared_cpu_list")
                        .map(CpuTopology.TopologyReader::parseOrEmpty)
                        .filter(l -> !l.isEmpty()).orElse(List.of(cpu));
                Key key = new Key(level.get(), type.get(), size.get(),
                        fs.readInt(dir + "coherency_line_size").orElse(-1),
                        fs.readInt(dir + "ways_of_associativity").orElse(-1));
                kinds.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(shared);
            }
        }
        List<CacheLevel> levels = new ArrayList<>();
        kinds.forEach((k, sets) -> {
            List<List<Integer>> sorted = new ArrayList<>(sets);
            sorted.sort(Comparator.comparing(l -> l.get(0)));
            levels.add(new CacheLevel(k.level(), k.type(), k.size(), k.line(), k.ways(), sorted.size(), sorted));
        });
        levels.sort(Comparator.comparingInt(CacheLevel::level).thenComparing(c -> typeOrder(c.type()))
                .thenComparingLong(CacheLevel::sizeBytes));
        return levels;
    }

    private static int typeOrder(String type) {
        return switch (type) {
            case "Data" -> 0;
            case "Instruction" -> 1;
            default -> 2;
        };
    }

    /** sysfs cache sizes: "32K", "1024K", "32768K"; plain bytes and M/G accepted too. */
    static Optional<Long> parseSize(String text) {
        String s = text.strip().toUpperCase(java.util.Locale.ROOT);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        char last = s.charAt(s.length() - 1);
        long mult = last == 'K' ? 1L << 10 : last == 'M' ? 1L << 20 : last == 'G' ? 1L << 30 : 1;
        String digits = mult == 1 ? s : s.substring(0, s.length() - 1);
        return SysFiles.parseLong(digits).filter(v -> v > 0).map(v -> v * mult);
    }
}
