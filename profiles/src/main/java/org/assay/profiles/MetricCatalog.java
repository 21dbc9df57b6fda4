package org.assay.profiles;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names a profile may refer to. Profiles know no workloads, so whoever reads a
 * profile passes in the names it knows (the harness: every registered workload and derived
 * result); a name outside the catalog is refused with the nearest known one.
 */
@FunctionalInterface
public interface MetricCatalog {

    Set<String> metricNames();

    static MetricCatalog of(Collection<String> names) {
        Set<String> copy = java.util.Collections.unmodifiableSet(new TreeSet<>(names));
        return () -> copy;
    }

    /**
     * A catalog of {@code names} that also knows the unit each of {@code units}' metrics is
     * measured in, so an expected result or an absolute bound in another unit is refused.
     */
    static MetricCatalog of(Collection<String> names, Map<String, String> units) {
        Set<String> copy = java.util.Collections.unmodifiableSet(new TreeSet<>(names));
        Map<String, String> unitCopy = Map.copyOf(units);
        return new MetricCatalog() {
            @Override
            public Set<String> metricNames() {
                return copy;
            }

            @Override
            public Optional<String> unitOf(String metric) {
                return Optional.ofNullable(unitCopy.get(metric));
            }
        };
    }

    /** The unit a metric is measured in, where the catalog knows it. */
    default Optional<String> unitOf(String metric) {
        return Optional.empty();
    }

    /** A catalog that accepts every name: for reading a profile where no metric list is at hand. */
    static MetricCatalog anyName() {
        return AnyName.INSTANCE;
    }

    /** Whether names are checked at all. */
    default boolean checks() {
        return true;
    }

    default boolean isKnown(String metric) {
        return !checks() || metricNames().contains(metric);
    }

    /** The marker {@link #anyName()} returns. */
    enum AnyName implements MetricCatalog {
        INSTANCE;

        @Override
        public Set<String> metricNames() {
            return Set.of();
        }

        @Override
        public boolean checks() {
            return false;
        }
    }
}
