package org.assay.probes.topology;

import org.assay.probes.internal.SysFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds this process's cgroup directories under the root and reads the limits in them.
 *
 * <p>cgroup v2: the {@code 0::/path} line of {@code /proc/self/cgroup}, joined with the
 * {@code cgroup2} mount found in {@code /proc/self/mountinfo} (on a hybrid host such as this
 * Debian guest it is {@code /sys/fs/cgroup/unified}, not {@code /sys/fs/cgroup}). cgroup v1: the
 * {@code N:controller:/path} line joined with that controller's mount. When mountinfo cannot be
 * read, {@code /sys/fs/cgroup} is assumed. Limits are hierarchical, so each file is looked for in
 * the process's group and then up the tree, keeping the tightest value.
 */
final class Cgroups {
    private final SysFiles fs;
    private final String v2Path;                        // null: no 0:: line
    private final Map<String, String> v1Paths = new LinkedHashMap<>();
    private final Map<String, String[]> v1Mounts = new LinkedHashMap<>();   // controller -> {mountPoint, mountRoot}
    private String v2Mount;
    private String v2MountRoot = "/";

    public Cgroups(SysFiles fs) {
        this.fs = fs;
        String v2 = null;
        for (String line : fs.lines("/proc/self/cgroup")) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            if (f[0].equals("0") && f[1].isEmpty()) {
                v2 = f[2];
            } else {
                for (String c : f[1].split(",")) {
                    v1Paths.put(c, f[2]);
                }
            }
        }
        v2Path = v2;
        for (String line : fs.lines("/proc/self/mountinfo")) {
            // id parent major:minor root mountPoint options [optional...] - fstype source superOptions
            int sep = line.indexOf(" - ");
            if (sep < 0) {
                continue;
            }
            String[] pre = line.substring(0, sep).split(" ");
            String[] post = line.substring(sep + 3).split(" ");
            if (pre.length < 5 || post.length < 1) {
                continue;
            }
            String mountRoot = unescape(pre[3]);
            String mountPoint = unescape(pre[4]);
            if (post[0].equals("cgroup2") && v2Mount == null) {
                v2Mount = mountPoint;
                v2MountRoot = mountRoot;
            } else if (post[0].equals("cgroup") && post.length >= 3) {
                for (String opt : post[2].split(",")) {
                    if (v1Paths.containsKey(opt)) {
                        v1Mounts.putIfAbsent(opt, new String[] {mountPoint, mountRoot});
                    }
                }
            }
        }
        if (v2Mount == null && v1Mounts.isEmpty()) {
            v2Mount = "/sys/fs/cgroup";  // mountinfo unreadable (or a fixture without it)
        }
    }

    /** "v2", "v1", "hybrid" (v1 controllers plus a v2 tree) or "none". */
    String version() {
        boolean v1 = !v1Mounts.isEmpty();
        boolean v2 = v2Path != null && v2Mount != null && fs.exists(v2Mount);
        return v1 && v2 ? "hybrid" : v2 ? "v2" : v1 ? "v1" : "none";
    }

    Optional<String> v2Path() {
        return Optional.ofNullable(v2Path);
    }

    /** The kernel path of this process's v2 group directory, e.g. "/sys/fs/cgroup/user.slice/x". */
    Optional<String> v2Dir() {
        if (v2Path == null || v2Mount == null) {
            return Optional.empty();
        }
        return Optional.of(join(v2Mount, v2MountRoot, v2Path));
    }

    Optional<String> v1Dir(String controller) {
        String path = v1Paths.get(controller);
        String[] mount = v1Mounts.get(controller);
        if (path == null || mount == null) {
            return Optional.empty();
        }
        return Optional.of(join(mount[0], mount[1], path));
    }

    Optional<String> v1Path(String controller) {
        return Optional.ofNullable(v1Paths.get(controller));
    }

    /** A file found in the group or an ancestor (up to the mount point), nearest first. */
    record Found(String kernelPath, String value) {
    }

    List<Found> v2UpTheTree(String file) {
        return v2Dir().map(d -> upTheTree(d, v2Mount, file)).orElse(List.of());
    }

    List<Found> v1UpTheTree(String controller, String file) {
        return v1Dir(controller).map(d -> upTheTree(d, v1Mounts.get(controller)[0], file)).orElse(List.of());
    }

    private List<Found> upTheTree(String dir, String mount, String file) {
        List<Found> found = new ArrayList<>();
        String d = dir;
        while (true) {
            String p = d + "/" + file;
            Optional<String> v = fs.read(p);
            v.ifPresent(s -> found.add(new Found(p, s)));
            if (d.equals(mount) || d.length() <= mount.length()) {
                break;
            }
            int slash = d.lastIndexOf('/');
            if (slash <= 0) {
                break;
            }
            d = d.substring(0, slash);
        }
        return found;
    }

    /** mount point + (cgroup path with the mount's own root stripped, as in containers). */
    private static String join(String mountPoint, String mountRoot, String path) {
        String rel = path;
        if (!mountRoot.equals("/") && (rel.equals(mountRoot) || rel.startsWith(mountRoot + "/"))) {
            rel = rel.substring(mountRoot.length());
        }
        String m = mountPoint.endsWith("/") ? mountPoint.substring(0, mountPoint.length() - 1) : mountPoint;
        if (rel.isEmpty() || rel.equals("/")) {
            return m;
        }
        return m + (rel.startsWith("/") ? rel : "/" + rel);
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                try {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    Path root() {
        return fs.root();
    }
}
