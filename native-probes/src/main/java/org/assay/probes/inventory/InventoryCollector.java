package org.assay.probes.inventory;

import org.assay.probes.internal.CpuInfo;
import org.assay.probes.internal.SysFiles;
import org.assay.probes.topology.CacheLevel;
import org.assay.probes.topology.CpuList;
import org.assay.probes.topology.CpuTopology;
import org.assay.probes.topology.MachineSnapshot;
import org.assay.probes.topology.MemInfo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Collects the {@link Inventory} of the machine under a root directory.
 *
 * <p>sysfs and procfs answer almost everything and are read relative to the root, so a fixture
 * tree or a host root mounted into a container works. Live mode adds what only the running
 * machine can say: OSHI (microarchitecture, CPUID cache sizes, disk models, page size fallback)
 * and filesystem sizes (statvfs through {@link FileStore}). Fixture mode skips both, because they
 * would describe the machine running the test, not the tree.
 *
 * <p>Measured on the 2-vCPU EPYC guest (JDK 17): about 0.3 s in live mode, most of it OSHI's
 * first processor query; a few milliseconds in fixture mode.
 */
public final class InventoryCollector {

    private static final Set<String> PSEUDO_FS = Set.of("proc", "sysfs", "cgroup", "cgroup2", "devpts",
            "devtmpfs", "mqueue", "debugfs", "tracefs", "securityfs", "pstore", "bpf", "configfs", "fusectl",
            "hugetlbfs", "autofs", "binfmt_misc", "rpc_pipefs", "nsfs", "efivarfs", "selinuxfs", "ramfs",
            "squashfs", "nfsd", "fuse.gvfsd-fuse", "fuse.portal", "overlay.lower");
    private static final List<String> TSC_FLAGS = List.of("constant_tsc", "nonstop_tsc", "tsc_known_freq",
            "tsc_reliable");

    private InventoryCollector() {
    }

    /** Live mode when {@code root} is "/", fixture mode otherwise. */
    public static Inventory collect(Path root) {
        return collect(root, isLiveRoot(root));
    }

    /**
     * @param useOshi also ask OSHI and statvfs when the root is the live machine's; under any
     *                other root they are never asked, since they describe only the running machine
     */
    public static Inventory collect(Path root, boolean useOshi) {
        return collect(MachineSnapshot.read(root), useOshi);
    }

