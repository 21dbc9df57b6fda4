package org.assay.harness.command;

import org.assay.harness.Main;
import org.assay.harness.UsageException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.assay.probes.Availability;
import org.assay.probes.Probe;
import org.assay.probes.ProbeSet;
import org.assay.probes.Reading;
import org.assay.probes.snapshot.MachineSensors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code assay probes}: every probe with its availability, the reason and fix when it is
 * unavailable, and its current reading; then the machine's static and since-boot figures (clock
 * limits, throttle counts, RAPL zones, every temperature sensor: {@link MachineSensors}), each
 * with its source. {@code --watch} re-reads once a second, like turbostat, so rates (W, MHz from
 * APERF/MPERF, utilisation) cover the last second.
 */
@Command(name = "probes", mixinStandardHelpOptions = true,
        description = "Show each hardware probe (MSR, cpuid, RAPL, thermal, frequency, throttle, counters): "
                + "available or why not, and its reading; then the machine's clock limits, throttle counts since "
                + "boot, RAPL zones and temperatures, each with its source")
public final class ProbesCommand implements Callable<Integer> {

    @Mixin
    OutputOptions output;

    @Mixin
    RootOption root;

    @Option(names = "--watch", description = "Refresh the readings once a second until interrupted.")
    boolean watch;

    @Option(names = "--count", paramLabel = "N", hidden = true, defaultValue = "0",
            description = "With --watch: stop after N refreshes (0 = until interrupted).")
    int count;

    /** One probe as {@code --json} prints it; {@code details} is left out when the probe has none. */
    record ProbeView(String id, String unit, String description, boolean available, String source, String reason,
                     String fix, @JsonInclude(JsonInclude.Include.NON_EMPTY) String details,
                     List<ReadingView> readings) {
        static ProbeView of(ProbeSet set, Probe p) {
            Availability a = p.availability();
            List<ReadingView> readings = !a.available() ? List.of()
                    : ProbeSet.safeRead(p).stream().map(ReadingView::of).toList();
            return new ProbeView(p.id(), p.unit(), p.description(), a.available(), a.source(), a.reason(), a.fix(),
                    set.details(p), readings);
        }
    }

    /** What {@code --json} prints: the probes, and the machine's figures read under the same root. */
    record ProbesView(List<ProbeView> probes, MachineSensors machine) {
    }

    /** A reading; a value that is not finite is written as null by the shared mapper. */
    record ReadingView(String name, String scope, double value, String unit) {
        static ReadingView of(Reading r) {
            return new ReadingView(r.name(), r.scope(), r.value(), r.unit());
        }
    }

    @Override
    public Integer call() throws JsonProcessingException, InterruptedException {
        Path dir = root.directory();
        if (count < 0) {
            throw new UsageException("--count " + count + ": must be 0 or more");
        }
        PrintWriter out = output.out();
        try (ProbeSet set = ProbeSet.open(dir)) {
            return show(out, set, dir);
        }
    }

    /** One reading, or one a second with --watch, of the open set. */
    private Integer show(PrintWriter out, ProbeSet set, Path dir) throws JsonProcessingException, InterruptedException {
        // Counter probes report rates since their previous read: a first read primes them.
        set.readAll();
        if (!watch) {
            Thread.sleep(200);
            print(out, set, dir);
            return Main.EXIT_OK;
        }
        for (int i = 0; count == 0 || i < count; i++) {
            Thread.sleep(1000);
            if (!output.json()) {
                out.println("--- " + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            }
            print(out, set, dir);
        }
        return Main.EXIT_OK;
    }

    private void print(PrintWriter out, ProbeSet set, Path dir) throws JsonProcessingException {
        MachineSensors machine = MachineSensors.read(dir);
        if (output.json()) {
            output.printJson(new ProbesView(set.probes().stream().map(p -> ProbeView.of(set, p)).toList(), machine));
        } else {
            text(out, set);
            MachineSensorsPrinter.print(out, machine);
        }
        out.flush();
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
            TextTable readings = new TextTable(" ".repeat(27));
            for (List<Reading> same : byName(rs)) {
                if (same.size() > PER_CPU_LINES) {
                    // one line for a reading taken on every CPU; --json has each CPU's
                    boolean perCpu = same.stream().allMatch(r -> r.scope().matches("cpu\\d+"));
                    readings.row(same.get(0).name(), same.size() + (perCpu ? " CPUs" : " scopes"), span(same));
                    continue;
                }
                for (Reading r : same) {
                    readings.row(r.name(), r.scope().isEmpty() ? "-" : r.scope(), format(r.value(), r.unit()));
                }
            }
            readings.print(out);
        }
    }

    /** More readings of one name than this (one per CPU on a large machine) print as one line. */
    static final int PER_CPU_LINES = 8;

    /** Consecutive readings of the same name, in their order. */
    static List<List<Reading>> byName(List<Reading> rs) {
        List<List<Reading>> out = new java.util.ArrayList<>();
        for (Reading r : rs) {
            if (out.isEmpty() || !out.get(out.size() - 1).get(0).name().equals(r.name())) {
                out.add(new java.util.ArrayList<>());
            }
            out.get(out.size() - 1).add(r);
        }
        return out;
    }

    /** "3100 MHz" when every value is equal, else "2400-3100 MHz, mean 2650 MHz"; unknown values are left out. */
    static String span(List<Reading> same) {
        String unit = same.get(0).unit();
        java.util.DoubleSummaryStatistics st = same.stream().mapToDouble(Reading::value).filter(Double::isFinite)
                .summaryStatistics();
        long unknown = same.size() - st.getCount();
        String tail = unknown == 0 ? "" : " (" + unknown + " unknown)";
        if (st.getCount() == 0) {
            return "unknown";
        }
        if (st.getMin() == st.getMax()) {
            return format(st.getMin(), unit) + tail;
        }
        return format(st.getMin(), "") + "-" + format(st.getMax(), unit) + ", mean " + format(st.getAverage(), unit) + tail;
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
