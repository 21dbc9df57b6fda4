package org.assay.probes.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads kernel text files (sysfs, procfs) relative to a root directory, as OSHI's {@code SysPath}
 * does: {@code "/"} on a live machine, a fixture tree in tests, or the host's root mounted into a
 * container ({@code --root /host}). Every method answers "absent" instead of throwing, because a
 * missing file is a normal fact on VMs and containers (no cpufreq, no DMI, no NUMA directory).
 */
public final class SysFiles {

    private final Path root;

    public SysFiles(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Resolves an absolute kernel path ("/sys/...", "proc/...") against the root. */
    public Path path(String kernelPath) {
        String rel = kernelPath.startsWith("/") ? kernelPath.substring(1) : kernelPath;
        return rel.isEmpty() ? root : root.resolve(rel);
    }

    public boolean exists(String kernelPath) {
        return Files.exists(path(kernelPath));
    }

    /** The file's content with trailing whitespace stripped, or empty when it cannot be read. */
    public Optional<String> read(String kernelPath) {
        return read(path(kernelPath));
    }

    public static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException | RuntimeException e) {
            // ENOENT, EACCES (0400 DMI serials) and EINVAL (NIC speed of a virtio link) all mean
            // "this fact is not available here"; callers record the reason.
            return Optional.empty();
        }
    }

    /** Reads the file and explains why not, for callers that record a reason beside a null. */
    static String readOrReason(Path file, StringBuilder reason) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (java.nio.file.NoSuchFileException e) {
            reason.append(file).append(" missing");
        } catch (java.nio.file.AccessDeniedException e) {
            reason.append(file).append(" not readable (permission denied)");
        } catch (IOException e) {
            reason.append(file).append(" unreadable: ").append(e.getMessage());
        }
        return null;
    }

    public Optional<Long> readLong(String kernelPath) {
        return read(kernelPath).flatMap(SysFiles::parseLong);
    }

    public Optional<Integer> readInt(String kernelPath) {
        return readLong(kernelPath).map(Long::intValue);
    }

    public static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public List<String> lines(String kernelPath) {
        try {
            return Files.readAllLines(path(kernelPath), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The first line starting with {@code prefix}, without reading the rest of a long file. */
    public Optional<String> firstLineStartingWith(String kernelPath, String prefix) {
        try (BufferedReader r = Files.newBufferedReader(path(kernelPath), StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith(prefix)) {
                    return Optional.of(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // absent
        }
        return Optional.empty();
    }

    /** Names of the entries of a directory matching {@code regex}, sorted by their number suffix. */
    public List<String> list(String kernelDir, String regex) {
        Pattern p = Pattern.compile(regex);
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(path(kernelDir))) {
            s.map(f -> f.getFileName().toString()).filter(n -> p.matcher(n).matches()).forEach(names::add);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        names.sort(SysFiles::naturalOrder);
        return names;
    }

    /** "cpu2" before "cpu10". */
    static int naturalOrder(String a, String b) {
        String pa = a.replaceAll("\\d+$", "");
        String pb = b.replaceAll("\\d+$", "");
        int c = pa.compareTo(pb);
        if (c != 0) {
            return c;
        }
        String na = a.substring(pa.length());
        String nb = b.substring(pb.length());
        if (na.isEmpty() || nb.isEmpty()) {
            return na.compareTo(nb);
        }
        return Long.compare(Long.parseLong(na), Long.parseLong(nb));
    }

    /** The active choice of a sysfs selector: {@code "always [madvise] never"} gives "madvise". */
    public static Optional<String> bracketed(String selector) {
        int open = selector.indexOf('[');
        int close = selector.indexOf(']', open + 1);
        if (open < 0 || close < 0) {
            return Optional.empty();
        }
        return Optional.of(selector.substring(open + 1, close).strip());
    }

    /** The number of a suffix: "cpu12" gives 12. */
    public static int suffixNumber(String name) {
        int i = name.length();
        while (i > 0 && Character.isDigit(name.charAt(i - 1))) {
            i--;
        }
        return Integer.parseInt(name.substring(i));
    }
}
