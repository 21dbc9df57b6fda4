package org.assay.probes.internal;

import org.assay.probes.topology.CpuTopology;
import org.assay.probes.topology.LogicalCpu;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every probe shares: the root, the register readers, the online CPUs (one per package and
 * one per core, for package- and core-scoped registers) and the CPUID identity, read once.
 */
public final class ProbeContext {
    public final Path root;
    public final SysFiles sys;
    public final MsrReader msr;
    final CpuidReader cpuid;
    public final CpuTopology topology;
    /** Null when CPUID could not be executed; {@link #cpuidProblem} then says why. */
    public final CpuidFacts facts;
    public final String cpuidProblem;

    public ProbeContext(Path root) {
        this(root, CpuTopology.read(root));
    }

    /** @param topology the run's topology, already read under {@code root} */
    public ProbeContext(Path root, CpuTopology topology) {
        this.root = root;
        this.sys = new SysFiles(root);
        this.msr = new MsrReader(root);
        this.cpuid = new CpuidReader(root);
        this.topology = topology;
        CpuidFacts f = null;
        String problem = null;
        try {
            f = CpuidFacts.read(cpuid, firstCpu());
        } catch (ProbeIoException | RuntimeException e) {
            problem = e.getMessage();
        }
        this.facts = f;
        this.cpuidProblem = problem;
    }

    public int firstCpu() {
        return topology.online().isEmpty() ? 0 : topology.online().get(0);
    }

    public boolean amd() {
        return facts != null ? facts.amd() : cpuinfo("vendor_id").map(v -> v.contains("AMD") || v.contains("Hygon")).orElse(false);
    }

    public Optional<String> cpuinfo(String key) {
        return CpuInfo.parse(sys.lines("/proc/cpuinfo")).get(key);
    }

    /** The lowest-numbered online CPU of each package: where package-scoped MSRs are read. */
    public List<Integer> packageLeaders() {
        List<Integer> leaders = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        for (LogicalCpu c : topology.cpus()) {
            if (!seen.contains(c.packageId())) {
                seen.add(c.packageId());
                leaders.add(c.id());
            }
        }
        if (leaders.isEmpty()) {
            leaders.add(firstCpu());
        }
        return leaders;
    }

    /** One logical CPU per physical core (SMT siblings read the same core counters). */
    public List<Integer> coreLeaders() {
        List<Integer> leaders = new ArrayList<>();
        for (List<Integer> core : topology.cores()) {
            if (!core.isEmpty()) {
                leaders.add(core.get(0));
            }
        }
        if (leaders.isEmpty()) {
            leaders.add(firstCpu());
        }
        return leaders;
    }

    public int packageOf(int cpu) {
        return topology.cpu(cpu).map(LogicalCpu::packageId).orElse(0);
    }

    /** The fix for an MSR open error, by errno. */
    public static String msrFix(ProbeIoException e) {
        return msrFix(e, runningAsRoot());
    }

    /**
     * @param root whether this process runs as root: a user who loads the module still cannot
     *             read the nodes (mode 0600, and the driver checks CAP_SYS_RAWIO), so the fix
     *             for ENOENT tells an ordinary user the second step too
     */
    static String msrFix(ProbeIoException e, boolean root) {
        switch (e.errno()) {
            case ProbeIoException.ENOENT:
                return "load the msr module (modprobe msr); in a container also bind-mount /dev/cpu"
                        + (root ? "" : "; then, as this user, also grant CAP_SYS_RAWIO (setcap cap_sys_rawio+ep on the "
                                + "java binary) and make the nodes readable (chmod o+r /dev/cpu/*/msr), or run as root");
            case ProbeIoException.EPERM:
                return "run as root or grant CAP_SYS_RAWIO (setcap cap_sys_rawio+ep on the java binary); "
                        + "in a container allow device major 202";
            case ProbeIoException.EACCES:
                return "make the nodes readable (chmod o+r /dev/cpu/*/msr, or a udev rule) and grant CAP_SYS_RAWIO";
            case ProbeIoException.EIO:
                return "none: this CPU or hypervisor does not implement the register";
            default:
                return "check dmesg for the msr driver";
        }
    }

    /**
     * The effective user is root, from {@code /proc/self/status} ("Uid: real effective ...") of the
     * live process, whatever {@code --root} a fixture is read from; false when it cannot be told.
     */
    static boolean runningAsRoot() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.substring(4).trim().split("\\s+");
                    return f.length > 1 && f[1].equals("0");
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: the plain fix is shown
        }
        return false;
    }
}
