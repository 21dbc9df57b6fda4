package org.assay.harness.command;

import org.assay.harness.derived.IterationFlags;
import org.assay.analysis.RunSummary;
import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
import org.assay.results.WorkerPlacement;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The summary table at the end of {@code assay run}. */
public final class SummaryPrinter {
    private SummaryPrinter() {
    }

    public static void print(PrintWriter out, List<InvocationResult> results) {
        out.println();
        table(RunSummary.of(results)).print(out);
        out.println("(score = mean of the forks' means over measured iterations; ±99.9% = half-width of its"
                + " confidence interval across forks, * = within one fork: the spread between JVMs was not measured;"
                + " eff. = aggregate / (threads x 1-thread score))");
        PrecisionNotes.print(out, results);
        java.util.Set<String> named = new java.util.LinkedHashSet<>();
        for (InvocationResult r : results) {
            SecondaryMetric affected = r.secondary() == null ? null : r.secondary().get(IterationFlags.AFFECTED);
            if (affected != null && affected.score() != null && affected.score() > 0) {
                out.printf(Locale.ROOT, "note: %s %s: %.0f of %d iteration(s) throttled or ran well below the "
                                + "others' clock (listed in results.jsonl settings.probeAffectedIterations)%n",
                        r.metric(), r.params(), affected.score(), r.samples().size());
            }
            misplaced(r, named, out);
            // a detected cache level that disagrees with the OS: the kind of thing a user runs Assay to learn
            Object finding = r.settings() == null ? null : r.settings().get("finding");
            if (finding != null) {
                out.println("finding: " + r.metric() + " " + r.params().get("level") + ": " + finding);
            }
        }
        out.flush();
    }

    /**
     * Names every worker that ran somewhere other than planned: its number would describe another
     * placement than the one in the plan. The points of a sweep share their fork's workers, so a
     * sweep is named once.
     */
    private static void misplaced(InvocationResult r, java.util.Set<String> named, PrintWriter out) {
        if (r.placement() == null) {
            return;
        }
        Object sweep = r.settings() == null ? null : r.settings().get("sweep");
        String invocation = sweep != null ? sweep + " (all " + r.settings().get("sweepPoints") + " points)"
                : r.invocationId();
        for (WorkerPlacement w : r.placement()) {
            if (w.misplaced() && named.add(invocation + "#" + w.worker())) {
                out.printf(Locale.ROOT, "misplaced: %s worker %d planned on CPU %s%s, seen on %s: %s%n", invocation,
                        w.worker(), w.plannedCpu(), w.numaNode() == null ? "" : " (node " + w.numaNode() + ")",
                        seen(w), w.problem());
            }
        }
    }

    /** Where the worker measured; its set-up and tear-down readings only when it reported no iteration. */
    private static String seen(WorkerPlacement w) {
        java.util.Set<Integer> cpus = new java.util.LinkedHashSet<>(w.measuredCpus());
        if (!cpus.isEmpty()) {
            return "CPU " + org.assay.probes.topology.CpuList.format(cpus);
        }
        if (w.setupCpu() != null) {
            cpus.add(w.setupCpu());
        }
        if (w.teardownCpu() != null) {
            cpus.add(w.teardownCpu());
        }
        return cpus.isEmpty() ? "no CPU" : "CPU " + org.assay.probes.topology.CpuList.format(cpus);
    }

    /** The summary as aligned text, numbers to 4 significant digits and right-aligned. */
    static TextTable table(Table summary) {
        TextTable t = new TextTable("").alignRight(2, 3, 4, 6, 7);
        t.row("metric", "params", "threads", "score", "±99.9%", "unit", "per thread", "eff.", "cpus", "status");
        for (Row row : summary) {
            double efficiency = row.getDouble("efficiency");
            t.row(row.getString("metric"), row.getString("params"), row.getInt("threads"),
                    num(row.getDouble("score")), num(row.getDouble("error")) + withinForkMark(row), row.getString("unit"),
                    num(row.getDouble("perThread")),
                    Double.isNaN(efficiency) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * efficiency),
                    row.getString("cpus"), row.getString("status"));
        }
        return t;
    }

    /** "*" after an interval computed within one fork; nothing for one across forks or none. */
    private static String withinForkMark(Row row) {
        return row.columnNames().contains("intervalMethod") && "within-fork".equals(row.getString("intervalMethod"))
                && !Double.isNaN(row.getDouble("error")) ? "*" : "";
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }
}
