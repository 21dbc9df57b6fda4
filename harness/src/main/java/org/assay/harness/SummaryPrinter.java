package org.assay.harness;

import org.assay.analysis.RunSummary;
import org.assay.results.InvocationResult;

import java.io.PrintStream;
import java.util.List;

/** The summary table at the end of {@code assay run}. */
final class SummaryPrinter {
    private SummaryPrinter() {
    }

    static void print(PrintStream out, List<InvocationResult> results) {
        out.println();
        out.print(RunSummary.render(RunSummary.of(results)));
        out.println("(score = JMH mean over measured iterations; ±99.9% = half-width of its confidence interval;"
                + " eff. = aggregate / (threads x 1-thread score))");
    }
}
