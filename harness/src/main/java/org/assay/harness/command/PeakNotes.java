package org.assay.harness.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.harness.derived.FlopsPerCycle;
import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * After the summary: the measured {@code cpu.peak} at its widest width as a share of the FP64
 * peak the inventory derived from the vector ISA and the clock ({@code inventory.peak}), per
 * core, with the FLOP per cycle the workers' clock gives. The derived peak assumes two FMA pipes
 * at full width and the best clock the machine names; a share well under 100% at one thread says
 * the part has fewer or narrower pipes, or ran below that clock.
 */
final class PeakNotes {

    static final String METRIC = "cpu.peak";

    private PeakNotes() {
    }

    static void print(PrintWriter out, List<InvocationResult> results, JsonNode inventory) {
        List<InvocationResult> peaks = results.stream()
                .filter(r -> METRIC.equals(r.metric()) && r.status() == Status.ok && r.score() != null && r.threads() > 0)
                .toList();
        int widest = peaks.stream().mapToInt(PeakNotes::bits).max().orElse(0);
        JsonNode peak = inventory == null ? null : inventory.path("peak");
        double mhz = number(peak, "clockMHz");
        double flop = number(peak, "flopPerCyclePerCore");
        double derivedPerCore = mhz * flop / 1000.0;
        for (InvocationResult r : peaks) {
            if (bits(r) != widest) {
                continue;
            }
            double perWorker = r.score() / r.threads();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "peak: %s width=%s, %d thread(s): %.4g GFLOP/s per worker",
                    METRIC, r.params().get("width"), r.threads(), perWorker));
            if (derivedPerCore > 0) {
                line.append(String.format(Locale.ROOT, ", %.0f%% of the derived FP64 peak of %.4g GFLOP/s per core (%.0f FLOP/cycle x %.0f MHz, %s)",
                        100 * perWorker / derivedPerCore, derivedPerCore, flop, mhz, peak.path("clockSource").asText("clock source unknown")));
            }
            SecondaryMetric measured = r.secondary() == null ? null : r.secondary().get(FlopsPerCycle.MEASURED);
            SecondaryMetric estimated = r.secondary() == null ? null : r.secondary().get(FlopsPerCycle.ESTIMATED);
            if (measured != null && measured.score() != null) {
                line.append(String.format(Locale.ROOT, "; %.3g FLOP/cycle at the workers' measured clock", measured.score()));
            } else if (estimated != null && estimated.score() != null) {
                line.append(String.format(Locale.ROOT, "; %.3g FLOP/cycle at the workers' estimated clock", estimated.score()));
            }
            out.println(line);
        }
        out.flush();
    }

    /** The width in bits, scalar 64; 0 for a width this note does not know. */
    private static int bits(InvocationResult r) {
        Object w = r.params() == null ? null : r.params().get("width");
        if ("scalar".equals(w)) {
            return 64;
        }
        try {
            return w == null ? 0 : Integer.parseInt(String.valueOf(w));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double number(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
    }
}
