package org.assay.profiles;

import java.util.List;

/**
 * An {@code assay burn-in --plan} file, checked: phases run one after another, each loading the
 * components it names for its duration and judged by its criteria over the plan's thresholds.
 *
 * @param source          the file, for messages
 * @param intervalSeconds seconds per throughput interval; null for the command's default
 * @param thresholds      the plan's thresholds, under every phase's own criteria
 */
public record BurnInPlan(String source, String description, Double intervalSeconds, BurnInThresholds thresholds,
                         List<Phase> phases) {

    public BurnInPlan {
        phases = List.copyOf(phases);
    }

    /**
     * One phase. A component that is null is idle in this phase.
     *
     * @param line the phase's line in the file, for messages
     */
    public record Phase(String name, int line, double seconds, Cpu cpu, Memory memory, Storage storage,
                        Network network, BurnInThresholds criteria) {
    }

    /** @param threads null: one per usable CPU */
    public record Cpu(Integer threads) {
    }

    /** @param size null: the command's default share of available memory */
    public record Memory(Quantities.Size size, Integer threads) {
    }

    public record Storage(String dir, Quantities.Size size, Integer queueDepth) {
    }

    public record Network(Integer connections) {
    }

    public double totalSeconds() {
        return phases.stream().mapToDouble(Phase::seconds).sum();
    }
}
