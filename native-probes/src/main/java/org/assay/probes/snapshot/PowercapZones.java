package org.assay.probes.snapshot;

import org.assay.probes.internal.ProbeContext;
import org.assay.probes.internal.ProbeIoException;
import org.assay.probes.internal.RaplUnits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The RAPL energy counters and power limits: each powercap zone under {@code /sys/class/powercap}
 * ({@code intel-rapl:N} for package N, {@code intel-rapl:N:M} for its subzones, also on AMD) with
 * its {@code name}, {@code energy_uj}, {@code max_energy_range_uj} and constraints
 * ({@code constraint_K_name}, {@code _power_limit_uw}, {@code _time_window_us},
 * {@code _max_power_uw}); without zones, the MSRs (Intel MSR_RAPL_POWER_UNIT 0x606 and
 * MSR_PKG_ENERGY_STATUS 0x611, AMD 0xC0010299 and 0xC001029B), read only.
 *
 * <p>A counter counts up to its range and starts again from zero; across one wrap the energy is
 * {@code now - before + range}, and a reader that looks less often than range / power loses
 * whole ranges without knowing it. {@link Zone#wrapSeconds} is that interval at the zone's
 * long-term power limit.
 *
 * @param source "powercap", "MSR" or null when there is neither
 * @param reason why there is neither, or null
 * @param wrap   what a wrap means, for people
 */
public record PowercapZones(String source, String reason, String wrap, List<Zone> zones, List<MsrPackage> msr) {

    /**
     * One zone; a figure the kernel does not show (or shows only to root) is null.
     *
     * @param energyProblem why {@code energy_uj} could not be read (mode 0400 since Linux 5.10), or null
     * @param wrapSeconds   range / the long_term limit, null without a limit
     */
    public record Zone(String zone, String name, Double energyJoules, String energyProblem, Double rangeJoules,
                       Boolean enabled, List<Constraint> constraints, Double wrapSeconds) {
    }

    public record Constraint(int index, String name, Double powerLimitWatts, Double timeWindowSeconds,
                             Double maxPowerWatts) {
    }

    /** One package's MSR counter: the unit register decoded and the 32-bit status read once. */
    public record MsrPackage(int packageId, int cpu, String unitRegister, Double joulesPerCount, Double wattsPerCount,
                             String energyRegister, Double energyJoules, Double rangeJoules, String problem) {
    }

    static final String WRAP = "each counter counts up to its range, then starts again from 0: across one wrap the "
            + "energy is now - before + range, and a reader sampling less often than range / power loses whole ranges";

    private static final String CLASS = "/sys/class/powercap";

    static PowercapZones read(ProbeContext ctx) {
        List<Zone> zones = new ArrayList<>();
        List<String> names = new ArrayList<>(ctx.sys.list(CLASS, "intel-rapl(-mmio)?:\\d+(:\\d+)*"));
        names.sort(PowercapZones::zoneOrder);
        for (String z : names) {
            zones.add(zone(ctx, z));
        }
        if (!zones.isEmpty()) {
            return new PowercapZones("powercap", null, WRAP, zones, List.of());
        }
        String noZones = "no intel-rapl zones in " + ctx.sys.path(CLASS)
                + " (intel_rapl_msr not loaded, a kernel without AMD RAPL in powercap, or a VM)";
        List<MsrPackage> packages = new ArrayList<>();
        String msrProblem = null;
        try {
            ctx.msr.check(ctx.firstCpu());
            for (int cpu : ctx.packageLeaders()) {
                packages.add(msrPackage(ctx, cpu));
            }
        } catch (ProbeIoException e) {
            msrProblem = e.getMessage();
        }
        if (packages.stream().anyMatch(p -> p.problem() == null)) {
            return new PowercapZones("MSR", null, WRAP, List.of(), packages);
        }
        String why = msrProblem != null ? msrProblem : packages.isEmpty() ? "no package" : packages.get(0).problem();
        return new PowercapZones(null, noZones + "; MSR: " + why, WRAP, List.of(), packages);
    }

    /** A package's zone, then its subzones: "intel-rapl:0", "intel-rapl:0:0", "intel-rapl:1". */
    static int zoneOrder(String a, String b) {
        String[] pa = a.split(":");
        String[] pb = b.split(":");
        int c = pa[0].compareTo(pb[0]);
        for (int i = 1; c == 0 && i < Math.min(pa.length, pb.length); i++) {
            c = Long.compare(Long.parseLong(pa[i]), Long.parseLong(pb[i]));
        }
        return c != 0 ? c : Integer.compare(pa.length, pb.length);
    }

    private static Zone zone(ProbeContext ctx, String z) {
        String d = CLASS + "/" + z + "/";
        StringBuilder problem = new StringBuilder();
        Long uj = readLong(ctx.sys.path(d + "energy_uj"), problem);
        Double range = ctx.sys.readLong(d + "max_energy_range_uj").map(v -> v / 1e6).orElse(null);
        List<Constraint> constraints = new ArrayList<>();
        for (int k = 0; ctx.sys.exists(d + "constraint_" + k + "_name"); k++) {
            String c = d + "constraint_" + k + "_";
            constraints.add(new Constraint(k, ctx.sys.read(c + "name").orElse(null), micro(ctx, c + "power_limit_uw"),
                    micro(ctx, c + "time_window_us"), micro(ctx, c + "max_power_uw")));
        }
        Double longTerm = constraints.stream().filter(c -> "long_term".equals(c.name()) && c.powerLimitWatts() != null
                && c.powerLimitWatts() > 0).map(Constraint::powerLimitWatts).findFirst().orElse(null);
        Double wrap = range == null || longTerm == null ? null : range / longTerm;
        return new Zone(z, ctx.sys.read(d + "name").orElse(null), uj == null ? null : uj / 1e6,
                uj == null ? problem.toString() : null, range,
                ctx.sys.readInt(d + "enabled").map(v -> v != 0).orElse(null), constraints, wrap);
    }

    /** The energy counter, or null with the reason: since Linux 5.10 it is readable by root only. */
    private static Long readLong(Path file, StringBuilder problem) {
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (AccessDeniedException e) {
            problem.append("energy_uj not readable (mode 0400 since Linux 5.10: run as root)");
        } catch (NoSuchFileException e) {
            problem.append("energy_uj missing");
        } catch (IOException | NumberFormatException e) {
            problem.append("energy_uj unreadable: ").append(e.getMessage());
        }
        return null;
    }

    private static Double micro(ProbeContext ctx, String path) {
        return ctx.sys.readLong(path).map(v -> v / 1e6).orElse(null);
    }

    private static MsrPackage msrPackage(ProbeContext ctx, int cpu) {
        boolean amd = ctx.amd();
        long unitReg = amd ? 0xC0010299L : 0x606;
        long energyReg = amd ? 0xC001029BL : 0x611;
        String unitName = amd ? "RAPL_PWR_UNIT 0xC0010299" : "MSR_RAPL_POWER_UNIT 0x606";
        String energyName = amd ? "PKG_ENERGY_STAT 0xC001029B" : "MSR_PKG_ENERGY_STATUS 0x611";
        int pkg = ctx.packageOf(cpu);
        try {
            RaplUnits u = RaplUnits.decode(ctx.msr.read(cpu, unitReg));
            // only bits 31:0 are the counter; it wraps at 2^32 counts
            long raw = ctx.msr.read(cpu, energyReg) & 0xFFFFFFFFL;
            return new MsrPackage(pkg, cpu, unitName, u.joulesPerCount(), u.wattsPerCount(), energyName,
                    raw * u.joulesPerCount(), Math.scalb(u.joulesPerCount(), 32), null);
        } catch (ProbeIoException e) {
            return new MsrPackage(pkg, cpu, unitName, null, null, energyName, null, null, e.getMessage());
        }
    }
}
