package org.assay.probes.topology;

import org.assay.probes.internal.SysFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CPUs this process may run on: its affinity mask ({@code Cpus_allowed_list} in
 * {@code /proc/self/status}) intersected with its cgroup's {@code cpuset.cpus.effective}, looked
 * for in the process's group and then up the tree.
 *
 * <p>The kernel already keeps the affinity mask inside the cpuset, so the intersection normally
 * changes nothing; it matters when the two are read from different namespaces ({@code --root /host})
 * or when the mask was set before the cpuset shrank.
 *
 * @param cpus          the allowed CPUs, sorted; never empty unless nothing at all could be read
 * @param affinity      {@code Cpus_allowed_list}, or null when unreadable
 * @param cgroupCpuset  the nearest {@code cpuset.cpus.effective} (v1: {@code cpuset.effective_cpus}),
 *                      or null when the cpuset controller is not enabled
 * @param notes         where each part came from and what was assumed
 */
public record AllowedCpus(List<Integer> cpus, List<Integer> affinity, List<Integer> cgroupCpuset,
                          List<String> notes) {

    public AllowedCpus {
        cpus = List.copyOf(cpus);
        affinity = affinity == null ? null : List.copyOf(affinity);
        cgroupCpuset = cgroupCpuset == null ? null : List.copyOf(cgroupCpuset);
        notes = List.copyOf(notes);
    }

    public static AllowedCpus read(Path root) {
        SysFiles fs = new SysFiles(root);
        return read(fs, new Cgroups(fs));
    }

    static AllowedCpus read(SysFiles fs, Cgroups cg) {
        List<String> notes = new ArrayList<>();
        List<Integer> affinity = fs.firstLineStartingWith("/proc/self/status", "Cpus_allowed_list:")
                .map(l -> l.substring(l.indexOf(':') + 1))
                .map(CpuTopology.TopologyReader::parseOrEmpty)
                .filter(l -> !l.isEmpty()).orElse(null);
        if (affinity == null) {
            notes.add("Cpus_allowed_list not readable in /proc/self/status");
        }

        List<Integer> cpuset = null;
        List<Cgroups.Found> found = cg.v2UpTheTree("cpuset.cpus.effective");
        if (found.isEmpty()) {
            found = cg.v1UpTheTree("cpuset", "cpuset.effective_cpus");
        }
        for (Cgroups.Found f : found) {
            List<Integer> l = CpuTopology.TopologyReader.parseOrEmpty(f.value());
            if (!l.isEmpty()) {
                cpuset = l;
                notes.add("cpuset from " + f.kernelPath());
                break;
            }
        }
        if (cpuset == null) {
            notes.add("no cpuset.cpus.effective in the process's cgroup tree (cpuset controller not enabled)");
        }

        List<Integer> allowed;
        if (affinity != null && cpuset != null) {
            List<Integer> cs = cpuset;
            allowed = affinity.stream().filter(cs::contains).toList();
            if (allowed.isEmpty()) {
                notes.add("affinity " + CpuList.format(affinity) + " and cpuset " + CpuList.format(cpuset)
                        + " do not overlap (different namespaces?): using the affinity mask");
                allowed = affinity;
            }
        } else if (affinity != null) {
            allowed = affinity;
        } else if (cpuset != null) {
            allowed = cpuset;
        } else {
            allowed = Optional.of(CpuTopology.TopologyReader.parseOrEmpty(
                    fs.read("/sys/devices/system/cpu/online").orElse(""))).orElse(List.of());
            notes.add("neither affinity nor cpuset readable: assuming every online CPU");
        }
        return new AllowedCpus(allowed, affinity, cpuset, notes);
    }
}
