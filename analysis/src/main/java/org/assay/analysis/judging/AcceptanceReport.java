package org.assay.analysis.judging;

import java.util.List;
import java.util.stream.Stream;

/**
 * A run judged against a profile: every rule's verdict and every inventory check. The exit
 * status {@code assay accept} gives follows from it: {@link #EXIT_PASS} when nothing failed or
 * was undecided, {@link #EXIT_FAIL} when anything failed, {@link #EXIT_INCONCLUSIVE} when nothing
 * failed but something could not be decided (an interval straddling a threshold, a metric not
 * measured). {@code NOT_CHECKED} decides nothing.
 */
public record AcceptanceReport(String profileId, String run, List<RuleVerdict> rules, List<InventoryCheck> inventory) {

    public static final int EXIT_PASS = 0;
    public static final int EXIT_FAIL = 1;
    public static final int EXIT_INCONCLUSIVE = 3;

    public AcceptanceReport {
        rules = List.copyOf(rules);
        inventory = List.copyOf(inventory);
    }

    private Stream<Verdict> verdicts() {
        return Stream.concat(rules.stream().map(RuleVerdict::verdict), inventory.stream().map(InventoryCheck::verdict));
    }

    public Verdict verdict() {
        List<Verdict> all = verdicts().toList();
        if (all.contains(Verdict.FAIL)) {
            return Verdict.FAIL;
        }
        return all.contains(Verdict.INCONCLUSIVE) ? Verdict.INCONCLUSIVE : Verdict.PASS;
    }

    public int exitCode() {
        return switch (verdict()) {
            case FAIL -> EXIT_FAIL;
            case INCONCLUSIVE -> EXIT_INCONCLUSIVE;
            default -> EXIT_PASS;
        };
    }

    public long count(Verdict v) {
        return verdicts().filter(x -> x == v).count();
    }
}
