package org.assay.profiles;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A profile's acceptance rules: per-metric rules, and defaults per category (cpu, memory,
 * storage, network) for metrics no rule names. {@link #ruleFor} picks the one that applies.
 */
public record AcceptanceRules(Map<String, CategoryDefault> defaults, List<AcceptanceRule> rules) {

    public static final AcceptanceRules NONE = new AcceptanceRules(Map.of(), List.of());

    public AcceptanceRules {
        defaults = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(defaults));
        rules = List.copyOf(rules);
    }

    /** The bounds a category's metrics get when no rule names them. */
    public record CategoryDefault(Bound min, Bound max) {
    }

    /**
     * The rule for a measured key: the matching rule with the most parameters (the most
     * specific), else the category's default as a rule for exactly this key, else none.
     */
    public Optional<AcceptanceRule> ruleFor(MetricKey measured) {
        Optional<AcceptanceRule> specific = rules.stream().filter(r -> r.key().matches(measured))
                .max(Comparator.comparingInt(r -> r.key().params().size()));
        if (specific.isPresent()) {
            return specific;
        }
        CategoryDefault d = defaults.get(measured.category());
        return d == null ? Optional.empty() : Optional.of(new AcceptanceRule(measured, d.min(), d.max()));
    }
}
