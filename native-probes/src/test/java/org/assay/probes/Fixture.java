package org.assay.probes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds fake sysfs/procfs trees under a test's {@code @TempDir}. Values end with a newline as the
 * kernel writes them. The three layouts follow real machines:
 * <ul>
 * <li>{@link #amdEpycKvm}: the 2-vCPU EPYC KVM guest Assay was developed on (cpuN/cache values
 *     copied from its sysfs: L1d/L1i 32K and L2 1024K per CPU, L3 32768K shared by 0-1; no SMT,
 *     no cpufreq, no DMI, clocksource tsc).</li>
 * <li>{@link #intel4c8t}: a 4-core/8-thread desktop part, Linux numbering (siblings 0,4 1,5 ...),
 *     intel_pstate with powersave and turbo on, THP always.</li>
 * <li>{@link #twoSocket}: 2 sockets × 2 cores × 2 threads, one NUMA node per socket, core ids
 *     repeating across sockets as they do on real Xeons.</li>
 * </ul>
 */
final class Fixture {
    final Path root;

    Fixture(Path root) {
        this.root = root;
    }

    Fixture file(String kernelPath, String content) {
        Path p = root.resolve(kernelPath.startsWith("/") ? kernelPath.substring(1) : kernelPath);
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, content.endsWith("\n") ? content : content + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Fixture cpu(int id, int pkg, int core, String siblings) {
        String t = "/sys/devices/system/cpu/cpu" + id + "/topology/";
        return file(t + "physical_package_id", "" + pkg).file(t + "core_id", "" + core)
                .file(t + "core_cpus_list", siblings).file(t + "thread_siblings_list", siblings);
    }

    Fixture cache(int cpu, int index, int level, String type, String size, String shared, int line, int ways) {
        String c = "/sys/devices/system/cpu/cpu" + cpu + "/cache/index" + index + "/";
        return file(c + "level", "" + level).file(c + "type", type).file(c + "size", size)
                .file(c + "shared_cpu_list", shared).file(c + "coherency_line_size", "" + line)
                .file(c + "ways_of_associativity", "" + ways);
    }

    Fixture node(int id, String cpus, long memKb) {
        return file("/sys/devices/system/node/node" + id + "/cpulist", cpus)
                .file("/sys/devices/system/node/node" + id + "/meminfo",
                        "Node " + id + " MemTotal:       " + memKb + " kB\nNode " + id + " MemFree:        1000 kB");
    }

    Fixture procStat(String... cpuLines) {
        return file("/proc/stat", String.join("\n", cpuLines) + "\nintr 1 2 3\nctxt 100\nbtime 1700000000\n");
    }

    Fixture meminfo(long totalKb, long availKb, long swapTotalKb, long swapFreeKb) {
        return file("/proc/meminfo", "MemTotal:       " + totalKb + " kB\nMemFree:        " + availKb / 2
                + " kB\nMemAvailable:   " + availKb + " kB\nSwapTotal:      " + swapTotalKb
                + " kB\nSwapFree:       " + swapFreeKb + " kB\nHugepagesize:       2048 kB\n");
    }

    /** cgroup v2 only, the process in {@code path}; mountinfo points at /sys/fs/cgroup. */
    Fixture cgroupV2(String path) {
        return file("/proc/self/cgroup", "0::" + path)
                .file("/proc/self/mountinfo", "24 30 0:22 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - "
                        + "cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot");
    }

    Fixture status(String allowedList) {
        return file("/proc/self/status", "Name:\tjava\nState:\tR (running)\nCpus_allowed:\tff\nCpus_allowed_list:\t"
                + allowedList + "\nMems_allowed_list:\t0\n");
    }

    static Fixture amdEpycKvm(Path root) {
        Fixture f = new Fixture(root);
        f.file("/sys/devices/system/cpu/online", "0-1").file("/sys/devices/system/cpu/possible", "0-1");
        for (int c = 0; c < 2; c++) {
            f.cpu(c, 0, c, "" + c);
            f.cache(c, 0, 1, "Data", "32K", "" + c, 64, 8);
            f.cache(c, 1, 1, "Instruction", "32K", "" + c, 64, 8);
            f.cache(c, 2, 2, "Unified", "1024K", "" + c, 64, 8);
            f.cache(c, 3, 3, "Unified", "32768K", "0-1", 64, 16);
        }
        f.node(0, "0-1", 24_576_000);
        f.file("/sys/devices/system/cpu/smt/control", "notsupported").file("/sys/devices/system/cpu/smt/active", "0");
        f.file("/sys/kernel/mm/transparent_hugepage/enabled", "always [madvise] never");
        f.file("/sys/kernel/mm/transparent_hugepage/defrag", "always defer defer+madvise [madvise] never");
        f.file("/sys/devices/system/clocksource/clocksource0/current_clocksource", "tsc");
        f.file("/proc/cpuinfo", """
                processor	: 0
                vendor_id	: AuthenticAMD
                cpu family	: 25
                model		: 17
                model name	: AMD EPYC
                stepping	: 1
                cpu MHz		: 2596.136
                cache size	: 1024 KB
                flags		: fpu vme tsc msr constant_tsc nonstop_tsc tsc_known_freq hypervisor topoext

                processor	: 1
                vendor_id	: AuthenticAMD
                cpu family	: 25
                model		: 17
                model name	: AMD EPYC
                cpu MHz		: 2596.136
                """);
        f.meminfo(24_576_000, 24_418_128, 0, 0);
        f.file("/proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority");
        f.file("/proc/loadavg", "0.16 0.10 0.03 2/84 3110");
        f.procStat("cpu  3196 0 2435 1173901 843 0 23 272 0 0", "cpu0 1164 0 562 588255 25 0 8 114 0 0",
                "cpu1 2032 0 1873 585645 817 0 14 157 0 0");
        f.status("0-1").cgroupV2("/");
        f.file("/sys/fs/cgroup/cpuset.cpus.effective", "0-1");
        f.file("/proc/sys/kernel/osrelease", "6.1.0-test").file("/proc/sys/kernel/hostname", "epyc-kvm");
        f.file("/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"");
        f.file("/sys/block/vda/size", "536870912").file("/sys/block/vda/queue/rotational", "1")
                .file("/sys/block/vda/queue/scheduler", "none [mq-deadline] kyber bfq")
                .file("/sys/block/vda/queue/logical_block_size", "512");
        f.file("/sys/block/loop0/size", "0").file("/sys/block/zram0/size", "0");
        f.file("/sys/class/net/eth0/address", "02:fc:00:00:00:01").file("/sys/class/net/eth0/mtu", "1400")
                .file("/sys/class/net/eth0/speed", "-1").file("/sys/class/net/eth0/type", "1")
                .file("/sys/class/net/eth0/operstate", "up");
        f.file("/sys/class/net/lo/address", "00:00:00:00:00:00").file("/sys/class/net/lo/type", "772");
        return f;
    }

    static Fixture intel4c8t(Path root) {
        Fixture f = new Fixture(root);
        f.file("/sys/devices/system/cpu/online", "0-7");
        for (int c = 0; c < 8; c++) {
            int core = c % 4;
            String sib = core + "," + (core + 4);
            f.cpu(c, 0, core, sib);
            f.cache(c, 0, 1, "Data", "48K", sib, 64, 12);
            f.cache(c, 1, 1, "Instruction", "32K", sib, 64, 8);
            f.cache(c, 2, 2, "Unified", "1280K", sib, 64, 10);
            f.cache(c, 3, 3, "Unified", "12288K", "0-7", 64, 12);
            f.file("/sys/devices/system/cpu/cpu" + c + "/cpufreq/scaling_governor", "powersave");
        }
        f.file("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", "4700000")
                .file("/sys/devices/system/cpu/cpu0/cpufreq/scaling_driver", "intel_pstate");
        f.file("/sys/devices/system/cpu/intel_pstate/no_turbo", "0");
        f.node(0, "0-7", 32_000_000);
        f.file("/sys/devices/system/cpu/smt/control", "on").file("/sys/devices/system/cpu/smt/active", "1");
        f.file("/sys/kernel/mm/transparent_hugepage/enabled", "[always] madvise never");
        f.file("/sys/kernel/mm/transparent_hugepage/defrag", "always defer defer+madvise [madvise] never");
        f.file("/sys/devices/system/clocksource/clocksource0/current_clocksource", "tsc");
        f.file("/sys/class/dmi/id/sys_vendor", "Dell Inc.").file("/sys/class/dmi/id/product_name", "Precision 3660");
        f.file("/proc/cpuinfo", """
                processor	: 0
                vendor_id	: GenuineIntel
                cpu family	: 6
                model		: 151
                model name	: 12th Gen Intel(R) Core(TM) i5-12500
                stepping	: 5
                cpu MHz		: 800.000
                flags		: fpu tsc constant_tsc nonstop_tsc tsc_known_freq
                """);
        f.meminfo(32_000_000, 30_000_000, 2_097_148, 2_000_000);
        f.file("/proc/swaps", "Filename\tType\tSize\tUsed\tPriority\n/dev/nvme0n1p3 partition\t2097148\t97148\t-2");
        f.file("/proc/loadavg", "3.50 2.10 1.00 5/900 4242");
        f.procStat("cpu  1000 0 1000 7000 100 0 0 900 0 0");
        f.status("0-7").cgroupV2("/user.slice/bench.scope");
        f.file("/sys/fs/cgroup/user.slice/bench.scope/cpu.max", "200000 100000");
        f.file("/sys/fs/cgroup/user.slice/cpu.max", "max 100000");
        f.file("/sys/fs/cgroup/user.slice/bench.scope/memory.max", "max");
        f.file("/sys/fs/cgroup/user.slice/memory.max", "8589934592");
        f.file("/sys/fs/cgroup/cpuset.cpus.effective", "0-7");
        f.file("/sys/class/net/enp3s0/address", "a4:bb:6d:00:11:22").file("/sys/class/net/enp3s0/mtu", "1500")
                .file("/sys/class/net/enp3s0/speed", "1000").file("/sys/class/net/enp3s0/type", "1")
                .file("/sys/class/net/enp3s0/operstate", "up");
        f.file("/sys/block/nvme0n1/size", "1000215216").file("/sys/block/nvme0n1/device/model", "Samsung SSD 980 PRO 512GB  ")
                .file("/sys/block/nvme0n1/queue/rotational", "0").file("/sys/block/nvme0n1/queue/scheduler", "[none] mq-deadline");
        return f;
    }

    static Fixture twoSocket(Path root) {
        Fixture f = new Fixture(root);
        f.file("/sys/devices/system/cpu/online", "0-7");
        // socket 0: cores 0,1 (cpus 0,1 + siblings 4,5); socket 1: cores 0,1 (cpus 2,3 + siblings 6,7)
        int[][] layout = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {0, 0}, {0, 1}, {1, 0}, {1, 1}};
        for (int c = 0; c < 8; c++) {
            int first = c % 4;
            String sib = first + "," + (first + 4);
            f.cpu(c, layout[c][0], layout[c][1], sib);
            f.cache(c, 0, 1, "Data", "32K", sib, 64, 8);
            f.cache(c, 1, 2, "Unified", "1024K", sib, 64, 16);
            f.cache(c, 2, 3, "Unified", "36608K", layout[c][0] == 0 ? "0-1,4-5" : "2-3,6-7", 64, 11);
        }
        f.node(0, "0-1,4-5", 64_000_000).node(1, "2-3,6-7", 64_000_000);
        f.status("0-7");
        return f;
    }

    static List<Integer> list(Integer... cpus) {
        return List.of(cpus);
    }
}
