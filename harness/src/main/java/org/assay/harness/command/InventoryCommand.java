package org.assay.harness.command;

import org.assay.harness.Main;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.assay.probes.topology.CpuList;
import org.assay.probes.inventory.ByteSizes;
import org.assay.probes.inventory.Inventory;
import org.assay.probes.inventory.InventoryCollector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code assay inventory}: what this machine is, as a table for people or as the JSON that goes
 * into {@code run.json}. Unknown values print as "unknown" with the reason the inventory gives.
 */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = "Show this machine's hardware, OS, JVM and limits")
public final class InventoryCommand implements Callable<Integer> {

    @Mixin
    OutputOptions output;

    @Mixin
    RootOption root;

    @Option(names = "--no-oshi", description = "Do not ask OSHI on the live machine either (under --root it is "
            + "never asked: it reads only the machine running Assay).")
    boolean noOshi;

    @Override
    public Integer call() throws JsonProcessingException {
        Inventory inv = InventoryCollector.collect(root.directory(), !noOshi);
        if (output.json()) {
            output.printJson(inv);
            return Main.EXIT_OK;
        }
        PrintWriter out = output.out();
        new Table(out).print(inv);
        out.flush();
        return Main.EXIT_OK;
    }

    /** The text form: one section per part of the inventory, keys aligned. */
    static final class Table {
        private final PrintWriter out;

        Table(PrintWriter out) {
            this.out = out;
        }

        void print(Inventory inv) {
            cpu(inv);
            caches(inv);
            section("NUMA");
            inv.numa().forEach(n -> row("node " + n.id(), "CPUs " + n.cpus() + ", memory " + bytes(n.memTotalBytes())));
            memory(inv.memory());
            section("Disks");
            if (inv.disks().isEmpty()) {
                row("", "none found in /sys/block");
            }
            inv.disks().forEach(d -> row(d.name(), bytes(d.sizeBytes()) + ", model " + or(d.model())
                    + (d.rotational() == null ? "" : d.rotational() ? ", rotational" : ", non-rotational")
                    + (d.logicalBlockSize() == null ? "" : ", " + d.logicalBlockSize() + " B blocks")
                    + (d.scheduler() == null ? "" : ", scheduler " + d.scheduler())));
            section("Filesystems");
            if (inv.filesystems().isEmpty()) {
                row("", inv.oshiUsed() ? "none found" : "not read (sizes need the live machine)");
            }
            inv.filesystems().forEach(f -> row(f.mount(), f.type() + " on " + f.device() + ", "
                    + bytes(f.totalBytes()) + " total, " + bytes(f.freeBytes()) + " free"));
            section("NICs");
            if (inv.nics().isEmpty()) {
                row("", "none found in /sys/class/net (loopback is not listed)");
            }
            inv.nics().forEach(n -> row(n.name(), or(n.mac()) + ", MTU " + or(n.mtu()) + ", speed "
                    + (n.speedMbps() == null ? or(n.speedNote()) : n.speedMbps() + " Mbit/s") + ", " + or(n.state())));
            osJvm(inv);
            virtualization(inv);
            container(inv);
            section("Allowed CPUs");
            row("CPUs", CpuList.format(inv.allowedCpus().cpus()));
            row("affinity", inv.allowedCpus().affinity() == null ? "unknown" : CpuList.format(inv.allowedCpus().affinity()));
            row("cgroup cpuset", inv.allowedCpus().cgroupCpuset() == null ? "none"
                    : CpuList.format(inv.allowedCpus().cgroupCpuset()));
            notes(inv.allowedCpus().notes());
            if (!inv.notes().isEmpty()) {
                section("Notes");
                notes(inv.notes());
            }
            out.printf(Locale.ROOT, "%ncollected in %d ms from %s%s%n", inv.collectMillis(), inv.root(),
                    inv.oshiUsed() ? " (sysfs/procfs + OSHI)" : " (sysfs/procfs only)");
        }

        private void cpu(Inventory inv) {
            Inventory.Cpu c = inv.cpu();
            section("CPU");
            row("model", or(c.name()) + (c.vendor() == null ? "" : " (" + c.vendor() + ")"));
            row("family/model/step", or(c.family()) + " / " + or(c.model()) + " / " + or(c.stepping()));
            row("microarchitecture", c.microarchitecture() == null ? "unknown" : c.microarchitecture() + " (OSHI's name)");
            row("layout", plural(c.sockets(), "socket") + ", " + plural(c.physicalCores(), "physical core") + ", "
                    + plural(c.logicalCpus(), "logical CPU") + ", SMT " + (c.smt() ? "on" : "off"));
            row("online", c.onlineCpus());
            Inventory.Frequency f = inv.frequency();
            row("clock", (f.cpuinfoMhz() == null ? "unknown" : String.format(Locale.ROOT, "%.0f MHz in cpuinfo", f.cpuinfoMhz()))
                    + (f.cpufreqMaxKhz() == null ? "" : ", max " + f.cpufreqMaxKhz() / 1000 + " MHz (" + or(f.cpufreqDriver()) + ")")
                    + (f.oshiVendorHz() == null ? "" : ", vendor " + f.oshiVendorHz() / 1_000_000 + " MHz"));
            row("TSC flags", f.tscFlags().isEmpty() ? "none" : String.join(" ", f.tscFlags()));
            Inventory.Peak p = inv.peak();
            if (p != null) {
                row("FP64 peak", p.gflopsFp64() == null ? "unknown"
                        : String.format(Locale.ROOT, "%.0f GFLOP/s = %d cores x %.0f MHz x %d FLOP/cycle (%s); clock from %s",
                        p.gflopsFp64(), p.physicalCores(), p.clockMHz(), p.flopPerCyclePerCore(), p.isa(), p.clockSource()));
                notes(p.notes());
            }
            notes(f.notes());
            notes(c.notes());
        }