    /** As {@link #collect(Path, boolean)}, from the run's snapshot instead of reading the layout again. */
    public static Inventory collect(MachineSnapshot snapshot, boolean useOshi) {
        long start = System.nanoTime();
        Path root = snapshot.root();
        SysFiles fs = new SysFiles(root);
        List<String> notes = new ArrayList<>();
        // OSHI and statvfs read only the machine this JVM runs on: under another root they would
        // mix that machine's microarchitecture, caches and disks into the tree's inventory.
        boolean live = isLiveRoot(root);
        OshiFacts oshi = useOshi && live ? OshiFacts.collect() : null;
        if (oshi != null) {
            notes.addAll(oshi.notes());
        } else if (useOshi) {
            notes.add("OSHI not consulted under " + root + ": it reads only the machine running Assay"
                    + " (no microarchitecture, no CPUID cache sizes, no filesystem sizes)");
        } else {
            notes.add("OSHI not used (fixture mode): no microarchitecture, no CPUID cache sizes, no filesystem sizes");
        }
        CpuTopology topo = snapshot.topology();
        CpuInfo cpuinfo = CpuInfo.parse(fs.lines("/proc/cpuinfo"));
        MemInfo meminfo = snapshot.memInfo();
        List<Inventory.Cache> caches = caches(topo, oshi);
        if (caches.isEmpty()) {
            // Seen on a KVM guest whose kernel exposes no cacheinfo (and whose hypervisor zeroes the
            // CPUID cache-topology leaves): saying so beats an empty table that reads as "no caches".
            notes.add("no cache sizes known: sysfs has no cpuN/cache/index* entries" + (oshi == null ? "" : " and OSHI reports none")
                    + "; cache-sized working sets fall back to their defaults");
        }

        Inventory inv = new Inventory(root.toString(), Instant.now().toString(), 0, oshi != null,
                cpu(topo, cpuinfo, oshi),
                caches,
                numa(fs, topo),
                memory(fs, meminfo, oshi),
                disks(fs, oshi, notes),
                oshi != null ? filesystems(fs, notes) : List.of(),
                nics(fs),
                os(fs),
                jvm(),
                virtualization(fs, cpuinfo),
                snapshot.limits(),
                snapshot.allowed(),
                frequency(fs, cpuinfo, oshi),
                notes, PeakEstimator.compute(root, topo, isLiveRoot(root)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Inventory(inv.root(), inv.collectedAt(), millis, inv.oshiUsed(), inv.cpu(), inv.caches(),
                inv.numa(), inv.memory(), inv.disks(), inv.filesystems(), inv.nics(), inv.os(), inv.jvm(),
                inv.virtualization(), inv.container(), inv.allowedCpus(), inv.frequency(), inv.notes(), inv.peak());
    }

    static boolean isLiveRoot(Path root) {
        return root.toAbsolutePath().normalize().equals(Path.of("/").toAbsolutePath());
    }

    private static Inventory.Cpu cpu(CpuTopology topo, CpuInfo ci, OshiFacts oshi) {
        List<String> notes = new ArrayList<>(topo.notes());
        String name = ci.get("model name").orElse(oshi == null ? null : oshi.name());
        String vendor = ci.get("vendor_id").orElse(oshi == null ? null : oshi.vendor());
        String uarch = oshi == null ? null : oshi.microarchitecture();
        Integer family = ci.getInt("cpu family").orElse(oshi == null ? null : parseIntOrNull(oshi.family()));
        Integer model = ci.getInt("model").orElse(oshi == null ? null : parseIntOrNull(oshi.model()));
        Integer stepping = ci.getInt("stepping").orElse(oshi == null ? null : parseIntOrNull(oshi.stepping()));
        if (ci.isEmpty()) {
            notes.add("/proc/cpuinfo unreadable");
        }
        if (name == null) {
            notes.add("model name unknown: no \"model name\" in /proc/cpuinfo" + (oshi == null ? " and OSHI not used" : ""));
        }
        if (uarch == null) {
            notes.add("microarchitecture unknown: " + (oshi == null ? "needs OSHI (live mode)" : "OSHI does not know this family/model"));
        }
        return new Inventory.Cpu(name, vendor, uarch, family, model, stepping, topo.sockets(), topo.physicalCores(),
                topo.cpus().size(), topo.smt(), CpuList.format(topo.online()), notes);
    }

    static List<Inventory.Cache> caches(CpuTopology topo, OshiFacts oshi) {
        List<Inventory.Cache> out = new ArrayList<>();
        List<OshiFacts.OshiCache> oshiCaches = oshi == null ? List.of() : new ArrayList<>(oshi.caches());
        for (CacheLevel c : topo.caches()) {
            Optional<OshiFacts.OshiCache> o = oshiCaches.stream()
                    .filter(x -> x.level() == c.level() && x.type().equals(c.type())).findFirst();
            Long oshiSize = o.map(OshiFacts.OshiCache::sizeBytes).filter(s -> s > 0).orElse(null);
            String mismatch = null;
            if (oshiSize != null && oshiSize != c.sizeBytes()) {
                mismatch = "sysfs says " + ByteSizes.format(c.sizeBytes()) + " per instance, OSHI says "
                        + ByteSizes.format(oshiSize) + "; sysfs (the kernel's cacheinfo) is used for sizing and sharing";
            }
            out.add(new Inventory.Cache(c.label(), c.level(), c.type(), c.sizeBytes(), c.instances(),
                    c.sharedCpuSets().stream().map(CpuList::format).toList(),
                    c.lineSize() > 0 ? c.lineSize() : null, c.ways() >= 0 ? c.ways() : null, oshiSize, mismatch));
        }
        for (OshiFacts.OshiCache o : oshiCaches) {
            boolean inSysfs = topo.caches().stream().anyMatch(c -> c.level() == o.level() && c.type().equals(o.type()));
            if (!inSysfs && o.sizeBytes() > 0) {
                CacheLevel label = new CacheLevel(o.level(), o.type(), o.sizeBytes(), 0, 0, 0, List.of());
                out.add(new Inventory.Cache(label.label(), o.level(), o.type(), null, null, List.of(),
                        o.lineSize() > 0 ? o.lineSize() : null, o.ways() > 0 ? o.ways() : null, o.sizeBytes(),
                        "only OSHI reports this cache; sysfs has no cache/index entry for it"));
            }
        }
        return out;
    }

    private static List<Inventory.NumaNode> numa(SysFiles fs, CpuTopology topo) {
        List<Inventory.NumaNode> out = new ArrayList<>();
        topo.numaNodes().forEach((id, cpus) -> {
            Long mem = fs.lines("/sys/devices/system/node/node" + id + "/meminfo").stream()
                    .filter(l -> l.contains("MemTotal:")).findFirst()
                    .flatMap(l -> MemInfo.kib(l.substring(l.indexOf("MemTotal:") + 9))).orElse(null);
            out.add(new Inventory.NumaNode(id, CpuList.format(cpus), mem));
        });
        return out;
    }

    private static Inventory.Memory memory(SysFiles fs, MemInfo mi, OshiFacts oshi) {
        List<String> notes = new ArrayList<>();
        if (mi.isEmpty()) {
            notes.add("/proc/meminfo unreadable");
        }
        Long page = fs.firstLineStartingWith("/proc/self/smaps", "KernelPageSize:")
                .flatMap(l -> MemInfo.kib(l.substring(l.indexOf(':') + 1))).orElse(null);
        if (page == null && oshi != null) {
            page = oshi.pageSizeBytes();
        }
        if (page == null) {
            notes.add("page size unknown: no KernelPageSize in /proc/self/smaps" + (oshi == null ? " and OSHI not used" : ""));
        }
        if (mi.has("MemTotal") && !mi.has("MemAvailable")) {
            notes.add("no MemAvailable in /proc/meminfo (kernel older than 3.14)");
        }
        return new Inventory.Memory(mi.get("MemTotal"), mi.get("MemAvailable"), page, mi.get("Hugepagesize"),
                mi.get("SwapTotal"), mi.get("SwapFree"), notes);
    }

    private static List<Inventory.Disk> disks(SysFiles fs, OshiFacts oshi, List<String> notes) {
        List<Inventory.Disk> out = new ArrayList<>();
        for (String name : fs.list("/sys/block", "[^.].*")) {
            if (name.startsWith("loop") || name.startsWith("ram")) {
                continue;
            }
            String d = "/sys/block/" + name;
            Long size = fs.readLong(d + "/size").map(sectors -> sectors * 512).orElse(null);   // always 512-byte units
            if (size != null && size == 0) {
                continue;   // an unconfigured zram or an empty drive
            }
            String model = fs.read(d + "/device/model").filter(s -> !s.isBlank())
                    .orElse(oshi == null ? null : oshi.diskModels().get(name));
            out.add(new Inventory.Disk(name, model, size,
                    fs.readInt(d + "/queue/rotational").map(r -> r == 1).orElse(null),
                    fs.readInt(d + "/queue/logical_block_size").orElse(null),
                    fs.read(d + "/queue/scheduler").flatMap(s -> SysFiles.bracketed(s).or(() -> Optional.of(s)))
                            .orElse(null)));
        }
        if (out.stream().anyMatch(d -> d.model() == null)) {
            notes.add("disk model unknown for " + out.stream().filter(d -> d.model() == null).map(Inventory.Disk::name).toList()
                    + ": no device/model in sysfs (virtio disks have none)");
        }
        return out;
    }

    private static List<Inventory.Filesystem> filesystems(SysFiles fs, List<String> notes) {
        List<String> lines = fs.lines("/proc/self/mounts");
        if (lines.isEmpty()) {
            lines = fs.lines("/proc/mounts");
        }
        Map<String, Inventory.Filesystem> byMount = new LinkedHashMap<>();
        for (String l : lines) {
            String[] f = l.split(" ");
            if (f.length < 3) {
                continue;
            }
            String device = unescape(f[0]);
            String mount = unescape(f[1]);
            String type = f[2];
            if (PSEUDO_FS.contains(type) || mount.startsWith("/proc") || mount.startsWith("/sys")
                    || (mount.startsWith("/dev") && !mount.equals("/dev/shm")) || mount.startsWith("/run/")) {
                continue;
            }
            Long total = null, free = null;
            try {
                FileStore store = Files.getFileStore(fs.path(mount));
                total = store.getTotalSpace();
                free = store.getUsableSpace();
            } catch (IOException | RuntimeException e) {
                notes.add("size of " + mount + " unknown: " + e.getMessage());
            }
            byMount.put(mount, new Inventory.Filesystem(mount, device, type, total, free));  // last mount wins, as in the kernel
        }
        return new ArrayList<>(byMount.values());
    }

    private static List<Inventory.Nic> nics(SysFiles fs) {
        List<Inventory.Nic> out = new ArrayList<>();
        for (String name : fs.list("/sys/class/net", "[^.].*")) {
            String d = "/sys/class/net/" + name;
            if (fs.readInt(d + "/type").orElse(0) == 772) {
                continue;   // ARPHRD_LOOPBACK
            }
            // speed: Mbit/s; -1 ("unknown") on virtio, EINVAL when the link is down.
            Long speed = fs.readLong(d + "/speed").filter(s -> s > 0).orElse(null);
            out.add(new Inventory.Nic(name, fs.read(d + "/address").orElse(null), fs.readInt(d + "/mtu").orElse(null),
                    speed, speed == null ? "unknown (driver reports no link speed: typical of virtual NICs)" : null,
                    fs.read(d + "/operstate").orElse(null)));
        }
        return out;
    }

    private static Inventory.Os os(SysFiles fs) {
        List<String> release = fs.lines("/etc/os-release");
        if (release.isEmpty()) {
            release = fs.lines("/usr/lib/os-release");
        }
        String name = release.stream().filter(l -> l.startsWith("PRETTY_NAME="))
                .map(l -> l.substring(12).replaceAll("^\"|\"$", "")).findFirst().orElse(null);
        return new Inventory.Os(name, fs.read("/proc/sys/kernel/osrelease").orElse(null),
                System.getProperty("os.arch"), fs.read("/proc/sys/kernel/hostname").orElse(null));
    }

    private static Inventory.Jvm jvm() {
        List<String> args;
        try {
            args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        } catch (RuntimeException e) {
            args = List.of();
        }
        return new Inventory.Jvm(System.getProperty("java.vendor"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"),
                Runtime.getRuntime().maxMemory(), System.getProperty("java.home"),
                Runtime.getRuntime().availableProcessors(), List.copyOf(args));
    }

    private static Inventory.Virtualization virtualization(SysFiles fs, CpuInfo ci) {
        List<String> notes = new ArrayList<>();
        Boolean flag = ci.hasFlags() ? ci.hasFlag("hypervisor") : null;
        String vendor = fs.read("/sys/class/dmi/id/sys_vendor").filter(s -> !s.isBlank()).orElse(null);
        String product = fs.read("/sys/class/dmi/id/product_name").filter(s -> !s.isBlank()).orElse(null);
        String clock = fs.read("/sys/devices/system/clocksource/clocksource0/current_clocksource").orElse(null);
        String xen = fs.read("/sys/hypervisor/type").orElse(null);
        if (vendor == null) {
            notes.add("no DMI (/sys/class/dmi/id/sys_vendor): firmware without SMBIOS (Firecracker, many ARM boards)");
        }
        if (flag == null) {
            notes.add("no flags line in /proc/cpuinfo: hypervisor flag unknown (non-x86?)");
        }
        String dmi = vendor == null ? "" : ", DMI " + vendor + (product == null ? "" : " " + product);
        String verdict;
        if (Boolean.TRUE.equals(flag)) {
            verdict = "virtual machine (cpuinfo hypervisor flag" + dmi + (clock == null ? "" : ", clocksource " + clock) + ")";
        } else if (xen != null) {
            verdict = "virtual machine (/sys/hypervisor/type " + xen + ")";
        } else if (vendor != null && looksVirtual(vendor + " " + product)) {
            verdict = "virtual machine (DMI " + vendor + (product == null ? "" : " " + product) + ")";
        } else if (Boolean.FALSE.equals(flag)) {
            verdict = "bare metal (no hypervisor flag" + dmi + ")";
        } else {
            verdict = "unknown";
        }
        return new Inventory.Virtualization(flag, vendor, product, clock, verdict, notes);
    }

    private static boolean looksVirtual(String dmi) {
        String s = dmi.toLowerCase(Locale.ROOT);
        return s.contains("qemu") || s.contains("kvm") || s.contains("vmware") || s.contains("virtualbox")
                || s.contains("innotek") || s.contains("amazon ec2") || s.contains("google compute")
                || s.contains("virtual machine") || s.contains("xen") || s.contains("openstack") || s.contains("bochs");
    }

    private static Inventory.Frequency frequency(SysFiles fs, CpuInfo ci, OshiFacts oshi) {
        List<String> notes = new ArrayList<>();
        Double mhz = ci.getDouble("cpu MHz").orElse(null);
        String cpufreq = "/sys/devices/system/cpu/cpu0/cpufreq/";
        Long maxKhz = fs.readLong(cpufreq + "cpuinfo_max_freq").orElse(null);
        String driver = fs.read(cpufreq + "scaling_driver").orElse(null);
        if (mhz != null) {
            notes.add("cpuinfo \"cpu MHz\" " + (maxKhz == null
                    ? "is the TSC/nominal rate when there is no cpufreq driver, not the running clock"
                    : "is the driver's recent average for CPU 0, not the clock during a measurement")
                    + "; the running clock must be measured");
        } else {
            notes.add("no \"cpu MHz\" in /proc/cpuinfo");
        }
        if (maxKhz == null) {
            notes.add("no cpufreq (cpu0/cpufreq missing): typical of VMs; maximum clock unknown");
        }
        List<String> tsc = TSC_FLAGS.stream().filter(ci::hasFlag).toList();
        return new Inventory.Frequency(mhz, tsc, oshi == null ? null : oshi.vendorFreqHz(),
                oshi == null ? null : oshi.maxFreqHz(), maxKhz, driver, notes);
    }

    private static Integer parseIntOrNull(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** /proc/mounts escapes space as \040. */
    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
