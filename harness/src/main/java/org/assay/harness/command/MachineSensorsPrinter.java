package org.assay.harness.command;

import org.assay.probes.snapshot.ClockLimits;
import org.assay.probes.snapshot.HwmonSensors;
import org.assay.probes.snapshot.MachineSensors;
import org.assay.probes.snapshot.PowercapZones;
import org.assay.probes.snapshot.ThrottleCounts;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The machine section of {@code assay probes}: clock limits, throttle counts since boot, RAPL zones
 * and temperatures, each line naming its source, summarised so that a 384-CPU server takes a few
 * lines (the per-CPU detail is in {@code --json}).
 */
final class MachineSensorsPrinter {

    private static final String INDENT = " ".repeat(11);

    private MachineSensorsPrinter() {
    }

    static void print(PrintWriter out, MachineSensors m) {
        out.println();
        out.println("machine    " + (m.liveMachine() ? "this machine (/)"
                : m.root() + " (--root: every figure below is from this tree's files, none from the running machine)"));
        clocks(out, m.clocks());
        throttle(out, m.throttle());
        rapl(out, m.rapl());
        temperatures(out, m.temperatures());
    }

    private static void clocks(PrintWriter out, ClockLimits c) {
        if (c.reason() != null) {
            out.println("clock      unknown: " + c.reason());
            return;
        }
        boolean one = c.groups().size() == 1;
        String head = "clock      ";
        for (ClockLimits.Group g : c.groups()) {
            List<String> parts = new ArrayList<>();
            parts.add(figure("base", g.baseMHz(), g.baseSource()));
            parts.add(figure("max", g.maxMHz(), g.maxSource()));
            parts.add(figure("min", g.minMHz(), g.minSource()));
            String cpus = g.count() + (g.count() == 1 ? " CPU" : " CPUs") + (one ? "" : " (" + g.cpus() + ")");
            String tail = g.driver() == null ? "" : "; " + g.driver() + ", governor " + Objects.requireNonNullElse(g.governor(), "?");
            if (!g.turboMHz().isEmpty()) {
                tail += "; turbo ratio limits " + String.join("/", g.turboMHz().stream().map(MachineSensorsPrinter::mhz).toList())
                        + " MHz (MSR 0x1AD)";
            }
            out.println(head + cpus + ": " + String.join(", ", parts) + tail);
            head = INDENT;
        }
    }

    private static String figure(String what, Double mhz, String source) {
        return mhz == null ? what + " unknown" : what + " " + mhz(mhz) + " MHz (" + source + ")";
    }

    private static void throttle(PrintWriter out, ThrottleCounts t) {
        if (!t.available()) {
            out.println("throttle   unavailable: " + t.reason());
            return;
        }
        ThrottleCounts.Summary s = t.summary();
        String cores = s.coreEvents() == 0 ? "no core throttling"
                : s.coreEvents() + " core event(s) on " + s.throttledCores() + " core(s) (CPUs " + s.throttledCpus()
                        + "; most " + s.maxCount() + " on CPU " + s.maxCpu() + ")";
        List<String> pkgs = new ArrayList<>();
        for (ThrottleCounts.PackageCount p : t.packages()) {
            pkgs.add((p.count() == null ? "?" : p.count()) + " (package " + p.packageId() + ")");
        }
        out.println("throttle   since boot (thermal_throttle): " + cores
                + (pkgs.isEmpty() ? "" : "; package events " + String.join(", ", pkgs))
                + (s.longestMs() == null || s.longestMs() == 0 ? "" : "; longest " + s.longestMs() + " ms"));
    }

    private static void rapl(PrintWriter out, PowercapZones r) {
        if (r.source() == null) {
            out.println("rapl       unavailable: " + r.reason());
            return;
        }
        String head = "rapl       ";
        if (r.source().equals("powercap")) {
            for (PowercapZones.Zone z : r.zones()) {
                String energy = z.energyJoules() != null ? num(z.energyJoules()) + " J" : z.energyProblem();
                String range = z.rangeJoules() == null ? "range unknown" : "range " + num(z.rangeJoules()) + " J"
                        + (z.wrapSeconds() == null ? "" : ", wraps every " + duration(z.wrapSeconds()) + " at the long_term limit");
                List<String> limits = new ArrayList<>();
                for (PowercapZones.Constraint c : z.constraints()) {
                    if (c.powerLimitWatts() != null && c.powerLimitWatts() > 0) {
                        limits.add(c.name() + " " + num(c.powerLimitWatts()) + " W"
                                + (c.timeWindowSeconds() == null ? "" : " over " + duration(c.timeWindowSeconds())));
                    }
                }
                out.println(head + z.name() + " (powercap " + z.zone() + "): " + energy + ", " + range
                        + (limits.isEmpty() ? "; no power limit set" : "; limits " + String.join(", ", limits)));
                head = INDENT;
            }
        } else {
            for (PowercapZones.MsrPackage p : r.msr()) {
                out.println(head + "package " + p.packageId() + " (" + p.energyRegister() + " on CPU " + p.cpu() + "): "
                        + (p.problem() != null ? p.problem() : num(p.energyJoules()) + " J, unit "
                        + num(p.joulesPerCount() * 1e6) + " µJ (" + p.unitRegister() + "), range " + num(p.rangeJoules()) + " J"));
                head = INDENT;
            }
        }
        out.println(INDENT + "wrap: " + r.wrap());
    }

