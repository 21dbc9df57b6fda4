package org.assay.probes;

import org.assay.probes.internal.MsrReader;
import org.assay.probes.internal.ProbeContext;
import org.assay.probes.internal.ProbeIoException;
import org.assay.probes.internal.RaplUnits;
import org.assay.probes.internal.SysFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RAPL energy: the powercap sysfs zones first ({@code energy_uj}, wrapping at
 * {@code max_energy_range_uj}), the energy-status MSRs second, with the units decoded from the
 * power-unit register (Intel 0x606, AMD 0xC0010299; docs/probes.md, rapl.energy). Each read
 * reports the energy accumulated since the probe was opened (J) and the average power since the
 * previous read (W).
 *
 * <p>Pitfalls handled: the MSR counters are 32 bits and wrap (Δ is taken modulo 2^32, as
 * turbostat's DELTA_WRAP32 does); the DRAM domain of Haswell-X through Ice Lake-X counts in
 * 2^-16 J whatever 0x606 says (using ESU would overstate DRAM energy 4×); AMD has one core
 * counter per physical core (SMT siblings read the same one), summed per package here.
 */
final class RaplEnergyProbe extends ProbeBase {

    static final long MSR_RAPL_POWER_UNIT = 0x606;
    static final long MSR_PKG_ENERGY_STATUS = 0x611;
    static final long MSR_PKG_POWER_INFO = 0x614;
    static final long MSR_DRAM_ENERGY_STATUS = 0x619;
    static final long MSR_PP0_ENERGY_STATUS = 0x639;
    static final long MSR_PP1_ENERGY_STATUS = 0x641;
    static final long MSR_PLATFORM_ENERGY_STATUS = 0x64D;
    static final long AMD_RAPL_POWER_UNIT = 0xC0010299L;
    static final long AMD_CORE_ENERGY_STAT = 0xC001029AL;
    static final long AMD_PKG_ENERGY_STAT = 0xC001029BL;

    /** Family 6 server models whose DRAM domain counts in 2^-16 J (kernel rapl_defaults_hsw_server). */
    private static final Set<Integer> FIXED_DRAM_UNIT_MODELS = Set.of(0x3F, 0x4F, 0x56, 0x55, 0x6A, 0x6C, 0x57, 0x85);

    /** One energy counter: a powercap zone, or one or more MSR counters summed. */
    private static final class Domain {
        final String name;
        final String scope;
        /** The physical package the counter covers; {@link #UNKNOWN_PACKAGE} when its zone does not say. */
        final int pkg;
        final List<Counter> counters = new ArrayList<>();
        double joules;
        double lastJoules;
        long lastNanos;

        Domain(String name, String scope, int pkg) {
            this.name = name;
            this.scope = scope;
            this.pkg = pkg;
        }
    }

    private interface Counter {
        /** Joules since the previous call (the first call primes and returns 0). */
        double advance() throws IOException;
    }

    private final List<Domain> domains = new ArrayList<>();
    private long lastReadNanos;
    private boolean primed;
    /** Thermal design power per package from MSR_PKG_POWER_INFO (0x614 bits 14:0), when readable. */
    private final Map<String, Double> tdp = new LinkedHashMap<>();

    RaplEnergyProbe(ProbeContext ctx) {
        super(ctx, "rapl.energy", "W",
                "RAPL energy per domain (package, core, uncore, dram, psys): J since start and average W");
        String powercapProblem = openPowercap();
        if (!domains.isEmpty()) {
            decide(Availability.available("powercap " + ctx.root.resolve("sys/class/powercap")));
            return;
        }
        String msrProblem = openMsr();
        if (!domains.isEmpty()) {
            decide(Availability.available("MSR " + (ctx.amd() ? "0xC0010299/0xC001029A/0xC001029B" : "0x606/0x611..0x64D")
                    + " (" + powercapProblem + ")"));
            return;
        }
        decide(Availability.unavailable(powercapProblem + "; MSR fallback: " + msrProblem,
                msrProblem.contains("EIO") || msrProblem.contains("no RAPL")
                        ? "none on this machine: the CPU or hypervisor does not expose RAPL (bare metal needed)"
                        : "modprobe intel_rapl_msr and run as root (energy_uj is 0400 since CVE-2020-8694), "
                          + "or modprobe msr and run as root / with CAP_SYS_RAWIO"));
    }

    @Override
    public List<Reading> read() {
        return read(System.nanoTime());
    }

    /** {@link #read()} at a given time, so tests can check watts over a known interval. */
    synchronized List<Reading> read(long now) {
        List<Reading> out = new ArrayList<>();
        boolean haveInterval = primed;
        double seconds = (now - lastReadNanos) / 1e9;
        for (Domain d : domains) {
            if (!advance(d)) {
                out.add(new Reading("rapl." + d.name + ".energy", d.scope, Double.NaN, "J"));
                continue;
            }
            out.add(new Reading("rapl." + d.name + ".energy", d.scope, d.joules, "J"));
            if (haveInterval && seconds > 0) {
                out.add(new Reading("rapl." + d.name + ".power", d.scope, (d.joules - d.lastJoules) / seconds, "W"));
            }
            d.lastJoules = d.joules;
        }
        lastReadNanos = now;
        primed = true;
        tdp.forEach((scope, watts) -> out.add(new Reading("rapl.package.tdp", scope, watts, "W")));
        return out;
    }

    /** The key of {@link #packageJoules(Collection)} for a package zone that does not say which package it is. */
    static final int UNKNOWN_PACKAGE = -1;

    /**
     * Energy since the probe was opened of the package domains of {@code packages} (all of them
     * when null), by package id; a zone of unknown package is always included, under
     * {@link #UNKNOWN_PACKAGE}, because it may be the one that holds the workers. Only these
     * counters are read. A counter that fails gives NaN for its package.
     */
    synchronized Map<Integer, Double> packageJoules(Collection<Integer> packages) {
        Map<Integer, Double> out = new TreeMap<>();
        for (Domain d : domains) {
            if (d.name.equals("package")
                    && (packages == null || d.pkg == UNKNOWN_PACKAGE || packages.contains(d.pkg))) {
                out.merge(d.pkg, advance(d) ? d.joules : Double.NaN, Double::sum);
            }
        }
        return out;
    }

    /** Package energy (all packages) accumulated since the probe was opened; NaN without a package domain. */
    synchronized double packageJoules() {
        double sum = 0;
        boolean any = false;
        for (Domain d : domains) {
            if (d.name.equals("package")) {
                if (!advance(d)) {
                    return Double.NaN;
                }
                sum += d.joules;
                any = true;
            }
        }
        return any ? sum : Double.NaN;
    }

    private static boolean advance(Domain d) {
        try {
            for (Counter c : d.counters) {
                d.joules += c.advance();
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;   // the zone went away mid-run: NaN for this read, the run goes on
        }
    }

    // --- powercap -------------------------------------------------------------------------------

    private String openPowercap() {
        String base = "/sys/class/powercap";
        List<String> zones = ctx.sys.list(base, "intel-rapl:\\d+(:\\d+)?");
        if (zones.isEmpty()) {
            return "no RAPL zones in " + ctx.root.resolve("sys/class/powercap")
                    + " (intel_rapl_msr/intel_rapl_common not loaded, or a VM)";
        }
        String denied = null;
        for (String z : zones) {
            Path dir = ctx.sys.path(base + "/" + z);
            String name = SysFiles.read(dir.resolve("name")).orElse(z);
            long range = SysFiles.read(dir.resolve("max_energy_range_uj")).flatMap(SysFiles::parseLong).orElse(0L);
            Path energy = dir.resolve("energy_uj");
            try {
                readMicroJoules(energy);
            } catch (AccessDeniedException e) {
                denied = energy + " not readable (mode 0400 since CVE-2020-8694)";
                continue;
            } catch (IOException | RuntimeException e) {
                continue;
            }
            String[] parts = z.substring("intel-rapl:".length()).split(":");
            String domainName = name.startsWith("package") ? "package" : name.startsWith("psys") ? "psys" : name;
            String scope = domainName.equals("psys") ? "platform" : "package" + parts[0];
            Domain d = new Domain(domainName, scope, zonePackage(base, z, name));
            d.counters.add(new PowercapCounter(energy, range));
            domains.add(d);
        }
        if (domains.isEmpty()) {
            return denied != null ? denied : "powercap zones present but energy_uj unreadable";
        }
        return "powercap";
    }

    /**
     * The physical package a powercap zone covers. The kernel names package zones
     * {@code package-<physical_package_id>} (or {@code package-N-die-M} on multi-die parts), and
     * a subzone belongs to its parent's package; the zone's index ({@code intel-rapl:N}) is only
     * the order of registration, so it is not used.
     */
    private int zonePackage(String base, String zone, String name) {
        String top = zone.indexOf(':', "intel-rapl:".length()) < 0 ? zone : zone.substring(0, zone.lastIndexOf(':'));
        String topName = top.equals(zone) ? name : ctx.sys.read(base + "/" + top + "/name").orElse("");
        Matcher m = PACKAGE_ZONE.matcher(topName);
        return m.matches() ? Integer.parseInt(m.group(1)) : UNKNOWN_PACKAGE;
    }

    private static final Pattern PACKAGE_ZONE = Pattern.compile("package-(\\d+)(-die-\\d+)?");

    static long readMicroJoules(Path energy) throws IOException {
        return Long.parseLong(Files.readString(energy, StandardCharsets.UTF_8).strip());
    }

    private static final class PowercapCounter implements Counter {
        private final Path file;
        private final long range;
        private long prev = -1;

        PowercapCounter(Path file, long range) {
            this.file = file;
            this.range = range;
        }

        @Override
        public double advance() throws IOException {
            long now = readMicroJoules(file);
            long p = prev;
            prev = now;
            if (p < 0) {
                return 0;
            }
            return powercapDeltaMicroJoules(p, now, range) / 1e6;
        }
    }

    /** µJ between two energy_uj values; the counter restarts from 0 after max_energy_range_uj. */
    static long powercapDeltaMicroJoules(long prev, long now, long range) {
        if (now >= prev) {
            return now - prev;
        }
        return range > 0 ? range - prev + now : 0;
    }

    // --- MSR ------------------------------------------------------------------------------------

    private String openMsr() {
        String unreadable = msrProblem();
        if (unreadable != null) {
            return unreadable;
        }
        boolean amd = ctx.amd();
        if (ctx.facts != null && amd && !ctx.facts.amdRapl() && ctx.facts.family() < 0x17) {
            return "no RAPL on this AMD family (CPUID 0x80000007 EDX[14] clear)";
        }
        for (int pkgCpu : ctx.packageLeaders()) {
            int pkg = ctx.packageOf(pkgCpu);
            long unitReg;
            try {
                unitReg = ctx.msr.read(pkgCpu, amd ? AMD_RAPL_POWER_UNIT : MSR_RAPL_POWER_UNIT);
            } catch (ProbeIoException e) {
                return "RAPL unit MSR 0x" + Long.toHexString(amd ? AMD_RAPL_POWER_UNIT : MSR_RAPL_POWER_UNIT)
                        + " unreadable: " + e.getMessage();
            }
            RaplUnits units = RaplUnits.decode(unitReg);
            String scope = "package" + Math.max(pkg, 0);
            if (amd) {
                addMsrDomain("package", scope, List.of(pkgCpu), AMD_PKG_ENERGY_STAT, units.joulesPerCount());
                List<Integer> cores = new ArrayList<>();
                for (int c : ctx.coreLeaders()) {
                    if (ctx.packageOf(c) == pkg) {
                        cores.add(c);
                    }
                }
                addMsrDomain("core", scope, cores, AMD_CORE_ENERGY_STAT, units.joulesPerCount());
            } else {
                double dramUnit = ctx.facts != null && ctx.facts.family() == 6
                        && FIXED_DRAM_UNIT_MODELS.contains(ctx.facts.model()) ? Math.scalb(1.0, -16) : units.joulesPerCount();
                addMsrDomain("package", scope, List.of(pkgCpu), MSR_PKG_ENERGY_STATUS, units.joulesPerCount());
                try {
                    tdp.put(scope, (ctx.msr.read(pkgCpu, MSR_PKG_POWER_INFO) & 0x7FFF) * units.wattsPerCount());
                } catch (ProbeIoException e) {
                    // no power-info register: TDP simply not reported
                }
                addMsrDomain("core", scope, List.of(pkgCpu), MSR_PP0_ENERGY_STATUS, units.joulesPerCount());
                addMsrDomain("uncore", scope, List.of(pkgCpu), MSR_PP1_ENERGY_STATUS, units.joulesPerCount());
                addMsrDomain("dram", scope, List.of(pkgCpu), MSR_DRAM_ENERGY_STATUS, dramUnit);
                addMsrDomain("psys", "platform", List.of(pkgCpu), MSR_PLATFORM_ENERGY_STATUS, units.joulesPerCount());
            }
        }
        return domains.isEmpty() ? "no energy-status MSR answered (EIO)" : "msr";
    }

    /** Adds a domain when every counter answers; EIO means the domain does not exist on this part. */
    private void addMsrDomain(String name, String scope, List<Integer> cpus, long register, double joulesPerCount) {
        if (cpus.isEmpty()) {
            return;
        }
        Domain d = new Domain(name, scope, ctx.packageOf(cpus.get(0)));
        for (int cpu : cpus) {
            MsrCounter c = new MsrCounter(ctx.msr, cpu, register, joulesPerCount);
            try {
                c.advance();
            } catch (IOException e) {
                return;
            }
            d.counters.add(c);
        }
        if (!("psys".equals(name) && domains.stream().anyMatch(x -> x.name.equals("psys")))) {
            domains.add(d);
        }
    }

    private static final class MsrCounter implements Counter {
        private final MsrReader msr;
        private final int cpu;
        private final long register;
        private final double joulesPerCount;
        private long prev = -1;

        MsrCounter(MsrReader msr, int cpu, long register, double joulesPerCount) {
            this.msr = msr;
            this.cpu = cpu;
            this.register = register;
            this.joulesPerCount = joulesPerCount;
        }

        @Override
        public double advance() throws IOException {
            long now = msr.read(cpu, register) & 0xFFFFFFFFL;   // bits 63:32 are reserved
            long p = prev;
            prev = now;
            return p < 0 ? 0 : wrap32(p, now) * joulesPerCount;
        }
    }

    /** Counts between two 32-bit counter values, across one wrap (turbostat DELTA_WRAP32). */
    static long wrap32(long prev, long now) {
        return (now - prev) & 0xFFFFFFFFL;
    }
}
