package org.assay.probes.inventory;

import org.assay.probes.topology.AllowedCpus;
import org.assay.probes.topology.ContainerLimits;
import java.util.List;
import java.util.Map;

/**
 * What this machine is: hardware, OS, JVM and the limits the process runs under, as recorded in
 * {@code run.json} and shown by {@code assay inventory}. Plain records, so Jackson writes them as
 * they are.
 *
 * <p>An unknown value is null, never 0 or -1, and the section's {@code notes} (or the field beside
 * it) says why: a VM has no cpufreq, OSHI reports -1 for frequencies there, a virtio NIC has no
 * speed. Sources: sysfs and procfs under {@link #root()} for everything they can answer; OSHI only
 * for the microarchitecture, CPUID cache sizes, the page size fallback and disk models.
 *
 * @param root           the root directory facts were read from ("/" on a live machine)
 * @param collectedAt    ISO-8601 instant
 * @param collectMillis  how long collection took
 * @param oshiUsed       false in fixture mode, where OSHI would describe the wrong machine
 */
public record Inventory(String root, String collectedAt, long collectMillis, boolean oshiUsed,
                        Cpu cpu, List<Cache> caches, List<NumaNode> numa, Memory memory,
                        List<Disk> disks, List<Filesystem> filesystems, List<Nic> nics, Os os, Jvm jvm,
                        Virtualization virtualization, ContainerLimits container, AllowedCpus allowedCpus,
                        Frequency frequency, List<String> notes, Peak peak) {

    /**
     * Theoretical FP64 peak: physical cores × clock × FLOP per cycle per core from the vector ISA
     * (2 FMA pipes of the widest vector: AVX-512 32 on Intel, 16 on AMD Zen 4 which runs 512-bit
     * FMAs on two 256-bit pipes, 32 on Zen 5; AVX2+FMA 16; AVX 8; SSE2 4). The clock is the best one known and
     * {@code clockSource} says which: on a VM {@code /proc/cpuinfo}'s MHz is the TSC rate, and a
     * peak computed from it is beaten by real code.
     */
    public record Peak(Double gflopsFp64, int physicalCores, Double clockMHz, String clockSource,
                       Integer flopPerCyclePerCore, String isa, List<String> notes) {
    }

    /**
     * @param name               model name ({@code /proc/cpuinfo} "model name", else OSHI)
     * @param microarchitecture  OSHI's name for the family/model, a table lookup that can be wrong
     *                           (it names family 25 model 17, Genoa's identity, "Zen 3"); null without OSHI
     * @param family             decimal, as in {@code /proc/cpuinfo}
     * @param onlineCpus         the online CPUs in list syntax
     */
    public record Cpu(String name, String vendor, String microarchitecture, Integer family, Integer model,
                      Integer stepping, int sockets, int physicalCores, int logicalCpus, boolean smt,
                      String onlineCpus, List<String> notes) {
    }

    /**
     * One cache kind. sysfs gives the layout (instances, sharing); OSHI reads CPUID and gives a
     * second opinion on the size. When they differ, {@code mismatch} says so: a hypervisor may
     * present a virtual cache layout in one and pass the host's CPUID through in the other.
     *
     * @param sizeBytes      per instance, from sysfs (null when sysfs has no such cache)
     * @param sharedBy       for each instance, the CPUs that share it, in list syntax
     * @param oshiSizeBytes  OSHI's size for the same level and type (null: not asked, or not reported)
     * @param mismatch       null when both agree or only one source answered
     */
    public record Cache(String label, int level, String type, Long sizeBytes, Integer instances,
                        List<String> sharedBy, Integer lineSize, Integer ways, Long oshiSizeBytes,
                        String mismatch) {
    }

    /** @param memTotalBytes from {@code nodeN/meminfo}; null when unreadable */
    public record NumaNode(int id, String cpus, Long memTotalBytes) {
    }

    /**
     * @param availableBytes   MemAvailable: what can be allocated without swapping
     * @param pageSizeBytes    the base page size (from {@code /proc/self/smaps} KernelPageSize, else OSHI)
     * @param hugePageSizeBytes {@code Hugepagesize} from meminfo
     */
    public record Memory(Long totalBytes, Long availableBytes, Long pageSizeBytes, Long hugePageSizeBytes,
                         Long swapTotalBytes, Long swapFreeBytes, List<String> notes) {
    }

    /**
     * @param rotational       {@code queue/rotational}; virtual disks often claim 1
     * @param scheduler        the active I/O scheduler (bracketed value)
     * @param model            {@code device/model}, else OSHI's; null when neither knows
     */
    public record Disk(String name, String model, Long sizeBytes, Boolean rotational, Integer logicalBlockSize,
                       String scheduler) {
    }

    /** @param freeBytes usable by this (unprivileged) process */
    public record Filesystem(String mount, String device, String type, Long totalBytes, Long freeBytes) {
    }

    /**
     * @param speedMbps   {@code speed}; null when the driver does not say (virtio reports -1 or
     *                    EINVAL, OSHI turns that into 0), with {@code speedNote} "unknown"
     * @param state       {@code operstate}: up, down, unknown
     */
    public record Nic(String name, String mac, Integer mtu, Long speedMbps, String speedNote, String state) {
    }

    public record Os(String name, String kernel, String arch, String hostname) {
    }

    /** @param inputArguments the JVM's own flags, so a result can be reproduced with the same ones */
    public record Jvm(String vendor, String version, String vmName, String vmVersion, long maxHeapBytes,
                      String javaHome, int availableProcessors, List<String> inputArguments) {
    }

    /**
     * @param hypervisorFlag   the cpuinfo {@code hypervisor} flag (CPUID.1:ECX[31]); null when no flags line
     * @param dmiSysVendor     {@code /sys/class/dmi/id/sys_vendor}; null without SMBIOS (Firecracker, many ARM boards)
     * @param clocksource      {@code current_clocksource}: kvm-clock, xen, hyperv_* point at a guest
     * @param verdict          "virtual machine", "bare metal" or "unknown", with the evidence
     */
    public record Virtualization(Boolean hypervisorFlag, String dmiSysVendor, String dmiProductName,
                                 String clocksource, String verdict, List<String> notes) {
    }

    /**
     * Clock facts. None of these is the running clock: on x86 without cpufreq, cpuinfo's MHz is the
     * TSC rate (2596 MHz on this EPYC guest, whose cores run near 4 GHz). Measure it instead.
     *
     * @param cpuinfoMhz     "cpu MHz" of the first CPU
     * @param tscFlags       which of constant_tsc, nonstop_tsc, tsc_known_freq, tsc_reliable are set
     * @param cpufreqMaxKhz  {@code cpuinfo_max_freq} of cpu0; null without cpufreq
     */
    public record Frequency(Double cpuinfoMhz, List<String> tscFlags, Long oshiVendorHz, Long oshiMaxHz,
                            Long cpufreqMaxKhz, String cpufreqDriver, List<String> notes) {
    }

    /** Caches by label, for callers that want "L3". */
    public Map<String, Cache> cachesByLabel() {
        java.util.Map<String, Cache> m = new java.util.LinkedHashMap<>();
        caches.forEach(c -> m.putIfAbsent(c.label(), c));
        return m;
    }
}