    private static void temperatures(PrintWriter out, HwmonSensors h) {
        if (h.reason() != null) {
            out.println("temps      unavailable: " + h.reason());
            return;
        }
        String head = "temps      ";
        // drivers with one sensor per device (DIMMs) are one line for all their devices
        Map<String, List<HwmonSensors.Device>> single = new LinkedHashMap<>();
        for (HwmonSensors.Device d : h.devices()) {
            if (d.sensors().size() == 1 && d.sensors().get(0).label() == null) {
                single.computeIfAbsent(d.driver(), k -> new ArrayList<>()).add(d);
            }
        }
        for (HwmonSensors.Device d : h.devices()) {
            List<HwmonSensors.Device> same = single.get(d.driver());
            if (same != null && same.contains(d)) {
                if (same.get(0) == d) {
                    List<String> where = same.stream().map(x -> x.hwmon() + (x.device() == null ? "" : "=" + x.device()))
                            .toList();
                    String list = where.size() <= 4 ? String.join(" ", where)
                            : where.get(0) + " ... " + where.get(where.size() - 1);
                    out.println(head + d.driver() + " x" + same.size() + " (" + d.kind() + ", " + list + "): "
                            + span(same.stream().map(x -> x.sensors().get(0)).toList()));
                    head = INDENT;
                }
                continue;
            }
            String where = d.hwmon() + (d.device() == null ? "" : " " + d.device())
                    + (d.model() == null ? "" : " " + d.model().strip());
            out.println(head + d.driver() + " (" + d.kind() + ", " + where + "): " + sensors(d.sensors()));
            head = INDENT;
        }
        for (HwmonSensors.ThermalZone z : h.thermalZones()) {
            out.println(head + "thermal " + z.zone() + " " + z.type() + ": " + celsius(z.celsius()));
            head = INDENT;
        }
    }

    /** Labels that differ only by a number ("Core 0".."Core 19", "Tccd1".."Tccd12") become one range. */
    private static String sensors(List<HwmonSensors.Sensor> ss) {
        Map<String, List<HwmonSensors.Sensor>> byStem = new LinkedHashMap<>();
        for (HwmonSensors.Sensor s : ss) {
            String label = s.label() == null ? s.attribute() : s.label();
            byStem.computeIfAbsent(label.replaceAll("\\d+$", ""), k -> new ArrayList<>()).add(s);
        }
        List<String> parts = new ArrayList<>();
        byStem.forEach((stem, group) -> {
            if (group.size() >= 3) {
                parts.add(stem.strip() + " x" + group.size() + " " + span(group));
            } else {
                for (HwmonSensors.Sensor s : group) {
                    parts.add((s.label() == null ? s.attribute() : s.label()) + " " + span(List.of(s)));
                }
            }
        });
        return String.join("; ", parts);
    }

    /** "51.0 °C (max 90, crit 100)", or the range "46.0-50.0 °C" of several. */
    private static String span(List<HwmonSensors.Sensor> ss) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (HwmonSensors.Sensor s : ss) {
            if (s.celsius() != null) {
                lo = Math.min(lo, s.celsius());
                hi = Math.max(hi, s.celsius());
            }
        }
        String value = lo > hi ? "unreadable" : lo == hi ? c1(lo) + " °C" : c1(lo) + "-" + c1(hi) + " °C";
        String max = common(ss, HwmonSensors.Sensor::maxCelsius);
        String crit = common(ss, HwmonSensors.Sensor::critCelsius);
        List<String> limits = new ArrayList<>();
        if (max != null) {
            limits.add("max " + max);
        }
        if (crit != null) {
            limits.add("crit " + crit);
        }
        return value + (limits.isEmpty() ? "" : " (" + String.join(", ", limits) + ")");
    }

    /** The limit every sensor shares, or null when they differ or have none. */
    private static String common(List<HwmonSensors.Sensor> ss, Function<HwmonSensors.Sensor, Double> f) {
        Double v = f.apply(ss.get(0));
        for (HwmonSensors.Sensor s : ss) {
            if (!Objects.equals(v, f.apply(s))) {
                return null;
            }
        }
        return v == null ? null : num(v);
    }

    private static String celsius(Double c) {
        return c == null ? "unreadable" : c1(c) + " °C";
    }

    private static String c1(double c) {
        return String.format(Locale.ROOT, "%.1f", c);
    }

    private static String mhz(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String num(double v) {
        return v == Math.rint(v) || Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String duration(double s) {
        if (s < 1) {
            return num(s * 1000) + " ms";
        }
        if (s < 120) {
            return num(s) + " s";
        }
        return s < 7200 ? num(s / 60) + " min" : num(s / 3600) + " h";
    }
}
