package org.assay.harness.command;

import org.assay.harness.derived.IterationFlags;
import org.assay.analysis.RunSummary;
import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;

import java.io.PrintStream;
import java.util.List;

/** The summary table at the end of {@code assay run}. */
public final class SummaryPrinter {
    private SummaryPrinter() {
    }

    public static void print(PrintStream out, List<InvocationResult> results) {
        out.println();
        out.print(RunSummary.render(RunSummary.of(results)));
        out.println("(score = JMH mean over measured iterations; ±99.9% = half-width of its confidence interval;"
                + " eff. = aggregate / (threads x 1-thread score))");
        for (InvocationResult r : results) {
            SecondaryMetric affected = r.secondary() == null ? null : r.secondary().get(IterationFlags.AFFECTED);
            if (affected != null && affected.score() != null && affected.score() > 0) {
                out.printf(java.util.Locale.ROOT, "note: %s %s: %.0f of %d iteration(s) throttled or ran well below the "
                                + "others' clock (listed in results.jsonl settings.probeAffectedIterations)%n",
                        r.metric(), r.params(), affected.score(), r.samples().size());
            }
            // a detected cache level that disagrees with the OS: the kind of thing a user runs Assay to learn
            Object finding = r.settings() == null ? null : r.settings().get("finding");
            if (finding != null) {
                out.println("finding: " + r.metric() + " " + r.params().get("level") + ": " + finding);
            }
        }
    }
}
