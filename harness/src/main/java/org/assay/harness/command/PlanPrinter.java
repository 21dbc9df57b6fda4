package org.assay.harness.command;

import org.assay.harness.execution.ProgressReporter;
import org.assay.harness.plan.MachineFacts;
import org.assay.harness.plan.PlanEntry;
import org.assay.harness.plan.RunPlanner;
import java.io.PrintStream;
import java.util.List;

/** {@code --dry-run}: the plan, one line per invocation, and its estimated time. */
final class PlanPrinter {
    private PlanPrinter() {
    }

    static void print(PrintStream out, List<PlanEntry> plan, MachineFacts facts) {
        out.println("Plan: " + plan.size() + " invocation(s) on CPUs " + facts.describeCpus());
        out.printf("  %-62s %-10s %s%n", "invocation", "cpus", "estimate");
        for (PlanEntry e : plan) {
            out.printf("  %-62s %-10s %s%n", e.invocationId(), org.assay.probes.topology.CpuList.format(e.cpus()),
                    ProgressReporter.fmt(e.estimatedSeconds()));
        }
        out.println("Estimated total: " + ProgressReporter.fmt(RunPlanner.totalSeconds(plan))
                + " (JMH: " + plan.get(0).settings().forks() + " fork(s), "
                + plan.get(0).settings().warmupIterations() + " warm-up + "
                + plan.get(0).settings().measurementIterations() + " measured iterations each)");
    }
}
