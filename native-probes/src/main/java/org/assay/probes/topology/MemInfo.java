package org.assay.probes.topology;

import org.assay.probes.internal.SysFiles;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /proc/meminfo}, in bytes: the one parser of that file, used by the inventory, the
 * pre-flight checks and the run's sizing. An unreadable file gives an empty map, so every value
 * is null rather than an invented 0.
 *
 * @param values each key ("MemTotal", "MemAvailable", ...) to bytes; a bare count
 *               ({@code HugePages_Total}) stays a count
 */
public record MemInfo(Map<String, Long> values) {

    public MemInfo {
        values = Map.copyOf(values);
    }

    public static MemInfo read(Path root) {
        return read(new SysFiles(root));
    }

    public static MemInfo read(SysFiles fs) {
        return parse(fs.lines("/proc/meminfo"));
    }

    /** Lines such as {@code MemTotal:  24576000 kB}; lines that are not {@code key: number} are skipped. */
    public static MemInfo parse(List<String> lines) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String l : lines) {
            int colon = l.indexOf(':');
            if (colon > 0) {
                kib(l.substring(colon + 1)).ifPresent(v -> m.put(l.substring(0, colon).strip(), v));
            }
        }
        return new MemInfo(m);
    }

    /** {@code "  1234 kB"} to bytes; a bare number stays as it is. Also the format of {@code nodeN/meminfo} and smaps. */
    public static Optional<Long> kib(String s) {
        String t = s.strip();
        boolean kb = t.endsWith("kB");
        if (kb) {
            t = t.substring(0, t.length() - 2).strip();
        }
        return SysFiles.parseLong(t).map(v -> kb ? v * 1024 : v);
    }

    /** True when the file was unreadable or held nothing parseable. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The value of {@code key} in bytes, or null when the file has no such line. */
    public Long get(String key) {
        return values.get(key);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Long totalBytes() {
        return values.get("MemTotal");
    }

    public Long availableBytes() {
        return values.get("MemAvailable");
    }
}
