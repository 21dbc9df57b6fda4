package org.assay.harness.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.assay.analysis.PrecisionTarget;
import org.assay.harness.execution.PrecisionGoal;
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
     * ladder steps its thread counts are (each count is one step: {@code 8} is "one L3 (8)"), the
     * estimated total in seconds, and with a precision target the target and the most the run may
     * take ({@code maxSeconds}, each invocation's cap summed); both null without one.
     */
    record Plan(String cpus, List<PlannedInvocation> invocations, List<ScalingLadder.Step> ladder,
                double estimatedSeconds,
                @JsonInclude(JsonInclude.Include.NON_NULL) Double precision,
                @JsonInclude(JsonInclude.Include.NON_NULL) Double maxSeconds) {
        static Plan of(List<PlanEntry> plan, MachineFacts facts, PrecisionGoal goal) {
            return new Plan(facts.describeCpus(), plan.stream().map(PlanEntry::toPlanned).toList(), PlanPrinter.ladder(plan),
                    Math.round(RunPlanner.totalSeconds(plan) * 10) / 10.0, goal == null ? null : goal.fraction(),
                    goal == null ? null : Math.round(capTotal(plan, goal) * 10) / 10.0);
        }
    }

    /** The distinct steps of the plan, by worker count. */
    static List<ScalingLadder.Step> ladder(List<PlanEntry> plan) {
        Map<Integer, ScalingLadder.Step> steps = new TreeMap<>();
        plan.forEach(e -> steps.putIfAbsent(e.threads(), e.step()));
        return List.copyOf(steps.values());
    }

    static void print(PrintWriter out, List<PlanEntry> plan, MachineFacts facts, PrecisionGoal goal) {
        out.println("Plan: " + plan.size() + " invocation(s) on CPUs " + facts.describeCpus());
        out.println("Thread steps: " + String.join(", ", ladder(plan).stream().map(ScalingLadder.Step::label).toList()));
        TextTable table = goal == null ? new TextTable("  ").row("invocation", "step", "cpus", "estimate")
                : new TextTable("  ").row("invocation", "step", "cpus", "estimate", "cap");
        for (PlanEntry e : plan) {
            if (goal == null) {
                table.row(e.invocationId(), e.step().label(), CpuList.format(e.cpus()),
                        ProgressReporter.fmt(e.estimatedSeconds()));
            } else {
                table.row(e.invocationId(), e.step().label(), CpuList.format(e.cpus()),
                        ProgressReporter.fmt(e.estimatedSeconds()), ProgressReporter.fmt(goal.capSeconds(e)));
            }
        }
        table.print(out);
        out.println("Estimated total: " + ProgressReporter.fmt(RunPlanner.totalSeconds(plan))
                + " (JMH: " + plan.get(0).settings().forks() + " fork(s), "
                + plan.get(0).settings().warmupIterations() + " warm-up + "
                + plan.get(0).settings().measurementIterations() + " measured iterations each)");
        if (goal != null) {
            out.println("Precision target: " + PrecisionTarget.percent(goal.fraction())
                    + " half-width (99.9%); forks are added until it is reached or an invocation's cap is spent"
                    + " (" + (goal.maxSeconds() == null ? (int) PrecisionGoal.CAP_FACTOR + " x its estimate" : "--max-time")
                    + "); at most " + ProgressReporter.fmt(capTotal(plan, goal)) + " in all");
        }
        out.flush();
    }

    /** The most the run may take with the target: each invocation's cap, or its estimate when larger. */
    static double capTotal(List<PlanEntry> plan, PrecisionGoal goal) {
        return plan.stream().mapToDouble(e -> Math.max(e.estimatedSeconds(), goal.capSeconds(e))).sum();
    }
}
