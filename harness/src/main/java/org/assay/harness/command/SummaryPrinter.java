package org.assay.harness.command;

import org.assay.harness.derived.IterationFlags;
import org.assay.analysis.RunSummary;
import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
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
        for (InvocationResult r : results) {
            SecondaryMetric affected = r.secondary() == null ? null : r.secondary().get(IterationFlags.AFFECTED);
            if (affected != null && affected.score() != null && affected.score() > 0) {
                out.printf(Locale.ROOT, "note: %s %s: %.0f of %d iteration(s) throttled or ran well below the "
                                + "others' clock (listed in results.jsonl settings.probeAffectedIterations)%n",
                        r.metric(), r.params(), affected.score(), r.samples().size());
            }
            // a detected cache level that disagrees with the OS: the kind of thing a user runs Assay to learn
            Object finding = r.settings() == null ? null : r.settings().get("finding");
            if (finding != null) {
                out.println("finding: " + r.metric() + " " + r.params().get("level") + ": " + finding);
            }
        }
        out.flush();
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
