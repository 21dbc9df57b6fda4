package org.assay.harness.burnin;

import org.assay.analysis.judging.Verdict;

/**
 * One check of a burn-in's verdict: errors of a component, its throughput trend, its steadiness,
 * the hottest sensor, throttle events, memory error counters.
 *
 * @param name      {@code cpu.errors}, {@code memory.trend}, {@code machine.temperature}, ...
 * @param category  cpu, memory, storage, network or machine
 * @param phase     the plan phase it judges
 * @param rule      the threshold as written ("max 0", "drop at most 10%")
 * @param value     what was measured; null when nothing could be
 * @param threshold the limit that decided; null when none applies
 * @param bound     "max" or "min": which side {@code threshold} is
 */
public record BurnInCheck(String name, String category, String phase, Verdict verdict, String rule, Double value,
                          String unit, Double threshold, String bound, String message) {
}
