package org.assay.analysis.judging;

import org.assay.profiles.ExpectedResult;
import org.assay.profiles.Profile;

import java.util.Optional;

/**
 * Whether a run and a profile can be judged together at all: a profile that expects a metric in
 * another unit than the run measured it in (a profile for another version of a workload, or
 * written by hand in the wrong unit), or one that shares nothing with the run (no expected
 * result, rule or limit applies, and no spec to check the inventory against) is refused as bad
 * input rather than reported as a pass.
 */
public final class Compatibility {

    private Compatibility() {
    }

    /** The problem, in one line; empty when the two fit. */
    public static Optional<String> problem(RunMeasurements run, Profile profile) {
        for (ExpectedResult e : profile.expected()) {
            for (Measurement m : run.matching(e.key())) {
                if (!e.unit().equals(m.unit())) {
                    return Optional.of("profile " + profile.id() + " expects " + e.key() + " in " + e.unit()
                            + " but the run measured it in " + m.unit() + ": they are not the same measurement");
                }
            }
        }
        boolean anyExpected = profile.expected().stream().anyMatch(e -> !run.matching(e.key()).isEmpty());
        boolean anyRule = run.all().stream().anyMatch(m -> profile.acceptance().ruleFor(m.key()).isPresent());
        boolean anyLimit = run.all().stream().anyMatch(m -> LimitShare.of(m, profile).isPresent());
        boolean anySpec = profile.spec() != null && (profile.spec().cpu() != null || profile.spec().memory() != null);
        if (!anyExpected && !anyRule && !anyLimit && !anySpec) {
            return Optional.of("profile " + profile.id() + " (" + profile.kind() + ") has nothing to judge this run by: "
                    + "no expected result, rule or spec limit covers any of its " + run.all().size() + " results");
        }
        return Optional.empty();
    }
}
