package org.assay.probes.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The first processor block of {@code /proc/cpuinfo} (x86 keys; ARM kernels use other keys and
 * leave these empty). The blocks of the other CPUs repeat the same identity, except {@code cpu MHz}.
 */
public final class CpuInfo {
    private final Map<String, String> fields;
    private final Set<String> flags;

    private CpuInfo(Map<String, String> fields) {
        this.fields = fields;
        String f = fields.getOrDefault("flags", "");
        this.flags = f.isBlank() ? Set.of() : Set.of(f.strip().split("\\s+"));
    }

    public static CpuInfo parse(List<String> lines) {
        Map<String, String> m = new LinkedHashMap<>();
        boolean started = false;
        for (String line : lines) {
            if (line.isBlank()) {
                if (started) {
                    break;       // end of the first processor block
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            started = true;
            m.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        return new CpuInfo(m);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(fields.get(key)).filter(s -> !s.isEmpty());
    }

    public Optional<Integer> getInt(String key) {
        return get(key).flatMap(s -> {
            try {
                return Optional.of(s.startsWith("0x") ? Integer.parseInt(s.substring(2), 16) : Integer.parseInt(s));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    public Optional<Double> getDouble(String key) {
        return get(key).flatMap(s -> {
            try {
                return Optional.of(Double.parseDouble(s));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    public boolean hasFlag(String flag) {
        return flags.contains(flag);
    }

    public boolean hasFlags() {
        return !flags.isEmpty();
    }
}
