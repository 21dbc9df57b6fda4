/**
 * What a run will do, decided before anything runs: {@link org.assay.harness.plan.MachineFacts}
 * (the machine read once, before any worker is pinned), {@link org.assay.harness.plan.RunPlanner}
 * (suite or selection x parameter sets x thread counts, with time estimates),
 * {@link org.assay.harness.plan.ParamOverrides} ({@code --param}),
 * {@link org.assay.harness.plan.PlacementPlanner} and {@link org.assay.harness.plan.PlacementPlan}
 * (one CPU per worker for a ladder step: packed or spread, off CPU 0, domain steps in one
 * domain), {@link org.assay.harness.plan.Placement} (how the planner asks for it) and {@link org.assay.harness.plan.PlanEntry}, one planned invocation.
 *
 * <p>Uses the workload descriptors of {@code org.assay.workloads}, the topology, inventory,
 * pre-flight checks and probe set of native-probes, {@code org.assay.results} for the plan's
 * form in {@code run.json}, and {@code UsageException}; never {@code execution}, which uses
 * this package. The rules of placement are in {@code docs/placement.md}.
 */
package org.assay.harness.plan;
