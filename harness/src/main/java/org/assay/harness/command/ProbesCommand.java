package org.assay.harness.command;

import org.assay.harness.Main;
import org.assay.harness.UsageException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assay.probes.Availability;
import org.assay.probes.Probe;
import org.assay.probes.ProbeSet;
import org.assay.probes.Reading;
import org.assay.results.BundleFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code assay probes}: every probe with its availability, the reason and fix when it is
 * unavailable, and its current reading; {@code --watch} re-reads once a second, like turbostat,
 * so rates (W, MHz from APERF/MPERF, utilisation) cover the last second.
 */
@Command(name = "probes", mixinStandardHelpOptions = true,
        description = "Show each hardware probe (MSR, cpuid, RAPL, thermal, frequency, throttle, counters): "
                + "available or why not, and its reading")
public final class ProbesCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print availability and readings as JSON.")
    boolean json;

    @Option(names = "--watch", description = "Refresh the readings once a second until interrupted.")
    boolean watch;

    @Option(names = "--count", paramLabel = "N", hidden = true, defaultValue = "0",
            description = "With --watch: stop after N refreshes (0 = until interrupted).")
    int count;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = "/",
            description = "Read /sys, /proc and /dev/cpu under DIR, e.g. the host's root mounted into a container "
                    + "or a captured tree (default: ${DEFAULT-VALUE}).")
    Path root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException, InterruptedException {
        if (!root.toFile().isDirectory()) {
            throw new UsageException("--root " + root + ": not a directory (expected the root of a Linux file tree, e.g. /)");
        }
        if (count < 0) {
            throw new UsageException("--count " + count + ": must be 0 or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ProbeSet set = ProbeSet.open(root)) {
            return show(out, set);
        }
    }

    /** One reading, or one a second with --watch, of the open set. */
    private Integer show(PrintWriter out, ProbeSet set) throws JsonProcessingException, InterruptedException {
        // Counter probes report rates since their previous read: a first read primes them.
        set.readAll();
        if (!watch) {
            Thread.sleep(200);
            print(out, set);
            return Main.EXIT_OK;
        }
        for (int i = 0; count == 0 || i < count; i++) {
            Thread.sleep(1000);
            if (!json) {
                out.println("--- " + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            }
            print(out, set);
        }
        return Main.EXIT_OK;
    }

    private void print(PrintWriter out, ProbeSet set) throws JsonProcessingException {
        if (json) {
            out.println(BundleFormat.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(set)));
        } else {
            text(out, set);
        }
        out.flush();
    }

    static ArrayNode toJson(ProbeSet set) {
        ArrayNode arr = BundleFormat.mapper().createArrayNode();
        for (Probe p : set.probes()) {
            Availability a = p.availability();
            ObjectNode o = arr.addObject();
            o.put("id", p.id());
            o.put("unit", p.unit());
            o.put("description", p.description());
            o.put("available", a.available());
            o.put("source", a.source());
            o.put("reason", a.reason());
            o.put("fix", a.fix());
            String details = set.details(p);
            if (!details.isEmpty()) {
                o.put("details", details);
            }
            ArrayNode rs = o.putArray("readings");
            if (a.available()) {
                for (Reading r : ProbeSet.safeRead(p)) {
                    ObjectNode ro = rs.addObject();
                    ro.put("name", r.name());
                    ro.put("scope", r.scope());
                    if (Double.isFinite(r.value())) {
                        ro.put("value", r.value());
                    } else {
                        ro.putNull("value");
                    }
                    ro.put("unit", r.unit());
                }
            }
        }
        return arr;
    }

    private static void text(PrintWriter out, ProbeSet set) {
        for (Probe p : set.probes()) {
            Availability a = p.availability();
            out.printf(Locale.ROOT, "%-14s %-11s %s%n", p.id(), a.available() ? "available" : "unavailable",
                    a.available() ? a.source() : a.reason());
            if (!a.available()) {
                out.printf(Locale.ROOT, "%-26s fix: %s%n", "", a.fix());
                continue;
            }
            String details = set.details(p);
            if (!details.isEmpty()) {
                out.printf(Locale.ROOT, "%-26s %s%n", "", details);
            }
            List<Reading> rs = ProbeSet.safeRead(p);
            if (rs.isEmpty()) {
                out.printf(Locale.ROOT, "%-26s (no reading yet)%n", "");
            }
            for (Reading r : rs) {
                out.printf(Locale.ROOT, "%-26s %-22s %-16s %s%n", "", r.name(), r.scope().isEmpty() ? "-" : r.scope(),
                        format(r.value(), r.unit()));
            }
        }
    }

    static String format(double v, String unit) {
        if (Double.isNaN(v)) {
            return "unknown";
        }
        String num = Math.abs(v) >= 1000 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3g", v);
        return unit.isEmpty() ? num : num + " " + unit;
    }
}
