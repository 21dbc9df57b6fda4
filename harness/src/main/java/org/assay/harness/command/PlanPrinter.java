package org.assay.harness.command;

import org.assay.harness.execution.ProgressReporter;
import org.assay.harness.plan.MachineFacts;
import org.assay.harness.plan.PlanEntry;
import org.assay.harness.plan.RunPlanner;
import org.assay.probes.topology.CpuList;
import org.assay.results.PlannedInvocation;
import org.assay.workloads.ScalingLadder;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code --dry-run}: the plan, one line per invocation, and its estimated time. */
final class PlanPrinter {
    private PlanPrinter() {
    }

    /**
     * What {@code --dry-run --json} prints: the CPUs, the plan as {@code run.json} records it, the
     * ladder steps its thread counts are (each count is one step: {@code 8} is "one L3 (8)"), and
     * the estimated total in seconds.
     */
    record Plan(String cpus, List<PlannedInvocation> invocations, List<ScalingLadder.Step> ladder,
                double estimatedSeconds) {
        static Plan of(List<PlanEntry> plan, MachineFacts facts) {
            return new Plan(facts.describeCpus(), plan.stream().map(PlanEntry::toPlanned).toList(), PlanPrinter.ladder(plan),
                    Math.round(RunPlanner.totalSeconds(plan) * 10) / 10.0);
        }
    }

    /** The distinct steps of the plan, by worker count. */
    static List<ScalingLadder.Step> ladder(List<PlanEntry> plan) {
        Map<Integer, ScalingLadder.Step> steps = new TreeMap<>();
        plan.forEach(e -> steps.putIfAbsent(e.threads(), e.step()));
        return List.copyOf(steps.values());
    }

    static void print(PrintWriter out, List<PlanEntry> plan, MachineFacts facts) {
        out.println("Plan: " + plan.size() + " invocation(s) on CPUs " + facts.describeCpus());
        out.println("Thread steps: " + String.join(", ", ladder(plan).stream().map(ScalingLadder.Step::label).toList()));
        TextTable table = new TextTable("  ").row("invocation", "step", "cpus", "estimate");
        for (PlanEntry e : plan) {
            table.row(e.invocationId(), e.step().label(), CpuList.format(e.cpus()), ProgressReporter.fmt(e.estimatedSeconds()));
        }
        table.print(out);
        out.println("Estimated total: " + ProgressReporter.fmt(RunPlanner.totalSeconds(plan))
                + " (JMH: " + plan.get(0).settings().forks() + " fork(s), "
                + plan.get(0).settings().warmupIterations() + " warm-up + "
                + plan.get(0).settings().measurementIterations() + " measured iterations each)");
        out.flush();
    }
}
