package org.assay.probes;

import org.assay.probes.internal.ProbeContext;
import org.assay.probes.internal.ProbeIoException;
import org.assay.probes.internal.SysFiles;
import org.assay.probes.topology.LogicalCpu;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Temperatures in °C from hwmon ({@code coretemp} on Intel, {@code k10temp}/{@code zenpower} on
 * AMD, matched by label because the label order differs between driver versions), the thermal
 * zones, and on Intel the digital readout of the thermal-status MSRs: temperature = TjMax −
 * readout, TjMax from MSR_TEMPERATURE_TARGET (docs/probes.md, thermal). The TCC offset is
 * deliberately not subtracted: it moves the throttle point, not the readout's reference
 * (turbostat b2b94be787bf).
 */
final class ThermalProbe implements Probe {

    static final long IA32_THERM_STATUS = 0x19C;
    static final long IA32_PACKAGE_THERM_STATUS = 0x1B1;
    static final long MSR_TEMPERATURE_TARGET = 0x1A2;

    private record Sensor(String name, String scope, Path file, boolean cpu) {
    }

    private record MsrSensor(String name, String scope, int cpu, long register, int tjMax) {
    }

    private final ProbeContext ctx;
    private final List<Sensor> sensors = new ArrayList<>();
    private final List<MsrSensor> msrSensors = new ArrayList<>();
    private final Availability availability;

    ThermalProbe(ProbeContext ctx) {
        this.ctx = ctx;
        List<String> sources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (openHwmon()) {
            sources.add("hwmon");
        } else {
            problems.add("no coretemp/k10temp/zenpower device in " + ctx.root.resolve("sys/class/hwmon"));
        }
        if (openZones()) {
            sources.add("thermal zones");
        } else {
            problems.add("no thermal_zone* in " + ctx.root.resolve("sys/class/thermal"));
        }
        String msr = openMsr();
        if (msr == null) {
            sources.add("MSR 0x19C/0x1B1 with TjMax from 0x1A2");
        } else {
            problems.add("MSR: " + msr);
        }
        availability = sources.isEmpty()
                ? Availability.unavailable(String.join("; ", problems),
                        "modprobe coretemp (Intel) or k10temp (AMD); on Intel also modprobe msr and run as root "
                                + "or with CAP_SYS_RAWIO; a VM does not see the host's sensors")
                : Availability.available(String.join(", ", sources));
    }

    @Override
    public String id() {
        return "thermal";
    }

    @Override
    public String unit() {
        return "°C";
    }

