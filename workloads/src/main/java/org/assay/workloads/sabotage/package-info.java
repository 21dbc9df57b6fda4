/**
 * Workloads that fail on purpose, to prove the harness records failures instead of numbers:
 * {@link org.assay.workloads.sabotage.SabotageWorkload} (a failed verification, a crashing fork,
 * a harness fault) and its benchmark {@link org.assay.workloads.sabotage.SabotageBench}.
 *
 * <p>They are never part of a suite: {@link org.assay.workloads.Workloads} offers them to
 * {@code --only} only when {@code -Dassay.testWorkloads=true} is set. The package uses the root
 * package's types and JMH, nothing else.
 */
package org.assay.workloads.sabotage;
