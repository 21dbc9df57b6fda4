package org.assay.probes.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of {@code /proc/self/mountinfo}: where a file system is mounted, what it is, what it
 * is mounted from and with which options.
 *
 * @param device       {@code major:minor} of the file system's device (0:N for virtual ones)
 * @param mountOptions the mount's own options, then the file system's ("super") options
 */
public record MountPoint(String mountPoint, String fsType, String source, String device, String mountOptions) {

    /** Parses mountinfo; lines it cannot read are skipped (the format has been stable since 2.6.26). */
    public static List<MountPoint> parse(List<String> mountinfo) {
        List<MountPoint> out = new ArrayList<>();
        for (String line : mountinfo) {
            String[] f = line.trim().split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length < 6 || dash < 6 || f.length < dash + 3) {
                continue;
            }
            String superOptions = f.length > dash + 3 ? f[dash + 3] : "";
            out.add(new MountPoint(unescape(f[4]), f[dash + 1], unescape(f[dash + 2]), f[2],
                    superOptions.isEmpty() || superOptions.equals(f[5]) ? f[5] : f[5] + "," + superOptions));
        }
        return out;
    }

    /**
     * The mount holding {@code absolutePath}: the longest mount point that is the path or one of
     * its parents, and of equal ones the last listed (a later mount hides an earlier one).
     */
    public static Optional<MountPoint> holding(List<MountPoint> mounts, String absolutePath) {
        MountPoint best = null;
        for (MountPoint m : mounts) {
            String mp = m.mountPoint();
            boolean under = absolutePath.equals(mp) || mp.equals("/")
                    || absolutePath.startsWith(mp.endsWith("/") ? mp : mp + "/");
            if (under && (best == null || mp.length() >= best.mountPoint().length())) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