    @Override
    public String description() {
        return "CPU package, core and CCD temperatures, and thermal zones";
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public List<Reading> read() {
        List<Reading> out = new ArrayList<>();
        for (Sensor s : sensors) {
            double v = SysFiles.read(s.file()).flatMap(SysFiles::parseLong).map(m -> m / 1000.0).orElse(Double.NaN);
            out.add(new Reading(s.name(), s.scope(), v, "°C"));
        }
        for (MsrSensor s : msrSensors) {
            out.add(new Reading(s.name(), s.scope(), readMsr(s), "°C"));
        }
        return out;
    }

    /** The hottest CPU sensor now (zones that are not the CPU count only when nothing else exists); NaN if none. */
    double maxCelsius() {
        double max = Double.NaN;
        for (Reading r : read()) {
            if (!Double.isNaN(r.value()) && (Double.isNaN(max) || r.value() > max)) {
                max = r.value();
            }
        }
        return max;
    }

    private double readMsr(MsrSensor s) {
        try {
            return decodeDigitalReadout(ctx.msr.read(s.cpu(), s.register()), s.tjMax(), s.register() == IA32_THERM_STATUS);
        } catch (ProbeIoException e) {
            return Double.NaN;
        }
    }

    /** TjMax − readout (bits 22:16); NaN when the core register's valid bit (31) is clear. */
    static double decodeDigitalReadout(long status, int tjMax, boolean requireValid) {
        if (requireValid && ((status >>> 31) & 1) == 0) {
            return Double.NaN;
        }
        return tjMax - ((status >>> 16) & 0x7F);
    }

    static int decodeTjMax(long temperatureTarget) {
        return (int) ((temperatureTarget >>> 16) & 0xFF);
    }

    private boolean openHwmon() {
        int amdIndex = 0;
        for (String h : ctx.sys.list("/sys/class/hwmon", "hwmon\\d+")) {
            Path dir = ctx.sys.path("/sys/class/hwmon/" + h);
            Optional<String> name = SysFiles.read(dir.resolve("name"));
            if (name.isEmpty()) {
                dir = dir.resolve("device");         // old kernels: attributes one level down
                name = SysFiles.read(dir.resolve("name"));
            }
            if (name.isEmpty()) {
                continue;
            }
            String driver = name.get();
            boolean amd = driver.equals("k10temp") || driver.equals("zenpower");
            if (!amd && !driver.equals("coretemp")) {
                continue;
            }
            int pkg = amd ? amdIndex++ : -1;
            for (int k = 1; k <= 128; k++) {
                Path input = dir.resolve("temp" + k + "_input");
                if (!input.toFile().exists()) {
                    continue;       // coretemp indices are core_id + 2: not contiguous
                }
                String label = SysFiles.read(dir.resolve("temp" + k + "_label")).orElse("temp" + k);
                sensors.add(hwmonSensor(label, pkg, input));
            }
        }
        return !sensors.isEmpty();
    }

    /** Series and scope from a label: "Package id 1", "Core 4", "Tctl", "Tdie", "Tccd3". */
    static Sensor hwmonSensor(String label, int amdPackage, Path input) {
        String l = label.strip();
        if (l.startsWith("Package id ")) {
            return new Sensor("temp.package", "package" + l.substring("Package id ".length()).strip(), input, true);
        }
        if (l.startsWith("Core ")) {
            return new Sensor("temp.core", "core" + l.substring(5).strip(), input, true);
        }
        String pkg = "package" + Math.max(amdPackage, 0);
        if (l.equals("Tctl")) {
            return new Sensor("temp.tctl", pkg, input, true);
        }
        if (l.equals("Tdie")) {
            return new Sensor("temp.tdie", pkg, input, true);
        }
        if (l.startsWith("Tccd")) {
            return new Sensor("temp.ccd", pkg + ".ccd" + l.substring(4), input, true);
        }
        return new Sensor("temp." + l.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"), pkg, input, true);
    }

    private boolean openZones() {
        boolean any = false;
        for (String z : ctx.sys.list("/sys/class/thermal", "thermal_zone\\d+")) {
            Path dir = ctx.sys.path("/sys/class/thermal/" + z);
            String type = SysFiles.read(dir.resolve("type")).orElse(z);
            if (dir.resolve("temp").toFile().exists()) {
                sensors.add(new Sensor("temp.zone", type, dir.resolve("temp"), type.equals("x86_pkg_temp")));
                any = true;
            }
        }
        return any;
    }

    private String openMsr() {
        if (ctx.facts != null && !ctx.facts.intel()) {
            return "the digital readout MSRs are Intel-only (" + ctx.facts.vendor() + ")";
        }
        if (ctx.facts != null && !ctx.facts.digitalThermalSensor()) {
            return "no digital thermal sensor (CPUID.06H:EAX[0] clear)";
        }
        int lead = ctx.firstCpu();
        try {
            ctx.msr.check(lead);
        } catch (ProbeIoException e) {
            return e.getMessage();
        }
        for (int pkgCpu : ctx.packageLeaders()) {
            int tjMax;
            try {
                tjMax = decodeTjMax(ctx.msr.read(pkgCpu, MSR_TEMPERATURE_TARGET));
            } catch (ProbeIoException e) {
                tjMax = 100;        // turbostat's assumption when 0x1A2 is unreadable
            }
            String pkg = "package" + Math.max(ctx.packageOf(pkgCpu), 0);
            if (ctx.facts == null || ctx.facts.packageThermal()) {
                addMsr(new MsrSensor("temp.package.msr", pkg, pkgCpu, IA32_PACKAGE_THERM_STATUS, tjMax));
            }
            for (int c : ctx.coreLeaders()) {
                if (ctx.packageOf(c) == ctx.packageOf(pkgCpu)) {
                    int coreId = ctx.topology.cpu(c).map(LogicalCpu::coreId).orElse(c);
                    addMsr(new MsrSensor("temp.core.msr", "core" + coreId, c, IA32_THERM_STATUS, tjMax));
                }
            }
        }
        return msrSensors.isEmpty() ? "thermal status MSRs 0x19C/0x1B1 not implemented (EIO)" : null;
    }

    private void addMsr(MsrSensor s) {
        try {
            ctx.msr.read(s.cpu(), s.register());
            msrSensors.add(s);
        } catch (ProbeIoException e) {
            // EIO: not on this part; the availability says so if nothing else answers
        }
    }
}
