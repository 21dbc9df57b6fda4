package org.assay.profiles;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resolved profile: its own id, kind and description, and everything else merged along its
 * {@code extends} chain ({@code lineage}: this profile first, then its parent, and so on).
 * {@code origin} says where this profile's own file came from. {@code burnIn} holds the
 * thresholds {@code assay burn-in --profile} judges stability with ({@link BurnInThresholds#NONE}
 * when the profile sets none).
 */
public record Profile(String id, ProfileKind kind, String description, String extendsId, List<String> lineage,
                      String origin, Map<String, String> sources, VendorSpec spec, List<ExpectedResult> expected,
                      AcceptanceRules acceptance, BurnInThresholds burnIn) {

    public Profile {
        lineage = List.copyOf(lineage);
        sources = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(sources));
        expected = List.copyOf(expected);
        burnIn = burnIn == null ? BurnInThresholds.NONE : burnIn;
    }

    /** The expected result for exactly this key. */
    public Optional<ExpectedResult> expected(MetricKey key) {
        return expected.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    /** The limits this profile's spec gives. */
    public SpecLimits limits() {
        return SpecLimits.of(spec);
    }
}