        private void caches(Inventory inv) {
            section("Caches");
            TextTable table = new TextTable("  ");
            for (Inventory.Cache c : inv.caches()) {
                String size = c.sizeBytes() == null ? "not in sysfs"
                        : bytes(c.sizeBytes()) + " × " + c.instances() + " = " + bytes(c.sizeBytes() * c.instances());
                String geometry = (c.ways() == null ? "" : (c.ways() == 0 ? "fully associative" : c.ways() + "-way"))
                        + (c.lineSize() == null ? "" : (c.ways() == null ? "" : ", ") + c.lineSize() + " B lines");
                String shared = CacheSharing.describe(c.sharedBy(), inv.cpu());
                String oshi = c.oshiSizeBytes() == null ? "OSHI: -" : "OSHI: " + bytes(c.oshiSizeBytes());
                table.row(c.label(), size, geometry, shared, oshi);
            }
            table.print(out);
            for (Inventory.Cache c : inv.caches()) {
                if (c.mismatch() != null) {
                    out.printf("  ! %s: %s%n", c.label(), c.mismatch());
                }
            }
            if (inv.caches().isEmpty()) {
                row("", "none found in sysfs (cpuN/cache)");
            }
        }

        private void memory(Inventory.Memory m) {
            section("Memory");
            row("total", bytes(m.totalBytes()));
            row("available", bytes(m.availableBytes()));
            row("page size", bytes(m.pageSizeBytes()) + (m.hugePageSizeBytes() == null ? "" : ", huge pages " + bytes(m.hugePageSizeBytes())));
            row("swap", m.swapTotalBytes() == null ? "unknown" : m.swapTotalBytes() == 0 ? "off"
                    : bytes(m.swapTotalBytes()) + (m.swapFreeBytes() == null ? "" : ", " + bytes(m.swapTotalBytes() - m.swapFreeBytes()) + " used"));
            notes(m.notes());
        }

        private void osJvm(Inventory inv) {
            section("OS/JVM");
            Inventory.Os os = inv.os();
            row("OS", or(os.name()) + ", kernel " + or(os.kernel()) + ", " + or(os.arch()));
            row("hostname", or(os.hostname()));
            Inventory.Jvm j = inv.jvm();
            row("JVM", j.version() + " (" + j.vendor() + ", " + j.vmName() + " " + j.vmVersion() + ")");
            row("max heap", bytes(j.maxHeapBytes()));
            row("java.home", j.javaHome());
            row("JVM CPUs", String.valueOf(j.availableProcessors()));
        }

        private void virtualization(Inventory inv) {
            Inventory.Virtualization v = inv.virtualization();
            section("Virtualization");
            row("verdict", v.verdict());
            row("hypervisor flag", v.hypervisorFlag() == null ? "unknown" : v.hypervisorFlag() ? "set" : "not set");
            row("DMI", v.dmiSysVendor() == null ? "unavailable" : v.dmiSysVendor() + " " + or(v.dmiProductName()));
            row("clocksource", or(v.clocksource()));
            notes(v.notes());
        }

        private void container(Inventory inv) {
            var c = inv.container();
            section("Container limits");
            row("cgroup", c.cgroupVersion() + (c.cgroupPath() == null ? "" : ", path " + c.cgroupPath()));
            row("CPU quota", c.cpuQuotaCpus() == null ? "none"
                    : String.format(Locale.ROOT, "%.2f CPUs (%s from %s)", c.cpuQuotaCpus(), c.cpuMax(), c.cpuMaxSource()));
            row("cpuset", c.cpusetEffective() == null ? "none" : c.cpusetEffective());
            row("memory limit", c.memoryMaxBytes() == null ? "none" : bytes(c.memoryMaxBytes()));
        }

        private void section(String title) {
            out.println();
            out.println(title);
        }

        private void row(String key, String value) {
            out.printf(Locale.ROOT, "  %-18s %s%n", key, value);
        }

        private void notes(List<String> notes) {
            notes.forEach(n -> out.printf("  - %s%n", n));
        }

        private static String or(Object v) {
            return v == null ? "unknown" : v.toString();
        }

        private static String plural(int n, String what) {
            return n + " " + what + (n == 1 ? "" : "s");
        }

        private static String bytes(Long b) {
            return ByteSizes.format(b);
        }
    }
}
